import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameError, RealtimeConnection, type AnyFrame, type StreamSpec } from './realtime';
import { FakeSocket } from './fakeSocket.test-support';

// The generic parts of the connection: routing by type, request/reply by ref, and any stream
// (here one shaped like the documents' revision log of PROTOCOL.md).
const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

function connection() {
  return new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: () => new FakeSocket(),
    backoff: { baseMs: 1000, maxMs: 8000, random: () => 0.5 },
    gapTimeoutMs: 1000,
  });
}

const DOC: StreamSpec = {
  name: 'doc',
  follow: (key, since) => {
    const [space, doc] = key.split('/');
    return since > 0 ? { type: 'doc.join', space, doc, since } : { type: 'doc.join', space, doc };
  },
  leave: (key) => {
    const [space, doc] = key.split('/');
    return { type: 'doc.leave', space, doc };
  },
  entryType: 'doc.op',
  position: (f) => f.rev as number,
  openedType: 'doc.joined',
  openedPosition: (f) => f.rev as number,
  leftType: 'doc.left',
  key: (f) =>
    typeof f.space === 'string' && typeof f.doc === 'string' ? `${f.space}/${f.doc}` : undefined,
  keyed: ['doc.cursor'],
};

const op = (rev: number) => ({
  type: 'doc.op',
  space: 's',
  doc: 'd',
  rev,
  op: [1],
  author: 'u',
  clientId: `c${rev}`,
});

describe('RealtimeConnection, generic', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('routes frames by type to the handlers features register, until they stop', () => {
    const rt = connection();
    rt.start();
    last().open();
    const seen: AnyFrame[] = [];
    const off = rt.on('board.hint', (f) => seen.push(f));
    last().receive({ type: 'board.hint', n: 1 });
    last().receive({ type: 'other', n: 2 });
    off();
    last().receive({ type: 'board.hint', n: 3 });
    expect(seen.map((f) => f.n)).toEqual([1]);
  });

  it('resolves a request with the reply of its ref, rejects on an error with it, and on a drop', async () => {
    const rt = connection();
    rt.start();
    last().open();
    const ok = rt.request({
      type: 'doc.op',
      space: 's',
      doc: 'd',
      rev: 0,
      clientId: 'k',
      op: ['a'],
    });
    const bad = rt.request({
      type: 'doc.op',
      space: 's',
      doc: 'd',
      rev: 9,
      clientId: 'k2',
      op: ['a'],
    });
    const [first, second] = last().sent as { ref: string }[];
    expect(first!.ref).not.toEqual(second!.ref);
    last().receive({ type: 'ack', ref: 'unrelated', doc: 'd', rev: 7 });
    last().receive({ type: 'error', ref: second!.ref, code: 'bad_request', message: 'Non' });
    last().receive({ type: 'ack', ref: first!.ref, doc: 'd', rev: 1 });
    await expect(ok).resolves.toMatchObject({ type: 'ack', rev: 1 });
    await expect(bad).rejects.toBeInstanceOf(FrameError);
    await expect(bad).rejects.toMatchObject({ frame: { code: 'bad_request' } });
    const lost = rt.request({ type: 'ping' });
    last().drop();
    await expect(lost).rejects.toThrow('disconnected');
    await expect(rt.request({ type: 'ping' })).rejects.toThrow('offline');
  });

  it('follows any stream: opening reply, entries once in order, resume from the contiguous position, leave', () => {
    const rt = connection();
    rt.start();
    last().open();
    const revs: number[] = [];
    const opened: AnyFrame[] = [];
    const cursors: AnyFrame[] = [];
    const stop = rt.follow(DOC, 's/d', {
      onEntry: (e) => revs.push(e.rev as number),
      onOpened: (f) => opened.push(f),
      onFrame: (f) => cursors.push(f),
    });
    expect(last().sent).toEqual([{ type: 'doc.join', space: 's', doc: 'd', ref: 'sub:doc:s/d' }]);
    last().receive({
      type: 'doc.joined',
      space: 's',
      doc: 'd',
      rev: 3,
      text: 'abc',
      ref: 'sub:doc:s/d',
    });
    expect(opened[0]?.text).toBe('abc');
    for (const rev of [4, 5, 5, 7]) last().receive(op(rev));
    last().receive({ type: 'doc.op', space: 's', doc: 'other', rev: 6 });
    last().receive({
      type: 'doc.cursor',
      space: 's',
      doc: 'd',
      user: 'v',
      rev: 5,
      ranges: [[1, 1]],
    });
    expect(revs).toEqual([4, 5, 7]);
    expect(cursors).toHaveLength(1);
    expect(rt.contiguous(DOC, 's/d')).toBe(5);

    last().drop();
    vi.advanceTimersByTime(750);
    last().open();
    expect(last().sent).toEqual([
      { type: 'doc.join', space: 's', doc: 'd', since: 5, ref: 'sub:doc:s/d' },
    ]);
    last().receive(op(6));
    last().receive(op(7));
    last().receive({ type: 'doc.joined', space: 's', doc: 'd', rev: 7, ref: 'sub:doc:s/d' });
    expect(revs).toEqual([4, 5, 7, 6]);
    expect(rt.contiguous(DOC, 's/d')).toBe(7);

    stop();
    expect(last().sent.at(-1)).toEqual({ type: 'doc.leave', space: 's', doc: 'd' });
    last().receive(op(8));
    expect(revs).toEqual([4, 5, 7, 6]);
  });

  it('tells the follower of a reset and of a removal, and drops a refused follow', () => {
    const rt = connection();
    rt.start();
    last().open();
    const resets: number[] = [];
    const removed = vi.fn();
    rt.follow(DOC, 's/d', { onReset: (p) => resets.push(p), onRemoved: removed }, 2);
    last().receive({ type: 'doc.joined', space: 's', doc: 'd', rev: 900, reset: true, text: 'x' });
    expect(resets).toEqual([900]);
    expect(rt.contiguous(DOC, 's/d')).toBe(900);
    last().receive({ type: 'doc.left', space: 's', doc: 'd', reason: 'removed' });
    expect(removed).toHaveBeenCalledTimes(1);
    expect(rt.contiguous(DOC, 's/d')).toBe(0);

    const refused = vi.fn();
    rt.follow(DOC, 's/e', { onRemoved: refused });
    last().receive({ type: 'error', ref: 'sub:doc:s/e', code: 'forbidden', message: 'Non' });
    expect(refused).toHaveBeenCalledTimes(1);
  });
});
