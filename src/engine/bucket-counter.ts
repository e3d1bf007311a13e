/**
 * Counts of events per fixed-width time bucket, grown as time advances.
 * @example const c = new BucketCounter(60_000); c.add(61_000); c.toArray(2) // [0, 1]
 */
export class BucketCounter {
  private counts = new Float64Array(64);
  /** Buckets in use: the first one always is, so that its fast path needs no bookkeeping. */
  private used = 1;
  /** The bucket of the last event and its bounds (speed: events mostly fall in it, so no division). */
  private current = 0;
  private lo = 0;
  private hi: number;

  constructor(private readonly bucketMs: number) {
    this.hi = bucketMs;
  }

  /** Counts one event at time `time` (ms >= 0). */
  add(time: number): void {
    if (time >= this.lo && time < this.hi) this.counts[this.current]++;
    else this.addElsewhere(time);
  }

  /** `add` for an event outside the current bucket (speed: apart, so that `add` is small enough to be
   *  inlined). */
  private addElsewhere(time: number): void {
    const i = Math.floor(time / this.bucketMs);
    this.current = i;
    this.lo = i * this.bucketMs;
    this.hi = (i + 1) * this.bucketMs;
    if (i >= this.counts.length) {
      const grown = new Float64Array(Math.max(i + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[i]++;
    if (i >= this.used) this.used = i + 1;
  }

  /** The first `buckets` counts as plain numbers (zeros where nothing happened). */
  toArray(buckets: number): number[] {
    const out = new Array<number>(buckets).fill(0);
    for (let i = 0; i < Math.min(buckets, this.used); i++) out[i] = this.counts[i];
    return out;
  }
}
