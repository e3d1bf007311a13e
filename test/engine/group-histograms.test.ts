/**
 * Per-group log histograms: every quantile within 5 % of the exact value of its rank, groups independent,
 * memory only for groups with values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { around } from '../helpers/doubles.js';
import { bucketOf, GROUP_ALPHA, GROUP_BUCKETS, GroupHistograms } from '../../src/engine/group-histograms.js';
import { SKETCH_KEYS } from '../../src/engine/quantiles.js';

/** Nearest-rank quantile: the value of rank ceil(q n). */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

describe('GroupHistograms', () => {
  test('hand-worked: one value, and a group without values', () => {
    const h = new GroupHistograms(3);
    h.add(1, 100);
    expect(h.count(1)).toBe(1);
    expect(Math.abs(h.quantile(1, 0.99) / 100 - 1)).toBeLessThanOrEqual(GROUP_ALPHA);
    expect(h.quantile(0, 0.5)).toBeNaN();
    expect(h.count(2)).toBe(0);
  });

  test('property: p50 and p99 of each group within 5 % of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0.2, max: 5e6, noNaN: true })), { minLength: 1, maxLength: 400 }),
        (pairs) => {
          const h = new GroupHistograms(5);
          for (const [g, v] of pairs) h.add(g, v);
          for (let g = 0; g < 5; g++) {
            const values = pairs.filter(([x]) => x === g).map(([, v]) => v);
            expect(h.count(g)).toBe(values.length);
            if (values.length === 0) continue;
            for (const q of [0.5, 0.99]) {
              const want = exact(values, q);
              expect(Math.abs(h.quantile(g, q) - want) / want).toBeLessThanOrEqual(GROUP_ALPHA + 1e-12);
            }
            expect(h.quantiles(g, [0, 0.5, 0.9, 0.99, 1])).toEqual([0, 0.5, 0.9, 0.99, 1].map((q) => h.quantile(g, q)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('grows past its first block of groups without losing counts', () => {
    const h = new GroupHistograms(1000);
    for (let g = 0; g < 1000; g++) for (let k = 0; k <= g % 7; k++) h.add(g, 10 + g);
    for (let g = 0; g < 1000; g += 97) {
      expect(h.count(g)).toBe((g % 7) + 1);
      expect(Math.abs(h.quantile(g, 0.5) / (10 + g) - 1)).toBeLessThanOrEqual(GROUP_ALPHA);
    }
  });
});

describe('GroupHistograms.addKeyed', () => {
  /** The bucket a histogram put one value in, through addKeyed with the value's sketch key. */
  function bucketByKey(v: number): number {
    const h = new GroupHistograms(1);
    h.addKeyed(0, v, SKETCH_KEYS.key(v));
    for (let k = 0; k < GROUP_BUCKETS; k++) if (h.bucketCount(0, k) === 1) return k;
    return -1;
  }

  test('puts every value in the bucket of its definition, at and next to every bound of either mapping', () => {
    const values: number[] = [0, 1e-300, 0.05, 0.1, 1e9, 1e12, 1e300];
    for (let j = 0; j <= GROUP_BUCKETS + 1; j++) values.push(...around(0.1 * ((1 + GROUP_ALPHA) / (1 - GROUP_ALPHA)) ** j, 3));
    for (let key = SKETCH_KEYS.key(0.05); key <= SKETCH_KEYS.key(2e8); key++) values.push(...around(SKETCH_KEYS.bucketBounds(key)[1], 2));
    let mismatches = 0;
    for (const v of values) if (bucketByKey(v) !== bucketOf(v)) mismatches++;
    expect(values.length).toBeGreaterThan(5000);
    expect(mismatches).toBe(0);
  });

  test('property: any value goes where the definition puts it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), (v) => {
        expect(bucketByKey(v)).toBe(bucketOf(v));
      }),
      { numRuns: 20_000 },
    );
  });

  test('counts are the sum of the buckets', () => {
    const h = new GroupHistograms(2);
    for (const v of [1, 10, 100, 1000, 0, 5e9]) h.add(1, v);
    expect(h.count(1)).toBe(6);
    expect(h.count(0)).toBe(0);
  });
});

describe('GroupHistograms windows', () => {
  test('property: every bucket holds what a full row of counts would, however the windows widened', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.oneof(fc.double({ min: 0, max: 1e10, noNaN: true }), fc.double({ min: 50, max: 200, noNaN: true }))), { maxLength: 300 }),
        (pairs) => {
          const h = new GroupHistograms(4);
          const full = Array.from({ length: 4 }, () => new Array<number>(GROUP_BUCKETS).fill(0));
          for (const [g, v] of pairs) {
            h.add(g, v);
            full[g][bucketOf(v)]++;
          }
          for (let g = 0; g < 4; g++) for (let k = 0; k < GROUP_BUCKETS; k++) expect(h.bucketCount(g, k)).toBe(full[g][k]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('hand-worked: a window widens to the lowest and highest buckets and keeps its counts', () => {
    const h = new GroupHistograms(1);
    h.add(0, 100); // bucket 70
    h.add(0, 0.05); // bucket 0: the window widens downwards
    h.add(0, 1e12); // the last bucket: widens upwards to the whole range
    expect(bucketOf(100)).toBe(70);
    expect([h.bucketCount(0, 0), h.bucketCount(0, 70), h.bucketCount(0, GROUP_BUCKETS - 1)]).toEqual([1, 1, 1]);
    expect(h.count(0)).toBe(3);
    expect(h.quantiles(0, [0, 1])).toEqual([0.1, h.quantile(0, 1)]);
  });

  test('memory: groups whose values span a few buckets take a small window each', () => {
    const h = new GroupHistograms(10_000);
    for (let g = 0; g < 10_000; g++) for (let i = 0; i < 20; i++) h.add(g, 80 + ((g * 7 + i * 13) % 60)); // 80 to 140 ms
    expect(h.bytes / 10_000).toBeLessThan(8 + 4 * (2 + 16) + 1); // offset, header, first window (and no widening)
  });
});

describe('GroupHistograms with offsets kept by the caller', () => {
  test('keeps each offset in its word of the given array and nothing else', () => {
    const blocks = new Float64Array(3 * 4).fill(7);
    for (let g = 0; g < 3; g++) blocks[g * 4 + 2] = -1;
    const h = new GroupHistograms(3, { slots: blocks, stride: 4, field: 2 });
    const own = new GroupHistograms(3);
    for (const [g, v] of [[0, 10], [2, 5], [2, 5000], [0, 11]] as const) {
      h.add(g, v);
      own.add(g, v);
    }
    expect([0, 1, 2].map((g) => h.quantiles(g, [0.5, 1]))).toEqual([0, 1, 2].map((g) => own.quantiles(g, [0.5, 1])));
    expect(blocks[1 * 4 + 2]).toBe(-1); // group 1 has no values
    expect(blocks[0 * 4 + 2]).toBeGreaterThanOrEqual(0);
    expect([...blocks].filter((x, i) => i % 4 !== 2 && x !== 7)).toEqual([]);
  });
});

describe('quantiles of several groups together', () => {
  test('property: the same as one group that got all their values', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 30 }), { minLength: 1, maxLength: 6 }), (groups) => {
        const h = new GroupHistograms(groups.length + 1);
        groups.forEach((values, g) => values.forEach((v) => { h.add(g, v); h.add(groups.length, v); }));
        const qs = [0.01, 0.5, 0.9, 0.99, 1];
        expect(h.quantilesOfRange(0, groups.length, qs)).toEqual(h.quantiles(groups.length, qs));
      }),
      { numRuns: 300 },
    );
  });
  test('groups without values give NaN', () => {
    expect(new GroupHistograms(3).quantilesOfRange(0, 3, [0.5])).toEqual([NaN]);
  });
});
