import { describe, expect, it } from 'vitest';
import { submitOnce } from './submit';

function recorder() {
  const seen: string[] = [];
  let error: unknown = 'before';
  return {
    seen,
    error: () => error,
    sink: {
      setBusy: (busy: boolean) => seen.push(busy ? 'busy' : 'idle'),
      setError: (e: unknown) => {
        error = e;
        seen.push(e == null ? 'clear' : `error:${String(e)}`);
      },
    },
  };
}

describe('submitOnce', () => {
  it('is busy while the action runs and clears the previous failure first', async () => {
    const r = recorder();
    const ok = await submitOnce({ current: false }, r.sink, async () => {
      r.seen.push('action');
    });
    expect(ok).toBe(true);
    expect(r.seen).toEqual(['busy', 'clear', 'action', 'idle']);
    expect(r.error()).toBeNull();
  });

  it('keeps the failure to show, hands it to onFailure and resolves false', async () => {
    const r = recorder();
    const handed: unknown[] = [];
    const ok = await submitOnce(
      { current: false },
      r.sink,
      () => Promise.reject(new Error('refused')),
      (f) => handed.push(f),
    );
    expect(ok).toBe(false);
    expect(String(r.error())).toBe('Error: refused');
    expect(handed).toHaveLength(1);
    expect(r.seen.at(-1)).toBe('idle');
  });

  it('ignores a second send while the first is under way, and accepts one after it', async () => {
    const r = recorder();
    const running = { current: false };
    let release!: () => void;
    let calls = 0;
    const first = submitOnce(running, r.sink, () => {
      calls++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const second = await submitOnce(running, r.sink, async () => {
      calls++;
    });
    expect(second).toBe(false);
    expect(calls).toBe(1);
    release();
    expect(await first).toBe(true);
    expect(running.current).toBe(false);
    expect(
      await submitOnce(running, r.sink, async () => {
        calls++;
      }),
    ).toBe(true);
    expect(calls).toBe(2);
  });
});
