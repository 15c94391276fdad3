import { createBoard, createCard, listBoards } from './api';
import { openColumns } from './model';
import type { Card } from './types';

/** A card's title from a message: its first line, without Markdown markers, at most 200 characters. */
export function taskTitle(text: string): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '')
    .replace(/^[#>*\-\s]+/, '')
    .replace(/[*_`~]/g, '')
    .trim();
  const title = line || '…';
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/**
 * « Transformer en tâche »: a card in the first open column of the space's first board (a board
 * « Tâches » is created when there is none), linked to the message it came from.
 */
export async function taskFromMessage(
  space: string,
  message: { id: string; text: string },
  boardName: string,
): Promise<Card> {
  const boards = await listBoards(space);
  const board = boards[0] ?? (await createBoard(space, boardName, false));
  const column = openColumns(board)[0];
  if (!column) throw new Error('no open column');
  return createCard(space, board.id, {
    column: column.id,
    title: taskTitle(message.text),
    description: message.text,
    message: message.id,
    links: [{ kind: 'message', id: message.id }],
  });
}
