/**
 * Which event sequence numbers of one space the client holds. Events can arrive out of order
 * (two nodes may commit seq 9 before seq 8), so the tracker keeps the highest `contiguous` seq
 * below which it holds everything, plus the set held above it. A reconnecting client resumes
 * with `since = contiguous`, so a gap is replayed rather than skipped.
 */
export class SeqTracker {
  private base: number;
  private readonly above = new Set<number>();

  constructor(base = 0) {
    this.base = Math.max(0, base);
  }

  /** Every seq `<= contiguous` is held. */
  get contiguous(): number {
    return this.base;
  }

  /** The highest seq held (equals `contiguous` when there is no gap). */
  get highest(): number {
    let max = this.base;
    for (const seq of this.above) if (seq > max) max = seq;
    return max;
  }

  get hasGap(): boolean {
    return this.above.size > 0;
  }

  has(seq: number): boolean {
    return seq <= this.base || this.above.has(seq);
  }

  /** Records `seq`; answers false when it was already held (a duplicate to ignore). */
  add(seq: number): boolean {
    if (!Number.isInteger(seq) || seq < 1 || this.has(seq)) return false;
    if (seq === this.base + 1) {
      this.base = seq;
      this.absorb();
    } else {
      this.above.add(seq);
    }
    return true;
  }

  /** The seqs missing between `contiguous` and `highest`, lowest first. */
  missing(): number[] {
    const result: number[] = [];
    const top = this.highest;
    for (let seq = this.base + 1; seq < top; seq++) if (!this.above.has(seq)) result.push(seq);
    return result;
  }

  /**
   * Gives up on the lowest gap (its seq was allocated but never committed, or can no longer be
   * replayed) and moves `contiguous` up to the next run of held seqs.
   */
  skipGap(): void {
    if (this.above.size === 0) return;
    this.base = Math.min(...this.above);
    this.above.delete(this.base);
    this.absorb();
  }

  /** Starts over from `head`: everything up to it is considered held (after a REST reload). */
  reset(head: number): void {
    this.base = Math.max(0, head);
    for (const seq of [...this.above]) if (seq <= this.base) this.above.delete(seq);
    this.absorb();
  }

  private absorb(): void {
    while (this.above.delete(this.base + 1)) this.base++;
  }
}
