import { describe, expect, it } from 'vitest';
import { gridOf, laneRows, NO_LANE, rowCounts, rowTakes } from './lanes';
import {
  applyBoardEvent,
  boardOrder,
  dropTarget,
  fromView,
  keyboardTarget,
  mergeConflict,
  placeLocally,
  type BoardState,
} from './model';
import { testCard } from './testCards';
import type { Board, Card } from './types';

const board: Board = {
  id: 'b',
  space: 's',
  name: 'Suivi',
  columns: [
    { id: 'todo', name: 'À faire', archived: false },
    { id: 'doing', name: 'En cours', archived: false, wipLimit: 2 },
    { id: 'done', name: 'Terminé', archived: false },
  ],
  swimlanes: [
    { id: 'l1', name: 'Lot 1', archived: false },
    { id: 'old', name: 'Ancien lot', archived: true },
    { id: 'l2', name: 'Lot 2', archived: false },
  ],
  version: 1,
  createdAt: '',
  createdBy: 'u',
};

const card = (id: string, column: string, position: string, swimlane?: string) =>
  testCard(id, column, position, swimlane ? { swimlane } : {});

function state(...cards: Card[]): BoardState {
  return fromView({ ...board, cards });
}

/** The grid as row key → column → card ids, for short assertions. */
function cells(s: BoardState, filter = {}): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  const keep = (c: Card) => boardOrder(s, filter).includes(c);
  for (const [row, cols] of gridOf(s.board, s.cards.values(), keep)) {
    out[row] = {};
    for (const [col, list] of cols) out[row]![col] = list.map((c) => c.id);
  }
  return out;
}

describe('lane layout', () => {
  const s = state(
    card('a', 'todo', 'b', 'l1'),
    card('b', 'todo', 'a', 'l2'),
    card('c', 'todo', 'c', 'l1'),
    card('d', 'doing', 'V'),
    card('e', 'doing', 'W', 'removed'),
    card('f', 'done', 'V', 'old'),
  );

  it('rows: open lanes in the board order, then the cards without a lane, then archived lanes', () => {
    expect(laneRows(board).map((r) => r.key)).toEqual(['l1', 'l2', NO_LANE, 'old']);
  });

  it('puts each card in the cell of its lane and column, in position order; a removed lane counts as none', () => {
    expect(cells(s)).toEqual({
      l1: { todo: ['a', 'c'] },
      l2: { todo: ['b'] },
      [NO_LANE]: { doing: ['d', 'e'] },
      old: { done: ['f'] },
    });
    expect(Object.fromEntries(rowCounts(board, s.cards.values()))).toEqual({
      l1: 2,
      l2: 1,
      [NO_LANE]: 2,
      old: 1,
    });
  });

  it('filters apply cell by cell, and a lane filter keeps one row', () => {
    expect(cells(s, { swimlane: 'l1' })).toEqual({ l1: { todo: ['a', 'c'] } });
    expect(cells(s, { swimlane: NO_LANE })).toEqual({ [NO_LANE]: { doing: ['d', 'e'] } });
  });

  it('a board without lanes keeps one row for every card', () => {
    const plain = fromView({ ...board, swimlanes: [], cards: [card('a', 'todo', 'V', 'l1')] });
    expect([...gridOf(plain.board, plain.cards.values()).keys()]).toEqual([NO_LANE]);
  });
});

describe('moving cards between lanes', () => {
  const s = state(
    card('a', 'todo', 'a', 'l1'),
    card('x', 'todo', 'b', 'l2'),
    card('b', 'todo', 'c', 'l1'),
    card('c', 'doing', 'V', 'l1'),
    card('y', 'doing', 'a', 'l2'),
    card('f', 'done', 'V', 'old'),
  );

  it('by keyboard: up and down stay in the cell (cards of other lanes in between do not count)', () => {
    expect(keyboardTarget(s, 'b', 'up')).toEqual({ column: 'todo', before: 'a', swimlane: 'l1' });
    expect(keyboardTarget(s, 'a', 'down')).toEqual({ column: 'todo', after: 'b', swimlane: 'l1' });
    expect(keyboardTarget(s, 'a', 'up')).toBeNull();
    expect(keyboardTarget(s, 'x', 'down')).toBeNull();
  });

  it('by keyboard: left and right go to the bottom of the same lane in the next column', () => {
    expect(keyboardTarget(s, 'a', 'right')).toEqual({
      column: 'doing',
      after: 'c',
      swimlane: 'l1',
    });
    expect(keyboardTarget(s, 'x', 'right')).toEqual({
      column: 'doing',
      after: 'y',
      swimlane: 'l2',
    });
    expect(keyboardTarget(s, 'c', 'right')).toEqual({ column: 'done', swimlane: 'l1' });
  });

  it('by keyboard: lane up and down go to the bottom of the same column in the next lane that takes cards', () => {
    expect(keyboardTarget(s, 'a', 'laneDown')).toEqual({
      column: 'todo',
      after: 'x',
      swimlane: 'l2',
    });
    expect(keyboardTarget(s, 'x', 'laneDown')).toEqual({ column: 'todo', swimlane: null });
    expect(keyboardTarget(s, 'a', 'laneUp')).toBeNull();
    expect(keyboardTarget(s, 'y', 'laneUp')).toEqual({
      column: 'doing',
      after: 'c',
      swimlane: 'l1',
    });
    // The archived lane takes no card from elsewhere; its own cards may leave it.
    const none = placeLocally(s, 'x', { column: 'todo', swimlane: null });
    expect(keyboardTarget(none, 'x', 'laneDown')).toBeNull();
    expect(keyboardTarget(s, 'f', 'laneUp')).toEqual({ column: 'done', swimlane: null });
    // A board without lanes has no lane moves.
    const plain = fromView({ ...board, swimlanes: [], cards: [card('a', 'todo', 'V')] });
    expect(keyboardTarget(plain, 'a', 'laneDown')).toBeNull();
  });

  it('a drop on a card of another lane takes that lane, in one move; the card is then in that cell only', () => {
    const target = dropTarget(s, 'a', { column: 'doing', lane: 'l2', card: 'y', edge: 'top' })!;
    expect(target).toEqual({ column: 'doing', before: 'y', swimlane: 'l2' });
    const moved = placeLocally(s, 'a', target);
    const grid = gridOf(moved.board, moved.cards.values());
    expect(
      grid
        .get('l2')
        ?.get('doing')
        ?.map((c) => c.id),
    ).toEqual(['a', 'y']);
    expect(
      grid
        .get('l1')
        ?.get('todo')
        ?.map((c) => c.id),
    ).toEqual(['b']);
    expect([...grid.values()].flatMap((r) => [...r.values()].flat()).length).toBe(6);
    // A drop on a cell's empty space: its bottom; onto the band without lane: swimlane null.
    expect(dropTarget(s, 'a', { column: 'todo', lane: 'l2' })).toEqual({
      column: 'todo',
      after: 'x',
      swimlane: 'l2',
    });
    const out = placeLocally(s, 'a', dropTarget(s, 'a', { column: 'done', lane: NO_LANE })!);
    expect(out.cards.get('a')?.swimlane).toBeUndefined();
    // Into an archived lane: nothing, unless the card is already there.
    expect(dropTarget(s, 'a', { column: 'todo', lane: 'old' })).toBeNull();
    expect(rowTakes(board, 'old', undefined)).toBe(false);
    expect(rowTakes(board, 'l1', undefined)).toBe(true);
    expect(dropTarget(s, 'f', { column: 'doing', lane: 'old' })).toEqual({
      column: 'doing',
      swimlane: 'old',
    });
  });

  it('another person’s move to another lane, as an event, moves the card there', () => {
    const event = { ...s.cards.get('a')!, swimlane: 'l2', column: 'done', version: 2 };
    const after = applyBoardEvent(s, 'card.moved', { card: event });
    expect(gridOf(after.board, after.cards.values()).get('l2')?.get('done')?.[0]?.id).toBe('a');
    const lanes = applyBoardEvent(s, 'board.updated', {
      board: {
        ...board,
        version: 2,
        swimlanes: [...board.swimlanes, { id: 'l3', name: 'Lot 3', archived: false }],
      },
    });
    expect(laneRows(lanes.board).map((r) => r.key)).toEqual(['l1', 'l2', 'l3', NO_LANE, 'old']);
  });

  it('a lane changed by someone else while the dialog was open is a field to choose', () => {
    const base = s.cards.get('a')!;
    expect(
      mergeConflict(base, { swimlane: 'l2' }, { ...base, swimlane: undefined, version: 2 }),
    ).toEqual({ clean: false, fields: ['swimlane'] });
    expect(mergeConflict(base, { swimlane: null }, { ...base, title: 'x', version: 2 })).toEqual({
      clean: true,
      patch: { swimlane: null },
    });
  });
});
