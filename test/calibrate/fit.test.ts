/**
 * Statistics against hand-computed values and known distributions: type 7 percentiles, the MLE lognormal fit
 * on a seeded sample, the KS distance, Lilliefors' critical values, and the verdict flipping for a bimodal
 * sample.
 */
import { describe, expect, test } from 'vitest';
import { fitLognormal, ksStatistic, lillieforsPValue, quantileSorted, summarizeDurations } from '../../src/calibrate/index.js';
import { normalCdf } from '../../src/engine/normal.js';
import { lognormalSample } from './helpers.js';

describe('percentiles (type 7)', () => {
  // the durations of test/fixtures/calibrate/report-text.log, sorted
  const sorted = [8.91, 9.12, 9.87, 10.01, 10.45, 11.11, 12.34, 13.76, 15.02, 30.5];

  test('hand-computed: h = (n - 1) q, interpolated between x[floor h] and x[floor h + 1]', () => {
    expect(quantileSorted(sorted, 0)).toBe(8.91);
    expect(quantileSorted(sorted, 0.5)).toBeCloseTo(10.45 + 0.5 * (11.11 - 10.45), 12); // 10.78
    expect(quantileSorted(sorted, 0.9)).toBeCloseTo(15.02 + 0.1 * (30.5 - 15.02), 12); // 16.568
    expect(quantileSorted(sorted, 0.99)).toBeCloseTo(15.02 + 0.91 * (30.5 - 15.02), 12); // 29.1068
    expect(quantileSorted(sorted, 1)).toBe(30.5);
    expect(quantileSorted([42], 0.37)).toBe(42);
  });

  test('bad input throws', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(RangeError);
  });

  test('summaries pick a form: one value, too few to test, the fit, or the percentiles', () => {
    expect(summarizeDurations([])).toBeNull();
    expect(summarizeDurations([5, 5, 5])).toMatchObject({ form: 'constant', verdict: 'all 3 values equal', fit: null });
    expect(summarizeDurations([1, 2, 3, 4])).toMatchObject({ form: 'empirical', fit: null });
    const s = summarizeDurations([...sorted].reverse())!;
    expect(s).toMatchObject({ n: 10, minMs: 8.91, maxMs: 30.5 });
    expect(s.p50Ms).toBeCloseTo(10.78, 12);
    expect(s.percentilesMs.map(([p]) => p)).toEqual([0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100]);
  });
});

describe('lognormal fit', () => {
  test('recovers mu and sigma of a seeded lognormal sample (n 5,000: within 0.05 and 0.03, about 4 standard errors)', () => {
    const mu = Math.log(80);
    const sigma = 0.8;
    const sample = lognormalSample(5000, mu, sigma, 'calibrate/lognormal').sort((a, b) => a - b);
    const fit = fitLognormal(sample)!;
    expect(Math.abs(fit.mu - mu)).toBeLessThan(0.05); // standard error sigma / sqrt(n) = 0.011
    expect(Math.abs(fit.sigma - sigma)).toBeLessThan(0.03); // standard error sigma / sqrt(2n) = 0.008
    expect(fit.medianMs).toBeCloseTo(Math.exp(fit.mu), 9);
    expect(fit.p99Ms).toBeCloseTo(Math.exp(fit.mu + 2.3263478740408408 * fit.sigma), 6);
    expect(fit.fits).toBe(true);
  });

  test('the verdict flips for a bimodal sample (two lognormals a decade apart)', () => {
    const unimodal = lognormalSample(2000, Math.log(60), 0.6, 'calibrate/unimodal').sort((a, b) => a - b);
    const bimodal = [...lognormalSample(1000, Math.log(20), 0.2, 'calibrate/fast'), ...lognormalSample(1000, Math.log(200), 0.2, 'calibrate/slow')].sort((a, b) => a - b);
    const good = summarizeDurations(unimodal)!;
    const bad = summarizeDurations(bimodal)!;
    expect(good).toMatchObject({ form: 'lognormal', verdict: 'lognormal fits' });
    expect(good.fit!.pValue).toBeGreaterThanOrEqual(0.05);
    expect(bad).toMatchObject({ form: 'empirical', verdict: 'lognormal is a poor fit: use the empirical percentiles' });
    expect(bad.fit!.ksD).toBeGreaterThan(0.1);
    expect(bad.fit!.pValue).toBeLessThan(0.001);
  });

  test('too few values, or no spread, give no fit', () => {
    expect(fitLognormal([1, 2, 3, 4])).toBeNull();
    expect(fitLognormal([7, 7, 7, 7, 7, 7])).toBeNull();
  });
});

describe('Kolmogorov–Smirnov', () => {
  test('D agrees with the definition sup |F_n(x) - F(x)|, checked just before and at every point', () => {
    const sorted = [0.1, 0.4, 0.4, 0.7, 1.3, 2.2];
    const cdf = (x: number) => normalCdf((x - 0.8) / 0.7);
    const n = sorted.length;
    const ecdf = (x: number, inclusive: boolean) => sorted.filter((v) => (inclusive ? v <= x : v < x)).length / n;
    const brute = Math.max(...sorted.flatMap((x) => [Math.abs(ecdf(x, true) - cdf(x)), Math.abs(ecdf(x, false) - cdf(x))]));
    expect(ksStatistic(sorted, cdf)).toBeCloseTo(brute, 12);
  });

  test("Lilliefors p-values at Lilliefors' (1967) critical values for n = 100: 0.886/√n at 5 %, 1.031/√n at 1 %", () => {
    expect(lillieforsPValue(0.0886, 100)).toBeGreaterThan(0.04);
    expect(lillieforsPValue(0.0886, 100)).toBeLessThan(0.06);
    expect(lillieforsPValue(0.1031, 100)).toBeGreaterThan(0.005);
    expect(lillieforsPValue(0.1031, 100)).toBeLessThan(0.015);
    expect(lillieforsPValue(0.01, 100)).toBe(1);
    expect(lillieforsPValue(0.5, 100)).toBeLessThan(1e-12);
  });

  test('p falls as D grows, for any n', () => {
    for (const n of [5, 20, 100, 1000, 100_000]) {
      const ps = [0.2, 0.5, 0.8, 1.0, 1.2, 1.5].map((k) => lillieforsPValue(k / Math.sqrt(n), n));
      for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeLessThanOrEqual(ps[i - 1]);
    }
  });
});
