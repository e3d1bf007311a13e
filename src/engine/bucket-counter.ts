/**
 * Counts of events per time bucket, grown as time advances. Buckets have the width of a
 * {@link SeriesWidth}, shared with other series, which doubles (and every series merges its buckets
 * pairwise) when there would be too many.
 * @example const c = new BucketCounter(60_000); c.add(61_000); c.toArray(2) // [0, 1]
 */
import { SeriesWidth } from './series-width.js';

export class BucketCounter {
  private counts = new Float64Array(64);
  /** Buckets in use: the first one always is, so that its fast path needs no bookkeeping. */
  private used = 1;
  /** The bucket of the last event and its bounds (speed: events mostly fall in it, so no division). */
  private current = 0;
  private lo = 0;
  private hi: number;
  private readonly width: SeriesWidth;

  /** @param width the buckets' width (a number: a width of its own, never coarsened) */
  constructor(width: SeriesWidth | number) {
    this.width = typeof width === 'number' ? new SeriesWidth(width, Number.MAX_SAFE_INTEGER) : width;
    this.width.join(this);
    this.hi = this.width.ms;
  }

  /** Counts one event at time `time` (ms >= 0). */
  add(time: number): void {
    if (time >= this.lo && time < this.hi) this.counts[this.current]++;
    else this.addElsewhere(time);
  }

  /** `add` for an event outside the current bucket (speed: apart, so that `add` is small enough to be
   *  inlined). */
  private addElsewhere(time: number): void {
    while (this.width.exceeds(Math.floor(time / this.width.ms))) this.width.double(); // every series merges pairwise
    const w = this.width.ms;
    const i = Math.floor(time / w);
    this.current = i;
    this.lo = i * w;
    this.hi = (i + 1) * w;
    if (i >= this.counts.length) {
      const grown = new Float64Array(Math.max(i + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[i]++;
    if (i >= this.used) this.used = i + 1;
  }

  /** Merges the buckets pairwise, the width having just doubled (see SeriesWidth). */
  coarsen(): void {
    const half = Math.ceil(this.used / 2);
    for (let j = 0; j < half; j++) this.counts[j] = this.counts[2 * j] + (2 * j + 1 < this.used ? this.counts[2 * j + 1] : 0);
    this.counts.fill(0, half, this.used);
    this.used = Math.max(1, half);
    this.current = Math.floor(this.current / 2);
    this.lo = this.current * this.width.ms;
    this.hi = (this.current + 1) * this.width.ms;
  }

  /** Adds the counts of `other` (at the same width), bucket for bucket. */
  merge(other: BucketCounter): void {
    if (other.width.ms !== this.width.ms) throw new Error('counters of different widths do not merge');
    if (other.used > this.counts.length) {
      const grown = new Float64Array(other.used);
      grown.set(this.counts);
      this.counts = grown;
    }
    for (let i = 0; i < other.used; i++) this.counts[i] += other.counts[i];
    this.used = Math.max(this.used, other.used);
  }

  /** Its counts in use, as plain numbers (for a file; see {@link restore}). */
  state(): number[] {
    return Array.from(this.counts.subarray(0, this.used));
  }

  /** Takes counts from {@link state} (at the same width) as its own. */
  restore(counts: readonly number[]): void {
    this.counts = Float64Array.from(counts.length > 0 ? counts : [0]);
    this.used = this.counts.length;
    this.current = 0;
    this.lo = 0;
    this.hi = this.width.ms;
  }

  /** The first `buckets` counts as plain numbers (zeros where nothing happened). */
  toArray(buckets: number): number[] {
    const out = new Array<number>(buckets).fill(0);
    for (let i = 0; i < Math.min(buckets, this.used); i++) out[i] = this.counts[i];
    return out;
  }
}
