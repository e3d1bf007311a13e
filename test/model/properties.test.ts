/**
 * Property tests over generated scenarios, each checked against what an observer saw of every invocation:
 * conservation of invocations, cold starts and environments created, billed ms, the busy level's peak and
 * time average, limits never exceeded, isolation never broken, billing never below run time, costs at list
 * price, and runs that do not depend on the runs before them.
 */
import { TICKS_PER_MS } from '../../src/engine/level.js';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import type { FunctionConfig, ScenarioConfig } from '../../src/model/config.js';
import { simulate } from '../../src/model/simulation.js';
import { variantRun } from '../../src/results/index.js';
import { filesOf } from '../helpers/results.js';
import { fn, scenario, traffic } from '../helpers/config.js';
import { dist, undocumentedSettings } from '../helpers/arbitraries.js';
import { groupOf, singleGroup } from '../../src/model/tenants.js';
import { TENANCY, type Tenancy, tenancyFor } from '../../src/model/platform.js';
import { functionTiers, reservedTotal } from '../../src/model/tiers.js';
import type { TenantsConfig } from '../../src/model/config.js';

const functionArb = (name: string): fc.Arbitrary<FunctionConfig> =>
  fc.record({
    tenancy: fc.constantFrom('shared' as const, 'isolated' as const, 'function-per-tenant' as const),
    reservedConcurrencyPerTenant: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    duration: dist,
    initDuration: dist,
    reservedConcurrency: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    invocation: fc.constantFrom('sync' as const, 'async' as const),
    provisionedConcurrency: fc.integer({ min: 0, max: 2 }),
    timeoutMs: fc.integer({ min: 1, max: 5000 }),
    maxEventAgeMs: fc.integer({ min: 60_000, max: 600_000 }),
    memoryMb: fc.constantFrom(128, 512, 1769),
  }).map((o) => fn({
    ...o, name, provisionedConcurrency: o.tenancy === 'shared' ? o.provisionedConcurrency : 0,
    // function per tenant reserves per tenant function (validate refuses reservedConcurrency on it)
    reservedConcurrency: o.tenancy === 'function-per-tenant' ? null : o.reservedConcurrency,
    reservedConcurrencyPerTenant: o.tenancy === 'function-per-tenant' ? o.reservedConcurrencyPerTenant : null,
  }));

const scenarioArb: fc.Arbitrary<ScenarioConfig> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    functions: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => functionArb(`f${i}`)))),
    tenantCount: fc.integer({ min: 1, max: 12 }),
    /** Hybrid tiers: the tenancy of a second group of tenants, overriding the functions'. */
    groupTenancy: fc.option(fc.constantFrom('shared' as const, 'isolated' as const, 'function-per-tenant' as const), { nil: null }),
    zipf: fc.option(fc.double({ min: 0.1, max: 2, noNaN: true }), { nil: null }),
    accountConcurrency: fc.integer({ min: 1, max: 12 }),
    ...undocumentedSettings,
    scalingBurst: fc.integer({ min: 1, max: 20 }),
    isolatedEnvironmentsPer1000: fc.constantFrom(1000, 2500),
    horizonMs: fc.option(fc.integer({ min: 1000, max: 60_000 }), { nil: null }),
    /** Whether the first traffic entries go to the functions in turn (so that several functions get traffic). */
    spread: fc.boolean(),
    traffic: fc.array(fc.record({
      f: fc.nat(),
      ratePerMs: fc.double({ min: 0.0005, max: 0.05, noNaN: true }),
      count: fc.integer({ min: 1, max: 150 }),
      noTenant: fc.boolean(),
      retries: fc.option(fc.integer({ min: 2, max: 4 }), { nil: null }),
      kind: fc.constantFrom('poisson' as const, 'constant' as const, 'sequential' as const),
    }), { minLength: 1, maxLength: 4 }),
  })
  .map((g) => {
    const population = singleGroup(g.tenantCount, 't{i}', g.zipf === null ? { type: 'uniform' } : { type: 'zipf', exponent: g.zipf });
    const tenants = g.groupTenancy === null || g.tenantCount < 2 ? population : twoGroups(population, g.groupTenancy);
    // a reservation on a function whose tenants are all its own functions is refused by validate: not generated
    const functions = g.functions.map((f) => (f.reservedConcurrency !== null && functionTiers(f, { tenants }).filter((t) => t.inUse).every((t) => t.tenancy === 'function-per-tenant') ? { ...f, reservedConcurrency: null } : f));
    const reserved = reservedTotal({ functions, tenants });
    return scenario({
      seed: g.seed,
      horizonMs: g.horizonMs,
      functions,
      tenants,
      platform: { accountConcurrency: g.accountConcurrency + reserved, keepAlive: g.keepAlive, maxLifetimeMs: g.maxLifetimeMs, reuse: g.reuse,
        lifetimeReplacement: g.lifetimeReplacement, capPolicy: g.capPolicy,
        scalingBurst: g.scalingBurst, scalingWindowMs: 1000, isolatedEnvironmentsPer1000: g.isolatedEnvironmentsPer1000 },
      traffic: g.traffic.map((t, i) => traffic(
        t.kind === 'sequential' ? { type: 'sequential', intervalMs: 1 / t.ratePerMs, rounds: 2 } : { type: t.kind, ratePerMs: t.ratePerMs },
        { function: functions[g.spread && i < functions.length ? i : t.f % functions.length].name, count: t.count, noTenant: t.noTenant && t.f % 3 === 0,
          clientRetries: t.retries === null ? null : { maxAttempts: t.retries, backoffMs: 50, maxBackoffMs: 1000 } })),
    });
  });

/** `population` (one group) split into two halves, the second with its own tenancy (hybrid tiers). */
function twoGroups(population: TenantsConfig, tenancy: Tenancy): TenantsConfig {
  const [all] = population.groups;
  const first = Math.ceil(all.count / 2);
  return {
    ...population, grouped: true,
    groups: [
      { ...all, name: 'a', count: first, share: 0.5, popularity: { type: 'uniform' } },
      { ...all, name: 'b', count: all.count - first, first, share: 0.5, idPattern: 'b{i}', popularity: { type: 'uniform' }, tenancy },
    ],
  };
}

/** The tenancy of a cell: its tenant group's, else its function's (column 0, no tenant id: the function's). */
function cellTenancy(config: ScenarioConfig, cell: number): Tenancy {
  const width = config.tenants.count + 1;
  const column = cell % width;
  const fn = config.functions[(cell - column) / width];
  return column === 0 ? fn.tenancy : tenancyFor(fn, config.tenants.groups[groupOf(config.tenants, column - 1)]);
}

/** One invocation start, as the observer saw it. */
interface Start {
  now: number;
  env: number;
  cell: number;
  cold: boolean;
  runMs: number;
  busyMs: number;
  billedMs: number;
}

/** An environment replaced in the background at its maximum lifetime, as the observer saw it. */
interface Replacement {
  now: number;
  old: number;
  env: number;
  cell: number;
  billedMs: number;
}

/** Runs `config` with an observer and returns the record, every invocation start and every replacement, in order. */
function observed(config: ScenarioConfig) {
  const starts: Start[] = [];
  const replacements: Replacement[] = [];
  const record = simulate(config, 'v', {
    observer: {
      started(now, _arrivedAt, env, cell, cold, runMs, busyMs, billedMs) {
        starts.push({ now, env, cell, cold, runMs, busyMs, billedMs });
      },
      replaced(now, old, env, cell, billedMs) {
        replacements.push({ now, old, env, cell, billedMs });
      },
    },
  });
  return { record, starts, replacements };
}

/** The function of a cell. */
const fnOf = (config: ScenarioConfig, cell: number) => Math.floor(cell / (config.tenants.count + 1));

/** How many environments are provisioned: created first, at time 0, they have the serials 0 to this - 1. */
const provisionedOf = (config: ScenarioConfig) => config.functions.reduce((n, f) => n + f.provisionedConcurrency, 0);

/** Per-cell values summed per function. */
function perFunction(config: ScenarioConfig, cells: Float64Array): number[] {
  const width = config.tenants.count + 1;
  return config.functions.map((_, f) => cells.slice(f * width, (f + 1) * width).reduce((a, b) => a + b, 0));
}

/** Whether a start completed within the run (the run processes events at its horizon). */
const completed = (s: Start, horizonMs: number) => s.now + s.busyMs <= horizonMs;

/**
 * Peak and time integral, over [0, horizonMs], of the number of busy environments the starts make, replayed
 * in the simulation's order: a completion at t comes before a start at t, a start's own completion after it.
 */
function busyLevel(starts: readonly Start[], horizonMs: number): { peak: number; area: number } {
  let pending: number[] = [];
  let peak = 0;
  let area = 0;
  for (const s of starts) {
    pending = pending.filter((end) => end > s.now);
    pending.push(s.now + s.busyMs);
    peak = Math.max(peak, pending.length);
    area += Math.min(s.now + s.busyMs, horizonMs) - s.now;
  }
  return { peak, area };
}

/** Checks `check` on the runs of `numRuns` generated scenarios, each with what its observer saw. */
function everyRun(numRuns: number, check: (config: ScenarioConfig, run: ReturnType<typeof observed>) => void): void {
  fc.assert(fc.property(scenarioArb, (config) => check(config, observed(config))), { numRuns });
}

/** |a - b| within `relative` of b, or within `absolute`. */
const near = (a: number, b: number, relative = 1e-9, absolute = 1e-12) => Math.abs(a - b) <= relative * Math.abs(b) + absolute;

describe('properties of every run', () => {
  test('conservation, limits, isolation, billing >= run time', () => {
    everyRun(150, (config, { record, starts }) => {
      const problems: string[] = [];
      const owner = new Map<number, number>(); // environment serial -> cell
      for (const s of starts) {
        const prev = owner.get(s.env);
        if (TENANCY[cellTenancy(config, s.cell)].poolPerTenant && prev !== undefined && prev !== s.cell) problems.push(`env ${s.env} served cells ${prev} and ${s.cell}`);
        owner.set(s.env, s.cell);
        if (s.billedMs < s.runMs - 1e-7) problems.push(`billed ${s.billedMs} < run ${s.runMs}`);
      }
      expect(problems).toEqual([]);
      for (const [f, r] of record.functions.entries()) {
        const fc_ = config.functions[f];
        expect(r.invocations).toBe(r.completed + r.throttled + r.rejected + r.inFlight);
        expect(r.provisionedEnvironments).toBe(fc_.provisionedConcurrency);
        const tiers = r.tiers.filter((t) => t.tenants > 0 || t.tenancy === fc_.tenancy);
        if (fc_.reservedConcurrency !== null && tiers.length === 1) expect(r.concurrency.peak).toBeLessThanOrEqual(fc_.reservedConcurrency);
        for (const t of r.tiers) {
          // each deployed function of a tier within its reservation and its cap
          if (t.reservedConcurrency !== null) expect(t.peakConcurrency).toBeLessThanOrEqual(t.reservedConcurrency);
          if (t.environmentCap !== null) expect(t.peakEnvironments).toBeLessThanOrEqual(t.environmentCap);
        }
        if (fc_.tenancy === 'isolated' && tiers.length === 1) {
          const limit = fc_.reservedConcurrency ?? config.platform.accountConcurrency;
          expect(r.environments.peak).toBeLessThanOrEqual(Math.floor((config.platform.isolatedEnvironmentsPer1000 * limit) / 1000));
        } else if (fc_.tenancy === 'shared') {
          expect(r.rejected).toBe(0);
        }
      }
      expect(record.account.concurrency.peak).toBeLessThanOrEqual(config.platform.accountConcurrency);
    });
  });

  test('cold starts and environments created are what the observer saw start cold or replaced, per cell and per function; causes add up', () => {
    let replaced = 0;
    everyRun(150, (config, { record, starts, replacements }) => {
      const provisioned = provisionedOf(config);
      const seen = new Set<number>(replacements.map((r) => r.env)); // a replacement is created warm
      const createdByCell = new Float64Array(record.cells.coldStarts.length);
      for (const r of replacements) createdByCell[r.cell]++;
      replaced += replacements.length;
      if (config.platform.lifetimeReplacement === 'on-request') expect(replacements).toEqual([]);
      const coldEnvs = new Set<number>();
      const coldByCell = new Float64Array(record.cells.coldStarts.length);
      const problems: string[] = [];
      for (const s of starts) {
        // an environment starts cold on its first invocation, unless it was provisioned, and never again
        const expected = !seen.has(s.env) && s.env >= provisioned;
        if (s.cold !== expected) problems.push(`env ${s.env} at ${s.now}: cold ${s.cold}, expected ${expected}`);
        seen.add(s.env);
        if (s.cold) {
          coldByCell[s.cell]++;
          coldEnvs.add(s.env);
        }
      }
      expect(problems).toEqual([]);
      for (let c = 0; c < createdByCell.length; c++) createdByCell[c] += coldByCell[c];
      expect(Array.from(record.cells.coldStarts)).toEqual(Array.from(coldByCell));
      expect(Array.from(record.cells.environmentsCreated)).toEqual(Array.from(createdByCell));
      expect(record.functions.map((r) => r.coldStarts)).toEqual(perFunction(config, coldByCell));
      expect(record.functions.map((r) => r.environmentsCreated)).toEqual(perFunction(config, createdByCell));
      // one environment per cold start
      expect(coldEnvs.size).toBe(coldByCell.reduce((a, b) => a + b, 0));
      // the causes add up to the cold starts, per function and per tenant column; with replacements, to the environments created
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      expect(record.functions.map((r) => sum(r.causes.coldStarts))).toEqual(record.functions.map((r) => r.coldStarts));
      expect(record.functions.map((r) => sum(r.causes.coldStarts) + r.causes.replacements)).toEqual(record.functions.map((r) => r.environmentsCreated));
      const width = config.tenants.count + 1;
      const tenantColds = Array.from({ length: width }, (_, t) => config.functions.reduce((n, _f, f) => n + coldByCell[f * width + t], 0));
      const causes = record.tenantCauses;
      expect(Array.from({ length: width }, (_, t) => Object.values(causes.coldStarts).reduce((n, a) => n + a[t], 0))).toEqual(tenantColds);
      expect(Array.from(causes.replacements).reduce((a, b) => a + b, 0)).toBe(replacements.length);
      // a tenant's first cold start on an isolated function is its first use of the pool
      for (const [f, fn] of config.functions.entries()) {
        if (!TENANCY[fn.tenancy].poolPerTenant || record.functions[f].tiers.length > 1) continue;
        const used = new Set(starts.filter((s) => fnOf(config, s.cell) === f).map((s) => s.cell)).size;
        expect(record.functions[f].causes.coldStarts.firstUse).toBe(used);
      }
      if (config.platform.capPolicy === 'throttle') for (const r of record.functions) expect(r.causes.coldStarts.capReclaim).toBe(0);
      if (config.platform.lifetimeReplacement === 'background') for (const r of record.functions) expect(r.causes.coldStarts.lifetime).toBe(0);
    });
    expect(replaced, 'some runs replaced environments').toBeGreaterThan(0);
  });

  test('completed invocations and billed ms are those of the starts that completed within the run, per cell and per function', () => {
    everyRun(150, (config, { record, starts, replacements }) => {
      const provisioned = provisionedOf(config);
      const n = record.cells.completed.length;
      const done = new Float64Array(n);
      const billed = new Float64Array(n);
      const provisionedBilled = new Float64Array(n);
      for (const r of replacements) billed[r.cell] += r.billedMs; // a background init is billed as on-demand init
      for (const s of starts) {
        if (!completed(s, record.horizonMs)) continue;
        done[s.cell]++;
        if (s.env < provisioned) provisionedBilled[s.cell] += s.billedMs;
        else billed[s.cell] += s.billedMs;
      }
      expect(Array.from(record.cells.completed)).toEqual(Array.from(done));
      expect(Array.from(record.cells.billedMs)).toEqual(Array.from(billed));
      expect(Array.from(record.cells.provisionedBilledMs)).toEqual(Array.from(provisionedBilled));
      expect(record.functions.map((r) => r.completed)).toEqual(perFunction(config, done));
      expect(record.functions.map((r) => r.billedMs)).toEqual(perFunction(config, billed));
      expect(record.functions.map((r) => r.provisionedBilledMs)).toEqual(perFunction(config, provisionedBilled));
    });
  });

  test('peak and mean concurrency are the peak and time average of the observed busy intervals (Little\'s law), per function and for the account', () => {
    let multi = 0; // runs in which two or more functions were busy
    everyRun(150, (config, { record, starts }) => {
      const h = record.horizonMs;
      const mean = (area: number) => (h > 0 ? area / h : 0);
      // Level counts time in ticks of 1/1024 ms, each change's time rounded to the nearest: half a tick per
      // start and per end, at most
      const rounding = (n: number) => (h > 0 ? (n * 2 * 0.5) / TICKS_PER_MS / h : 0);
      const account = busyLevel(starts, h);
      expect(record.account.concurrency.peak).toBe(account.peak);
      expect(near(record.account.concurrency.mean, mean(account.area), 1e-9, rounding(starts.length)), `${record.account.concurrency.mean} vs ${mean(account.area)}`).toBe(true);
      for (const [f, r] of record.functions.entries()) {
        const mine = starts.filter((s) => fnOf(config, s.cell) === f);
        const own = busyLevel(mine, h);
        expect(r.concurrency.peak).toBe(own.peak);
        expect(near(r.concurrency.mean, mean(own.area), 1e-9, rounding(mine.length)), `${config.functions[f].name}: ${r.concurrency.mean} vs ${mean(own.area)}`).toBe(true);
      }
      // With several functions busy, the account's level is theirs added up: its peak is at most the sum
      // of theirs (equal only if they peak together) and at least the largest.
      const busy = record.functions.filter((r) => r.concurrency.peak > 0);
      if (busy.length >= 2) {
        multi++;
        expect(record.account.concurrency.peak).toBeLessThanOrEqual(busy.reduce((s, r) => s + r.concurrency.peak, 0));
        expect(record.account.concurrency.peak).toBeGreaterThanOrEqual(Math.max(...busy.map((r) => r.concurrency.peak)));
        expect(near(record.account.concurrency.mean, record.functions.reduce((s, r) => s + r.concurrency.mean, 0))).toBe(true);
      }
    });
    expect(multi, 'runs with two or more busy functions').toBeGreaterThanOrEqual(30);
  });

  test('a run does not depend on the runs before it (no state is left from one run to the next)', async () => {
    /** `simulate` of a fresh copy of the model's modules, which has run nothing yet. */
    const freshSimulate = async () => {
      vi.resetModules();
      return (await import('../../src/model/simulation.js')).simulate;
    };
    await fc.assert(
      fc.asyncProperty(scenarioArb, scenarioArb, async (a, b) => {
        const alone = (await freshSimulate())(a, 'v');
        const after = await freshSimulate();
        after(b, 'v');
        expect(filesOf([a, after(a, 'v')])).toEqual(filesOf([a, alone]));
      }),
      { numRuns: 20 },
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

/** List prices (USD), x86_64: a request, a GB-s on demand and on provisioned environments, a GB of a tenant environment. */
const PRICE = { request: 0.2 / 1e6, gbS: 0.0000166667, provisionedGbS: 0.0000097222, environmentGb: 0.000167 };

describe('costs', () => {
  test('requests, duration and tenant environments at list price for what the observer saw; the tenants\' shares add up to the run total (less the provisioned standing charge)', () => {
    everyRun(60, (config, { record, starts, replacements }) => {
      const run = variantRun(config, record);
      const s = run.summary;
      const provisioned = provisionedOf(config);
      let requests = 0;
      let duration = 0;
      let environments = 0;
      for (const r of replacements) {
        const f = config.functions[fnOf(config, r.cell)];
        const gb = f.memoryMb / 1024;
        if (TENANCY[cellTenancy(config, r.cell)].chargesEnvironments) environments += gb * PRICE.environmentGb;
        duration += (gb * r.billedMs * PRICE.gbS) / 1000;
      }
      for (const st of starts) {
        const f = config.functions[fnOf(config, st.cell)];
        const gb = f.memoryMb / 1024;
        if (st.cold && TENANCY[cellTenancy(config, st.cell)].chargesEnvironments) environments += gb * PRICE.environmentGb;
        if (!completed(st, record.horizonMs)) continue;
        requests += PRICE.request;
        duration += (gb * st.billedMs * (st.env < provisioned ? PRICE.provisionedGbS : PRICE.gbS)) / 1000;
      }
      const exact = s.costUsdExact; // to 10 decimals
      expect(near(exact.requests, requests, 1e-9, 1e-10), `requests ${exact.requests} vs ${requests}`).toBe(true);
      expect(near(exact.duration, duration, 1e-9, 1e-10), `duration ${exact.duration} vs ${duration}`).toBe(true);
      expect(near(exact.tenantEnvironments, environments, 1e-9, 1e-10), `tenant environments ${exact.tenantEnvironments} vs ${environments}`).toBe(true);
      expect(s.costUsd.total).toBeGreaterThanOrEqual(exact.total - 1e-9);
      const rows = [...run.tenants];
      const shares = rows.reduce((sum, r) => sum + r.totalUsdExact, 0);
      const expected = exact.total - exact.provisionedConcurrency;
      expect(Math.abs(shares - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, rows.length) + 1e-9 * expected);
    });
  });
});
