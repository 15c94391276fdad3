import type { AppNotification } from '../api/types';
import { plainText } from '../chat/markdown';
import { hrefFor } from '../router';
import type { MessageKey } from '../i18n';

/** The inbox as values: newest first, one entry per id (pure, unit-tested). */
export interface InboxState {
  items: AppNotification[];
  unread: number;
}

/** A notification that arrived live: added once (a replay or a late REST answer changes nothing). */
export function addNotification(state: InboxState, n: AppNotification): InboxState {
  if (state.items.some((x) => x.id === n.id)) return state;
  const items = [n, ...state.items].sort((a, b) => b.at.localeCompare(a.at));
  return { items, unread: state.unread + (n.read ? 0 : 1) };
}

/** Some (null: all) were read, here or on another device; `unread` from the server wins when given. */
export function markRead(
  state: InboxState,
  ids: readonly string[] | null,
  unread?: number,
): InboxState {
  const read = ids ? new Set(ids) : null;
  let flipped = 0;
  const items = state.items.map((n) => {
    if (n.read || (read && !read.has(n.id))) return n;
    flipped++;
    return { ...n, read: true };
  });
  const estimate = read ? Math.max(0, state.unread - flipped) : 0;
  return { items, unread: unread ?? estimate };
}

/** What the inbox says of a notification, and where it leads. */
export function describe(n: AppNotification): {
  key: MessageKey;
  params: Record<string, string>;
  excerpt: string;
  href: string;
} {
  const params = { name: n.actor.name ?? '?', space: n.space.name ?? '?' };
  const excerpt = plainText(n.data.excerpt ?? '', (id) => (id === n.actor.id ? params.name : '…'));
  switch (n.kind) {
    case 'mention':
    case 'reply': {
      const channel = n.data.channel ?? 'general';
      return {
        key: n.kind === 'mention' ? 'inbox.mention' : 'inbox.reply',
        params,
        excerpt,
        href: hrefFor({
          name: 'space',
          id: n.space.id,
          tab: 'discussions',
          channel,
          ...(n.data.thread ? { thread: n.data.thread } : {}),
        }),
      };
    }
    case 'join.requested':
      return {
        key: 'inbox.joinRequested',
        params,
        excerpt,
        href: hrefFor({ name: 'space', id: n.space.id, tab: 'home' }),
      };
    case 'mandate.ending':
      return {
        key: (n.data.days ?? 0) <= 1 ? 'inbox.mandateEndsTomorrow' : 'inbox.mandateEnding',
        params: { ...params, count: String(n.data.days ?? 0) },
        excerpt: '',
        href: hrefFor({ name: 'space', id: n.space.id, tab: 'home' }),
      };
    case 'space.proposed':
      return {
        key: 'inbox.proposed',
        params,
        excerpt,
        href: hrefFor({ name: 'admin', section: 'proposals' }),
      };
    case 'card.due':
      return {
        key: 'inbox.cardDue',
        params: { ...params, title: n.data.title ?? '', due: n.data.due ?? '' },
        excerpt: '',
        href: `${hrefFor({ name: 'space', id: n.space.id, tab: 'boards' })}?board=${encodeURIComponent(n.data.board ?? '')}`,
      };
  }
}

/** The desktop notifications people opted into: mentions and direct replies only. */
export function wantsDesktop(n: AppNotification): boolean {
  return n.kind === 'mention' || n.kind === 'reply';
}
