import { describe, expect, it } from 'vitest';
import { ChatLog, type LogEvent } from './log';
import type { ChatMessage } from './types';

function created(seq: number, id: string, extra: Record<string, unknown> = {}): LogEvent {
  return {
    seq,
    kind: 'message.created',
    data: {
      id,
      channel: 'general',
      author: 'u1',
      text: `texte ${id}`,
      clientId: `c-${id}`,
      createdAt: '2026-03-02T09:00:00Z',
      mentions: [],
      ...extra,
    },
  };
}

function message(seq: number, id: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    channel: 'general',
    author: 'u1',
    text: `texte ${id}`,
    clientId: `c-${id}`,
    createdAt: '2026-03-02T09:00:00Z',
    seq,
    mentions: [],
    reactions: {},
    reactionsVersion: 0,
    deleted: false,
    replyCount: 0,
    ...extra,
  };
}

const ids = (list: ChatMessage[]) => list.map((m) => m.id);

describe('ChatLog', () => {
  it('applies events once and lists by seq whatever the arrival order', () => {
    const log = new ChatLog();
    expect(log.apply(created(3, 'c'))?.kind).toBe('created');
    expect(log.apply(created(1, 'a'))?.kind).toBe('created');
    expect(log.apply(created(3, 'c'))).toBeNull();
    expect(log.apply(created(2, 'b'))?.kind).toBe('created');
    expect(log.apply(created(1, 'a'))).toBeNull();
    expect(ids(log.channel('general'))).toEqual(['a', 'b', 'c']);
    expect(log.head('general')).toBe(3);
  });

  it('merges a REST page with live events without duplicates', () => {
    const log = new ChatLog();
    log.apply(created(5, 'e'));
    log.upsert([message(3, 'c'), message(4, 'd'), message(5, 'e')]);
    log.upsert([message(1, 'a'), message(2, 'b')]);
    expect(ids(log.channel('general'))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(log.byClientId('c-d')?.id).toBe('d');
  });

  it('applies edits and deletions newer than the message only', () => {
    const log = new ChatLog();
    log.upsert([message(1, 'a')]);
    const edit = { seq: 4, kind: 'message.edited', data: { id: 'a', text: 'v2', mentions: [] } };
    expect(log.apply(edit)?.kind).toBe('updated');
    expect(log.get('a')?.text).toBe('v2');
    // An older edit replayed late changes nothing.
    log.apply({ seq: 3, kind: 'message.edited', data: { id: 'a', text: 'v1' } });
    expect(log.get('a')?.text).toBe('v2');
    log.apply({ seq: 6, kind: 'message.deleted', data: { id: 'a' } });
    expect(log.get('a')).toMatchObject({ deleted: true, text: '' });
    log.apply({ seq: 7, kind: 'message.edited', data: { id: 'a', text: 'zombie' } });
    expect(log.get('a')?.text).toBe('');
    // A stale REST answer does not bring the text back.
    log.upsert([message(1, 'a')]);
    expect(log.get('a')?.deleted).toBe(true);
  });

  it('keeps the reactions of the highest version', () => {
    const log = new ChatLog();
    log.upsert([message(1, 'a')]);
    const reaction = (seq: number, version: number, users: string[]) => ({
      seq,
      kind: 'reaction.changed',
      data: { id: 'a', emoji: '👍', reactions: { '👍': users }, reactionsVersion: version },
    });
    log.apply(reaction(5, 2, ['u1', 'u2']));
    log.apply(reaction(4, 1, ['u1']));
    expect(log.get('a')?.reactions).toEqual({ '👍': ['u1', 'u2'] });
  });

  it('keeps replies apart and counts them on their root', () => {
    const log = new ChatLog();
    log.upsert([message(1, 'root')]);
    log.apply(created(2, 'r1', { thread: 'root' }));
    log.apply(created(3, 'r2', { thread: 'root' }));
    log.apply(created(3, 'r2', { thread: 'root' }));
    expect(ids(log.channel('general'))).toEqual(['root']);
    expect(ids(log.replies('root'))).toEqual(['r1', 'r2']);
    expect(log.get('root')?.replyCount).toBe(2);
  });

  it('ignores kinds it does not know and malformed data', () => {
    const log = new ChatLog();
    expect(log.apply({ seq: 1, kind: 'board.card', data: {} })).toBeNull();
    expect(log.apply({ seq: 2, kind: 'gap', data: {} })).toBeNull();
    expect(log.apply({ seq: 3, kind: 'message.created', data: { text: 'x' } })).toBeNull();
    expect(log.size).toBe(0);
  });

  it('ends with the same list for any arrival order of a replayed run', () => {
    const events = Array.from({ length: 30 }, (_, i) => created(i + 1, `m${i + 1}`));
    const expected = events.map((e) => e.data.id);
    for (let round = 0; round < 20; round++) {
      const log = new ChatLog();
      const shuffled = [...events, ...events.slice(0, 10)].sort(() => Math.random() - 0.5);
      for (const e of shuffled) log.apply(e);
      expect(ids(log.channel('general'))).toEqual(expected);
    }
  });

  it('keeps the files of a message that arrives live', () => {
    const log = new ChatLog();
    log.apply(created(1, 'm1', { files: ['f1', 42, 'f2'] }));
    log.apply(created(2, 'm2'));
    expect(log.byClientId('c-m1')?.files).toEqual(['f1', 'f2']);
    expect(log.byClientId('c-m2')).not.toHaveProperty('files');
  });
});
