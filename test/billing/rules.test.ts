// Each billing rule on small hand-worked cases. Expected values are computed by hand from the list prices.
import { describe, expect, it } from 'vitest';
import { BillingError, billedDurationMs, computeRunCost, initIsBilled } from '../../src/billing/index.js';
import { initBilledFor } from '../../src/model/platform.js';
import { LIST, usage } from './helpers.js';

const TIERS = { tiers: true, freeTier: false } as const;
const FREE = { tiers: false, freeTier: true } as const;
const GB_S = 1_000_000; // ms of a 1,024 MB function per 1,000 GB-s

describe('billedDurationMs', () => {
  it('rounds up to the next whole ms', () => {
    expect(billedDurationMs(0.4, 0, false)).toBe(1);
    expect(billedDurationMs(12, 0, false)).toBe(12);
    expect(billedDurationMs(12.000001, 0, false)).toBe(13);
    expect(billedDurationMs(0, 0, true)).toBe(0);
  });
  it('treats floating noise within 1e-7 ms of an integer as that integer', () => {
    expect(billedDurationMs((0.1 + 0.2) * 1000, 0, false)).toBe(300); // (0.1 + 0.2) * 1000 is 300.00000000000006
    expect(billedDurationMs(0.1 * 3 * 10, 0, false)).toBe(3);
    expect(billedDurationMs(299.9999999, 0, false)).toBe(300);
    expect(billedDurationMs(300.000001, 0, false)).toBe(301);
  });
});

describe('initIsBilled', () => {
  it('billed rule (since 2025-08-01): always', () => {
    for (const custom of [false, true]) {
      expect(initIsBilled('billed', 'zip', custom)).toBe(true);
      expect(initIsBilled('billed', 'image', custom)).toBe(true);
    }
  });
  it('unbilled rule: free only for zip packages on managed runtimes', () => {
    expect(initIsBilled('unbilled', 'zip', false)).toBe(false);
    expect(initIsBilled('unbilled', 'image', false)).toBe(true);
    expect(initIsBilled('unbilled', 'zip', true)).toBe(true);
  });
  it('a function\'s runtime decides whether it is custom', () => {
    const fn = (runtime: string, packageType: 'zip' | 'image' = 'zip') => ({ runtime, packageType });
    for (const rt of ['python3.13', 'nodejs22.x', 'java21']) {
      expect(initBilledFor('unbilled', fn(rt))).toBe(false);
      expect(initBilledFor('billed', fn(rt))).toBe(true);
    }
    expect(initBilledFor('unbilled', fn('python3.13', 'image'))).toBe(true);
    for (const rt of ['provided', 'provided.al2', 'provided.al2023', 'go (prov.al2023)', 'bun layer(prov.al2)', 'go', 'rust']) {
      expect(initBilledFor('unbilled', fn(rt))).toBe(true);
    }
  });
});

describe('architecture prices', () => {
  const oneThousandGbS = { requests: 1_000, billedMs: 1_000 * GB_S / 1_000 };
  it('x86_64: $0.0000166667 per GB-s', () => {
    expect(computeRunCost([usage(oneThousandGbS)], LIST).exact.duration).toBe(0.0166667);
  });
  it('arm64: $0.0000133334 per GB-s', () => {
    const run = computeRunCost([usage({ ...oneThousandGbS, architecture: 'arm64' })], LIST);
    expect(run.exact.duration).toBe(0.0133334);
    expect(run.exact.requests).toBe(0.0002);
  });
  it('memory in GB = MB / 1,024: 128 MB for 8,000 s is 1,000 GB-s', () => {
    const run = computeRunCost([usage({ memoryMb: 128, billedMs: 8_000_000 })], LIST);
    expect(run.billedGbSeconds).toBe(1_000);
    expect(run.exact.duration).toBe(0.0166667);
  });
  it('tenant environments cost the same on arm64', () => {
    const run = computeRunCost([usage({ architecture: 'arm64', memoryMb: 512, tenantEnvironments: 1_000 })], LIST);
    expect(run.exact.tenantEnvironments).toBe(0.0835); // 1,000 x 0.5 GB x $0.000167
  });
});

describe('ephemeral storage', () => {
  it('bills GB-s above the free 512 MB: 10,240 MB for 1,000 s is 9.5 GB x 1,000 s', () => {
    const run = computeRunCost([usage({ ephemeralStorageMb: 10_240, billedMs: 600_000, provisionedBilledMs: 400_000 })], LIST);
    expect(run.exact.ephemeralStorage).toBe(0.00029355); // 9,500 GB-s x $0.0000000309
    expect(run.rounded.ephemeralStorage).toBe(0.01);
  });
  it('is free up to 512 MB', () => {
    expect(computeRunCost([usage({ ephemeralStorageMb: 512, billedMs: 1e9 })], LIST).exact.ephemeralStorage).toBe(0);
  });
});

describe('provisioned concurrency', () => {
  it('bills configured time in 5-minute steps: 301 s is billed as 600 s', () => {
    const run = computeRunCost([usage({ provisionedConcurrency: 1, provisionedMs: 301_000 })], LIST);
    expect(run.exact.provisionedConcurrency).toBe(0.00250002); // 600 GB-s x $0.0000041667
    const exact = computeRunCost([usage({ provisionedConcurrency: 1, provisionedMs: 300_000 })], LIST);
    expect(exact.exact.provisionedConcurrency).toBe(0.00125001);
  });
  it('arm64 rates', () => {
    const run = computeRunCost([usage({ architecture: 'arm64', provisionedConcurrency: 2, provisionedMs: 600_000, provisionedBilledMs: 1_000_000 })], LIST);
    expect(run.exact.provisionedConcurrency).toBe(0.00400008); // 2 x 600 GB-s x $0.0000033334
    expect(run.exact.duration).toBe(0.0077778); // 1,000 GB-s x $0.0000077778
  });
  it('1,024 MB, concurrency 1,000 for 2 h, 1.2M 1-s invocations on it', () => {
    const run = computeRunCost([usage({
      requests: 1_200_000, provisionedBilledMs: 1_200_000_000, provisionedConcurrency: 1_000, provisionedMs: 7_200_000,
    })], LIST);
    expect(run.exact.provisionedConcurrency).toBe(30.00024); // 7.2M GB-s x $0.0000041667
    expect(run.exact.duration).toBe(11.66664); // 1.2M GB-s x $0.0000097222
    expect(run.exact.requests).toBe(0.24);
    expect(run.rounded).toMatchObject({ provisionedConcurrency: 30.01, duration: 11.67, requests: 0.24, total: 41.92 });
  });
});

describe('duration tiers', () => {
  const gbS = (n: number) => n * GB_S / 1_000;
  it('x86: 7B GB-s = 6B at $0.0000166667 + 1B at $0.000015', () => {
    const u = [usage({ billedMs: gbS(7e9) })];
    expect(computeRunCost(u, TIERS).exact.duration).toBe(115_000.2);
    expect(computeRunCost(u, LIST).exact.duration).toBe(116_666.9);
  });
  it('x86: 16B GB-s reaches the third tier', () => {
    expect(computeRunCost([usage({ billedMs: gbS(16e9) })], TIERS).exact.duration).toBe(248_333.6);
  });
  it('arm64: 8B GB-s = 7.5B at $0.0000133334 + 0.5B at $0.0000120001', () => {
    expect(computeRunCost([usage({ architecture: 'arm64', billedMs: gbS(8e9) })], TIERS).exact.duration).toBe(106_000.55);
  });
  it('sums usages of one architecture, keeps architectures apart', () => {
    const split = [usage({ billedMs: gbS(3.5e9) }), usage({ memoryMb: 2048, billedMs: gbS(3.5e9) / 2 })];
    expect(computeRunCost(split, TIERS).exact.duration).toBe(115_000.2);
    const mixed = [usage({ billedMs: gbS(5e9) }), usage({ architecture: 'arm64', billedMs: gbS(5e9) })];
    expect(computeRunCost(mixed, TIERS).exact.duration).toBe(83_333.5 + 66_667);
  });
  it('never applies to duration on provisioned environments', () => {
    const u = [usage({ provisionedBilledMs: gbS(7e9), provisionedConcurrency: 1, provisionedMs: 1 })];
    expect(computeRunCost(u, TIERS).exact.duration).toBe(68_055.4); // 7B x $0.0000097222
  });
});

describe('free tier', () => {
  const gbS = (n: number) => n * GB_S / 1_000;
  it('1M requests and 400,000 GB-s are free', () => {
    const run = computeRunCost([usage({ requests: 2_000_000, billedMs: gbS(500_000) })], FREE);
    expect(run.exact.requests).toBe(0.2);
    expect(run.exact.duration).toBe(1.66667); // 100,000 GB-s
    expect(computeRunCost([usage({ requests: 999_999, billedMs: gbS(400_000) })], FREE).exact.total).toBe(0);
  });
  it('takes free GB-s from x86_64 first, then arm64', () => {
    const run = computeRunCost([usage({ architecture: 'arm64', billedMs: gbS(300_000) }), usage({ billedMs: gbS(300_000) })], FREE);
    expect(run.exact.duration).toBe(2.66668); // arm 200,000 GB-s x $0.0000133334
  });
  it('does not apply to functions with provisioned concurrency', () => {
    const pc = usage({ requests: 500_000, billedMs: gbS(100_000), provisionedConcurrency: 1, provisionedMs: 300_000 });
    const run = computeRunCost([pc, usage({ requests: 200_000, billedMs: gbS(100_000) })], FREE);
    expect(run.exact.requests).toBe(0.1);
    expect(run.exact.duration).toBe(1.66667);
    expect(run.exact.provisionedConcurrency).toBe(0.00125001);
  });
  it('comes off the first tier when combined with tiers', () => {
    const run = computeRunCost([usage({ billedMs: gbS(6e9 + 400_000 + 1e9) })], { tiers: true, freeTier: true });
    expect(run.exact.duration).toBe(115_000.2);
  });
});

describe('rounding', () => {
  it('rounds up on integers: exactly $1.10 stays $1.10 (float ceil(1.1 * 100) would give 1.11)', () => {
    const run = computeRunCost([usage({ requests: 5_500_000 })], LIST);
    expect(run.exact.requests).toBe(1.1);
    expect(run.rounded.requests).toBe(1.1);
  });
  it('a tiny positive line rounds up to one cent; the rounded total is the sum of rounded lines', () => {
    const run = computeRunCost([usage({ requests: 1, billedMs: 1, tenantEnvironments: 1 })], LIST);
    expect(run.rounded).toEqual({ requests: 0.01, duration: 0.01, tenantEnvironments: 0.01, provisionedConcurrency: 0, ephemeralStorage: 0, total: 0.03 });
    expect(run.exact.total).toBe(0.0001672166667); // $0.000167 + $0.0000002 + 0.001 GB-s x $0.0000166667
  });
  it('an empty run costs nothing', () => {
    const run = computeRunCost([], { tiers: true, freeTier: true });
    expect(run.exact.total).toBe(0);
    expect(run.rounded.total).toBe(0);
    expect(run.items).toEqual([]);
  });
});

describe('validation', () => {
  it('reports every problem at once', () => {
    const bad = usage({ requests: -1, billedMs: 1.5, memoryMb: 0, provisionedMs: Number.NaN });
    expect(() => computeRunCost([usage(), bad], LIST)).toThrow(BillingError);
    try {
      computeRunCost([usage(), bad], LIST);
    } catch (e) {
      expect((e as BillingError).problems).toEqual([
        'usages[1].memoryMb must be an integer >= 1, got 0',
        'usages[1].requests must be an integer >= 0, got -1',
        'usages[1].billedMs must be an integer >= 0, got 1.5',
        'usages[1].provisionedMs must be a finite number >= 0, got NaN',
      ]);
    }
  });
});
