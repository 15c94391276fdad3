import {
  bottomOfCell,
  cellCards,
  hasLanes,
  inRow,
  laneKeyOf,
  laneWire,
  nextRow,
  rowTakes,
} from './lanes';
import { keyBetween } from './positions';
import type {
  Board,
  BoardWithCards,
  Card,
  CardFilter,
  CardPatch,
  Column,
  MoveTarget,
} from './types';

/**
 * A board as the client holds it (pure functions, unit-tested). Events and REST answers carry
 * whole cards; for each card the highest `version` seen wins, and a deleted card never comes back,
 * so applying the `card.*` events in any order ends with the order of `GET`.
 */
export interface BoardState {
  board: Board;
  cards: ReadonlyMap<string, Card>;
  deleted: ReadonlySet<string>;
}

export const SOON_DAYS = 7;

export function fromView(view: BoardWithCards): BoardState {
  const { cards, ...board } = view;
  return { board, cards: new Map(cards.map((c) => [c.id, c])), deleted: new Set() };
}

/** A card from an event or an answer: kept only if newer than what we have. */
export function upsertCard(state: BoardState, card: Card): BoardState {
  if (card.board !== state.board.id || state.deleted.has(card.id)) return state;
  const known = state.cards.get(card.id);
  if (known && known.version >= card.version) return state;
  const cards = new Map(state.cards);
  cards.set(card.id, card);
  return { ...state, cards };
}

export function removeCard(state: BoardState, id: string): BoardState {
  if (!state.cards.has(id) && state.deleted.has(id)) return state;
  const cards = new Map(state.cards);
  cards.delete(id);
  const deleted = new Set(state.deleted);
  deleted.add(id);
  return { ...state, cards, deleted };
}

/** Applies one event of the space log; kinds of other features and other boards change nothing. */
export function applyBoardEvent(
  state: BoardState,
  kind: string,
  data: Record<string, unknown>,
): BoardState {
  if (kind === 'board.updated') {
    const board = data.board as Board | undefined;
    if (!board || board.id !== state.board.id || board.version < state.board.version) return state;
    return { ...state, board };
  }
  if (kind === 'card.deleted') {
    return data.board === state.board.id ? removeCard(state, String(data.id)) : state;
  }
  if (kind === 'card.created' || kind === 'card.updated' || kind === 'card.moved') {
    const card = data.card as Card | undefined;
    return card ? upsertCard(state, card) : state;
  }
  return state;
}

export function openColumns(board: Board): Column[] {
  return board.columns.filter((c) => !c.archived);
}

/** The column whose cards are done: the last open one. */
export function doneColumn(board: Board): string | null {
  const open = openColumns(board);
  return open.length ? open[open.length - 1]!.id : null;
}

export function isBlocked(
  card: Card,
  cards: ReadonlyMap<string, Card>,
  done: string | null,
): boolean {
  return card.blockedBy.some((id) => {
    const b = cards.get(id);
    return b !== undefined && b.column !== done;
  });
}

/** `overdue`, `soon` (today up to 7 days ahead) or null; done cards are neither. `today`: YYYY-MM-DD. */
export function dueStatus(
  card: Card,
  today: string,
  done: string | null,
): 'overdue' | 'soon' | null {
  if (!card.due || card.column === done) return null;
  if (card.due < today) return 'overdue';
  return card.due <= addDays(today, SOON_DAYS) ? 'soon' : null;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function matches(card: Card, f: CardFilter, state: BoardState, today: string): boolean {
  const done = doneColumn(state.board);
  if (f.assignee && !card.assignees.includes(f.assignee)) return false;
  if (f.label && !card.labels.includes(f.label)) return false;
  if (f.due && dueStatus(card, today, done) !== f.due) return false;
  if (f.blocked !== undefined && isBlocked(card, state.cards, done) !== f.blocked) return false;
  return inRow(state.board, f)(card);
}

const byPosition = (a: Card, b: Card) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : 0;

/** The cards of each column, in order; only those the filter keeps. */
export function columnsOf(
  state: BoardState,
  filter: CardFilter = {},
  today = localToday(),
): Map<string, Card[]> {
  const out = new Map<string, Card[]>(state.board.columns.map((c) => [c.id, []]));
  for (const card of state.cards.values()) {
    if (!matches(card, filter, state, today)) continue;
    out.get(card.column)?.push(card);
  }
  for (const list of out.values()) list.sort(byPosition);
  return out;
}

/** Every card in board order (columns in order, then position): the list view and `GET`'s order. */
export function boardOrder(
  state: BoardState,
  filter: CardFilter = {},
  today = localToday(),
): Card[] {
  const cols = columnsOf(state, filter, today);
  return state.board.columns.flatMap((c) => cols.get(c.id) ?? []);
}

export function labelsOf(state: BoardState): string[] {
  return [...new Set([...state.cards.values()].flatMap((c) => c.labels))].sort();
}

/** Whether a column is at or over its WIP limit. */
export function wip(column: Column, count: number): 'over' | 'full' | null {
  if (column.wipLimit === undefined) return null;
  if (count > column.wipLimit) return 'over';
  return count === column.wipLimit ? 'full' : null;
}

function columnCards(state: BoardState, column: string, except: string): Card[] {
  return [...state.cards.values()]
    .filter((c) => c.column === column && c.id !== except)
    .sort(byPosition);
}

export type KeyMove = 'up' | 'down' | 'left' | 'right' | 'laneUp' | 'laneDown';

/**
 * The place a keyboard move asks for: up/down swap with the neighbour in the column (on a board
 * with lanes: in its cell), left/right go to the bottom of the next open column (same lane),
 * laneUp/laneDown to the bottom of the same column in the previous/next lane that takes cards.
 * Null when the card cannot go that way.
 */
export function keyboardTarget(state: BoardState, cardId: string, dir: KeyMove): MoveTarget | null {
  const card = state.cards.get(cardId);
  if (!card) return null;
  const board = state.board;
  const lanes = hasLanes(board);
  const key = laneKeyOf(board)(card);
  const cards = state.cards.values();
  if (dir === 'laneUp' || dir === 'laneDown') {
    const row = lanes ? nextRow(board, key, dir === 'laneUp' ? -1 : 1, card) : null;
    return row === null ? null : bottomOfCell(board, cards, card.column, row, cardId);
  }
  if (dir === 'left' || dir === 'right') {
    const open = openColumns(board);
    const at = open.findIndex((c) => c.id === card.column);
    const next = open[at + (dir === 'left' ? -1 : 1)];
    if (at < 0 || !next) return null;
    if (lanes) return bottomOfCell(board, cards, next.id, key, cardId);
    const there = columnCards(state, next.id, cardId);
    const last = there[there.length - 1];
    return last ? { column: next.id, after: last.id } : { column: next.id };
  }
  const list = lanes
    ? cellCards(board, cards, card.column, key)
    : columnCards(state, card.column, '');
  const i = list.findIndex((c) => c.id === cardId);
  const lane = lanes ? { swimlane: laneWire(key) } : {};
  if (dir === 'up') {
    if (i <= 0) return null;
    return { column: card.column, before: list[i - 1]!.id, ...lane };
  }
  if (i >= list.length - 1) return null;
  return { column: card.column, after: list[i + 1]!.id, ...lane };
}

/**
 * Where a drop on a card's top or bottom half, or on a column's (a cell's) empty space (its
 * bottom), puts a card. `lane` is the row dropped on, on a board with lanes; a drop into an
 * archived lane the card is not in does nothing.
 */
export function dropTarget(
  state: BoardState,
  cardId: string,
  on: { column: string; lane?: string; card?: string; edge?: 'top' | 'bottom' },
): MoveTarget | null {
  if (on.card === cardId) return null;
  const card = state.cards.get(cardId);
  if (on.lane !== undefined) {
    if (!card || !rowTakes(state.board, on.lane, card)) return null;
    if (!on.card)
      return bottomOfCell(state.board, state.cards.values(), on.column, on.lane, cardId);
    const swimlane = laneWire(on.lane);
    return on.edge === 'top'
      ? { column: on.column, before: on.card, swimlane }
      : { column: on.column, after: on.card, swimlane };
  }
  if (!on.card) {
    const there = columnCards(state, on.column, cardId);
    const last = there[there.length - 1];
    return last ? { column: on.column, after: last.id } : { column: on.column };
  }
  return on.edge === 'top'
    ? { column: on.column, before: on.card }
    : { column: on.column, after: on.card };
}

/** The card shown at its new place at once (a provisional key), until the server's answer replaces it. */
export function placeLocally(state: BoardState, cardId: string, target: MoveTarget): BoardState {
  const card = state.cards.get(cardId);
  if (!card) return state;
  const there = columnCards(state, target.column, cardId);
  let lo: string | null = null;
  let hi: string | null = null;
  if (target.after) {
    const i = there.findIndex((c) => c.id === target.after);
    lo = there[i]?.position ?? null;
    hi = there[i + 1]?.position ?? null;
  } else if (target.before) {
    const i = there.findIndex((c) => c.id === target.before);
    hi = there[i]?.position ?? null;
    lo = i > 0 ? there[i - 1]!.position : null;
  } else {
    hi = there[0]?.position ?? null;
  }
  const moved: Card = { ...card, column: target.column, position: keyBetween(lo, hi) };
  if (target.swimlane !== undefined) {
    if (target.swimlane === null) delete moved.swimlane;
    else moved.swimlane = target.swimlane;
  }
  const cards = new Map(state.cards);
  cards.set(cardId, moved);
  return { ...state, cards };
}

/** The server's answer to a move: it replaces the provisional place whatever the versions say. */
export function settleMove(state: BoardState, card: Card): BoardState {
  const known = state.cards.get(card.id);
  if (known && known.version > card.version) return state;
  const cards = new Map(state.cards);
  cards.set(card.id, card);
  return { ...state, cards };
}

type Field = keyof CardPatch;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * After a 409: the edit (made over `base`) and the card as it is now (`theirs`). When no field the
 * person changed was changed by the other side, the edit can be made again over the new version
 * without losing anything; otherwise the fields changed on both sides are given to choose from.
 */
export function mergeConflict(
  base: Card,
  mine: CardPatch,
  theirs: Card,
): { clean: true; patch: CardPatch } | { clean: false; fields: Field[] } {
  const clashes = (Object.keys(mine) as Field[]).filter(
    (f) =>
      !same(
        (base as unknown as Record<string, unknown>)[f],
        (theirs as unknown as Record<string, unknown>)[f],
      ) && !same(mine[f], (theirs as unknown as Record<string, unknown>)[f]),
  );
  return clashes.length ? { clean: false, fields: clashes } : { clean: true, patch: mine };
}
