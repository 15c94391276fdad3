import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { DocClientFrame } from '../api/types';
import { TextOperation } from './ot';
import { memoryStore } from './offline';
import { DocSession, type DocLink } from './session';

/** A link whose frames the test answers by hand. */
function fakeLink() {
  const state = signal('online');
  const sent: DocClientFrame[] = [];
  const frameListeners = new Set<(f: { type: string }) => void>();
  const openListeners = new Set<() => void>();
  const link: DocLink = {
    state,
    send: (f) => {
      if (state.value !== 'online') return false;
      sent.push(f);
      return true;
    },
    onAnyFrame: (l) => (frameListeners.add(l), () => frameListeners.delete(l)),
    onOpen: (l) => (openListeners.add(l), () => openListeners.delete(l)),
  };
  return {
    link,
    sent,
    state,
    deliver: (f: object) => frameListeners.forEach((l) => l(f as { type: string })),
    reopen: () => {
      state.value = 'online';
      openListeners.forEach((l) => l());
    },
  };
}

function view() {
  const v = {
    text: '',
    replace: (t: string) => void (v.text = t),
    applyRemote: (op: TextOperation) => void (v.text = op.apply(v.text)),
  };
  return v;
}

const last = (sent: DocClientFrame[], type: string) =>
  [...sent].reverse().find((f) => f.type === type) as Record<string, unknown>;

describe('a document session', () => {
  it('joins, sends one operation at a time, and applies the others transformed', async () => {
    const l = fakeLink();
    const v = view();
    const s = new DocSession(l.link, memoryStore(), 'S', 'D', v);
    await s.start();
    const join = last(l.sent, 'doc.join');
    l.deliver({ type: 'doc.joined', space: 'S', doc: 'D', rev: 4, text: 'abc', ref: join.ref });
    expect(v.text).toBe('abc');
    for (const op of [TextOperation.fromJSON([3, 'd']), TextOperation.fromJSON([4, 'e'])]) {
      v.text = op.apply(v.text); // the editor shows the person's edit at once
      s.edit(op);
    }
    const op = last(l.sent, 'doc.op');
    expect(op).toMatchObject({ rev: 4, op: [3, 'd'] });
    expect(l.sent.filter((f) => f.type === 'doc.op')).toHaveLength(1);
    l.deliver({
      type: 'doc.op',
      space: 'S',
      doc: 'D',
      rev: 5,
      op: ['X', 3],
      author: 'u2',
      clientId: 'other',
    });
    expect(v.text).toBe('Xabcde');
    l.deliver({ type: 'ack', space: 'S', doc: 'D', rev: 6 });
    expect(last(l.sent, 'doc.op')).toMatchObject({ rev: 6, op: [5, 'e'] });
    l.deliver({ type: 'ack', space: 'S', doc: 'D', rev: 7 });
    expect(s.status.value).toBe('saved');
    expect(s.text()).toBe('Xabcde');
  });

  it('keeps offline edits in the browser, and after a reload resumes with since and resends them with the same clientId', async () => {
    const store = memoryStore();
    const l = fakeLink();
    const s = new DocSession(l.link, store, 'S', 'D', view());
    await s.start();
    l.deliver({
      type: 'doc.joined',
      space: 'S',
      doc: 'D',
      rev: 1,
      text: 'abc',
      ref: last(l.sent, 'doc.join').ref,
    });
    l.state.value = 'offline';
    s.linkLost();
    s.edit(TextOperation.fromJSON([3, '!']));
    expect(s.status.value).toBe('offline');
    await s.flushed();
    s.stop();

    // the tab is reloaded while still offline, then the network comes back
    const l2 = fakeLink();
    l2.state.value = 'offline';
    const v2 = view();
    const s2 = new DocSession(l2.link, store, 'S', 'D', v2);
    await s2.start();
    expect(v2.text).toBe('abc!');
    l2.reopen();
    const join = last(l2.sent, 'doc.join');
    expect(join.since).toBe(1);
    l2.deliver({
      type: 'doc.op',
      space: 'S',
      doc: 'D',
      rev: 2,
      op: ['>', 3],
      author: 'u2',
      clientId: 'x',
    });
    l2.deliver({ type: 'doc.joined', space: 'S', doc: 'D', rev: 2, ref: join.ref });
    expect(v2.text).toBe('>abc!');
    const resent = last(l2.sent, 'doc.op');
    expect(resent).toMatchObject({ rev: 2, op: [4, '!'] });
    l2.deliver({ type: 'ack', space: 'S', doc: 'D', rev: 3 });
    await s2.flushed();
    expect(await store.get('D')).toBeNull();
  });

  it('says it cannot reconcile and keeps the local text when the server no longer replays from its revision', async () => {
    const l = fakeLink();
    const s = new DocSession(l.link, memoryStore(), 'S', 'D', view());
    await s.start();
    l.deliver({
      type: 'doc.joined',
      space: 'S',
      doc: 'D',
      rev: 1,
      text: 'abc',
      ref: last(l.sent, 'doc.join').ref,
    });
    l.state.value = 'offline';
    s.linkLost();
    s.edit(TextOperation.fromJSON([3, ' mon ajout']));
    l.reopen();
    const join = last(l.sent, 'doc.join');
    l.deliver({
      type: 'doc.joined',
      space: 'S',
      doc: 'D',
      rev: 9000,
      text: 'tout autre',
      reset: true,
      ref: join.ref,
    });
    expect(s.status.value).toBe('conflict');
    expect(s.kept.value).toBe('abc mon ajout');
    expect(s.text()).toBe('tout autre');
  });
});
