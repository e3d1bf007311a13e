/**
 * Series whose buckets widen when there would be too many: a level and event counts kept at a shared width
 * that doubles must end exactly as series kept at the final width from the start.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BucketCounter } from '../../src/engine/bucket-counter.js';
import { Level } from '../../src/engine/level.js';
import { SeriesWidth } from '../../src/engine/series-width.js';

describe('SeriesWidth', () => {
  test('hand-worked: 10 ms buckets, at most 4: by 100 ms they are 40 ms wide, and agree with 40 ms buckets kept all along', () => {
    const width = new SeriesWidth(10, 4);
    const level = new Level(width);
    const counts = new BucketCounter(width);
    const direct = new Level(40);
    const directCounts = new BucketCounter(40);
    for (const [t, d] of [[5, 1], [12, 1], [37, -1], [55, 2], [81, -1], [99, -2]] as const) {
      level.change(t, d);
      direct.change(t, d);
      counts.add(t);
      directCounts.add(t);
    }
    expect(width.ms).toBe(40);
    expect(level.bucketsTo(100)).toEqual(direct.bucketsTo(100));
    expect(counts.toArray(3)).toEqual(directCounts.toArray(3));
    expect(counts.toArray(3)).toEqual([3, 1, 2]); // [0, 40): 5, 12, 37; [40, 80): 55; [80, 120): 81, 99
  });

  test('property (300 runs): a shared width that doubles gives the series of its final width', () => {
    const events = fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -3, max: 3 }), fc.boolean()), { maxLength: 200 });
    fc.assert(
      fc.property(events, fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 50 }), (raw, max, base) => {
        const sorted = [...raw].sort((a, b) => a[0] - b[0]);
        const width = new SeriesWidth(base, max);
        const level = new Level(width);
        const counts = new BucketCounter(width);
        for (const [t, d, counted] of sorted) {
          level.change(t, d);
          if (counted) counts.add(t);
        }
        const end = 5001;
        const got = level.bucketsTo(end);
        const direct = new Level(width.ms);
        const directCounts = new BucketCounter(width.ms);
        for (const [t, d, counted] of sorted) {
          direct.change(t, d);
          if (counted) directCounts.add(t);
        }
        const want = direct.bucketsTo(end);
        expect(got.peaks).toEqual(want.peaks);
        got.areas.forEach((a, i) => expect(a).toBeCloseTo(want.areas[i], 6));
        const n = Math.ceil(end / width.ms);
        expect(counts.toArray(n)).toEqual(directCounts.toArray(n));
        expect(got.areas.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 300 },
    );
  });
});
