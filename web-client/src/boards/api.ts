import { ApiError } from '../api/http';
import { api } from '../state/session';
import type {
  Board,
  BoardWithCards,
  Card,
  CardFilter,
  CardPatch,
  Column,
  MoveTarget,
  Swimlane,
  Task,
} from './types';

/** REST calls of task boards (docs/openapi.json, operations *Board*, *Card*, myTasks). */
const boardsPath = (space: string) => `/api/spaces/${encodeURIComponent(space)}/boards`;
const boardPath = (space: string, board: string) =>
  `${boardsPath(space)}/${encodeURIComponent(board)}`;
const cardPath = (space: string, board: string, card: string) =>
  `${boardPath(space, board)}/cards/${encodeURIComponent(card)}`;

export async function listBoards(space: string): Promise<Board[]> {
  return (await api.request<{ boards: Board[] }>('GET', boardsPath(space))).boards;
}

export function createBoard(
  space: string,
  name: string,
  fromMandate: boolean,
): Promise<BoardWithCards> {
  return api.request('POST', boardsPath(space), fromMandate ? { name, fromMandate } : { name });
}

export function getBoard(
  space: string,
  board: string,
  filter: CardFilter = {},
): Promise<BoardWithCards> {
  const q = new URLSearchParams();
  if (filter.assignee) q.set('assignee', filter.assignee);
  if (filter.label) q.set('label', filter.label);
  if (filter.due) q.set('due', filter.due);
  if (filter.blocked !== undefined) q.set('blocked', String(filter.blocked));
  const text = q.toString();
  return api.request('GET', boardPath(space, board) + (text ? `?${text}` : ''));
}

export function updateBoard(
  space: string,
  board: string,
  patch: {
    name?: string;
    columns?: string[];
    swimlanes?: { id?: string; name: string; archived?: boolean }[];
  },
): Promise<Board> {
  return api.request('PATCH', boardPath(space, board), patch);
}

export function addColumn(
  space: string,
  board: string,
  name: string,
  wipLimit?: number,
): Promise<Column> {
  return api.request(
    'POST',
    `${boardPath(space, board)}/columns`,
    wipLimit ? { name, wipLimit } : { name },
  );
}

export function updateColumn(
  space: string,
  board: string,
  column: string,
  patch: { name?: string; wipLimit?: number | null; archived?: boolean },
): Promise<Column> {
  return api.request(
    'PATCH',
    `${boardPath(space, board)}/columns/${encodeURIComponent(column)}`,
    patch,
  );
}

export function addSwimlane(space: string, board: string, name: string): Promise<Swimlane> {
  return api.request('POST', `${boardPath(space, board)}/swimlanes`, { name });
}

/** Renames, archives or restores a lane, or (`after` given) puts it right after that lane (null: first). */
export function updateSwimlane(
  space: string,
  board: string,
  lane: string,
  patch: { name?: string; archived?: boolean; after?: string | null },
): Promise<Swimlane> {
  return api.request(
    'PATCH',
    `${boardPath(space, board)}/swimlanes/${encodeURIComponent(lane)}`,
    patch,
  );
}

export function createCard(
  space: string,
  board: string,
  card: {
    column: string;
    title: string;
    swimlane?: string;
    description?: string;
    message?: string;
    links?: Card['links'];
  },
): Promise<Card> {
  return api.request('POST', `${boardPath(space, board)}/cards`, card);
}

/** A card edit made over `version`; a stale one rejects with a {@link CardConflict}. */
export async function updateCard(
  space: string,
  board: string,
  card: string,
  version: number,
  patch: CardPatch,
): Promise<Card> {
  try {
    return await api.request<Card>('PATCH', cardPath(space, board, card), { version, ...patch });
  } catch (e) {
    const current =
      e instanceof ApiError && e.code === 'conflict'
        ? (e.body as { card?: Card } | null)?.card
        : undefined;
    if (current) throw new CardConflict(current);
    throw e;
  }
}

/** Someone changed the card first: `current` is the card as it is now. */
export class CardConflict extends Error {
  constructor(readonly current: Card) {
    super('conflict');
  }
}

export function moveCard(
  space: string,
  board: string,
  card: string,
  target: MoveTarget,
): Promise<Card> {
  return api.request('POST', `${cardPath(space, board, card)}/move`, target);
}

export function commentCard(
  space: string,
  board: string,
  card: string,
  text: string,
): Promise<Card> {
  return api.request('POST', `${cardPath(space, board, card)}/comments`, { text });
}

export function deleteCard(space: string, board: string, card: string): Promise<void> {
  return api.request('DELETE', cardPath(space, board, card));
}

export async function myTasks(): Promise<Task[]> {
  return (await api.request<{ tasks: Task[] }>('GET', '/api/me/tasks')).tasks;
}
