/**
 * Sketch keys from the table equal the logarithm's keys everywhere: at and next to every bucket bound, at
 * every table slice's ends, outside the table's range, and for any double.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { around } from '../helpers/doubles.js';
import { LogHistogram, ZERO_KEY } from '../../src/engine/log-histogram.js';
import { SketchKeys } from '../../src/engine/sketch-keys.js';


describe.each([0.01, 0.02, 0.05])('SketchKeys at accuracy %s', (accuracy) => {
  const h = new LogHistogram(accuracy);
  const keys = new SketchKeys(h);

  test('every bucket bound and its neighbours', () => {
    let checked = 0;
    for (let key = h.key(2 ** -12); key <= h.key(2 ** 42); key++) {
      for (const v of around(h.bucketBounds(key)[1], 3)) {
        expect(keys.key(v) + 0).toBe(h.key(v) + 0); // + 0: the logarithm gives -0 for key 0, the same bucket
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test('every table slice end, and values outside the table', () => {
    for (let e = -12; e <= 42; e++) {
      for (let j = 0; j <= 1024; j += 1) for (const v of around(2 ** e * (1 + j / 1024), 1)) expect(keys.key(v) + 0).toBe(h.key(v) + 0); // + 0: the logarithm gives -0 for key 0, the same bucket
    }
    for (const v of [0, 2 ** -1023, 2 ** -1022, 1e-300, 1e-5, 1e15, 1e300, Number.MAX_VALUE, Infinity]) expect(keys.key(v) + 0).toBe(h.key(v) + 0); // + 0: the logarithm gives -0 for key 0, the same bucket
    expect(keys.key(0)).toBe(ZERO_KEY);
  });

  test('property: any non-negative double', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true }), fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (a, b) => {
        expect(keys.key(a) + 0).toBe(h.key(a) + 0); // + 0: the logarithm gives -0 for key 0, the same bucket
        expect(keys.key(b) + 0).toBe(h.key(b) + 0); // + 0: the logarithm gives -0 for key 0, the same bucket
      }),
      { numRuns: 20_000 },
    );
  });
});
