import { describe, expect, it } from 'vitest';
import { countArrival, countRemoval, firstUnread, moveMarker, totals } from './unread';

describe('unread and mentions', () => {
  const start = { lastRead: 10, unread: 0, mentions: 0 };

  it('counts messages by others after the marker, and mentions of me', () => {
    let s = countArrival(start, { seq: 11, author: 'u2', mentions: [] }, 'me');
    s = countArrival(s, { seq: 12, author: 'u2', mentions: ['me', 'u3'] }, 'me');
    s = countArrival(s, { seq: 13, author: 'me', mentions: ['me'] }, 'me');
    s = countArrival(s, { seq: 9, author: 'u2', mentions: ['me'] }, 'me');
    expect(s).toEqual({ lastRead: 10, unread: 2, mentions: 1 });
    s = countRemoval(s, { seq: 12, author: 'u2', mentions: ['me'] }, 'me');
    expect(s).toEqual({ lastRead: 10, unread: 1, mentions: 0 });
  });

  it('never moves the marker back', () => {
    const read = { lastRead: 20, unread: 0, mentions: 0 };
    expect(moveMarker(start, read)).toBe(read);
    expect(moveMarker(read, start)).toBe(read);
  });

  it('finds the first unread message by someone else', () => {
    const list = [
      { id: 'a', seq: 9, author: 'u2', deleted: false },
      { id: 'b', seq: 11, author: 'me', deleted: false },
      { id: 'c', seq: 12, author: 'u2', deleted: true },
      { id: 'd', seq: 13, author: 'u2', deleted: false },
    ];
    expect(firstUnread(list, 10, 'me')).toBe('d');
    expect(firstUnread(list, 13, 'me')).toBeNull();
  });

  it('totals open channels', () => {
    expect(
      totals([
        { lastRead: 1, unread: 3, mentions: 1 },
        { lastRead: 1, unread: 2, mentions: 2, archived: true },
        { lastRead: 1, unread: 1, mentions: 0 },
      ]),
    ).toEqual({ unread: 4, mentions: 1 });
  });
});
