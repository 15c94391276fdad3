import type { Board, Card, CardFilter, MoveTarget, Swimlane } from './types';

/**
 * Swimlanes as the board lays them out (pure, unit-tested). A board with lanes is a grid: one row
 * per lane, the same columns in every row. Positions stay per column (docs/protocol.md
 * « Swimlanes »), so a cell is simply the column's cards of that lane, in position order.
 */

/** The row key of the cards without a lane (or whose lane was removed): « Sans couloir ». */
export const NO_LANE = '';

/** One row of the grid: a lane of the board, or (lane null) the cards without one. */
export interface LaneRow {
  key: string;
  lane: Swimlane | null;
}

export function hasLanes(board: Board): boolean {
  return board.swimlanes.length > 0;
}

/** The rows in the order shown: open lanes in the board's order, the cards without a lane, archived lanes. */
export function laneRows(board: Board): LaneRow[] {
  const open = board.swimlanes.filter((l) => !l.archived);
  const archived = board.swimlanes.filter((l) => l.archived);
  return [
    ...open.map((lane) => ({ key: lane.id, lane })),
    { key: NO_LANE, lane: null },
    ...archived.map((lane) => ({ key: lane.id, lane })),
  ];
}

/** A function giving a card's row key; a lane the board no longer has counts as none. */
export function laneKeyOf(board: Board): (card: Card) => string {
  const known = new Set(board.swimlanes.map((l) => l.id));
  return (card) => (card.swimlane && known.has(card.swimlane) ? card.swimlane : NO_LANE);
}

/** What a move sends for a row: its lane id, or null for the cards without a lane. */
export function laneWire(key: string): string | null {
  return key === NO_LANE ? null : key;
}

/** Whether a card may be put in a row: an archived lane keeps only the cards already in it. */
export function rowTakes(board: Board, key: string, card: Card | undefined): boolean {
  const lane = board.swimlanes.find((l) => l.id === key);
  return !lane?.archived || (card !== undefined && laneKeyOf(board)(card) === key);
}

const byPosition = (a: Card, b: Card) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : 0;

/**
 * Every cell of the grid in one pass over the cards: row key → column id → cards in position
 * order (only those `keep` accepts). Rows and columns without cards have no entry.
 */
export function gridOf(
  board: Board,
  cards: Iterable<Card>,
  keep: (card: Card) => boolean = () => true,
): Map<string, Map<string, Card[]>> {
  const keyOf = laneKeyOf(board);
  const out = new Map<string, Map<string, Card[]>>();
  for (const card of cards) {
    if (!keep(card)) continue;
    const key = keyOf(card);
    let row = out.get(key);
    if (!row) out.set(key, (row = new Map()));
    const cell = row.get(card.column);
    if (cell) cell.push(card);
    else row.set(card.column, [card]);
  }
  for (const row of out.values()) for (const cell of row.values()) cell.sort(byPosition);
  return out;
}

/** How many cards each row holds (all of them, whatever the filter: like a column's count). */
export function rowCounts(board: Board, cards: Iterable<Card>): Map<string, number> {
  const keyOf = laneKeyOf(board);
  const out = new Map<string, number>();
  for (const card of cards) out.set(keyOf(card), (out.get(keyOf(card)) ?? 0) + 1);
  return out;
}

/** The cards of one cell, in order, leaving out `except`. */
export function cellCards(
  board: Board,
  cards: Iterable<Card>,
  column: string,
  key: string,
  except = '',
): Card[] {
  const keyOf = laneKeyOf(board);
  const out: Card[] = [];
  for (const c of cards)
    if (c.column === column && c.id !== except && keyOf(c) === key) out.push(c);
  return out.sort(byPosition);
}

/** The bottom of a cell: under its last card (an empty cell: anywhere in the column will do). */
export function bottomOfCell(
  board: Board,
  cards: Iterable<Card>,
  column: string,
  key: string,
  except: string,
): MoveTarget {
  const there = cellCards(board, cards, column, key, except);
  const last = there[there.length - 1];
  const target: MoveTarget = { column, swimlane: laneWire(key) };
  if (last) target.after = last.id;
  return target;
}

/** The nearest row above (-1) or below (+1) `key` that takes `card`; null when there is none. */
export function nextRow(board: Board, key: string, by: -1 | 1, card: Card): string | null {
  const rows = laneRows(board);
  for (let i = rows.findIndex((r) => r.key === key) + by; i >= 0 && i < rows.length; i += by) {
    if (rowTakes(board, rows[i]!.key, card)) return rows[i]!.key;
  }
  return null;
}

/** A filter's `swimlane` (a row key) keeps only that row; the other criteria are the model's. */
export function inRow(board: Board, f: CardFilter): (card: Card) => boolean {
  if (f.swimlane === undefined) return () => true;
  const keyOf = laneKeyOf(board);
  return (card) => keyOf(card) === f.swimlane;
}
