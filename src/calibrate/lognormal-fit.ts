/**
 * Fitting a lognormal to a sample of durations and judging the fit.
 *
 * The fit is the maximum-likelihood one: mu and sigma are the mean and the (population, divide-by-n) standard
 * deviation of ln(ms). The fit is judged by the Kolmogorov–Smirnov statistic D, the largest distance between
 * the sample's empirical CDF and the fitted CDF. Because mu and sigma come from the same sample, the classic
 * KS p-value would be far too kind; the p-value here is Lilliefors' (the KS test of normality with estimated
 * parameters, applied to ln(ms)), by the approximation of Dallal and Wilkinson (1986, The American
 * Statistician 40(4)) below 0.1 and the modified-statistic polynomials used by R's nortest::lillie.test above.
 * The p-value has 2 to 3 correct decimals; that is enough for a verdict.
 */
import { mean, standardDeviation } from 'simple-statistics';
import { normalCdf, normalQuantile } from '../engine/normal.js';

/** Smallest value fitted (ms): REPORT lines print 0.01 ms, so a 0 is read as "below 0.01 ms". */
export const MIN_FITTED_MS = 0.01;
/** Fewest samples a fit is tested on. Default: 5 (the smallest n of Dallal and Wilkinson's approximation). */
export const MIN_FIT_SAMPLES = 5;
/** The lognormal fits when the Lilliefors p-value is at least this. Default: 0.05. */
export const FIT_SIGNIFICANCE = 0.05;

const Z99 = normalQuantile(0.99);

/** A lognormal fitted to a sample, with its goodness of fit. */
export interface LognormalFit {
  /** Sample size. */
  n: number;
  /** Mean of ln(ms). */
  mu: number;
  /** Standard deviation of ln(ms) (maximum likelihood: divided by n). */
  sigma: number;
  /** exp(mu), ms. */
  medianMs: number;
  /** exp(mu + 2.326 sigma), ms. */
  p99Ms: number;
  /** Kolmogorov–Smirnov distance between the sample and the fitted lognormal, 0 to 1. */
  ksD: number;
  /** Lilliefors p-value of `ksD`: the chance of a distance at least this large if the data were lognormal. */
  pValue: number;
  /** Whether `pValue >= FIT_SIGNIFICANCE`. */
  fits: boolean;
}

/**
 * Kolmogorov–Smirnov D of `sorted` (ascending) against `cdf`: max over i of
 * max(i/n - F(x_i), F(x_i) - (i-1)/n). O(n).
 */
export function ksStatistic(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * Lilliefors p-value of a KS distance `d` between `n` values and the normal fitted to them (Dallal–Wilkinson
 * approximation; nortest's polynomials in the modified statistic above 0.1). Clamped to [0, 1].
 * @example lillieforsPValue(0.0886, 100) // about 0.05 (Lilliefors' 5% critical value is 0.886/sqrt(n))
 */
export function lillieforsPValue(d: number, n: number): number {
  const [kd, nd] = n <= 100 ? [d, n] : [d * (n / 100) ** 0.49, 100];
  let p = Math.exp(-7.01256 * kd * kd * (nd + 2.78019) + 2.99587 * kd * Math.sqrt(nd + 2.78019) - 0.122119 + 0.974598 / Math.sqrt(nd) + 1.67997 / nd);
  if (p > 0.1) {
    const k = (Math.sqrt(n) - 0.01 + 0.85 / Math.sqrt(n)) * d;
    if (k <= 0.302) p = 1;
    else if (k <= 0.5) p = 2.76773 - 19.828315 * k + 80.709644 * k ** 2 - 138.55152 * k ** 3 + 81.218052 * k ** 4;
    else if (k <= 0.9) p = -4.901232 + 40.662806 * k - 97.490286 * k ** 2 + 94.029866 * k ** 3 - 32.355711 * k ** 4;
    else if (k <= 1.31) p = 6.198765 - 19.558097 * k + 23.186922 * k ** 2 - 12.234627 * k ** 3 + 2.423045 * k ** 4;
    else p = 0;
  }
  return Math.min(1, Math.max(0, p));
}

/**
 * The maximum-likelihood lognormal of `sorted` (ascending ms; values below {@link MIN_FITTED_MS} count as
 * that) and its goodness of fit, or null when there are fewer than {@link MIN_FIT_SAMPLES} values or they
 * are all equal (no spread to fit). O(n).
 * @example fitLognormal(sortedSample)?.medianMs
 */
export function fitLognormal(sorted: ArrayLike<number>): LognormalFit | null {
  const n = sorted.length;
  if (n < MIN_FIT_SAMPLES) return null;
  const logs = Array.from(sorted, (v) => Math.log(Math.max(v, MIN_FITTED_MS)));
  const mu = mean(logs);
  const sigma = standardDeviation(logs);
  if (!(sigma > 0)) return null;
  // D on the logs against Normal(mu, sigma) is D on the values against the lognormal: ln is increasing.
  const ksD = ksStatistic(logs, (x) => normalCdf((x - mu) / sigma));
  const pValue = lillieforsPValue(ksD, n);
  return { n, mu, sigma, medianMs: Math.exp(mu), p99Ms: Math.exp(mu + Z99 * sigma), ksD, pValue, fits: pValue >= FIT_SIGNIFICANCE };
}
