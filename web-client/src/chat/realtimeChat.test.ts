import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection } from '../api/realtime';
import { FakeSocket } from '../api/fakeSocket.test-support';

// What the discussions add to RealtimeConnection: presence replay, read.changed, checkAlive.
const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

function connection() {
  return new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: () => new FakeSocket(),
    backoff: { baseMs: 1000, maxMs: 8000, random: () => 0.5 },
    pingIntervalMs: 25_000,
    pongTimeoutMs: 10_000,
  });
}

describe('RealtimeConnection for the discussions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('gives the last presence to a listener that joins a live subscription', () => {
    const rt = connection();
    rt.start();
    last().open();
    rt.subscribe('s1', {});
    last().receive({ type: 'presence', space: 's1', online: ['u1', 'u2'] });
    const onPresence = vi.fn();
    rt.subscribe('s1', { onPresence });
    expect(onPresence).toHaveBeenCalledWith({
      type: 'presence',
      space: 's1',
      online: ['u1', 'u2'],
    });
  });

  it('routes read.changed to the space’s listeners', () => {
    const rt = connection();
    rt.start();
    last().open();
    const onRead = vi.fn();
    rt.subscribe('s1', { onRead });
    const frame = {
      type: 'read.changed',
      space: 's1',
      channel: 'general',
      lastRead: 9,
      unread: 0,
      mentions: 0,
    };
    last().receive(frame);
    last().receive({ ...frame, space: 's2' });
    expect(onRead).toHaveBeenCalledTimes(1);
    expect(onRead).toHaveBeenCalledWith(frame);
  });

  it('checkAlive pings now and reconnects when no answer comes', () => {
    const rt = connection();
    rt.start();
    last().open();
    rt.checkAlive();
    expect(last().sent).toContainEqual({ type: 'ping' });
    vi.advanceTimersByTime(9_999);
    expect(rt.state.value).toBe('online');
    vi.advanceTimersByTime(1);
    expect(rt.state.value).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('checkAlive is satisfied by any frame', () => {
    const rt = connection();
    rt.start();
    last().open();
    rt.checkAlive();
    last().receive({ type: 'pong' });
    vi.advanceTimersByTime(20_000);
    expect(rt.state.value).toBe('online');
    expect(FakeSocket.all).toHaveLength(1);
  });
});
