/**
 * A DDSketch (Masson, Rim and Lee, VLDB 2019) for non-negative values: counts in logarithmic buckets of
 * relative width 2a / (1 - a), so that any quantile is returned within relative error a.
 *
 * It reproduces, bit for bit, the answers of `@datadog/sketches-js`'s `DDSketch` with its default
 * `LogarithmicMapping` (same bucket keys, same rank rule, same bucket values; a test checks this), in a
 * typed array and without per-value bookkeeping (speed: it is fed once per completed invocation).
 */

/** Smallest value counted in a bucket; smaller ones (and 0) count as zero, as in sketches-js. */
const MIN_POSITIVE = 2 ** -1023;

/** The key {@link LogHistogram.key} gives a value counted as zero (below every real key, about -37,000 at
 *  1 % accuracy). */
export const ZERO_KEY = -0x40000000;

export class LogHistogram {
  /** Values recorded. */
  count = 0;
  private zeroCount = 0;
  readonly multiplier: number;
  private readonly gamma: number;
  readonly minPossible: number;
  /** counts[key - base]; grown in both directions as keys appear. */
  private counts = new Float64Array(256);
  private base = 0;
  private minKey = Infinity;
  private maxKey = -Infinity;

  /** @param relativeAccuracy a in (0, 1). Default: 0.01. */
  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError('relative accuracy must be in (0, 1)');
    const mantissa = (2 * relativeAccuracy) / (1 - relativeAccuracy);
    this.gamma = 1 + mantissa;
    // The same float operations as sketches-js's KeyMapping and LogarithmicMapping constructors.
    let m = 1 / Math.log1p(mantissa);
    m *= Math.log(2);
    this.multiplier = m;
    this.minPossible = MIN_POSITIVE * this.gamma;
  }

  /** Records one value (>= 0). */
  add(v: number): void {
    this.addKey(this.key(v));
  }

  /**
   * The bucket key of value `v` (>= 0), or {@link ZERO_KEY} for a value counted as zero. Histograms of one
   * accuracy share keys, so a caller feeding several computes it once (speed: the logarithm is most of the
   * cost of `add`).
   */
  key(v: number): number {
    return v > this.minPossible ? Math.ceil(Math.log2(v) * this.multiplier) : ZERO_KEY;
  }

  /** Records one value by its key (from {@link key} of a histogram of the same accuracy). */
  addKey(key: number): void {
    this.count++;
    if (key === ZERO_KEY) {
      this.zeroCount++;
      return;
    }
    if (key < this.minKey || key > this.maxKey) this.extend(key);
    this.counts[key - this.base]++;
  }

  /** Adds the counts of `other` (of the same accuracy), key for key: the histogram of both samples. */
  merge(other: LogHistogram): void {
    this.zeroCount += other.zeroCount;
    this.count += other.zeroCount;
    for (let key = other.minKey; key <= other.maxKey; key++) {
      const n = other.counts[key - other.base];
      if (n === 0) continue;
      if (key < this.minKey || key > this.maxKey) this.extend(key);
      this.counts[key - this.base] += n;
      this.count += n;
    }
  }

  /** Its counts as plain numbers: zeros, the first key, and the counts from it on (for a file). */
  state(): { zeroCount: number; minKey: number; counts: number[] } {
    const counts = this.maxKey >= this.minKey ? Array.from(this.counts.subarray(this.minKey - this.base, this.maxKey - this.base + 1)) : [];
    return { zeroCount: this.zeroCount, minKey: counts.length > 0 ? this.minKey : 0, counts };
  }

  /** Adds the counts of a {@link state} (of a histogram of the same accuracy). */
  addState(s: { zeroCount: number; minKey: number; counts: readonly number[] }): void {
    this.zeroCount += s.zeroCount;
    this.count += s.zeroCount;
    s.counts.forEach((n, i) => {
      if (n === 0) return;
      const key = s.minKey + i;
      if (key < this.minKey || key > this.maxKey) this.extend(key);
      this.counts[key - this.base] += n;
      this.count += n;
    });
  }

  /** Bounds of the values bucket `key` holds, about (γ^(key-1), γ^key] (within a few ulps; for callers that
   *  leave a margin). */
  bucketBounds(key: number): [number, number] {
    return [Math.pow(2, (key - 1) / this.multiplier), Math.pow(2, key / this.multiplier)];
  }

  /** The q-quantile (0 <= q <= 1); NaN when empty. Rank rule: the bucket where the running count first
   *  exceeds q x (count - 1), as sketches-js does. */
  quantile(q: number): number {
    if (q < 0 || q > 1 || this.count === 0) return NaN;
    const rank = q * (this.count - 1);
    if (rank < this.zeroCount) return 0;
    const r = rank - this.zeroCount;
    let running = 0;
    for (let key = this.minKey; key <= this.maxKey; key++) {
      running += this.counts[key - this.base];
      if (running > r) return this.valueOf(key);
    }
    return this.valueOf(this.maxKey);
  }

  private valueOf(key: number): number {
    return Math.pow(2, key / this.multiplier) * (2 / (1 + this.gamma));
  }

  private extend(key: number): void {
    const lo = Math.min(key, this.minKey);
    const hi = Math.max(key, this.maxKey);
    if (lo < this.base || hi >= this.base + this.counts.length) {
      const size = Math.max(this.counts.length * 2, hi - lo + 1 + 64);
      const base = lo - 32;
      const grown = new Float64Array(size);
      if (this.maxKey >= this.minKey) grown.set(this.counts.subarray(this.minKey - this.base, this.maxKey - this.base + 1), this.minKey - base);
      this.counts = grown;
      this.base = base;
    }
    this.minKey = lo;
    this.maxKey = hi;
  }
}
