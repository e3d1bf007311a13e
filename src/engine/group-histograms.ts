/**
 * Many small log-bucketed histograms, one per group (a tenant), each allocated on its first value: quantiles
 * per group with a bounded relative error, in memory proportional to the groups that have values.
 *
 * Bucket i holds values in (γ^(i-1), γ^i] (times the smallest value), with γ = (1 + α) / (1 - α); the
 * bucket's representative 2 γ^i / (γ + 1) is within α of every value in it (the DDSketch mapping, coarser).
 * Values below the range fall in the first bucket, above it in the last.
 *
 * Each group's counts cover a window of buckets around its values, widened (doubling) when a value falls
 * outside it; the windows sit one after another in one array, each after a two-word header (its first bucket
 * and its width). Memory: about 0.1 KB per group with values (a lognormal with p99 three times its median
 * fits in the first window of 16 buckets), at most GROUP_BUCKETS 32-bit counts, plus 4 bytes per group
 * (speed and memory: with 100,000 tenants, full rows of 0.8 KB each made every value a cache and TLB miss).
 */
import { SKETCH_KEYS } from './quantiles.js';

/** Relative accuracy of the per-group quantiles: 5 %. */
export const GROUP_ALPHA = 0.05;
const GAMMA = (1 + GROUP_ALPHA) / (1 - GROUP_ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
/** Smallest value told apart (ms). */
const MIN_VALUE = 0.1;
/** Buckets per group: from 0.1 ms to about 100,000 s. */
export const GROUP_BUCKETS = Math.ceil(Math.log(1e9) / LOG_GAMMA) + 1;

/** The bucket of `value` (>= 0): the definition, which {@link GroupHistograms.addKeyed} agrees with. */
export function bucketOf(value: number): number {
  return value <= MIN_VALUE ? 0 : Math.min(GROUP_BUCKETS - 1, Math.ceil(Math.log(value / MIN_VALUE) / LOG_GAMMA));
}

/**
 * The bucket of every value with a given sketch key (`SKETCH_KEYS.key`), for the keys whose sketch bucket
 * lies inside one of ours, or -1 where one of our bounds falls in it (speed: about four values in five then
 * need no logarithm of their own). A key's entry is set only when the whole of its sketch bucket, widened by
 * a relative margin far above any rounding of either mapping, maps into one bucket with room to spare, so
 * the table never disagrees with {@link bucketOf}.
 */
const { lo: KEY_LO, hi: KEY_HI, table: KEY_BUCKET } = (() => {
  const margin = 1e-9;
  const lo = SKETCH_KEYS.key(MIN_VALUE) - 2;
  const hi = SKETCH_KEYS.key(MIN_VALUE * Math.pow(GAMMA, GROUP_BUCKETS)) + 2;
  const table = new Int32Array(hi - lo + 1).fill(-1);
  for (let key = lo; key <= hi; key++) {
    const [a, b] = SKETCH_KEYS.bucketBounds(key);
    const from = a * (1 - margin);
    const to = b * (1 + margin);
    if (to < MIN_VALUE * (1 - margin)) table[key - lo] = 0;
    else if (from > MIN_VALUE * (1 + margin)) {
      // Position of each end in bucket units; both strictly inside the same (j - 1, j].
      const x = Math.log(from / MIN_VALUE) / LOG_GAMMA;
      const y = Math.log(to / MIN_VALUE) / LOG_GAMMA;
      const j = Math.ceil(y);
      if (x > j - 1 + margin && y < j - margin) table[key - lo] = Math.min(GROUP_BUCKETS - 1, j);
    }
  }
  return { lo, hi, table };
})();

/** Width of a group's first window, in buckets. */
const FIRST_WIDTH = 16;
/** Words before a window's counts: its first bucket and its width. */
const HEADER = 2;

export class GroupHistograms {
  /** Offset of each group's window header in `counts`, or -1 before its first value: group g's at
   *  `slots[g * stride + field]`. */
  private readonly slots: Float64Array;
  private readonly stride: number;
  private readonly field: number;
  private counts = new Uint32Array(1 << 16);
  /** Words of `counts` in use (windows are only ever appended; a widened one leaves its old copy behind). */
  private used = 0;

  /**
   * @param where the offsets are kept: by default an array of their own; or words of another array, one
   *   per group, `stride` apart from `field` on, all -1 to start (speed: a caller can put a group's offset
   *   in a cache line it has just touched)
   */
  constructor(groups: number, where?: { slots: Float64Array; stride: number; field: number }) {
    this.ownSlots = where === undefined;
    if (where === undefined) {
      this.slots = new Float64Array(groups).fill(-1);
      this.stride = 1;
      this.field = 0;
    } else {
      if (where.slots.length < (groups - 1) * where.stride + where.field + 1) throw new RangeError('fewer slots than groups');
      this.slots = where.slots;
      this.stride = where.stride;
      this.field = where.field;
    }
    this.groups = groups;
  }

  /** Number of groups. */
  private readonly groups: number;
  /** Whether the offsets are in an array of its own (counted in {@link bytes}). */
  private readonly ownSlots: boolean;

  private slot(g: number): number {
    return this.slots[g * this.stride + this.field];
  }

  /** Adds `value` (>= 0) to group `g`. */
  add(g: number, value: number): void {
    this.addKeyed(g, value, SKETCH_KEYS.key(value));
  }

  /** Adds `value` (>= 0) to group `g`, given its sketch key `SKETCH_KEYS.key(value)` (speed: the key, which
   *  the latency sketches compute anyway, gives the bucket without a logarithm most of the time). */
  addKeyed(g: number, value: number, key: number): void {
    // Every quantity here is a small integer, and `| 0` says so (speed: V8 keeps them in registers as int32,
    // where a bucket from Math.ceil or an offset read from a Float64Array was a double, boxed when it
    // reached a call).
    let k = key >= KEY_LO && key <= KEY_HI ? KEY_BUCKET[key - KEY_LO] : -1;
    if (k < 0) k = bucketOf(value) | 0;
    let s = this.slot(g) | 0;
    if (s < 0) s = this.place(g, -1, k);
    const c = this.counts;
    let i = (k - c[s]) | 0;
    if (i < 0 || i >= c[s + 1]) {
      s = this.place(g, s, k);
      i = (k - this.counts[s]) | 0;
    }
    this.counts[s + HEADER + i]++;
  }

  /** Gives group `g` a window that holds bucket `k` and, when it has one (at `from`), the buckets of its
   *  current window, with their counts; returns its offset. */
  private place(g: number, from: number, k: number): number {
    let lo = k;
    let hi = k + 1;
    let width = FIRST_WIDTH;
    if (from >= 0) {
      lo = Math.min(lo, this.counts[from]);
      hi = Math.max(hi, this.counts[from] + this.counts[from + 1]);
      width = 2 * this.counts[from + 1];
    }
    width = Math.min(GROUP_BUCKETS, Math.max(width, hi - lo));
    // Centred on what it must hold, within 0..GROUP_BUCKETS.
    const base = Math.max(0, Math.min(GROUP_BUCKETS - width, lo - ((width - (hi - lo)) >> 1)));
    const s = this.used;
    this.used += HEADER + width;
    if (this.used > this.counts.length) {
      const grown = new Uint32Array(Math.max(this.used, this.counts.length * 2));
      grown.set(this.counts.subarray(0, s));
      this.counts = grown;
    }
    const c = this.counts;
    c[s] = base;
    c[s + 1] = width;
    if (from >= 0) c.set(c.subarray(from + HEADER, from + HEADER + c[from + 1]), s + HEADER + c[from] - base);
    this.slots[g * this.stride + this.field] = s;
    return s;
  }

  /** Adds the counts of `other` (as many groups), group for group and bucket for bucket: the histograms of
   *  both samples. */
  merge(other: GroupHistograms): void {
    if (other.groups !== this.groups) throw new Error('histograms of different groups do not merge');
    for (let g = 0; g < other.groups; g++) {
      const from = other.slot(g);
      if (from < 0) continue;
      const base = other.counts[from];
      for (let i = 0; i < other.counts[from + 1]; i++) {
        const n = other.counts[from + HEADER + i];
        if (n > 0) this.addCount(g, base + i, n);
      }
    }
  }

  /** Each group's counts as plain numbers: [group, first bucket, counts...] for the groups with values (for
   *  a file; see {@link addState}). */
  state(): number[][] {
    const out: number[][] = [];
    for (let g = 0; g < this.groups; g++) {
      const s = this.slot(g);
      if (s >= 0) out.push([g, this.counts[s], ...this.counts.subarray(s + HEADER, s + HEADER + this.counts[s + 1])]);
    }
    return out;
  }

  /** Adds the counts of a {@link state} (of as many groups). */
  addState(state: readonly (readonly number[])[]): void {
    for (const [g, base, ...counts] of state) {
      if (!(Number.isInteger(g) && g >= 0 && g < this.groups && Number.isInteger(base) && base >= 0 && base + counts.length <= GROUP_BUCKETS)) throw new Error('a tenant latency state out of range');
      counts.forEach((n, i) => {
        if (n > 0) this.addCount(g, base + i, n);
      });
    }
  }

  /** Adds `n` values to bucket `k` of group `g`. */
  private addCount(g: number, k: number, n: number): void {
    let s = this.slot(g) | 0;
    if (s < 0) s = this.place(g, -1, k);
    let j = k - this.counts[s];
    if (j < 0 || j >= this.counts[s + 1]) {
      s = this.place(g, s, k);
      j = k - this.counts[s];
    }
    this.counts[s + HEADER + j] += n;
  }

  /** Count in bucket `k` of group `g`. */
  bucketCount(g: number, k: number): number {
    const s = this.slot(g);
    if (s < 0) return 0;
    const i = k - this.counts[s];
    return i >= 0 && i < this.counts[s + 1] ? this.counts[s + HEADER + i] : 0;
  }

  /** Values added to group `g` (the sum of its buckets: no total is kept, so an add touches one window). */
  count(g: number): number {
    const s = this.slot(g);
    if (s < 0) return 0;
    let n = 0;
    for (let i = s + HEADER; i < s + HEADER + this.counts[s + 1]; i++) n += this.counts[i];
    return n;
  }

  /** Bytes of memory the histograms use, their offsets included when they keep them (for tests). */
  get bytes(): number {
    return 4 * this.used + (this.ownSlots ? 8 * this.groups : 0);
  }

  /**
   * The q-quantile of group `g` (nearest rank: the value of rank ceil(q n)), within 5 % of a value of that
   * rank; NaN for a group without values.
   */
  quantile(g: number, q: number): number {
    return this.quantiles(g, [q])[0];
  }

  /**
   * Several quantiles (`qs` in increasing order) of groups `from` to `to` - 1 taken together, as if their values
   * had been added to one group: their buckets are added up first. NaN without values.
   */
  quantilesOfRange(from: number, to: number, qs: readonly number[]): number[] {
    let lo = Infinity;
    let hi = -Infinity;
    for (let g = from; g < to; g++) {
      const s = this.slot(g);
      if (s < 0 || this.counts[s + 1] === 0) continue;
      lo = Math.min(lo, this.counts[s]);
      hi = Math.max(hi, this.counts[s] + this.counts[s + 1]);
    }
    const out = qs.map(() => NaN);
    if (lo === Infinity) return out;
    const sum = new Float64Array(hi - lo);
    for (let g = from; g < to; g++) {
      const s = this.slot(g);
      if (s < 0) continue;
      for (let i = 0; i < this.counts[s + 1]; i++) sum[this.counts[s] + i - lo] += this.counts[s + HEADER + i];
    }
    let n = 0;
    for (const c of sum) n += c;
    if (n === 0) return out;
    let seen = 0;
    let j = 0;
    for (let i = 0; i < sum.length && j < qs.length; i++) {
      const k = lo + i;
      seen += sum[i];
      while (j < qs.length && seen >= Math.max(1, Math.ceil(qs[j] * n))) out[j++] = k === 0 ? MIN_VALUE : (MIN_VALUE * 2 * Math.pow(GAMMA, k)) / (GAMMA + 1);
    }
    return out;
  }

  /** Several quantiles of group `g` (`qs` in increasing order), as {@link quantile} gives them, in one pass
   *  over its buckets (speed: tenants.csv asks two of each of 100,000 tenants). */
  quantiles(g: number, qs: readonly number[]): number[] {
    const out = qs.map(() => NaN);
    const s = this.slot(g);
    if (s < 0) return out;
    const n = this.count(g);
    if (n === 0) return out;
    let seen = 0;
    let j = 0;
    const base = this.counts[s];
    const width = this.counts[s + 1];
    for (let i = 0; i < width && j < qs.length; i++) {
      const k = base + i;
      seen += this.counts[s + HEADER + i];
      while (j < qs.length && seen >= Math.max(1, Math.ceil(qs[j] * n))) out[j++] = k === 0 ? MIN_VALUE : (MIN_VALUE * 2 * Math.pow(GAMMA, k)) / (GAMMA + 1);
    }
    return out;
  }
}
