import { describe, expect, it } from 'vitest';
import type { Space } from '../../api/types';
import { likelyDuplicates } from './duplicates';

const space = (id: string, name: string, issue = '', state: Space['state'] = 'active'): Space => ({
  id,
  kind: 'tactical',
  name,
  state,
  membership: null,
  ...(issue
    ? {
        mandate: {
          issue,
          objectives: 'o',
          deliverables: 'd',
          start: '2026-01-01',
          end: '2026-12-31',
        },
      }
    : {}),
});

describe('likely duplicate proposals', () => {
  const existing = [
    space(
      'a',
      'Groupe tactique Séchage efficace du bois',
      'Réduire la consommation des séchoirs à bois',
    ),
    space('b', 'Hydrogène vert'),
    space('c', 'Séchage solaire', '', 'declined'),
  ];

  it('finds the same group whatever its case, accents or small words', () => {
    expect(
      likelyDuplicates(space('n', 'GT sechage efficace du BOIS'), existing).map((s) => s.id),
    ).toEqual(['a']);
    expect(
      likelyDuplicates(
        space('n', 'Autre nom', 'réduire la consommation des séchoirs'),
        existing,
      ).map((s) => s.id),
    ).toEqual(['a']);
  });

  it('leaves different groups, itself and declined ones alone', () => {
    expect(likelyDuplicates(space('n', 'Intelligence artificielle'), existing)).toEqual([]);
    expect(likelyDuplicates(existing[0]!, existing)).toEqual([]);
    expect(likelyDuplicates(space('n', 'Séchage solaire'), existing)).toEqual([]);
  });
});
