import { describe, expect, it } from 'vitest';
import {
  applyBoardEvent,
  boardOrder,
  columnsOf,
  dropTarget,
  dueStatus,
  fromView,
  keyboardTarget,
  mergeConflict,
  placeLocally,
  settleMove,
  wip,
  type BoardState,
} from './model';
import { keyBetween } from './positions';
import { testCard } from './testCards';
import type { Board, Card } from './types';

const board: Board = {
  id: 'b',
  space: 's',
  name: 'Suivi',
  columns: [
    { id: 'todo', name: 'À faire', archived: false },
    { id: 'doing', name: 'En cours', archived: false, wipLimit: 1 },
    { id: 'old', name: 'Ancienne', archived: true },
    { id: 'done', name: 'Terminé', archived: false },
  ],
  swimlanes: [],
  version: 1,
  createdAt: '',
  createdBy: 'u',
};

const card = testCard;

function state(...cards: Card[]): BoardState {
  return fromView({ ...board, cards });
}

const ids = (s: BoardState) => boardOrder(s).map((c) => c.id);

describe('board state', () => {
  it('orders by column order, then position in plain string order', () => {
    const s = state(
      card('c', 'done', 'V'),
      card('a', 'todo', 'a'),
      card('b', 'todo', 'V'),
      card('d', 'doing', '1'),
    );
    expect(ids(s)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('keeps the highest version of a card whatever the order events come in, and never revives a deleted one', () => {
    const s0 = state(card('a', 'todo', 'V'));
    const moved = card('a', 'doing', 'V', { version: 3 });
    const older = card('a', 'done', 'W', { version: 2 });
    const s1 = applyBoardEvent(applyBoardEvent(s0, 'card.moved', { card: moved }), 'card.updated', {
      card: older,
    });
    expect(s1.cards.get('a')?.column).toBe('doing');
    const s2 = applyBoardEvent(s1, 'card.deleted', { id: 'a', board: 'b' });
    const s3 = applyBoardEvent(s2, 'card.updated', {
      card: card('a', 'todo', 'V', { version: 9 }),
    });
    expect(s3.cards.size).toBe(0);
    expect(applyBoardEvent(s3, 'message.created', { id: 'x' })).toBe(s3);
    expect(
      applyBoardEvent(s3, 'card.created', { card: { ...card('z', 'todo', 'V'), board: 'other' } }),
    ).toBe(s3);
  });

  it('filters by assignee, label, due and blocked; done cards are neither late nor blocking', () => {
    const s = state(
      card('late', 'todo', '1', { due: '2026-03-01', assignees: ['me'], labels: ['rapport'] }),
      card('soon', 'todo', '2', { due: '2026-03-12' }),
      card('doneLate', 'done', '1', { due: '2026-02-01' }),
      card('blocked', 'todo', '3', { blockedBy: ['soon'] }),
      card('free', 'todo', '4', { blockedBy: ['doneLate', 'gone'] }),
    );
    const today = '2026-03-10';
    const only = (f: Parameters<typeof columnsOf>[1]) => boardOrder(s, f, today).map((c) => c.id);
    expect(only({ assignee: 'me' })).toEqual(['late']);
    expect(only({ label: 'rapport' })).toEqual(['late']);
    expect(only({ due: 'overdue' })).toEqual(['late']);
    expect(only({ due: 'soon' })).toEqual(['soon']);
    expect(only({ blocked: true })).toEqual(['blocked']);
    expect(dueStatus(s.cards.get('doneLate')!, today, 'done')).toBeNull();
  });

  it('warns when a column reaches or passes its WIP limit', () => {
    expect(wip(board.columns[1]!, 1)).toBe('full');
    expect(wip(board.columns[1]!, 2)).toBe('over');
    expect(wip(board.columns[0]!, 50)).toBeNull();
  });
});

describe('moving cards', () => {
  const s = state(
    card('a', 'todo', 'a'),
    card('b', 'todo', 'b'),
    card('c', 'todo', 'c'),
    card('x', 'done', 'V'),
  );

  it('by keyboard: up and down swap with the neighbour, left and right go to the next open column, at the bottom', () => {
    expect(keyboardTarget(s, 'b', 'up')).toEqual({ column: 'todo', before: 'a' });
    expect(keyboardTarget(s, 'b', 'down')).toEqual({ column: 'todo', after: 'c' });
    expect(keyboardTarget(s, 'a', 'up')).toBeNull();
    expect(keyboardTarget(s, 'c', 'down')).toBeNull();
    expect(keyboardTarget(s, 'a', 'left')).toBeNull();
    expect(keyboardTarget(s, 'a', 'right')).toEqual({ column: 'doing' });
    // The archived column is skipped.
    expect(keyboardTarget(placeLocally(s, 'a', { column: 'doing' }), 'a', 'right')).toEqual({
      column: 'done',
      after: 'x',
    });
  });

  it('shows the card at its new place at once, and the server answer settles it', () => {
    const up = placeLocally(s, 'c', keyboardTarget(s, 'c', 'up')!);
    expect(ids(up)).toEqual(['a', 'c', 'b', 'x']);
    const top = placeLocally(s, 'c', { column: 'todo' });
    expect(ids(top)).toEqual(['c', 'a', 'b', 'x']);
    const drop = placeLocally(
      s,
      'a',
      dropTarget(s, 'a', { column: 'done', card: 'x', edge: 'top' })!,
    );
    expect(ids(drop)).toEqual(['b', 'c', 'a', 'x']);
    const settled = settleMove(drop, card('a', 'done', 'U', { version: 2 }));
    expect(ids(settled)).toEqual(['b', 'c', 'a', 'x']);
    expect(settled.cards.get('a')?.position).toBe('U');
    expect(dropTarget(s, 'a', { column: 'todo', card: 'a', edge: 'top' })).toBeNull();
    expect(dropTarget(s, 'a', { column: 'done' })).toEqual({ column: 'done', after: 'x' });
  });

  it('provisional keys sort strictly between their neighbours', () => {
    const pairs: [string | null, string | null][] = [
      [null, null],
      ['a', 'b'],
      ['a', 'a1'],
      [null, '01'],
      ['zz', null],
      ['V', 'V01'],
    ];
    for (const [lo, hi] of pairs) {
      const k = keyBetween(lo, hi);
      if (lo !== null) expect(k > lo).toBe(true);
      if (hi !== null) expect(k < hi).toBe(true);
      expect(k.endsWith('0')).toBe(false);
    }
  });
});

describe('conflicts', () => {
  const base = card('a', 'todo', 'V', { title: 'Rapport', description: 'v1', version: 2 });

  it('an edit of fields the other side did not touch is made again over the new version', () => {
    const theirs = { ...base, labels: ['urgent'], column: 'doing', version: 3 };
    expect(mergeConflict(base, { title: 'Rapport final' }, theirs)).toEqual({
      clean: true,
      patch: { title: 'Rapport final' },
    });
  });

  it('the same field changed differently on both sides is given to the person to choose', () => {
    const theirs = { ...base, title: 'Rapport d’étape', version: 3 };
    expect(mergeConflict(base, { title: 'Rapport final', description: 'v1' }, theirs)).toEqual({
      clean: false,
      fields: ['title'],
    });
    expect(mergeConflict(base, { title: 'Rapport d’étape' }, theirs)).toEqual({
      clean: true,
      patch: { title: 'Rapport d’étape' },
    });
  });
});
