import { describe, expect, it } from 'vitest';
import { avatarHue, continuations, initials } from './grouping';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 10, min)).toISOString();
const m = (id: string, author: string, min: number, deleted = false) => ({
  id,
  author,
  createdAt: at(min),
  deleted,
});

describe('message grouping', () => {
  it('groups consecutive messages of one person within five minutes', () => {
    const list = [
      m('a', 'marie', 0),
      m('b', 'marie', 1),
      m('c', 'marie', 4),
      m('d', 'luc', 4),
      m('e', 'marie', 5),
    ];
    expect([...continuations(list)]).toEqual(['b', 'c']);
  });

  it('starts a new group after a pause, a deletion or the unread divider', () => {
    const list = [
      m('a', 'marie', 0),
      m('b', 'marie', 6),
      m('c', 'marie', 7, true),
      m('d', 'marie', 8),
      m('e', 'marie', 9),
    ];
    expect([...continuations(list)]).toEqual(['e']);
    expect([...continuations([m('a', 'x', 0), m('b', 'x', 1), m('c', 'x', 2)], 'b')]).toEqual([
      'c',
    ]);
  });

  it('makes initials from names, accents and hyphens included', () => {
    expect(initials('Marie Tremblay')).toBe('MT');
    expect(initials('Jean-François Côté')).toBe('JC');
    expect(initials('édith')).toBe('É');
    expect(initials('  ')).toBe('?');
    expect(initials('u123')).toBe('U');
  });

  it('gives each person a stable colour', () => {
    expect(avatarHue('abc')).toBe(avatarHue('abc'));
    expect(avatarHue('abc')).toBeGreaterThanOrEqual(0);
    expect(avatarHue('abc')).toBeLessThan(8);
  });
});
