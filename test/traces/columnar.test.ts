import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { columnarTrace, timeOrder } from '../../src/traces/columnar.js';
import { drain } from './helpers.js';

describe('time order of rows', () => {
  test('property: the bucket sort equals a stable comparison sort (ties, skew, one far outlier)', () => {
    const times = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }),
      fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { maxLength: 300 }),
      fc.array(fc.oneof(fc.constant(5), fc.double({ min: 5, max: 5.000001, noNaN: true }), fc.constant(1e9)), { maxLength: 300 }),
    );
    fc.assert(
      fc.property(times, (ts) => {
        const t = Float64Array.from(ts);
        const expected = ts.map((_, i) => i).sort((a, b) => t[a] - t[b] || a - b);
        expect(Array.from(timeOrder(t))).toEqual(expected);
      }),
      { numRuns: 500, examples: [[[0, 5e-324]], [[5e-324, 0, 5e-324]]] },
    );
  });
});

describe('columnar trace', () => {
  test('sorts, renumbers functions and per-row tenants by first appearance, keeps rows without a tenant', () => {
    const trace = columnarTrace({
      format: 'csv',
      file: 'x.csv',
      rows: {
        timeMs: Float64Array.of(30, 10, 20, 10),
        fn: Int32Array.of(0, 1, 2, 0),
        tenant: Int32Array.of(0, -1, 1, 1),
        durationMs: Float64Array.of(1, 2, NaN, 4),
      },
      functions: ['a', 'b', 'c'],
      tenants: ['t0', 't1'],
      fnTenant: null,
    });
    expect(trace.functions).toEqual(['b', 'a', 'c']);
    expect(trace.tenants).toEqual(['t1', 't0']);
    expect(trace.endMs).toBe(30);
    expect(drain(trace)).toEqual([
      { timeMs: 10, fn: 0, tenant: -1, durationMs: 2 },
      { timeMs: 10, fn: 1, tenant: 0, durationMs: 4 },
      { timeMs: 20, fn: 2, tenant: 0, durationMs: NaN },
      { timeMs: 30, fn: 1, tenant: 1, durationMs: 1 },
    ]);
  });
});
