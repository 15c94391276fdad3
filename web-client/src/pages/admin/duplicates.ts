import type { Space } from '../../api/types';
import { fold } from '../../workspace/model';

/** Words that say nothing about what a group is about. */
const STOP = new Set([
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'et',
  'en',
  'a',
  'au',
  'aux',
  'l',
  'd',
  'pour',
  'groupe',
  'tactique',
  'gt',
  'the',
  'of',
  'and',
  'for',
]);

function words(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.min(a.size, b.size);
}

/**
 * Other spaces that look like the same group (pure): the same name or issue once case, accents
 * and small words are set aside, or names or issues sharing most of their words. Declined
 * proposals do not count.
 */
export function likelyDuplicates(space: Space, others: readonly Space[]): Space[] {
  const name = words(space.name);
  const issue = words(space.mandate?.issue ?? '');
  return others.filter((o) => {
    if (o.id === space.id || o.state === 'declined') return false;
    const sameName = overlap(name, words(o.name)) >= 0.75;
    const sameIssue = issue.size > 0 && overlap(issue, words(o.mandate?.issue ?? '')) >= 0.75;
    return sameName || sameIssue;
  });
}
