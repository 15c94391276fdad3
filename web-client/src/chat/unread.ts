import type { ChatMessage } from './types';

/** The read state of one channel for the signed-in person. */
export interface ReadState {
  lastRead: number;
  unread: number;
  mentions: number;
}

export interface IncomingMessage {
  seq: number;
  author: string;
  mentions: readonly string[];
}

/**
 * Counts a message that just arrived, as the server would: messages by others after the read
 * marker (replies included), and among them those that mention the person.
 */
export function countArrival(state: ReadState, message: IncomingMessage, me: string): ReadState {
  if (message.author === me || message.seq <= state.lastRead) return state;
  return {
    ...state,
    unread: state.unread + 1,
    mentions: state.mentions + (message.mentions.includes(me) ? 1 : 0),
  };
}

/** A message that counted as unread was deleted: it no longer counts. */
export function countRemoval(state: ReadState, message: IncomingMessage, me: string): ReadState {
  if (message.author === me || message.seq <= state.lastRead || state.unread === 0) return state;
  return {
    ...state,
    unread: state.unread - 1,
    mentions: Math.max(0, state.mentions - (message.mentions.includes(me) ? 1 : 0)),
  };
}

/** The marker moved (locally or from `read.changed`): it never goes back. */
export function moveMarker(state: ReadState, next: ReadState): ReadState {
  return next.lastRead >= state.lastRead ? next : state;
}

/** The first message by someone else after the marker: where the view opens. */
export function firstUnread(
  messages: readonly Pick<ChatMessage, 'id' | 'seq' | 'author' | 'deleted'>[],
  lastRead: number,
  me: string,
): string | null {
  for (const m of messages) {
    if (m.seq > lastRead && m.author !== me && !m.deleted) return m.id;
  }
  return null;
}

/** Totals over channels (the tab's badge). Archived channels do not count. */
export function totals(channels: readonly (ReadState & { archived?: boolean })[]): {
  unread: number;
  mentions: number;
} {
  let unread = 0;
  let mentions = 0;
  for (const c of channels) {
    if (c.archived) continue;
    unread += c.unread;
    mentions += c.mentions;
  }
  return { unread, mentions };
}
