/**
 * The monthly projection: AWS's published examples reproduced line by line, the tiers and the free tier on
 * the projected volume, provisioned concurrency and storage priced exactly, and one figure for a month
 * wherever it is shown (summary.json, the report, the sweep).
 */
import { describe, expect, test } from 'vitest';
import { type BillableUsage, computeRunCost, MONTH_MS, scaleUsage } from '../../src/billing/index.js';
import { projectMonth } from '../../src/report/month.js';
import { type MonthInput, readResults } from '../../src/results/index.js';
import { runFiles, tenantTiersOneDay } from './helpers.js';

const DAY = 86_400_000;

/** One function's usage: 1,024 MB x86_64, nothing used unless given. */
function usage(over: Partial<BillableUsage> = {}): BillableUsage {
  return {
    architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512, requests: 0, billedMs: 0, provisionedBilledMs: 0,
    tenantEnvironments: 0, provisionedConcurrency: 0, provisionedMs: 0, ...over,
  };
}

/** A variant of these usages over `periodMs`. */
const variant = (usages: BillableUsage[], periodMs: number, freeTier = false): MonthInput => ({ functions: usages.map((u) => ({ usage: u })), periodMs, billing: { freeTier } });

/** Billed ms at 1,024 MB for `gbS` GB-s. */
const msFor = (gbS: number) => gbS * 1000;

describe('AWS examples, as a month simulated whole', () => {
  test("tenant isolation: 10M requests, 2 s at 1 GB, 200,000 environments: $368.734 (AWS's $368.74 rounds each line up)", () => {
    const m = projectMonth(variant([usage({ requests: 10_000_000, billedMs: msFor(20_000_000), tenantEnvironments: 200_000 })], MONTH_MS));
    expect(m.factor).toBe(1);
    expect(m.lines.map((l) => [l.label, l.arithmetic])).toEqual([
      ['Requests', '10,000,000 billed requests in the run x (30 d / 30 d) = 10,000,000 requests x $0.20 per 1M requests = $2.00'],
      ['Duration (x86_64)', '20,000,000 GB-s in the run x (30 d / 30 d) = 20,000,000 GB-s x $0.0000166667 per GB-s = $333.33'],
      ['Tenant environments (1,024 MB)', '200,000 environments in the run x (30 d / 30 d) = 200,000 environments x 1 GB x $0.000167 per GB = $33.40'],
    ]);
    expect(m.byItem).toEqual({ requests: 2, duration: 333.334, tenantEnvironments: 33.4, provisionedConcurrency: 0, ephemeralStorage: 0 });
    expect(m.total).toBeCloseTo(368.734, 9);
  });

  test('duration tiers: 7B GB-s of x86_64 in a month is 6B at tier 1 and 1B at tier 2 = $115,000.20', () => {
    const m = projectMonth(variant([usage({ billedMs: msFor(7e9) })], MONTH_MS));
    const duration = m.lines.find((l) => l.item === 'duration')!;
    expect(duration.usd).toBeCloseTo(115_000.2, 6);
    expect(duration.arithmetic).toBe('7,000,000,000 GB-s in the run x (30 d / 30 d) = 7,000,000,000 GB-s through the monthly tiers: ' +
      'first 6,000,000,000 GB-s x $0.0000166667 per GB-s = $100,000.20; then 1,000,000,000 GB-s x $0.000015 per GB-s = $15,000.00; together $115,000.20');
  });

  test('a day projects x 30, and the tiers apply to the projected month, not to the day', () => {
    const m = projectMonth(variant([usage({ billedMs: Math.round(msFor(7e9 / 30)) })], DAY));
    expect(m.factor).toBe(30);
    expect(m.byItem.duration).toBeCloseTo(115_000.2, 6);
  });

  test('traffic of one instant has no monthly projection', () => {
    const m = projectMonth(variant([usage({ requests: 5, billedMs: 500 })], 0));
    expect(m.factor).toBeNull();
    expect(m.lines).toEqual([]);
    expect(m.total).toBe(0);
  });
});

describe('free tier, storage, provisioned concurrency', () => {
  test('the free tier comes off the projected month when the scenario turns it on', () => {
    const m = projectMonth(variant([usage({ requests: 100_000, billedMs: msFor(20_000) })], DAY, true));
    expect(m.freeTier).toBe(true);
    expect(m.lines[0].arithmetic).toBe('100,000 billed requests in the run x (30 d / 1 d) = 3,000,000 requests - 1,000,000 requests free = 2,000,000 requests x $0.20 per 1M requests = $0.40');
    expect(m.lines[1].arithmetic).toBe('20,000 GB-s in the run x (30 d / 1 d) = 600,000 GB-s - 400,000 GB-s free = 200,000 GB-s x $0.0000166667 per GB-s = $3.33');
    expect(m.total).toBeCloseTo(0.4 + 200_000 * 0.0000166667, 9);
  });

  test('ephemeral storage above 512 MB: billed seconds x GB above 512 MB x $0.0000000309', () => {
    const m = projectMonth(variant([usage({ requests: 1, billedMs: 1_000_000, ephemeralStorageMb: 10_240 })], MONTH_MS)); // 1,000 s
    const line = m.lines.find((l) => l.item === 'ephemeralStorage')!;
    expect(line.label).toBe('Ephemeral storage (10,240 MB)');
    expect(line.arithmetic).toBe('9,500 GB-s in the run x (30 d / 30 d) = 9,500 GB-s x $0.0000000309 per GB-s = $0.00029');
    expect(line.usd).toBeCloseTo(0.00029355, 12);
  });

  test('provisioned concurrency: configured all month, its requests and duration priced as such (no free tier for them)', () => {
    // a day with 10 provisioned environments at 1 GB, 1,000 requests on them (50 GB-s), none on demand
    const u = usage({ requests: 1000, provisionedBilledMs: msFor(50), provisionedConcurrency: 10, provisionedMs: DAY });
    const m = projectMonth(variant([u], DAY, true));
    const standing = m.lines.find((l) => l.item === 'provisionedConcurrency')!;
    expect(standing.arithmetic).toBe('864,000 GB-s in the run x (30 d / 1 d) = 25,920,000 GB-s x $0.0000041667 per GB-s = $108.00');
    expect(standing.usd).toBeCloseTo(10 * 2_592_000 * 0.0000041667, 9);
    expect(m.byItem.duration).toBeCloseTo(1500 * 0.0000097222, 12);
    expect(m.byItem.requests).toBeCloseTo((30_000 * 0.2) / 1e6, 12); // under Requests, not under duration
    expect(m.lines.map((l) => l.label)).toEqual(['Requests', 'Duration (x86_64, on provisioned concurrency)', 'Provisioned concurrency (x86_64, 1,024 MB)']);
  });
});

describe('real runs', () => {
  test('over one day with the default billing options, the month is the run cost x 30', () => {
    const results = readResults(runFiles('tenant-tiers', tenantTiersOneDay));
    for (const v of results.summary.variants) {
      const m = projectMonth(v);
      expect(m.factor).toBe(30);
      expect(m.total / (v.costUsdExact.total * 30)).toBeCloseTo(1, 8);
    }
  });

  test('the lines are what the billing module charges for the run\'s exact usage scaled to a month', () => {
    const results = readResults(runFiles('seed-20-tenants')); // 19 s: a factor of 136,421.05..., not a whole number
    for (const v of results.summary.variants) {
      const m = projectMonth(v);
      expect(v.periodMs).toBe(19_000);
      const billed = computeRunCost(v.functions.map((f) => scaleUsage(f.usage, MONTH_MS / 19_000)), { tiers: true, freeTier: false }).exact;
      expect(m.byItem.requests).toBe(billed.requests);
      expect(m.byItem.duration).toBe(billed.duration);
      expect(m.byItem.tenantEnvironments).toBe(billed.tenantEnvironments);
      expect(m.total).toBe(billed.total);
      expect(v.monthlyCostUsdExact!.total).toBeCloseTo(m.total, 9);
    }
  });
});
