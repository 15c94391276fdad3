import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seqTracker';

describe('SeqTracker', () => {
  it('advances contiguously in order', () => {
    const tracker = new SeqTracker();
    expect(tracker.add(1)).toBe(true);
    expect(tracker.add(2)).toBe(true);
    expect(tracker.contiguous).toBe(2);
    expect(tracker.hasGap).toBe(false);
  });

  it('ignores duplicates and nonsense', () => {
    const tracker = new SeqTracker(3);
    expect(tracker.add(3)).toBe(false);
    expect(tracker.add(2)).toBe(false);
    expect(tracker.add(0)).toBe(false);
    expect(tracker.add(1.5)).toBe(false);
    expect(tracker.add(4)).toBe(true);
    expect(tracker.add(4)).toBe(false);
  });

  it('keeps contiguous below a hole when 9 arrives before 8', () => {
    const tracker = new SeqTracker(7);
    tracker.add(9);
    expect(tracker.contiguous).toBe(7);
    expect(tracker.highest).toBe(9);
    expect(tracker.missing()).toEqual([8]);
    expect(tracker.has(9)).toBe(true);
    tracker.add(8);
    expect(tracker.contiguous).toBe(9);
    expect(tracker.hasGap).toBe(false);
  });

  it('resumes from the lowest hole, never past it', () => {
    const tracker = new SeqTracker();
    for (const seq of [1, 2, 4, 5, 7]) tracker.add(seq);
    expect(tracker.contiguous).toBe(2);
    expect(tracker.missing()).toEqual([3, 6]);
  });

  it('skips a hole that never fills, then absorbs what follows', () => {
    const tracker = new SeqTracker();
    for (const seq of [1, 3, 4, 6]) tracker.add(seq);
    tracker.skipGap();
    expect(tracker.contiguous).toBe(4);
    expect(tracker.missing()).toEqual([5]);
    tracker.skipGap();
    expect(tracker.contiguous).toBe(6);
    expect(tracker.hasGap).toBe(false);
  });

  it('resets to a head and keeps what was held above it', () => {
    const tracker = new SeqTracker();
    tracker.add(1);
    tracker.add(12);
    tracker.reset(10);
    expect(tracker.contiguous).toBe(10);
    tracker.add(11);
    expect(tracker.contiguous).toBe(12);
  });

  it('holds every seq exactly once whatever the arrival order (random orders)', () => {
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(Math.random() * 40);
      const seqs = Array.from({ length: n }, (_, i) => i + 1);
      for (let i = seqs.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [seqs[i], seqs[j]] = [seqs[j]!, seqs[i]!];
      }
      const tracker = new SeqTracker();
      let fresh = 0;
      for (const seq of [...seqs, ...seqs.slice(0, n / 2)]) if (tracker.add(seq)) fresh++;
      expect(fresh).toBe(n);
      expect(tracker.contiguous).toBe(n);
      expect(tracker.hasGap).toBe(false);
    }
  });
});
