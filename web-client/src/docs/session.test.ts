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

/** The server's answer to the session's last join: the document at {@code rev} with {@code text}. */
function joined(l: ReturnType<typeof fakeLink>, rev: number, text: string) {
  l.deliver({
    type: 'doc.joined',
    space: 'S',
    doc: 'D',
    rev,
    text,
    ref: last(l.sent, 'doc.join').ref,
  });
}

/** The link drops, the person types {@code op} meanwhile, and the link comes back. */
function editOffline(l: ReturnType<typeof fakeLink>, s: DocSession, op: (string | number)[]) {
  l.state.value = 'offline';
  s.linkLost();
  s.edit(TextOperation.fromJSON(op));
  l.reopen();
}

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
    joined(l, 1, 'abc');
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
    joined(l, 1, 'abc');
    editOffline(l, s, [3, ' mon ajout']);
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

  it('stops when the document is put in the trash and keeps the edits not yet acknowledged', async () => {
    const l = fakeLink();
    const v = view();
    const store = memoryStore();
    const s = new DocSession(l.link, store, 'S', 'D', v);
    await s.start();
    joined(l, 2, 'abc');
    s.edit(TextOperation.fromJSON([3, ' et la suite']));
    l.deliver({ type: 'doc.left', space: 'S', doc: 'D', reason: 'trashed' });
    expect(s.closed.value).toBe('trashed');
    expect(s.status.value).toBe('closed');
    expect(s.kept.value).toBe('abc et la suite');
    expect(last(l.sent, 'doc.leave')).toMatchObject({ space: 'S', doc: 'D' });
    const ops = l.sent.filter((f) => f.type === 'doc.op').length;
    s.edit(TextOperation.fromJSON([3, '!'])); // refused locally: nothing more is sent
    l.reopen(); // nor joined again after a reconnect
    expect(l.sent.filter((f) => f.type === 'doc.op')).toHaveLength(ops);
    expect(l.sent.filter((f) => f.type === 'doc.join')).toHaveLength(1);
    await s.flushed();
    expect(await store.get('D')).not.toBeNull(); // merged if the document comes back from the trash
  });

  it('ignores the answer to its own doc.leave', async () => {
    const l = fakeLink();
    const s = new DocSession(l.link, memoryStore(), 'S', 'D', view());
    await s.start();
    joined(l, 2, 'abc');
    l.deliver({ type: 'doc.left', space: 'S', doc: 'D' });
    expect(s.closed.value).toBeNull();
    expect(s.status.value).toBe('saved');
  });

  it('keeps the offline edits of a document trashed meanwhile', async () => {
    const l = fakeLink();
    const s = new DocSession(l.link, memoryStore(), 'S', 'D', view());
    await s.start();
    joined(l, 2, 'abc');
    editOffline(l, s, ['hors ligne ', 3]);
    l.deliver({ type: 'error', code: 'not_found', message: '', ref: last(l.sent, 'doc.join').ref });
    expect(s.closed.value).toBe('trashed');
    expect(s.kept.value).toBe('hors ligne abc');
  });
});
