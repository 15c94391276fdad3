import { describe, expect, it } from 'vitest';
import {
  LatestOnly,
  displayOrder,
  groupBySpace,
  linkOf,
  moveActive,
  searchQuery,
  segments,
} from './model';
import { NO_FILTERS, type SearchResult } from './types';

function hit(id: string, space: string): SearchResult {
  return {
    kind: 'message',
    id,
    space: { id: space, name: `Espace ${space}` },
    snippet: id,
    highlights: [],
    at: '2026-01-01T00:00:00Z',
    link: `/spaces/${space}`,
  };
}

describe('searchQuery', () => {
  it('is null until something is typed', () => {
    expect(searchQuery('', NO_FILTERS)).toBeNull();
    expect(searchQuery('   ', NO_FILTERS)).toBeNull();
  });

  it('keeps a trailing space (the last word is finished) and drops leading ones', () => {
    const params = new URLSearchParams(searchQuery('  séchoir ', NO_FILTERS) ?? '');
    expect(params.get('q')).toBe('séchoir ');
  });

  it('adds the filters that are set, and a limit', () => {
    const params = new URLSearchParams(
      searchQuery('bois', { kind: 'message', space: 's1', from: '2026-01-01', to: '' }) ?? '',
    );
    expect(params.get('kind')).toBe('message');
    expect(params.get('space')).toBe('s1');
    expect(params.get('from')).toBe('2026-01-01');
    expect(params.has('to')).toBe(false);
    expect(params.get('limit')).toBe('30');
  });
});

describe('segments', () => {
  it('marks the ranges and keeps the text whole', () => {
    const s = segments('Le séchoir à bois', [
      [3, 10],
      [13, 17],
    ]);
    expect(s).toEqual([
      { text: 'Le ', mark: false },
      { text: 'séchoir', mark: true },
      { text: ' à ', mark: false },
      { text: 'bois', mark: true },
    ]);
    expect(s.map((x) => x.text).join('')).toBe('Le séchoir à bois');
  });

  it('tolerates unsorted, overlapping and out-of-bounds ranges', () => {
    const s = segments('abcdef', [
      [4, 99],
      [0, 2],
      [1, 3],
      [5, 5],
    ]);
    expect(s.map((x) => x.text).join('')).toBe('abcdef');
    expect(s.filter((x) => x.mark).map((x) => x.text)).toEqual(['abc', 'ef']);
  });

  it('never produces markup from the text', () => {
    const s = segments('<img src=x onerror=alert(1)>', [[0, 4]]);
    expect(s[0]).toEqual({ text: '<img', mark: true });
  });
});

describe('groupBySpace', () => {
  it('orders groups by their best hit and keeps the hits in order', () => {
    const groups = groupBySpace([hit('a', 'x'), hit('b', 'y'), hit('c', 'x')]);
    expect(groups.map((g) => g.space.id)).toEqual(['x', 'y']);
    expect(displayOrder(groups).map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('moveActive', () => {
  it('wraps around and starts from either end', () => {
    expect(moveActive(-1, 1, 3)).toBe(0);
    expect(moveActive(-1, -1, 3)).toBe(2);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, -1, 3)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(-1);
  });
});

describe('LatestOnly', () => {
  it('drops an answer that arrives after a newer search was started', async () => {
    const latest = new LatestOnly<string>();
    let release: (v: string) => void = () => {};
    const slow = latest.run(() => new Promise<string>((r) => (release = r)));
    const fast = await latest.run(() => Promise.resolve('new'));
    release('old');
    expect(fast).toEqual({ current: true, value: 'new' });
    expect(await slow).toEqual({ current: false, value: 'old' });
  });
});

describe('messageFromAddress', () => {
  it('reads a message id from the address, and nothing else', async () => {
    const { messageFromAddress } = await import('./jump');
    expect(messageFromAddress('?message=6b0c5c1f')).toBe('6b0c5c1f');
    expect(messageFromAddress('?message="]%20li')).toBeNull();
    expect(messageFromAddress('?other=1')).toBeNull();
  });
});

describe('linkOf', () => {
  const base = {
    id: 'd1',
    space: { id: 's1', name: 'Escouade' },
    title: 'Compte rendu',
    snippet: 'Les planches d’érable sèchent',
    highlights: [[15, 21]] as [number, number][],
    at: '2026-03-02T09:00:00Z',
    link: '/spaces/s1/documents/d1',
  };

  it('opens a document at the first matched word', () => {
    expect(linkOf({ ...base, kind: 'document' })).toBe('/spaces/s1/documents/d1?find=%C3%A9rable');
  });

  it('leaves other links as they are', () => {
    expect(
      linkOf({ ...base, kind: 'message', link: '/spaces/s1/discussions/general?message=m1' }),
    ).toBe('/spaces/s1/discussions/general?message=m1');
    expect(linkOf({ ...base, kind: 'document', highlights: [] })).toBe('/spaces/s1/documents/d1');
  });
});
