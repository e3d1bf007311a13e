/**
 * The inverse normal used for sampling: Acklam's approximation, whose exact bits every lognormal and normal
 * sample (and so every golden output) depends on. The fast path must give the bits of the one-piece formula
 * written out here, in and at the edges of each region.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { around } from '../helpers/doubles.js';
import { normalQuantile, normalQuantileFast } from '../../src/engine/normal.js';

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Acklam's approximation in one piece, as published. */
function acklam(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
}


describe('normalQuantileFast', () => {
  test('the bits of the one-piece formula at the edges of its regions and at the ends', () => {
    const edges = [...around(0.02425, 4), ...around(1 - 0.02425, 4), ...around(0.5, 2), ...around(1, 2), 0, -1, 2, Number.MIN_VALUE, 1e-300, NaN];
    for (const p of edges) expect(Object.is(normalQuantileFast(p), acklam(p))).toBe(true);
  });

  test('property: the bits of the one-piece formula for any uniform', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        expect(Object.is(normalQuantileFast(p), acklam(p))).toBe(true);
      }),
      { numRuns: 50_000 },
    );
  });

  test('within 1.15e-9 relative of the refined inverse in the central region and the tails', () => {
    for (const p of [1e-10, 0.001, 0.02, 0.1, 0.4, 0.9, 0.98, 0.999]) {
      const exact = normalQuantile(p);
      expect(Math.abs(normalQuantileFast(p) - exact) / Math.abs(exact)).toBeLessThan(1.2e-9);
    }
  });
});
