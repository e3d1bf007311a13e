/**
 * Many small log-bucketed histograms, one per group (a tenant), each allocated on its first value: quantiles
 * per group with a bounded relative error, in memory proportional to the groups that have values.
 *
 * Bucket i holds values in (γ^(i-1), γ^i] (times the smallest value), with γ = (1 + α) / (1 - α); the
 * bucket's representative 2 γ^i / (γ + 1) is within α of every value in it (the DDSketch mapping, coarser).
 * Values below the range fall in the first bucket, above it in the last.
 */

/** Relative accuracy of the per-group quantiles: 5 %. */
export const GROUP_ALPHA = 0.05;
const GAMMA = (1 + GROUP_ALPHA) / (1 - GROUP_ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
/** Smallest value told apart (ms). */
const MIN_VALUE = 0.1;
/** Buckets per group: from 0.1 ms to about 100,000 s. */
export const GROUP_BUCKETS = Math.ceil(Math.log(1e9) / LOG_GAMMA) + 1;

export class GroupHistograms {
  /** Slot of each group's histogram, or -1 before its first value. */
  private readonly slot: Int32Array;
  private counts = new Uint32Array(GROUP_BUCKETS * 64);
  private used = 0;
  /** Values added per group. */
  private readonly totals: Float64Array;

  constructor(groups: number) {
    this.slot = new Int32Array(groups).fill(-1);
    this.totals = new Float64Array(groups);
  }

  /** Adds `value` (>= 0) to group `g`. */
  add(g: number, value: number): void {
    let s = this.slot[g];
    if (s < 0) s = this.allocate(g);
    const k = value <= MIN_VALUE ? 0 : Math.min(GROUP_BUCKETS - 1, Math.ceil(Math.log(value / MIN_VALUE) / LOG_GAMMA));
    this.counts[s * GROUP_BUCKETS + k]++;
    this.totals[g]++;
  }

  private allocate(g: number): number {
    const s = this.used++;
    if (this.used * GROUP_BUCKETS > this.counts.length) {
      const grown = new Uint32Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.slot[g] = s;
    return s;
  }

  /** Values added to group `g`. */
  count(g: number): number {
    return this.totals[g];
  }

  /**
   * The q-quantile of group `g` (nearest rank: the value of rank ceil(q n)), within 5 % of a value of that
   * rank; NaN for a group without values.
   */
  quantile(g: number, q: number): number {
    const s = this.slot[g];
    const n = this.totals[g];
    if (s < 0 || n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * n));
    let seen = 0;
    const base = s * GROUP_BUCKETS;
    for (let k = 0; k < GROUP_BUCKETS; k++) {
      seen += this.counts[base + k];
      if (seen >= rank) return k === 0 ? MIN_VALUE : (MIN_VALUE * 2 * Math.pow(GAMMA, k)) / (GAMMA + 1);
    }
    return NaN;
  }
}
