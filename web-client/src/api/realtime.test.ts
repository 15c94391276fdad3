import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from './realtime';
import { FakeSocket } from './fakeSocket.test-support';
import type { EventFrame } from './types';

function event(space: string, seq: number): EventFrame {
  return { type: 'event', space, seq, kind: 'member.joined', at: '', actor: 'u', data: {} };
}

function connection() {
  return new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: (url) => new FakeSocket(url),
    backoff: { baseMs: 1000, maxMs: 8000, random: () => 0.5 },
    gapTimeoutMs: 1000,
  });
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('RealtimeConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('goes connecting → online and subscribes what was asked before the socket opened', () => {
    const rt = connection();
    rt.subscribe('s1', {});
    rt.start();
    expect(rt.state.value).toBe('connecting');
    last().open();
    expect(rt.state.value).toBe('online');
    expect(last().sent).toEqual([{ type: 'subscribe', space: 's1', ref: 'sub:space:s1' }]);
  });

  it('delivers each event once and resubscribes from the contiguous seq after a drop', () => {
    const rt = connection();
    const seen: number[] = [];
    rt.start();
    last().open();
    rt.subscribe('s1', { onEvent: (e) => seen.push(e.seq) });
    last().receive({ type: 'subscribed', space: 's1', head: 4 });
    for (const seq of [5, 6, 6, 8]) last().receive(event('s1', seq));
    expect(seen).toEqual([5, 6, 8]);
    expect(rt.contiguousSeq('s1')).toBe(6);

    last().drop();
    expect(rt.state.value).toBe('reconnecting');
    vi.advanceTimersByTime(750); // first retry: 1000/2 + 0.5*1000/2
    expect(FakeSocket.all).toHaveLength(2);
    last().open();
    expect(last().sent).toEqual([
      { type: 'subscribe', space: 's1', since: 6, ref: 'sub:space:s1' },
    ]);
    last().receive(event('s1', 7));
    last().receive(event('s1', 8));
    expect(seen).toEqual([5, 6, 8, 7]);
    expect(rt.contiguousSeq('s1')).toBe(8);
  });

  it('backs off exponentially while the server stays away, up to the cap', () => {
    const rt = connection();
    rt.start();
    const delays: number[] = [];
    let previous = 0;
    for (let i = 0; i < 6; i++) {
      last().drop();
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      delays.push(waited);
      expect(waited).toBeGreaterThanOrEqual(previous);
      previous = waited;
    }
    expect(delays).toEqual([750, 1500, 3000, 6000, 6000, 6000]);
  });

  it('asks again for a hole that stays open, then skips it', () => {
    const rt = connection();
    rt.start();
    last().open();
    rt.subscribe('s1', {}, 2);
    last().receive(event('s1', 4));
    expect(rt.contiguousSeq('s1')).toBe(2);
    last().sent = [];
    vi.advanceTimersByTime(1000);
    expect(last().sent).toEqual([
      { type: 'subscribe', space: 's1', since: 2, ref: 'sub:space:s1' },
    ]);
    vi.advanceTimersByTime(1000);
    expect(rt.contiguousSeq('s1')).toBe(4);
  });

  it('tells listeners to reload on reset', () => {
    const rt = connection();
    const onReset = vi.fn();
    rt.start();
    last().open();
    rt.subscribe('s1', { onReset }, 3);
    last().receive({ type: 'subscribed', space: 's1', head: 900, reset: true });
    expect(onReset).toHaveBeenCalledWith(900);
    expect(rt.contiguousSeq('s1')).toBe(900);
  });

  it('pings every 25 s and reconnects when no answer comes', () => {
    const rt = new RealtimeConnection({
      url: () => 'ws://test/ws',
      createSocket: (url) => new FakeSocket(url),
      backoff: { baseMs: 1000, random: () => 0 },
    });
    rt.start();
    last().open();
    vi.advanceTimersByTime(25_000);
    expect(last().sent).toEqual([{ type: 'ping' }]);
    last().receive({ type: 'pong' });
    vi.advanceTimersByTime(25_000);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(10_000); // second ping unanswered
    expect(rt.state.value).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('unsubscribes when the last listener leaves, and stops cleanly', () => {
    const rt = connection();
    rt.start();
    last().open();
    const off = rt.subscribe('s1', {});
    off();
    expect(last().sent).toEqual([
      { type: 'subscribe', space: 's1', ref: 'sub:space:s1' },
      { type: 'unsubscribe', space: 's1' },
    ]);
    rt.stop();
    expect(rt.state.value).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('waits while the browser is offline and reconnects at once when it is back', () => {
    const rt = connection();
    rt.start();
    last().open();
    rt.goOffline();
    expect(rt.state.value).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    rt.goOnline();
    expect(FakeSocket.all).toHaveLength(2);
    expect(rt.state.value).toBe('reconnecting');
  });

  it('drops a subscription the server ends or refuses, and tells the view', () => {
    const rt = connection();
    const removed = vi.fn();
    rt.start();
    last().open();
    rt.subscribe('s1', { onRemoved: removed });
    rt.subscribe('s2', { onRemoved: removed });
    last().receive({ type: 'unsubscribed', space: 's1', reason: 'removed' });
    last().receive({ type: 'error', ref: 'sub:space:s2', code: 'forbidden', message: 'Non' });
    expect(removed).toHaveBeenCalledTimes(2);
    last().drop();
    vi.advanceTimersByTime(1000);
    last().open();
    expect(last().sent).toEqual([]);
  });

  it('stops for good and says so when the server ends the session (4401)', () => {
    let ended = 0;
    const rt = new RealtimeConnection({
      url: () => 'ws://test/ws',
      createSocket: (url) => new FakeSocket(url),
      backoff: { baseMs: 1000, maxMs: 8000, random: () => 0.5 },
      onSessionEnded: () => ended++,
    });
    rt.start();
    last().open();
    rt.subscribe('s1', {});
    last().drop(4401);
    expect(ended).toBe(1);
    expect(rt.state.value).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);

    // Signing in again starts afresh, and an ordinary drop still reconnects.
    rt.start();
    expect(FakeSocket.all).toHaveLength(2);
    last().open();
    last().drop();
    expect(rt.state.value).toBe('reconnecting');
    vi.advanceTimersByTime(750);
    expect(FakeSocket.all).toHaveLength(3);
    expect(ended).toBe(1);
  });
});
