import type { ChatMessage } from './types';

/** The part of an `event` frame the log needs (the full frame type lives in api/types.ts). */
export interface LogEvent {
  seq: number;
  kind: string;
  data: Record<string, unknown>;
}

export type Change =
  { kind: 'created'; message: ChatMessage } | { kind: 'updated'; message: ChatMessage } | null;

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function bySeq(a: ChatMessage, b: ChatMessage): number {
  return a.seq - b.seq;
}

/**
 * The messages of one space that the client holds, by id, kept current by the space's events.
 * Applying is idempotent: an event seq already applied is ignored, a `message.created` for a
 * message already held changes nothing, an edit or deletion older than the message's last
 * applied change is ignored, and reactions keep the highest `reactionsVersion`. Lists come out
 * ordered by seq whatever the order of arrival, so a replay after a reconnection fills in what
 * was missed without duplicates.
 */
export class ChatLog {
  private readonly messages = new Map<string, ChatMessage>();
  /** Seq of the last event applied to each message (its creation seq at first). */
  private readonly changedAt = new Map<string, number>();
  private readonly applied = new Set<number>();
  /** Highest seq of a message or event seen per channel. */
  private readonly heads = new Map<string, number>();

  get size(): number {
    return this.messages.size;
  }

  get(id: string): ChatMessage | undefined {
    return this.messages.get(id);
  }

  byClientId(clientId: string): ChatMessage | undefined {
    for (const m of this.messages.values()) if (m.clientId === clientId) return m;
    return undefined;
  }

  /** Highest message seq known in a channel (what "read up to here" means). */
  head(channel: string): number {
    return this.heads.get(channel) ?? 0;
  }

  private bumpHead(channel: string, seq: number): void {
    if (seq > (this.heads.get(channel) ?? 0)) this.heads.set(channel, seq);
  }

  /** Messages answered by REST (history, replies, a send). Newer state already held wins. */
  upsert(list: readonly ChatMessage[]): void {
    for (const m of list) {
      if (typeof m.seq !== 'number') continue;
      const held = this.messages.get(m.id);
      this.bumpHead(m.channel, m.seq);
      if (!held) {
        this.messages.set(m.id, m);
        this.changedAt.set(m.id, m.seq);
        continue;
      }
      // REST may answer a state older than what live events already applied: keep the live
      // text/deletion, but take the larger reply count and the newer reactions.
      const next: ChatMessage = { ...held, replyCount: Math.max(held.replyCount, m.replyCount) };
      if (m.reactionsVersion > held.reactionsVersion) {
        next.reactions = m.reactions;
        next.reactionsVersion = m.reactionsVersion;
      }
      if (m.deleted && !held.deleted) Object.assign(next, { deleted: true, text: '' });
      this.messages.set(m.id, next);
    }
  }

  /** Applies one event of the space; answers what changed (null: nothing, or not a message). */
  apply(event: LogEvent): Change {
    if (this.applied.has(event.seq)) return null;
    this.applied.add(event.seq);
    const d = event.data;
    const id = str(d.id);
    switch (event.kind) {
      case 'message.created': {
        const channel = str(d.channel);
        if (!id || !channel) return null;
        this.bumpHead(channel, event.seq);
        if (this.messages.has(id)) return null;
        const message: ChatMessage = {
          id,
          channel,
          author: str(d.author) ?? '',
          text: str(d.text) ?? '',
          clientId: str(d.clientId) ?? '',
          createdAt: str(d.createdAt) ?? new Date().toISOString(),
          seq: event.seq,
          mentions: Array.isArray(d.mentions)
            ? d.mentions.filter((x) => typeof x === 'string')
            : [],
          reactions: {},
          reactionsVersion: 0,
          deleted: false,
          replyCount: 0,
        };
        const files = Array.isArray(d.files)
          ? d.files.filter((x): x is string => typeof x === 'string')
          : [];
        if (files.length > 0) message.files = files;
        const thread = str(d.thread);
        if (thread) {
          message.thread = thread;
          const root = this.messages.get(thread);
          if (root) this.messages.set(thread, { ...root, replyCount: root.replyCount + 1 });
        }
        this.messages.set(id, message);
        this.changedAt.set(id, event.seq);
        return { kind: 'created', message };
      }
      case 'message.edited':
      case 'message.deleted': {
        const held = id ? this.messages.get(id) : undefined;
        if (!id || !held || (this.changedAt.get(id) ?? 0) >= event.seq) return null;
        if (held.deleted) return null;
        const next: ChatMessage =
          event.kind === 'message.deleted'
            ? { ...held, text: '', deleted: true, reactions: {} }
            : {
                ...held,
                text: str(d.text) ?? held.text,
                editedAt: str(d.editedAt) ?? new Date().toISOString(),
                mentions: Array.isArray(d.mentions)
                  ? d.mentions.filter((x) => typeof x === 'string')
                  : held.mentions,
              };
        this.messages.set(id, next);
        this.changedAt.set(id, event.seq);
        return { kind: 'updated', message: next };
      }
      case 'reaction.changed': {
        const held = id ? this.messages.get(id) : undefined;
        const version = typeof d.reactionsVersion === 'number' ? d.reactionsVersion : 0;
        if (!id || !held || version <= held.reactionsVersion) return null;
        const reactions =
          d.reactions && typeof d.reactions === 'object'
            ? (d.reactions as Record<string, string[]>)
            : {};
        const next = { ...held, reactions, reactionsVersion: version };
        this.messages.set(id, next);
        return { kind: 'updated', message: next };
      }
      default:
        return null;
    }
  }

  /** A message answered by a command (edit, delete, reaction): newer wins. */
  replace(message: ChatMessage): void {
    const held = this.messages.get(message.id);
    if (!held) {
      this.upsert([message]);
      return;
    }
    const next = { ...held };
    if (message.reactionsVersion >= held.reactionsVersion) {
      next.reactions = message.reactions;
      next.reactionsVersion = message.reactionsVersion;
    }
    if (message.deleted) Object.assign(next, { deleted: true, text: '', reactions: {} });
    else if (!held.deleted && (message.editedAt ?? '') >= (held.editedAt ?? '')) {
      next.text = message.text;
      next.mentions = message.mentions;
      next.editedAt = message.editedAt ?? null;
    }
    this.messages.set(message.id, next);
  }

  /** Top-level messages of a channel, by seq. */
  channel(channel: string): ChatMessage[] {
    const out: ChatMessage[] = [];
    for (const m of this.messages.values()) if (m.channel === channel && !m.thread) out.push(m);
    return out.sort(bySeq);
  }

  /** Replies of a thread, by seq. */
  replies(root: string): ChatMessage[] {
    const out: ChatMessage[] = [];
    for (const m of this.messages.values()) if (m.thread === root) out.push(m);
    return out.sort(bySeq);
  }

  /** Forgets the messages of a channel (before reloading it after a reset). */
  clearChannel(channel: string): void {
    for (const [id, m] of this.messages) {
      if (m.channel === channel) {
        this.messages.delete(id);
        this.changedAt.delete(id);
      }
    }
  }
}
