/**
 * Levels' integrals and latency means do not depend on the order of what they are fed: a level split in parts
 * (the pools of a share of the tenants each) adds up to the level of the whole, bucket for bucket, to the bit,
 * and a recorder's mean is the same for any order of its values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Level } from '../../src/engine/level.js';
import { QuantileRecorder } from '../../src/engine/quantiles.js';
import { SeriesWidth } from '../../src/engine/series-width.js';

/** Busy intervals [start, start + length) with irrational-looking times, each in part 0 or 1. */
const intervals = fc.array(
  fc.tuple(fc.double({ min: 0, max: 500_000, noNaN: true }), fc.double({ min: 0.001, max: 90_000, noNaN: true }), fc.integer({ min: 0, max: 1 })),
  { minLength: 1, maxLength: 200 },
);

/** A level fed the +1 at each start and the -1 at each end of `items`, in time order (ends first at a tie). */
function feed(items: [number, number, number][], width: SeriesWidth, horizon: number) {
  const changes = items.flatMap(([start, length]) => [[start, 1], [start + length, -1]] as [number, number][]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const level = new Level(width);
  for (const [t, d] of changes) level.change(t, d);
  return { integral: level.integralTo(horizon), ...level.bucketsTo(horizon) };
}

describe('Level', () => {
  test('the parts of a level add up to the whole, bucket for bucket and in total, to the bit', () => {
    fc.assert(
      fc.property(intervals, (items) => {
        const horizon = 600_000;
        // maxBuckets 4 with 60 s buckets: the widths double twice, as in a long run
        const whole = feed(items, new SeriesWidth(60_000, 4), horizon);
        const a = feed(items.filter((i) => i[2] === 0), new SeriesWidth(60_000, 4), horizon);
        const b = feed(items.filter((i) => i[2] === 1), new SeriesWidth(60_000, 4), horizon);
        const summed = a.areas.map((x, i) => x + b.areas[i]);
        expect(summed).toEqual(whole.areas);
        expect(summed.reduce((s, x) => s + x, 0)).toBe(whole.integral);
        expect(a.integral + b.integral).toBeCloseTo(whole.integral, 6);
      }),
      { numRuns: 200 },
    );
  });

  test('an integral is exact to a tick (1/1024 ms) of each change', () => {
    const level = new Level(60_000);
    level.change(0.1, 1); // 0.1 ms is 102.4 ticks: 102
    level.change(1000.3, -1); // 1,024,307.2 ticks: 1,024,307
    expect(level.integralTo(2000)).toBe((1_024_307 - 102) / 1024);
  });
});

describe('QuantileRecorder', () => {
  test('the mean is the same, to the bit, for every order of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer(), (values, seed) => {
        const shuffled = [...values];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = new QuantileRecorder(16);
        const b = new QuantileRecorder(16);
        for (const v of values) a.add(v);
        for (const v of shuffled) b.add(v);
        expect(b.mean()).toBe(a.mean());
      }),
      { numRuns: 200 },
    );
  });

  test('past 2^53 ticks in total the mean is still that of the exact sum (the sum carries into a second word)', () => {
    const q = new QuantileRecorder(16);
    let exact = 0n;
    let x = 12345;
    for (let i = 0; i < 20_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const v = 1e9 + x / 7; // ms: about 2^40 ticks each, 2^54 in all
      q.add(v);
      exact += BigInt(Math.round(v * 1024));
    }
    expect(exact > 2n ** 53n).toBe(true);
    expect(q.mean()).toBe(Number(exact) / 1024 / 20_000);
  });
});
