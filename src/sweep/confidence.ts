/**
 * Means and t-based confidence intervals over a point's replications. Mean and sample standard deviation
 * come from simple-statistics; the Student t quantile, which simple-statistics lacks, from stdlib's
 * `@stdlib/stats-base-dists-t-quantile` (inverse of the regularized incomplete beta function, full double
 * precision).
 */
import { createRequire } from 'node:module';
import { mean, sampleStandardDeviation } from 'simple-statistics';

/** stdlib's t quantile, loaded on first use: its hundred-odd modules take about 170 ms to load, which every
 *  `run` would pay for a function only replications use (speed: start-up). */
let tQuantileFn: ((p: number, df: number) => number) | null = null;
function tQuantile(p: number, df: number): number {
  tQuantileFn ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-t-quantile') as (p: number, df: number) => number;
  return tQuantileFn(p, df);
}

/** Confidence level of every interval: 95 %. */
export const CONFIDENCE = 0.95;

/**
 * The two-sided critical value of Student's t with `df` degrees of freedom: the (1 + confidence) / 2 quantile.
 * @example tCritical(1) // 12.706204736...
 * @example tCritical(9) // 2.262157162...
 */
export function tCritical(df: number, confidence = CONFIDENCE): number {
  return tQuantile((1 + confidence) / 2, df);
}

/** A mean with its confidence interval; the interval is null with fewer than 2 values. */
export interface Estimate {
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
}

/**
 * The mean of `values` and its `confidence` interval, mean +- t(n - 1) x s / sqrt(n) with s the sample
 * standard deviation. @throws Error for no values.
 * @example estimate([1, 2, 3, 4]) // { mean: 2.5, ciLow: 0.4457..., ciHigh: 4.5542..., n: 4 }
 */
export function estimate(values: readonly number[], confidence = CONFIDENCE): Estimate {
  const n = values.length;
  if (n === 0) throw new Error('estimate of no values');
  const m = mean(values as number[]);
  if (n < 2) return { mean: m, ciLow: null, ciHigh: null, n };
  const half = (tCritical(n - 1, confidence) * sampleStandardDeviation(values as number[])) / Math.sqrt(n);
  return { mean: m, ciLow: m - half, ciHigh: m + half, n };
}
