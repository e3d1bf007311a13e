/**
 * Streaming quantiles of a non-negative sample of durations in ms: exact while the sample is small, then a
 * DDSketch with 1 % relative accuracy (Masson, Rim and Lee, VLDB 2019; {@link LogHistogram}, identical in
 * its answers to the Datadog implementation), so memory stays bounded however many values arrive. The max
 * is exact, the mean exact to a tick: its sum is kept as an integer number of ticks (1/1024 ms, the nearest
 * one to each value, as Level's), in two words, so that it does not depend on the order of the values and
 * recorders of parts of a sample add up to the recorder of the whole.
 *
 * Exact quantiles use linear interpolation between order statistics (Hyndman and Fan type 7, the default
 * of R and NumPy).
 */
import { TICKS_PER_MS } from './level.js';
import { LogHistogram } from './log-histogram.js';
import { SketchKeys } from './sketch-keys.js';

const TWO_POW_32 = 2 ** 32;
/** The sum's low word carries into the high one from here (2^52). */
const SUM_CARRY_AT = 2 ** 52;

/** Values kept exactly before switching to the sketch. Default: 65 536. */
export const EXACT_LIMIT = 65_536;

/** Relative accuracy of the sketch beyond {@link EXACT_LIMIT}: 1 %. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

/** The bucket mapping of every recorder's sketch: `SKETCH_KEYS.key(v)` is the key {@link addKeyed} takes. */
export const SKETCH_KEYS = new SketchKeys(new LogHistogram(SKETCH_RELATIVE_ACCURACY));

/** What a {@link QuantileRecorder} holds: exact values or a sketch's counts. */
export interface QuantileState {
  count: number;
  max: number;
  sumHigh: number;
  sumLow: number;
  exact: number[] | null;
  sketch: { zeroCount: number; minKey: number; counts: number[] } | null;
}

export class QuantileRecorder {
  /** Number of values recorded. */
  count = 0;
  /** Largest value recorded; 0 when none. */
  max = 0;
  /** The sum in ticks (see TICKS_PER_MS): sumHigh x 2^32 + sumLow, both integers, sumLow below 2^52. */
  private sumHigh = 0;
  private sumLow = 0;
  private exact: Float64Array | null;
  private sketch: LogHistogram | null = null;
  private sorted: Float64Array | null = null;

  constructor(private readonly exactLimit = EXACT_LIMIT) {
    this.exact = new Float64Array(Math.min(exactLimit, 1024));
  }

  /** Records one value (>= 0). */
  add(v: number): void {
    this.addKeyed(v, this.sketch === null ? 0 : this.sketch.key(v));
  }

  /** Records one value (>= 0) with its sketch key, `SKETCH_KEYS.key(v)` (speed: a caller feeding several
   *  recorders computes the logarithm once). The key is not read while the quantiles are exact. */
  addKeyed(v: number, key: number): void {
    const n = this.count++;
    if (v > this.max) this.max = v;
    // exact while a value is below 2^51 ticks (70 years) and sumLow below 2^52: the sum stays below 2^53
    let low = this.sumLow + Math.round(v * TICKS_PER_MS);
    if (low >= SUM_CARRY_AT) {
      const carry = Math.floor(low / TWO_POW_32);
      this.sumHigh += carry;
      low -= carry * TWO_POW_32;
    }
    this.sumLow = low;
    const exact = this.exact;
    if (exact !== null) {
      this.sorted = null;
      if (n < exact.length) {
        exact[n] = v;
        return;
      }
      if (n < this.exactLimit) {
        const grown = new Float64Array(Math.min(this.exactLimit, exact.length * 2));
        grown.set(exact);
        grown[n] = v;
        this.exact = grown;
        return;
      }
      const sketch = new LogHistogram(SKETCH_RELATIVE_ACCURACY);
      for (let i = 0; i < n; i++) sketch.add(exact[i]);
      sketch.add(v);
      this.sketch = sketch;
      this.exact = null;
      return;
    }
    this.sketch!.addKey(key);
  }

  /** Adds the values `other` recorded: the result is what one recorder fed all of them, in any order, gives
   *  (exact quantiles while the two together are few enough, else the sketch of all of them). */
  merge(other: QuantileRecorder): void {
    const values = other.exact !== null ? other.exact.subarray(0, other.count) : null;
    const count = this.count;
    if (values !== null && this.exact !== null && count + values.length <= this.exactLimit) {
      if (count + values.length > this.exact.length) {
        const grown = new Float64Array(Math.min(this.exactLimit, Math.max(2 * this.exact.length, count + values.length)));
        grown.set(this.exact.subarray(0, count));
        this.exact = grown;
      }
      this.exact.set(values, count);
    } else {
      if (this.exact !== null) {
        const sketch = new LogHistogram(SKETCH_RELATIVE_ACCURACY);
        for (let i = 0; i < count; i++) sketch.add(this.exact[i]);
        this.sketch = sketch;
        this.exact = null;
      }
      const sketch = this.sketch as LogHistogram;
      if (values !== null) for (const v of values) sketch.add(v);
      else sketch.merge(other.sketch as LogHistogram);
    }
    this.sorted = null;
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
    let low = this.sumLow + other.sumLow; // both below 2^52: below 2^53, exact
    let high = this.sumHigh + other.sumHigh;
    if (low >= SUM_CARRY_AT) {
      const carry = Math.floor(low / TWO_POW_32);
      high += carry;
      low -= carry * TWO_POW_32;
    }
    this.sumLow = low;
    this.sumHigh = high;
  }

  /** Everything it holds, as plain numbers (for a file; see {@link fromState}). */
  state(): QuantileState {
    return {
      count: this.count, max: this.max, sumHigh: this.sumHigh, sumLow: this.sumLow,
      exact: this.exact !== null ? Array.from(this.exact.subarray(0, this.count)) : null,
      sketch: this.sketch !== null ? this.sketch.state() : null,
    };
  }

  /** A recorder holding what `s` (from {@link state}) describes. */
  static fromState(s: QuantileState, exactLimit = EXACT_LIMIT): QuantileRecorder {
    const q = new QuantileRecorder(exactLimit);
    if ((s.exact === null) === (s.sketch === null) || (s.exact !== null && (s.exact.length !== s.count || s.count > exactLimit))) throw new Error('a latency state that is neither exact nor a sketch of its count');
    if (s.exact !== null) q.exact = Float64Array.from(s.exact.length > 0 ? s.exact : [0]);
    else {
      q.exact = null;
      q.sketch = new LogHistogram(SKETCH_RELATIVE_ACCURACY);
      q.sketch.addState(s.sketch as NonNullable<QuantileState['sketch']>);
      if (q.sketch.count !== s.count) throw new Error('a latency sketch whose counts do not add up');
    }
    Object.assign(q, { count: s.count, max: s.max, sumHigh: s.sumHigh, sumLow: s.sumLow });
    return q;
  }

  /** Arithmetic mean; 0 when empty. */
  mean(): number {
    return this.count === 0 ? 0 : (this.sumHigh * TWO_POW_32 + this.sumLow) / TICKS_PER_MS / this.count;
  }

  /** Whether quantiles are still exact. */
  isExact(): boolean {
    return this.exact !== null;
  }

  /** The q-quantile (0 <= q <= 1); 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    if (this.sketch !== null) return Math.min(this.max, this.sketch.quantile(q));
    const sorted = (this.sorted ??= this.exact!.slice(0, this.count).sort());
    const h = (this.count - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, this.count - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
