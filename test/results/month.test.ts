/**
 * The monthly projection by hand: volumes x (30 days / the run's period), priced with the monthly
 * duration tiers of docs/billing.md (x86_64: first 6B GB-s at $0.0000166667, next 9B at $0.000015).
 */
import { describe, expect, test } from 'vitest';
import { MONTH_MS } from '../../src/billing/index.js';
import { simulate } from '../../src/model/simulation.js';
import { monthOf as month, variantRun } from '../../src/results/index.js';
import { loadScenario } from '../../src/scenario/index.js';

function monthOf(text: string, variant = 'shared') {
  const r = loadScenario(text, 'm.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const v = r.scenario.variants.find((x) => x.name === variant)!;
  const record = simulate(v.config, v.name);
  return { record, month: month(variantRun(v.config, record).summary)!.cost.exact };
}

describe('monthly projection', () => {
  test('the tiers apply to the projected volume, not to the run', () => {
    // 1,000 calls of 900 s at 10 GB in one hour: 9,000,000 GB-s, x 720 = 6.48B GB-s a month
    const { record, month } = monthOf(`name: tiers
horizon: 1h
platform: { initBilling: unbilled }
functions:
  api: { runtime: python3.13, memoryMb: 10240, duration: 900s, timeout: 900s }
traffic:
  - function: api
    constant: { rate: 1/s }
    count: 1000
`);
    expect(record.functions[0].completed).toBe(1000);
    expect(MONTH_MS / record.periodMs).toBe(720);
    // 6B x $0.0000166667 + 0.48B x $0.000015 (linear pricing would give $108,000.216)
    expect(month.duration).toBeCloseTo(100_000.2 + 7_200, 6);
    expect(month.requests).toBeCloseTo((720_000 * 0.2) / 1e6, 10);
    expect(month.total).toBeCloseTo(107_200.2 + 0.144, 6);
  });

  test('a one-hour run: volumes x 720, tenant environments included', () => {
    const text = `name: hour
horizon: 1h
platform: { initBilling: unbilled }
functions:
  api: { runtime: python3.13, memoryMb: 1024, duration: 100ms, initDuration: 0ms }
traffic:
  - function: api
    constant: { rate: 1/s }
    end: 59m
`;
    // 3,540 calls of 100 ms at 1 GB: 2,548,800 requests and 254,880 GB-s a month
    const shared = monthOf(text).month;
    expect(shared.requests).toBeCloseTo((2_548_800 * 0.2) / 1e6, 9);
    expect(shared.duration).toBeCloseTo(254_880 * 0.0000166667, 8);
    expect(shared.tenantEnvironments).toBe(0);
    // isolated, one tenant: one environment an hour, 720 a month at 1 GB x $0.000167
    const isolated = monthOf(text, 'isolated').month;
    expect(isolated.tenantEnvironments).toBeCloseTo(720 * 0.000167, 9);
  });
});

describe('traffic too short for a month', () => {
  test('two calls a microsecond apart run, with no monthly figure (a month of them would pass 2^53 ms)', async () => {
    const { runScenario } = await import('../../src/run.js');
    const r = loadScenario(`name: two-calls
functions:
  api: { runtime: python3.13, memoryMb: 128, duration: 10s }
traffic:
  - function: api
    constant: { rate: 1000000/s }
    count: 2
`, 'two.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const run = runScenario(r.scenario);
    for (const v of run.results.summary.variants) {
      expect(v.periodMs).toBe(0.001);
      expect(v.completed).toBe(2);
      expect(v.monthlyCostUsdExact).toBeNull();
    }
  });
});
