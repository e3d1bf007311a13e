/**
 * A level that changes at event times (a count of busy servers, of live objects...), with its peak and its
 * time integral, overall and per fixed-width time bucket. Time averages are integral / elapsed time.
 *
 * Cost: O(1) per change, plus O(1) per bucket boundary crossed. Bucket arrays grow as time advances.
 */
export class Level {
  /** Current value. */
  value = 0;
  /** Largest value ever reached. */
  peak = 0;
  private lastTime = 0;
  private bucketEnd: number;
  private bucket = 0;
  private area = 0;
  private bucketArea = 0;
  private bucketPeak = 0;
  /** Integral of the level over each closed bucket (value x ms). */
  readonly areas: number[] = [];
  /** Peak of the level within each closed bucket. */
  readonly peaks: number[] = [];

  /** @param bucketMs width of the time buckets (ms); Infinity for none. */
  constructor(private readonly bucketMs = Infinity) {
    this.bucketEnd = bucketMs;
  }

  /** Adds `delta` (may be negative) at time `time` (>= the previous change). */
  change(time: number, delta: number): void {
    if (time >= this.bucketEnd) this.closeBucketsBefore(time);
    const dt = time - this.lastTime;
    this.bucketArea += this.value * dt;
    this.lastTime = time;
    const v = (this.value += delta);
    if (v > this.bucketPeak) {
      this.bucketPeak = v;
      if (v > this.peak) this.peak = v;
    }
  }

  /** Integral from 0 to `time` (value x ms), leaving the level unchanged. `time` >= the last change. */
  integralTo(time: number): number {
    this.change(time, 0);
    return this.area + this.bucketArea;
  }

  /**
   * Closes every bucket that starts before `time` and returns per-bucket integrals and peaks (the last,
   * partial bucket included).
   */
  bucketsTo(time: number): { areas: number[]; peaks: number[] } {
    this.change(time, 0);
    return { areas: [...this.areas, this.bucketArea], peaks: [...this.peaks, this.bucketPeak] };
  }

  private closeBucketsBefore(time: number): void {
    while (time >= this.bucketEnd) {
      this.bucketArea += this.value * (this.bucketEnd - this.lastTime);
      this.lastTime = this.bucketEnd;
      this.areas.push(this.bucketArea);
      this.peaks.push(this.bucketPeak);
      this.area += this.bucketArea;
      this.bucketArea = 0;
      this.bucketPeak = this.value;
      this.bucket++;
      this.bucketEnd = (this.bucket + 1) * this.bucketMs;
    }
  }
}
