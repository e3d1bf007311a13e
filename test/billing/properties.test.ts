// Property tests: attribution conserves money, costs are never negative, billed duration covers the handler.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeCosts, billedDurationMs, computeRunCost, type BillableUsage, type CostLines } from '../../src/billing/index.js';

const LINES = ['requests', 'duration', 'tenantEnvironments', 'provisionedConcurrency', 'ephemeralStorage', 'total'] as const;

const usageArb: fc.Arbitrary<BillableUsage> = fc.record({
  architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
  memoryMb: fc.integer({ min: 128, max: 10_240 }),
  ephemeralStorageMb: fc.integer({ min: 512, max: 10_240 }),
  requests: fc.integer({ min: 0, max: 50_000_000 }),
  billedMs: fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e13 })),
  provisionedBilledMs: fc.integer({ min: 0, max: 1e9 }),
  tenantEnvironments: fc.integer({ min: 0, max: 1_000_000 }),
  provisionedConcurrency: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000 })),
  provisionedMs: fc.double({ min: 0, max: 3e9, noNaN: true }),
});
const optionsArb = fc.record({ tiers: fc.boolean(), freeTier: fc.boolean() });

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('attributeCosts', () => {
  it('cells sum to run.exact, line by line', () => {
    fc.assert(fc.property(fc.array(usageArb, { minLength: 1, maxLength: 30 }), optionsArb, (cells, options) => {
      const run = computeRunCost(cells, options);
      const parts = attributeCosts(cells, run);
      expect(parts).toHaveLength(cells.length);
      for (const k of LINES) {
        const sum = parts.reduce((s, p) => s + p[k], 0);
        expect(close(sum, run.exact[k]), `${k}: ${sum} vs ${run.exact[k]}`).toBe(true);
      }
    }));
  });
  it('gives 0 to lines whose list price is 0 in every cell', () => {
    const cell: BillableUsage = { architecture: 'x86_64', memoryMb: 128, ephemeralStorageMb: 512, requests: 5, billedMs: 0,
      provisionedBilledMs: 0, tenantEnvironments: 0, provisionedConcurrency: 0, provisionedMs: 0 };
    const run = computeRunCost([cell, cell], { tiers: true, freeTier: false });
    expect(attributeCosts([cell, cell], run).map((c) => c.duration)).toEqual([0, 0]);
    expect(attributeCosts([cell, cell], run).map((c) => c.requests)).toEqual([0.000001, 0.000001]);
  });
});

describe('computeRunCost', () => {
  const nonNegative = (c: CostLines): boolean => LINES.every((k) => c[k] >= 0);
  it('never gives a negative cost; rounded lines are the exact ones rounded up to the cent', () => {
    fc.assert(fc.property(fc.array(usageArb, { maxLength: 10 }), optionsArb, (usages, options) => {
      const run = computeRunCost(usages, options);
      expect(nonNegative(run.exact) && nonNegative(run.rounded) && run.items.every(nonNegative)).toBe(true);
      for (const k of LINES.slice(0, 5)) {
        expect(run.rounded[k]).toBeGreaterThanOrEqual(run.exact[k]);
        expect(run.rounded[k] - run.exact[k]).toBeLessThan(0.01 + 1e-9);
      }
      const totalOfRounded = LINES.slice(0, 5).reduce((s, k) => s + run.rounded[k], 0);
      expect(close(run.rounded.total, totalOfRounded)).toBe(true);
    }));
  });
  it('options only lower the bill: exact <= sum of list-price items', () => {
    fc.assert(fc.property(fc.array(usageArb, { maxLength: 10 }), optionsArb, (usages, options) => {
      const run = computeRunCost(usages, options);
      const list = run.items.reduce((s, c) => s + c.total, 0);
      expect(run.exact.total).toBeLessThanOrEqual(list * (1 + 1e-12) + 1e-12);
    }));
  });
});

describe('billedDurationMs', () => {
  it('is a whole number of ms, at least the billed time (less floating noise), less than it + 1 ms', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), fc.boolean(),
      (handlerMs, initMs, initBilled) => {
        const billed = billedDurationMs(handlerMs, initMs, initBilled);
        const ms = initBilled ? handlerMs + initMs : handlerMs;
        expect(Number.isInteger(billed)).toBe(true);
        expect(billed).toBeGreaterThanOrEqual(handlerMs - 1e-7);
        expect(billed).toBeGreaterThanOrEqual(ms - 1e-7);
        expect(billed).toBeLessThan(ms + 1);
      },
    ));
  });
  it('is >= the handler time for REPORT-precision durations (hundredths of a ms)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e8 }), fc.integer({ min: 0, max: 1e6 }), fc.boolean(), (h, i, initBilled) => {
      const handlerMs = h / 100;
      const billed = billedDurationMs(handlerMs, i / 100, initBilled);
      expect(billed).toBeGreaterThanOrEqual(handlerMs);
      if (initBilled) expect(billed).toBe(Math.ceil((h + i) / 100));
    }));
  });
});
