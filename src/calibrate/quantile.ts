/**
 * Quantiles of a sorted sample by linear interpolation between order statistics (Hyndman and Fan type 7, the
 * default of R and NumPy, and the method of tenancy-sim's latency percentiles), so a hand-computed percentile
 * of a small sample is reproduced exactly.
 */

/**
 * The q-quantile (0 <= q <= 1) of `sorted` (ascending, non-empty). O(1).
 * @throws RangeError when `sorted` is empty or q is outside [0, 1].
 * @example quantileSorted([10, 20, 30, 40], 0.5) // 25
 * @example quantileSorted([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9) // 91
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
