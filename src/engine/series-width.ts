/**
 * The width of the time buckets that several series share (a level's peaks and integrals, counts of
 * events), bounded in number: when a series would need more than `maxBuckets` buckets, the width doubles and
 * every series merges its buckets pairwise, so that ten years of one-minute buckets (5 million) become ten
 * years of 64-minute ones, and all the series still line up bucket for bucket.
 * @example const w = new SeriesWidth(60_000, 4); // 1-minute buckets, at most 4: 2-minute ones past 4 min
 */
export class SeriesWidth {
  /** The width now, ms: the base width times a power of two. */
  ms: number;
  private readonly members: { coarsen(): void }[] = [];

  /**
   * @param baseMs the narrowest width, ms
   * @param maxBuckets the most buckets a series may hold (at least 2)
   */
  constructor(
    readonly baseMs: number,
    readonly maxBuckets: number,
  ) {
    if (!(maxBuckets >= 2)) throw new RangeError(`maxBuckets must be at least 2, got ${maxBuckets}`);
    this.ms = baseMs;
  }

  /** Adds a series that keeps buckets of this width. */
  join(member: { coarsen(): void }): void {
    this.members.push(member);
  }

  /** Doubles the width; every series merges its buckets pairwise. */
  double(): void {
    this.ms *= 2;
    for (const m of this.members) m.coarsen();
  }

  /** Whether bucket `index` (at the present width) is past the bound: then the width must double. */
  exceeds(index: number): boolean {
    return index >= this.maxBuckets;
  }
}
