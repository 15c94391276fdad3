import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles the step at each attempt, half fixed and half random', () => {
    const none = () => 0;
    const all = () => 1;
    expect(backoffDelay(0, { baseMs: 500, random: none })).toBe(250);
    expect(backoffDelay(0, { baseMs: 500, random: all })).toBe(500);
    expect(backoffDelay(1, { baseMs: 500, random: none })).toBe(500);
    expect(backoffDelay(3, { baseMs: 500, random: all })).toBe(4000);
  });

  it('never exceeds the cap, even after many attempts', () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const delay = backoffDelay(attempt, { baseMs: 500, maxMs: 30_000 });
      expect(delay).toBeGreaterThanOrEqual(250);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
    expect(backoffDelay(1000, { maxMs: 30_000, random: () => 0 })).toBe(15_000);
  });

  it('spreads clients apart: random draws give different delays', () => {
    const delays = new Set(
      Array.from({ length: 50 }, (_, i) => backoffDelay(5, { random: () => i / 50 })),
    );
    expect(delays.size).toBe(50);
  });

  it('treats a negative attempt as the first and clamps a bad random value', () => {
    expect(backoffDelay(-3, { baseMs: 1000, random: () => 2 })).toBe(1000);
  });
});
