import { DDSketch } from '@datadog/sketches-js';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { LogHistogram } from '../../src/engine/log-histogram.js';

test('answers exactly as sketches-js DDSketch on any non-negative sample', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: 1, maxLength: 2000 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
      (values, qs) => {
        const ours = new LogHistogram(0.01);
        const theirs = new DDSketch({ relativeAccuracy: 0.01 });
        for (const v of values) {
          ours.add(v);
          theirs.accept(v);
        }
        for (const q of [0, 0.5, 0.9, 0.99, 1, ...qs]) expect(ours.quantile(q)).toBe(theirs.getValueAtQuantile(q));
      },
    ),
  );
});

test('keys grow in both directions without losing counts', () => {
  const h = new LogHistogram(0.01);
  const values = [1000, 1, 1e9, 0.001, 50, 1e-6, 3e12];
  values.forEach((v) => h.add(v));
  expect(h.count).toBe(values.length);
  expect(h.quantile(0) / 1e-6).toBeCloseTo(1, 1);
  expect(h.quantile(1) / 3e12).toBeCloseTo(1, 1);
});
