/**
 * The monthly projection: AWS's published examples reproduced line by line, the tiers and the free tier on
 * the projected volume, agreement with the billing module, and linear scaling where the results cannot be
 * priced exactly.
 */
import { describe, expect, test } from 'vitest';
import { computeRunCost, type BillableUsage } from '../../src/billing/index.js';
import { reportData, type ReportFunction, type ReportVariant, type ReportVariantConfig } from '../../src/report/report-data.js';
import { MONTH_MS, projectMonth } from '../../src/report/report-projection.js';
import { runFiles, tenantTiersOneDay } from './helpers.js';

const DAY = 86_400_000;
const ZERO = { requests: 0, duration: 0, tenantEnvironments: 0, provisionedConcurrency: 0, ephemeralStorage: 0, total: 0 };

/** A function of summary.json with what the projection reads. */
function fn(over: Partial<ReportFunction>): ReportFunction {
  return {
    name: 'api', tenancy: 'shared', memoryMb: 1024, architecture: 'x86_64', invocations: 0, completed: 0, coldStarts: 0,
    environmentsCreated: 0, peakConcurrency: 0, peakEnvironments: 0, billedGbSeconds: 0, limitHits: {}, costUsdExact: ZERO, ...over,
  };
}

function variant(functions: ReportFunction[]): ReportVariant {
  return {
    name: 'v', horizonMs: DAY, invocations: 0, completed: 0, throttled: 0, rejected: 0, coldStarts: 0, environmentsCreated: 0,
    peakConcurrency: 0, meanConcurrency: 0, peakEnvironments: 0, meanEnvironments: 0, latencyMs: { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 },
    billedGbSeconds: 0, costUsdExact: ZERO, limitHits: {}, functions,
  };
}

function config(functions: Array<Partial<ReportVariantConfig['functions'][number]>>, freeTier = false): ReportVariantConfig {
  return {
    platform: { accountConcurrency: 1000, isolatedEnvironmentsPer1000: 2500 },
    functions: functions.map((f) => ({ name: 'api', memoryMb: 1024, architecture: 'x86_64', tenancy: 'shared', reservedConcurrency: null, provisionedConcurrency: 0, ephemeralStorageMb: 512, ...f })),
    billing: { tiers: false, freeTier },
  };
}

describe('AWS examples, as a month simulated whole', () => {
  test("tenant isolation: 10M requests, 2 s at 1 GB, 200,000 environments: $368.734 (AWS's $368.74 rounds each line up)", () => {
    const v = variant([fn({ tenancy: 'isolated', completed: 10_000_000, billedGbSeconds: 20_000_000, environmentsCreated: 200_000 })]);
    const m = projectMonth(v, MONTH_MS, null);
    expect(m.factor).toBe(1);
    expect(m.lines.map((l) => [l.label, l.arithmetic])).toEqual([
      ['Requests', '10,000,000 billed requests x (30 d / 30 d) = 10,000,000 requests x $0.20 per 1M requests = $2.00'],
      ['Duration (x86_64)', '20,000,000 GB-s x (30 d / 30 d) = 20,000,000 GB-s x $0.0000166667 per GB-s = $333.33'],
      ['Tenant environments (1,024 MB)', '200,000 environments created x (30 d / 30 d) = 200,000 environments x 1 GB x $0.000167 per GB = $33.40'],
    ]);
    expect(m.byItem).toEqual({ requests: 2, duration: 333.334, tenantEnvironments: 33.4, provisionedConcurrency: 0, ephemeralStorage: 0 });
    expect(m.total).toBeCloseTo(368.734, 9);
  });

  test('duration tiers: 7B GB-s of x86_64 in a month is 6B at tier 1 and 1B at tier 2 = $115,000.20', () => {
    const m = projectMonth(variant([fn({ billedGbSeconds: 7e9 })]), MONTH_MS, null);
    const duration = m.lines.find((l) => l.item === 'duration')!;
    expect(duration.usd).toBeCloseTo(115_000.2, 6);
    expect(duration.arithmetic).toBe('7,000,000,000 GB-s x (30 d / 30 d) = 7,000,000,000 GB-s through the monthly tiers: ' +
      'first 6,000,000,000 GB-s x $0.0000166667 per GB-s = $100,000.20; then 1,000,000,000 GB-s x $0.000015 per GB-s = $15,000.00; together $115,000.20');
  });

  test('a day projects x 30, and the tiers apply to the projected month, not to the day', () => {
    const m = projectMonth(variant([fn({ billedGbSeconds: 7e9 / 30 })]), DAY, null);
    expect(m.factor).toBe(30);
    expect(m.byItem.duration).toBeCloseTo(115_000.2, 6);
  });
});

describe('free tier, storage, provisioned concurrency', () => {
  test('the free tier comes off the projected month when the scenario turns it on', () => {
    const v = variant([fn({ completed: 100_000, billedGbSeconds: 20_000 })]);
    const m = projectMonth(v, DAY, config([{}], true));
    expect(m.freeTier).toBe(true);
    expect(m.lines[0].arithmetic).toBe('100,000 billed requests x (30 d / 1 d) = 3,000,000 requests - 1,000,000 free = 2,000,000 requests x $0.20 per 1M requests = $0.40');
    expect(m.lines[1].arithmetic).toBe('20,000 GB-s x (30 d / 1 d) = 600,000 GB-s - 400,000 free GB-s = 200,000 GB-s x $0.0000166667 per GB-s = $3.33');
    expect(m.total).toBeCloseTo(0.4 + 200_000 * 0.0000166667, 9);
  });

  test('ephemeral storage above 512 MB: billed seconds x GB above 512 MB x $0.0000000309', () => {
    const v = variant([fn({ completed: 1, billedGbSeconds: 1000 })]); // 1,000 s at 1 GB
    const m = projectMonth(v, MONTH_MS, config([{ ephemeralStorageMb: 10_240 }]));
    const line = m.lines.find((l) => l.item === 'ephemeralStorage')!;
    expect(line.arithmetic).toBe('1,000 billed s x (30 d / 30 d) = 1,000 s x 9.5 GB above 512 MB x $0.0000000309 per GB-s = $0.00029');
    expect(line.usd).toBeCloseTo(0.00029355, 12);
  });

  test('provisioned concurrency: a whole month of the standing charge, the function\'s usage scaled linearly', () => {
    const f = fn({ completed: 1000, billedGbSeconds: 50, costUsdExact: { ...ZERO, requests: 0.0002, duration: 0.001, provisionedConcurrency: 0.36, total: 0.3612 } });
    const m = projectMonth(variant([f]), DAY, config([{ provisionedConcurrency: 10 }]));
    expect(m.linearFunctions).toEqual(['api']);
    const standing = m.lines.find((l) => l.item === 'provisionedConcurrency')!;
    expect(standing.arithmetic).toBe('10 environments x 1 GB x 2,592,000 s (30 d) = 25,920,000 GB-s x $0.0000041667 per GB-s = $108.00');
    expect(standing.usd).toBeCloseTo(10 * 2_592_000 * 0.0000041667, 9);
    expect(m.byItem.duration).toBeCloseTo(0.0012 * 30, 12);
    expect(m.byItem.requests).toBe(0);
  });

  test('without config.json, storage and provisioned concurrency are scaled linearly from their run cost', () => {
    const f = fn({ completed: 10, billedGbSeconds: 1, costUsdExact: { ...ZERO, ephemeralStorage: 0.001, total: 0.001 } });
    const m = projectMonth(variant([f]), DAY, null);
    expect(m.lines.find((l) => l.item === 'ephemeralStorage')!.arithmetic).toBe('$0.001 in the run x (30 d / 1 d) = $0.03 (no config.json: scaled linearly)');
  });
});

describe('real runs', () => {
  const data = reportData(runFiles('tenant-tiers', tenantTiersOneDay));

  test('over one day with the default billing options, the month is the run cost x 30', () => {
    for (const v of data.summary.variants) {
      const m = projectMonth(v, data.summary.horizonMs, data.configs!.get(v.name)!);
      expect(m.factor).toBe(30);
      expect(m.total / (v.costUsdExact.total * 30)).toBeCloseTo(1, 8);
    }
  });

  test('the lines add up to what the billing module charges for the projected volumes', () => {
    const files = runFiles('seed-20-tenants'); // 19 s: a factor of 135,530.47..., not a whole number
    const d = reportData(files);
    for (const v of d.summary.variants) {
      const m = projectMonth(v, d.summary.horizonMs, d.configs!.get(v.name)!);
      const k = m.factor;
      const f = v.functions[0];
      const usage = (u: Partial<BillableUsage>): BillableUsage => ({
        architecture: 'x86_64', memoryMb: 1, ephemeralStorageMb: 512, requests: 0, billedMs: 0, provisionedBilledMs: 0,
        tenantEnvironments: 0, provisionedConcurrency: 0, provisionedMs: 0, ...u,
      });
      const billedMs = Math.round((f.billedGbSeconds * 1_024_000) / f.memoryMb);
      const usages = [
        usage({ requests: Math.round(f.completed * k), billedMs: Math.round(billedMs * f.memoryMb * k) }), // MB-ms at 1 MB
        usage({ memoryMb: f.memoryMb, tenantEnvironments: f.tenancy === 'isolated' ? Math.round(f.environmentsCreated * k) : 0 }),
      ];
      const billed = computeRunCost(usages, { tiers: true, freeTier: false }).exact;
      expect(m.byItem.requests).toBe(billed.requests);
      expect(m.byItem.duration).toBe(billed.duration);
      expect(m.byItem.tenantEnvironments).toBe(billed.tenantEnvironments);
      expect(m.total).toBeCloseTo(billed.total, 10);
    }
  });
});
