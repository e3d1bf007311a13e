/**
 * A level that changes at event times (a count of busy servers, of live objects...), with its peak and its
 * time integral, overall and per time bucket. Time averages are integral / elapsed time. Buckets have the
 * width of a {@link SeriesWidth}, shared with other series, which doubles (and every series merges its
 * buckets pairwise) when there would be too many.
 *
 * Integrals are exact: times are counted in ticks of 1/1024 ms (rounded to the nearest, about a microsecond),
 * so that each bucket's integral is a sum of integers, exact whatever the order of the changes, and levels
 * that split one population (the pools of a share of the tenants each) add up to the level of the whole,
 * bucket for bucket, to the bit. The run's integral is the sum of the buckets' in bucket order.
 *
 * Cost: O(1) per change, plus O(1) per bucket boundary crossed; at most `maxBuckets` buckets held.
 */
import { SeriesWidth } from './series-width.js';

/** Ticks per millisecond: a power of two, so that a time in ms times it is exact. */
export const TICKS_PER_MS = 1024;

/** What a {@link Level} holds (see Level.state). */
export interface LevelState {
  value: number;
  peak: number;
  lastTick: number;
  bucket: number;
  bucketEnd: number;
  bucketArea: number;
  bucketPeak: number;
  areas: number[];
  peaks: number[];
}

export class Level {
  /** Current value. */
  value = 0;
  /** Largest value ever reached. */
  peak = 0;
  /** Time of the last change, in ticks (an integer). */
  private lastTick = 0;
  /** End of the open bucket, ms. */
  private bucketEnd: number;
  /** Index of the open bucket (= the number of closed ones). */
  private bucket = 0;
  private bucketArea = 0;
  private bucketPeak = 0;
  /** Integral of the level over each closed bucket (value x ticks, an integer). */
  private areas: number[] = [];
  /** Peak of the level within each closed bucket. */
  private peaks: number[] = [];
  private readonly width: SeriesWidth | null;

  /** @param width the buckets' width (a number: a width of its own, never coarsened); none: no buckets */
  constructor(width: SeriesWidth | number | null = null) {
    this.width = typeof width === 'number' ? new SeriesWidth(width, Number.MAX_SAFE_INTEGER) : width;
    this.width?.join(this);
    this.bucketEnd = this.width === null ? Infinity : this.width.ms;
  }

  /** Adds `delta` (may be negative) at time `time` (>= the previous change). */
  change(time: number, delta: number): void {
    if (time >= this.bucketEnd) this.closeBucketsBefore(time);
    const tick = Math.round(time * TICKS_PER_MS);
    this.bucketArea += this.value * (tick - this.lastTick);
    this.lastTick = tick;
    const v = (this.value += delta);
    if (v > this.bucketPeak) {
      this.bucketPeak = v;
      if (v > this.peak) this.peak = v;
    }
  }

  /** Integral from 0 to `time` (value x ms), leaving the level unchanged. `time` >= the last change. */
  integralTo(time: number): number {
    this.change(time, 0);
    let area = 0;
    for (const a of this.areas) area += a; // in bucket order, as every part's and their merge's
    return (area + this.bucketArea) / TICKS_PER_MS;
  }

  /**
   * Closes every bucket that starts before `time` and returns per-bucket integrals and peaks (the last,
   * partial bucket included), at the width of the moment.
   */
  bucketsTo(time: number): { areas: number[]; peaks: number[] } {
    this.change(time, 0);
    return { areas: [...this.areas, this.bucketArea].map((a) => a / TICKS_PER_MS), peaks: [...this.peaks, this.bucketPeak] };
  }

  /**
   * Adds `other`, the level of another part of the same population (the pools of another share of the
   * tenants), both closed to the same time at the same width (see bucketsTo): integrals bucket for bucket,
   * exactly, so the result is the whole's; peaks as the sum of the parts' in each bucket, which is an upper
   * bound of the whole's (the parts may have peaked at different instants of the bucket).
   */
  merge(other: Level): void {
    if (other.lastTick !== this.lastTick || other.areas.length !== this.areas.length || other.width?.ms !== this.width?.ms) throw new Error('levels closed to different times or widths do not merge');
    for (let i = 0; i < this.areas.length; i++) {
      this.areas[i] += other.areas[i];
      this.peaks[i] += other.peaks[i];
    }
    this.bucketArea += other.bucketArea;
    this.bucketPeak += other.bucketPeak;
    this.value += other.value;
    let peak = this.bucketPeak;
    for (const p of this.peaks) if (p > peak) peak = p; // a loop: 131,072 buckets spread as arguments overflow the stack
    this.peak = peak;
  }

  /** Everything it holds, as plain numbers (for a file; see {@link restore}). */
  state(): LevelState {
    return { value: this.value, peak: this.peak, lastTick: this.lastTick, bucket: this.bucket, bucketEnd: this.bucketEnd, bucketArea: this.bucketArea, bucketPeak: this.bucketPeak, areas: [...this.areas], peaks: [...this.peaks] };
  }

  /** Takes `s` (from {@link state} of a level at the same width) as its own. */
  restore(s: LevelState): void {
    if (s.areas.length !== s.peaks.length || s.bucket !== s.areas.length) throw new Error('a level state whose buckets do not add up');
    Object.assign(this, { value: s.value, peak: s.peak, lastTick: s.lastTick, bucket: s.bucket, bucketEnd: s.bucketEnd, bucketArea: s.bucketArea, bucketPeak: s.bucketPeak, areas: [...s.areas], peaks: [...s.peaks] });
  }

  /** Merges the buckets pairwise, the width having just doubled (see SeriesWidth). */
  coarsen(): void {
    const areas: number[] = [];
    const peaks: number[] = [];
    const closed = this.areas.length;
    for (let i = 0; i + 1 < closed; i += 2) {
      areas.push(this.areas[i] + this.areas[i + 1]);
      peaks.push(Math.max(this.peaks[i], this.peaks[i + 1]));
    }
    if (closed % 2 === 1) {
      // the last closed bucket and the open one are one bucket now, still open
      this.bucketArea += this.areas[closed - 1];
      this.bucketPeak = Math.max(this.bucketPeak, this.peaks[closed - 1]);
    }
    this.areas = areas;
    this.peaks = peaks;
    this.bucket = areas.length;
    this.bucketEnd = (this.bucket + 1) * this.width!.ms;
  }

  private closeBucketsBefore(time: number): void {
    const width = this.width!;
    while (time >= this.bucketEnd) {
      const end = Math.round(this.bucketEnd * TICKS_PER_MS);
      this.bucketArea += this.value * (end - this.lastTick);
      this.lastTick = end;
      this.areas.push(this.bucketArea);
      this.peaks.push(this.bucketPeak);
      this.bucketArea = 0;
      this.bucketPeak = this.value;
      this.bucket++;
      if (width.exceeds(this.bucket)) width.double(); // every series merges its buckets pairwise
      this.bucketEnd = (this.bucket + 1) * width.ms;
    }
  }
}
