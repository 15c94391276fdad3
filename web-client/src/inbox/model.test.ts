import { describe as group, expect, it } from 'vitest';
import type { AppNotification } from '../api/types';
import { addNotification, describe, markRead, wantsDesktop } from './model';

const n = (id: string, at: string, patch: Partial<AppNotification> = {}): AppNotification => ({
  id,
  kind: 'mention',
  space: { id: 's1', name: 'Escouade Numérique' },
  actor: { id: 'u1', name: 'Luc Gagnon' },
  at,
  read: false,
  data: { channel: 'c1', message: 'm1', excerpt: '**Urgent** <@u1>' },
  ...patch,
});

group('inbox', () => {
  it('adds a notification once, newest first, counting it unread', () => {
    let s = { items: [n('a', '2026-01-01T10:00:00Z')], unread: 1 };
    s = addNotification(s, n('b', '2026-01-01T11:00:00Z'));
    expect(s.items.map((x) => x.id)).toEqual(['b', 'a']);
    expect(s.unread).toBe(2);
    expect(addNotification(s, n('b', '2026-01-01T11:00:00Z'))).toBe(s);
  });

  it('marks some or all read, and takes the server’s count when it has one', () => {
    const s = {
      items: [n('a', '2026-01-01T10:00:00Z'), n('b', '2026-01-01T11:00:00Z')],
      unread: 5,
    };
    const one = markRead(s, ['a']);
    expect(one.items.find((x) => x.id === 'a')!.read).toBe(true);
    expect(one.unread).toBe(4);
    expect(markRead(one, ['a']).unread).toBe(4);
    expect(markRead(s, null)).toMatchObject({ unread: 0 });
    expect(markRead(s, ['b'], 3).unread).toBe(3);
  });

  it('words each kind and leads where it happened, with the text without Markdown', () => {
    const mention = describe(n('a', '2026-01-01T10:00:00Z'));
    expect(mention.key).toBe('inbox.mention');
    expect(mention.params).toEqual({ name: 'Luc Gagnon', space: 'Escouade Numérique' });
    expect(mention.href).toBe('/spaces/s1/discussions/c1');
    expect(mention.excerpt).toBe('Urgent @Luc Gagnon');
    const reply = describe(
      n('b', '2026-01-01T10:00:00Z', { kind: 'reply', data: { channel: 'c1', thread: 'r9' } }),
    );
    expect(reply.href).toBe('/spaces/s1/discussions/c1/r9');
    expect(describe(n('c', 'x', { kind: 'join.requested', data: { request: 'q' } })).href).toBe(
      '/spaces/s1',
    );
    expect(describe(n('d', 'x', { kind: 'space.proposed', data: {} })).href).toBe(
      '/admin/proposals',
    );
  });

  it('sends only mentions and replies to the desktop', () => {
    expect(wantsDesktop(n('a', 'x'))).toBe(true);
    expect(wantsDesktop(n('a', 'x', { kind: 'join.requested' }))).toBe(false);
  });
});
