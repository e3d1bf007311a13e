/**
 * Fair comparisons: a small tenants' group that loses many of its requests to the isolated-environment cap
 * is named (groups.csv and the report), while the run's totals would hide it; and a variant that rejects
 * tenant-less traffic is never called cheapest or fastest.
 */
import { describe, expect, test } from 'vitest';
import { buildReports } from '../../src/report/index.js';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenario/index.js';

function run(yaml: string) {
  const loaded = loadScenario(yaml, 'fair.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return runScenario(loaded.scenario);
}

// 5 big tenants take the cap's 5 environments (floor(2500 x 2 / 1000)) in the first minute and keep them warm;
// the 50 small ones, calling from then on, find it full
const CAPPED = `name: capped
horizon: 2h
functions:
  api: { runtime: python3.13, duration: 5ms, reservedConcurrency: 2 }
tenants:
  groups:
    - { name: big, count: 5 }
    - { name: small, count: 50 }
traffic:
  - { function: api, group: big, poisson: { rate: 19/s } }
  - { function: api, group: small, start: 1m, poisson: { rate: 1/s } }
`;

describe('a group served much worse than the whole', () => {
  test('groups.csv gives each group its failed share and p99; the report names the group', async () => {
    const r = run(CAPPED);
    const isolated = r.results.summary.variants[1];
    const groups = [...r.results.groups!].filter((g) => g.variant === 'isolated');
    const small = groups.find((g) => g.group === 'small')!;
    const big = groups.find((g) => g.group === 'big')!;
    expect(small.failedShare).toBeGreaterThan(0.3);
    expect(small.failedShare).toBeGreaterThan(5 * isolated.failedShare);
    expect(big.failedShare).toBeLessThan(isolated.failedShare);
    expect(small.throttled).toBe(Math.round(small.throttledShare * small.invocations));
    expect(big.latencyP99Ms).not.toBeNull();
    const md = (await buildReports(r.results, { formats: ['report.md'] }))['report.md']!;
    expect(md).toMatch(new RegExp(`- In isolated, tenant group small lost ${(small.failedShare * 100).toFixed(2)}% of its requests \\(${small.throttled.toLocaleString('en-US')} throttled, 0 rejected, 0 timed out\\), against ${(isolated.failedShare * 100).toFixed(2)}% of all requests\\.`));
    expect(md).toContain('### Worst-served tenants');
  });
});

describe('tenant-less traffic next to an isolated variant', () => {
  test('the rejecting variant is never cheapest or fastest; its failures are named', async () => {
    const r = run('name: nt\nhorizon: 1h\nfunctions:\n  api: { runtime: python3.13, duration: 20ms }\ntenants: { count: 10 }\ntraffic:\n  - { function: api, poisson: { rate: 2/s } }\n  - { function: api, noTenant: true, poisson: { rate: 5/s } }\n');
    const md = (await buildReports(r.results, { formats: ['report.md'] }))['report.md']!;
    expect(md).not.toMatch(/Cheapest: isolated|Fastest: isolated|isolated and shared are the cheapest|shared and isolated are the cheapest/);
    expect(md).toMatch(/- isolated is not ranked for cost or speed: 7\d\.\d\d% of its requests failed \([\d,]+ rejected \(no tenant id\)\) against 0\.00% for shared, so it did less work\./);
    expect(md).not.toContain('more were throttled');
  });
});

describe('a failing baseline', () => {
  test('does not let another failing variant be ranked: the variant that failed least is the reference', async () => {
    const yaml = 'name: nt\nhorizon: 1h\nfunctions:\n  api: { runtime: python3.13, duration: 20ms }\ntenants: { count: 10 }\ntraffic:\n  - { function: api, poisson: { rate: 2/s } }\n  - { function: api, noTenant: true, poisson: { rate: 5/s } }\nvariants:\n  isolated: { tenancy: isolated }\n  shared: { tenancy: shared }\n  isolated-small: { tenancy: isolated, functions: { api: { memoryMb: 128 } } }\n';
    const md = (await buildReports(run(yaml).results, { formats: ['report.md'] }))['report.md']!;
    expect(md).not.toMatch(/Cheapest: isolated|Fastest: isolated|Fastest: all/);
    expect(md).toMatch(/- isolated is not ranked for cost or speed: .* against 0\.00% for shared/);
    expect(md).toMatch(/- isolated-small is not ranked for cost or speed: .* against 0\.00% for shared/);
  });
});
