/**
 * Reconnection delays: exponential growth capped at `maxMs`, with "equal jitter" — half of the
 * step is fixed, half random — so that a server restart does not see every client come back in
 * the same millisecond, yet no client retries in a tight loop.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 30_000 } as const;

/** Delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const random = options.random ?? Math.random;
  const safeAttempt = Math.max(0, Math.min(attempt, 30));
  const step = Math.min(maxMs, baseMs * 2 ** safeAttempt);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}
