/**
 * Property tests over generated scenarios: conservation of invocations, environments = cold starts,
 * limits never exceeded, isolation never broken, billing never below run time, determinism.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FunctionConfig, ScenarioConfig } from '../../src/model/config.js';
import { simulate } from '../../src/model/simulation.js';
import { filesOf } from '../helpers/results.js';
import { variantRun } from '../../src/results/index.js';
import { fn, scenario, traffic } from '../helpers/config.js';
import { singleGroup } from '../../src/model/tenants.js';

const dist = fc.oneof(
  fc.integer({ min: 0, max: 2000 }).map((v) => ({ type: 'constant' as const, value: v })),
  fc.integer({ min: 1, max: 2000 }).map((m) => ({ type: 'exponential' as const, mean: m })),
  fc.tuple(fc.double({ min: 0, max: 7, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true })).map(([mu, sigma]) => ({ type: 'lognormal' as const, mu, sigma })),
);

const functionArb = (name: string): fc.Arbitrary<FunctionConfig> =>
  fc.record({
    tenancy: fc.constantFrom('shared' as const, 'isolated' as const),
    duration: dist,
    initDuration: dist,
    reservedConcurrency: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    invocation: fc.constantFrom('sync' as const, 'async' as const),
    provisionedConcurrency: fc.integer({ min: 0, max: 2 }),
    timeoutMs: fc.integer({ min: 1, max: 5000 }),
    maxEventAgeMs: fc.integer({ min: 60_000, max: 600_000 }),
    memoryMb: fc.constantFrom(128, 512, 1769),
  }).map((o) => fn({ ...o, name, provisionedConcurrency: o.tenancy === 'isolated' ? 0 : o.provisionedConcurrency }));

const scenarioArb: fc.Arbitrary<ScenarioConfig> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    functions: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => functionArb(`f${i}`)))),
    tenantCount: fc.integer({ min: 1, max: 12 }),
    zipf: fc.option(fc.double({ min: 0.1, max: 2, noNaN: true }), { nil: null }),
    accountConcurrency: fc.integer({ min: 1, max: 12 }),
    keepAlive: dist,
    maxLifetimeMs: fc.integer({ min: 100, max: 100_000 }),
    reuse: fc.constantFrom('mru' as const, 'lru' as const, 'newest' as const, 'random' as const),
    scalingBurst: fc.integer({ min: 1, max: 20 }),
    isolatedEnvironmentsPer1000: fc.constantFrom(1000, 2500),
    horizonMs: fc.option(fc.integer({ min: 1000, max: 60_000 }), { nil: null }),
    traffic: fc.array(fc.record({
      f: fc.nat(),
      ratePerMs: fc.double({ min: 0.0005, max: 0.05, noNaN: true }),
      count: fc.integer({ min: 1, max: 150 }),
      noTenant: fc.boolean(),
      retries: fc.option(fc.integer({ min: 2, max: 4 }), { nil: null }),
      kind: fc.constantFrom('poisson' as const, 'constant' as const, 'sequential' as const),
    }), { minLength: 1, maxLength: 3 }),
  })
  .map((g) => {
    const reserved = g.functions.reduce((s, f) => s + (f.reservedConcurrency ?? 0), 0);
    return scenario({
      seed: g.seed,
      horizonMs: g.horizonMs,
      functions: g.functions,
      tenants: singleGroup(g.tenantCount, 't{i}', g.zipf === null ? { type: 'uniform' } : { type: 'zipf', exponent: g.zipf }),
      platform: { accountConcurrency: g.accountConcurrency + reserved, keepAlive: g.keepAlive, maxLifetimeMs: g.maxLifetimeMs, reuse: g.reuse,
        scalingBurst: g.scalingBurst, scalingWindowMs: 1000, isolatedEnvironmentsPer1000: g.isolatedEnvironmentsPer1000 },
      traffic: g.traffic.map((t) => traffic(
        t.kind === 'sequential' ? { type: 'sequential', intervalMs: 1 / t.ratePerMs, rounds: 2 } : { type: t.kind, ratePerMs: t.ratePerMs },
        { function: g.functions[t.f % g.functions.length].name, count: t.count, noTenant: t.noTenant && t.f % 3 === 0,
          clientRetries: t.retries === null ? null : { maxAttempts: t.retries, backoffMs: 50, maxBackoffMs: 1000 } })),
    });
  });

/** Runs with an observer that checks per-invocation invariants and returns what it saw. */
function observed(config: ScenarioConfig) {
  const owner = new Map<number, number>(); // environment serial -> cell
  const problems: string[] = [];
  const record = simulate(config, 'v', {
    observer: {
      started(_now, _arrivedAt, env, cell, _cold, runMs, _busyMs, billedMs) {
        const f = Math.floor(cell / (config.tenants.count + 1));
        const prev = owner.get(env);
        if (config.functions[f].tenancy === 'isolated' && prev !== undefined && prev !== cell) problems.push(`env ${env} served cells ${prev} and ${cell}`);
        owner.set(env, cell);
        if (billedMs < runMs - 1e-7) problems.push(`billed ${billedMs} < run ${runMs}`);
      },
    },
  });
  return { record, problems };
}

describe('properties of every run', () => {
  test('conservation, environments = cold starts, limits, isolation, billing >= run time', () => {
    fc.assert(
      fc.property(scenarioArb, (config) => {
        const { record, problems } = observed(config);
        expect(problems).toEqual([]);
        let busyPeakBound = 0;
        for (const [f, r] of record.functions.entries()) {
          const fc_ = config.functions[f];
          expect(r.invocations).toBe(r.completed + r.throttled + r.rejected + r.inFlight);
          expect(r.environmentsCreated).toBe(r.coldStarts);
          expect(r.provisionedEnvironments).toBe(fc_.provisionedConcurrency);
          if (fc_.reservedConcurrency !== null) expect(r.concurrency.peak).toBeLessThanOrEqual(fc_.reservedConcurrency);
          busyPeakBound += r.concurrency.peak;
          if (fc_.tenancy === 'isolated') {
            const limit = fc_.reservedConcurrency ?? config.platform.accountConcurrency;
            expect(r.environments.peak).toBeLessThanOrEqual(Math.floor((config.platform.isolatedEnvironmentsPer1000 * limit) / 1000));
          } else if (fc_.tenancy === 'shared') {
            expect(r.rejected).toBe(0);
          }
          expect(r.billedMs + r.provisionedBilledMs).toBeGreaterThanOrEqual(0);
        }
        expect(record.account.concurrency.peak).toBeLessThanOrEqual(config.platform.accountConcurrency);
        expect(record.account.concurrency.peak).toBeLessThanOrEqual(busyPeakBound);
        expect(record.account.concurrency.mean).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });

  test('same config, same bytes out', () => {
    fc.assert(
      fc.property(scenarioArb, (config) => {
        const a = filesOf([config, simulate(config, 'v')]);
        const b = filesOf([config, simulate(config, 'v')]);
        expect(a).toEqual(b);
      }),
      { numRuns: 30 },
    );
  });

  test('common random numbers: tenancy changes neither the arrivals nor the tenants drawn', () => {
    fc.assert(
      fc.property(scenarioArb, (config) => {
        const as = (tenancy: 'shared' | 'isolated') => ({ ...config, functions: config.functions.map((f) => ({ ...f, tenancy, provisionedConcurrency: 0 })) });
        const a = simulate(as('shared'));
        const b = simulate(as('isolated'));
        expect(Array.from(b.cells.invocations)).toEqual(Array.from(a.cells.invocations));
        // finite runs may end at different times; compare the minutes that had arrivals
        const trim = (xs: number[]) => xs.slice(0, xs.findLastIndex((x) => x > 0) + 1);
        expect(trim(b.timeseries.arrivals)).toEqual(trim(a.timeseries.arrivals));
      }),
      { numRuns: 40 },
    );
  });
});

describe('stepping', () => {
  test('running in steps of any size gives the same record as one run', async () => {
    const { Simulation } = await import('../../src/model/simulation.js');
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 50 }), (config, stepSize) => {
        const whole = simulate(config, 'v');
        const sim = new Simulation(config, 'v');
        while (!sim.step(stepSize));
        expect(sim.finish()).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });
});

describe('costs', () => {
  test('non-negative, and the tenants\' shares add up to the run total (less the provisioned standing charge)', async () => {
    fc.assert(
      fc.property(scenarioArb, (config) => {
        const record = simulate(config, 'v');
        const run = variantRun(config, record);
        const s = run.summary;
        for (const v of Object.values(s.costUsdExact)) expect(v).toBeGreaterThanOrEqual(0);
        for (const v of Object.values(s.costUsd)) expect(v).toBeGreaterThanOrEqual(0);
        expect(s.costUsd.total).toBeGreaterThanOrEqual(s.costUsdExact.total - 1e-9);
        const rows = run.tenants;
        const shares = rows.reduce((sum, r) => sum + r.totalUsdExact, 0);
        const expected = s.costUsdExact.total - s.costUsdExact.provisionedConcurrency;
        expect(Math.abs(shares - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, rows.length) + 1e-9 * expected);
      }),
      { numRuns: 60 },
    );
  });
});
