/**
 * Per-group log histograms: every quantile within 5 % of the exact value of its rank, groups independent,
 * memory only for groups with values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GROUP_ALPHA, GroupHistograms } from '../../src/engine/group-histograms.js';

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
