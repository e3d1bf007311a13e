// AWS's published examples, reproduced exactly.
import { describe, expect, it } from 'vitest';
import { billedDurationMs, computeRunCost } from '../../src/billing/index.js';
import { LIST, usage } from './helpers.js';

describe('tenant isolation pricing example (aws.amazon.com/lambda/pricing)', () => {
  // 1,024 MB x86, 10M invokes x 2 s, 1K tenants x 200 environments = 200K environments.
  const run = computeRunCost(
    [usage({ memoryMb: 1024, requests: 10_000_000, billedMs: 10_000_000 * 2_000, tenantEnvironments: 200_000 })],
    LIST,
  );

  it('has the exact line items', () => {
    expect(run.exact).toEqual({
      requests: 2, duration: 333.334, tenantEnvironments: 33.4, provisionedConcurrency: 0, ephemeralStorage: 0,
      total: 368.734,
    });
  });

  it('rounds each line up to the cent: $33.40 + $2.00 + $333.34 = $368.74', () => {
    expect(run.rounded).toEqual({
      requests: 2, duration: 333.34, tenantEnvironments: 33.4, provisionedConcurrency: 0, ephemeralStorage: 0,
      total: 368.74,
    });
  });

  it('bills 20M GB-s, and tiers do not change it (far below 6B GB-s)', () => {
    expect(run.billedGbSeconds).toBe(20_000_000);
    const tiered = computeRunCost(
      [usage({ requests: 10_000_000, billedMs: 2e10, tenantEnvironments: 200_000 })],
      { tiers: true, freeTier: false },
    );
    expect(tiered.exact).toEqual(run.exact);
  });

  it('items[0] is the list price of the single usage', () => {
    expect(run.items).toEqual([run.exact]);
  });
});

describe('INIT billing example (AWS Compute Blog 2025-04-29)', () => {
  it('bills 250.06 ms + 100.77 ms init as 351 ms: one ceil of the sum', () => {
    expect(billedDurationMs(250.06, 100.77, true)).toBe(351);
  });
  it('bills 251 ms when init is not billed', () => {
    expect(billedDurationMs(250.06, 100.77, false)).toBe(251);
  });
});
