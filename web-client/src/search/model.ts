import type { Range, SearchFilters, SearchResult } from './types';

/**
 * The search panel's logic, pure and tested: the request's query string, highlighted segments,
 * results grouped by space in best-first order, and the keyboard selection.
 */

export const MAX_QUERY = 200;
export const PAGE = 30;

/** The query string of a search; `null` when there is nothing to search yet. */
export function searchQuery(q: string, filters: SearchFilters, limit = PAGE): string | null {
  // Leading spaces mean nothing; a trailing one does (the last word is finished), so it is kept.
  const text = q.replace(/^\s+/, '').slice(0, MAX_QUERY);
  if (text.trim() === '') return null;
  const params = new URLSearchParams({ q: text });
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.space) params.set('space', filters.space);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  params.set('limit', String(limit));
  return params.toString();
}

export function hasFilters(filters: SearchFilters): boolean {
  return Boolean(filters.kind || filters.space || filters.from || filters.to);
}

export interface Segment {
  text: string;
  mark: boolean;
}

/** Splits `text` at the ranges; ranges out of bounds, empty or overlapping are tolerated. */
export function segments(text: string, ranges: readonly Range[] = []): Segment[] {
  const sorted = [...ranges]
    .map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (e <= at) continue;
    const start = Math.max(s, at);
    const last = out[out.length - 1];
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    else if (last?.mark) {
      // touching or overlapping ranges make one mark
      last.text += text.slice(start, e);
      at = e;
      continue;
    }
    out.push({ text: text.slice(start, e), mark: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

export interface SpaceGroup {
  space: { id: string; name: string };
  results: SearchResult[];
}

/** Groups by space; groups come in the order of their best hit, hits keep their order. */
export function groupBySpace(results: readonly SearchResult[]): SpaceGroup[] {
  const groups = new Map<string, SpaceGroup>();
  for (const r of results) {
    let g = groups.get(r.space.id);
    if (!g) {
      g = { space: r.space, results: [] };
      groups.set(r.space.id, g);
    }
    g.results.push(r);
  }
  return [...groups.values()];
}

/** The hits in the order they are shown (group by group), which is the order of the arrow keys. */
export function displayOrder(groups: readonly SpaceGroup[]): SearchResult[] {
  return groups.flatMap((g) => g.results);
}

/** Moves the active hit by `delta`, wrapping around; -1 (none) goes to the first or the last. */
export function moveActive(active: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (active < 0) return delta > 0 ? 0 : count - 1;
  return (((active + delta) % count) + count) % count;
}

/**
 * Runs searches one after the other as the person types: each call supersedes the previous one, and
 * an answer that arrives after a newer call was made is dropped (a slow answer never overwrites a
 * newer one).
 */
export class LatestOnly<T> {
  private seq = 0;

  async run(work: () => Promise<T>): Promise<{ current: boolean; value: T }> {
    const mine = ++this.seq;
    const value = await work();
    return { current: mine === this.seq, value };
  }

  cancel(): void {
    this.seq++;
  }
}

/**
 * Where a result opens: its link, and for a document the first word the search matched
 * (`?find=`), which the editor selects.
 */
export function linkOf(r: SearchResult): string {
  const first = r.highlights[0];
  if (r.kind !== 'document' || !first) return r.link;
  const word = r.snippet.slice(first[0], first[1]);
  return word
    ? `${r.link}${r.link.includes('?') ? '&' : '?'}find=${encodeURIComponent(word)}`
    : r.link;
}
