/**
 * Confidence intervals against known values: Student t quantiles from printed tables (NIST/SEMATECH
 * e-Handbook of Statistical Methods, table 1.3.6.7.2, upper critical values at 0.025, 3 decimals) and an
 * interval computed by hand; replication seeds (fixed numbers: a sweep prints them for `tenancy-sim run --seed`);
 * breakpoint thresholds.
 */
import { describe, expect, test } from 'vitest';
import { estimate, tCritical } from '../../src/sweep/confidence.js';
import { replicationSeed } from '../../src/sweep/seeds.js';
import { exceeds, parseRule } from '../../src/sweep/thresholds.js';

describe('t quantiles', () => {
  test.each([
    [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [9, 2.262], [10, 2.228], [19, 2.093], [29, 2.045], [30, 2.042], [60, 2.0], [100, 1.984],
  ])('df %i: %f', (df, expected) => {
    expect(tCritical(df)).toBeCloseTo(expected, 3);
  });

  test('to more digits where closed forms exist (df 1 and 2) and in the normal limit', () => {
    expect(tCritical(1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 9); // Cauchy: t = tan(pi (p - 1/2))
    const p = 0.975; // df 2: t = (2p - 1) / sqrt(2 p (1 - p))
    expect(tCritical(2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    expect(tCritical(1e7)).toBeCloseTo(1.959964, 5); // the normal quantile in the limit
  });
});

describe('estimate', () => {
  test('mean +- t x s / sqrt(n), computed by hand', () => {
    // [10, 12, 14, 16]: mean 13, s^2 = (9 + 1 + 1 + 9) / 3 = 20 / 3, t(3) = 3.182446305
    const half = (3.182446305 * Math.sqrt(20 / 3)) / 2; // 4.108520...
    const e = estimate([10, 12, 14, 16]);
    expect(e.mean).toBe(13);
    expect(e.n).toBe(4);
    expect(e.ciLow).toBeCloseTo(13 - half, 8);
    expect(e.ciHigh).toBeCloseTo(13 + half, 8);
    expect(e.ciHigh! - e.ciLow!).toBeCloseTo(8.21704, 4);
  });

  test('ten values give the df-9 interval', () => {
    const values = [3, 5, 4, 6, 5, 7, 4, 5, 6, 5]; // mean 5, s^2 = (4 + 0 + 1 + 1 + 0 + 4 + 1 + 0 + 1 + 0) / 9 = 12 / 9
    const e = estimate(values);
    expect(e.mean).toBe(5);
    expect(e.ciHigh! - 5).toBeCloseTo((2.262157163 * Math.sqrt(12 / 9)) / Math.sqrt(10), 8);
  });

  test('one value has no interval; equal values have an empty one', () => {
    expect(estimate([7])).toEqual({ mean: 7, ciLow: null, ciHigh: null, n: 1 });
    expect(estimate([2, 2, 2])).toEqual({ mean: 2, ciLow: 2, ciHigh: 2, n: 3 });
    expect(() => estimate([])).toThrow();
  });
});

describe('replication seeds', () => {
  test('the first is the scenario seed; the others are fixed whole numbers, all different', () => {
    expect(replicationSeed(7, 0)).toBe(7);
    expect([1, 2, 3].map((k) => replicationSeed(7, k))).toEqual([640_619_911, 3_303_541_845, 848_043_308]); // the first two as src/sweep/seeds.ts documents
    expect(replicationSeed(8, 3)).toBe(3_859_262_501);
    const seeds = Array.from({ length: 50 }, (_, k) => replicationSeed(7, k));
    expect(new Set(seeds).size).toBe(50);
    for (const s of seeds) expect(Number.isSafeInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(replicationSeed(8, 3)).not.toBe(replicationSeed(7, 3));
  });
});

describe('breakpoint thresholds', () => {
  test('relative, latency and money thresholds, with aliases', () => {
    expect(parseRule('cost', '+20%')).toEqual({ ok: true, rule: { metric: 'monthlyCostUsd', threshold: '+20%', kind: 'relative', amount: 0.2 } });
    expect(parseRule('p99', '+100ms')).toEqual({ ok: true, rule: { metric: 'latencyP99Ms', threshold: '+100ms', kind: 'absolute', amount: 100 } });
    expect(parseRule('p99', '+1.5s')).toMatchObject({ ok: true, rule: { amount: 1500 } });
    expect(parseRule('cost', '+$50')).toMatchObject({ ok: true, rule: { kind: 'absolute', amount: 50 } });
    expect(parseRule('coldStartRate', 0.01)).toMatchObject({ ok: true, rule: { metric: 'coldStartRate', kind: 'absolute', amount: 0.01 } });
    expect(parseRule('cost', '+100ms')).toMatchObject({ ok: false, onMetric: false });
    expect(parseRule('p99', '+$5')).toMatchObject({ ok: false });
    expect(parseRule('costs', '+20%')).toMatchObject({ ok: false, onMetric: true });
    expect(parseRule('cost', '20%')).toMatchObject({ ok: false });
  });

  test('exceeding is strictly more than the threshold', () => {
    const rel = { metric: 'monthlyCostUsd', threshold: '+20%', kind: 'relative' as const, amount: 0.2 };
    expect(exceeds(rel, 120, 100)).toBe(false);
    expect(exceeds(rel, 120.01, 100)).toBe(true);
    expect(exceeds(rel, 1, 0)).toBe(true);
    const abs = { metric: 'latencyP99Ms', threshold: '+100ms', kind: 'absolute' as const, amount: 100 };
    expect(exceeds(abs, 200, 100)).toBe(false);
    expect(exceeds(abs, 200.5, 100)).toBe(true);
  });
});
