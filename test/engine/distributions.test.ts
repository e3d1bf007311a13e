import fc from 'fast-check';
import { max, mean, min, quantile, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, test } from 'vitest';
import { AliasTable } from '../../src/engine/alias-table.js';
import { createSampler, DistributionError, lognormalFromQuantile } from '../../src/engine/distributions.js';
import { normalCdf, normalQuantile } from '../../src/engine/normal.js';
import { forkStream } from '../../src/engine/random.js';
import { QuantileRecorder } from '../../src/engine/quantiles.js';

const N = 200_000;
const draw = (spec: Parameters<typeof createSampler>[0], seed = 'd') => {
  const s = createSampler(spec);
  const rng = forkStream(1, seed);
  return { s, xs: Array.from({ length: N }, () => s.sample(rng)) };
};

describe('normal CDF and quantile', () => {
  test('match reference values to 1e-12', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalCdf(-5)).toBeCloseTo(2.866515718791939e-7, 18);
  });
  test('property: quantile inverts the CDF', () => {
    fc.assert(fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-13 + p * 1e-12);
    }));
  });
});

describe('samplers (seed fixed, tolerances stated)', () => {
  test('exponential mean within 1 %', () => {
    const { xs } = draw({ type: 'exponential', mean: 50 });
    expect(Math.abs(mean(xs) / 50 - 1)).toBeLessThan(0.01);
  });
  test('uniform on [min, max] with mean within 0.5 %', () => {
    const { xs, s } = draw({ type: 'uniform', min: 10, max: 30 });
    expect(min(xs)).toBeGreaterThanOrEqual(10);
    expect(max(xs)).toBeLessThanOrEqual(30);
    expect(s.mean).toBe(20);
    expect(Math.abs(mean(xs) / 20 - 1)).toBeLessThan(0.005);
  });
  test('lognormal by median and p99 reproduces both within 2 %', () => {
    const { mu, sigma } = lognormalFromQuantile(60, 800, 'p99');
    const { xs } = draw({ type: 'lognormal', mu, sigma });
    expect(Math.abs(quantile(xs, 0.5) / 60 - 1)).toBeLessThan(0.02);
    expect(Math.abs(quantile(xs, 0.99) / 800 - 1)).toBeLessThan(0.02);
  });
  test('normal truncated at 0: never negative, mean matches the truncated closed form within 1 %', () => {
    const { xs, s } = draw({ type: 'normal', mean: 10, sd: 10 });
    expect(min(xs)).toBeGreaterThanOrEqual(0);
    // E[X | X >= 0] = mu + sd * phi(a) / (1 - Phi(a)), a = -mu/sd = -1: 10 + 10 * 0.24197 / 0.84134 = 12.876
    expect(s.mean).toBeCloseTo(12.876, 2);
    expect(Math.abs(mean(xs) / s.mean - 1)).toBeLessThan(0.01);
    expect(sampleStandardDeviation(xs)).toBeGreaterThan(0);
  });
  test('empirical percentiles are reproduced by linear interpolation', () => {
    const points = [[0, 1], [25, 2], [50, 4], [75, 8], [100, 100]] as const;
    const { xs, s } = draw({ type: 'empirical', points });
    for (const [p, v] of points.slice(1, -1)) expect(Math.abs(quantile(xs, p / 100) / v - 1)).toBeLessThan(0.02);
    expect(s.mean).toBeCloseTo((0.25 * 3 + 0.25 * 6 + 0.25 * 12 + 0.25 * 108) / 2, 10);
  });
  test('every sampler uses exactly one draw per sample', () => {
    for (const spec of [{ type: 'constant', value: 3 }, { type: 'exponential', mean: 1 }, { type: 'normal', mean: 1, sd: 1 },
      { type: 'lognormal', mu: 0, sigma: 1 }, { type: 'uniform', min: 0, max: 1 }, { type: 'empirical', points: [[0, 0], [100, 1]] }] as const) {
      let calls = 0;
      const base = forkStream(1, 'x');
      const counting = Object.assign(() => (calls++, base()), { double: () => (calls += 2, base.double()) });
      const s = createSampler(spec);
      for (let i = 0; i < 100; i++) s.sample(counting);
      expect(calls, spec.type).toBe(100);
    }
  });
  test('invalid parameters are refused with a message', () => {
    expect(() => createSampler({ type: 'exponential', mean: -1 })).toThrow(DistributionError);
    expect(() => createSampler({ type: 'uniform', min: 5, max: 1 })).toThrow(/max/);
    expect(() => createSampler({ type: 'normal', mean: -100, sd: 1 })).toThrow(/almost never/);
    expect(() => createSampler({ type: 'empirical', points: [[0, 5], [100, 1]] })).toThrow(/decrease/);
    expect(() => createSampler({ type: 'empirical', points: [[10, 1], [100, 2]] })).toThrow(/p0/);
    expect(() => createSampler({ type: 'constant', value: Number.NaN })).toThrow(DistributionError);
    expect(() => lognormalFromQuantile(100, 50, 'p90')).toThrow(/greater/);
  });
});

describe('random streams', () => {
  test('same seed and name give the same sequence; other names differ', () => {
    const a = forkStream(7, 'arrivals/0');
    const b = forkStream(7, 'arrivals/0');
    const c = forkStream(7, 'tenants/0');
    const xa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xa);
    expect([c(), c(), c()]).not.toEqual(xa);
  });
});

describe('AliasTable', () => {
  test('frequencies match weights within 1 % (absolute) over 200,000 draws', () => {
    const w = [1, 2, 3, 4, 0];
    const t = new AliasTable(w);
    const rng = forkStream(3, 'alias');
    const counts = new Array(5).fill(0);
    for (let i = 0; i < N; i++) counts[t.sample(rng)]++;
    w.forEach((wi, i) => expect(Math.abs(counts[i] / N - wi / 10)).toBeLessThan(0.01));
    expect(counts[4]).toBe(0);
  });
  test('rejects bad weights', () => {
    expect(() => new AliasTable([])).toThrow(RangeError);
    expect(() => new AliasTable([0, 0])).toThrow(RangeError);
    expect(() => new AliasTable([1, -1])).toThrow(RangeError);
  });
});

describe('QuantileRecorder', () => {
  test('exact (type 7) below the limit', () => {
    const q = new QuantileRecorder(100);
    [5, 1, 4, 2, 3].forEach((v) => q.add(v));
    expect(q.quantile(0.5)).toBe(3);
    expect(q.quantile(0.9)).toBeCloseTo(4.6, 12);
    expect(q.mean()).toBe(3);
    expect(q.isExact()).toBe(true);
  });
  test('within 1 % relative error of the exact quantile beyond the limit', () => {
    const q = new QuantileRecorder(1000);
    const rng = forkStream(1, 'q');
    const xs: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const v = Math.exp(3 + 2 * normalQuantile(rng()));
      xs.push(v);
      q.add(v);
    }
    expect(q.isExact()).toBe(false);
    for (const p of [0.5, 0.9, 0.99]) expect(Math.abs(q.quantile(p) / quantile(xs, p) - 1)).toBeLessThan(0.011);
    expect(q.max).toBe(max(xs));
  });
});
