/** Throttling of outgoing `typing` frames and expiry of incoming ones (pure: the clock is given). */

/** The server forwards at most one per 2 s; sending more often is wasted. */
export const TYPING_SEND_INTERVAL_MS = 2_000;
/** Someone is shown typing this long after their last frame. */
export const TYPING_SHOW_MS = 5_000;

export class TypingThrottle {
  private last = new Map<string, number>();
  constructor(private readonly intervalMs = TYPING_SEND_INTERVAL_MS) {}

  /** Whether a frame for `channel` may go now (and records it when so). */
  shouldSend(channel: string, now: number): boolean {
    const last = this.last.get(channel);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.last.set(channel, now);
    return true;
  }

  /** After a message is sent the next keystroke announces typing again at once. */
  reset(channel: string): void {
    this.last.delete(channel);
  }
}

/** Who types where: user → time seen, per channel. */
export type TypingMap = ReadonlyMap<string, ReadonlyMap<string, number>>;

export function noteTyping(map: TypingMap, channel: string, user: string, now: number): TypingMap {
  const next = new Map(map);
  const inChannel = new Map(map.get(channel) ?? []);
  inChannel.set(user, now);
  next.set(channel, inChannel);
  return next;
}

/** Someone's message arrived: they stopped typing. */
export function clearTyping(map: TypingMap, channel: string, user: string): TypingMap {
  if (!map.get(channel)?.has(user)) return map;
  const next = new Map(map);
  const inChannel = new Map(map.get(channel));
  inChannel.delete(user);
  next.set(channel, inChannel);
  return next;
}

/** Who is typing in `channel` now (sorted by when they started). */
export function typingIn(
  map: TypingMap,
  channel: string,
  now: number,
  showMs = TYPING_SHOW_MS,
): string[] {
  const inChannel = map.get(channel);
  if (!inChannel) return [];
  return [...inChannel]
    .filter(([, at]) => now - at < showMs)
    .sort((a, b) => a[1] - b[1])
    .map(([user]) => user);
}
