/**
 * Tenant shards (model/shards.ts): a shard simulates a deterministic share of the tenants, and its tenants see
 * exactly what they see in the whole run when nothing couples them to the others.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ScenarioConfig } from '../../src/model/config.js';
import { CELL_COUNTERS } from '../../src/model/record.js';
import { mergedLimitProblems, shardOfColumn, shardProblems } from '../../src/model/shards.js';
import { mergeParts, partsFromState, partsState, recordOf, type RunPartsState, Simulation, simulate } from '../../src/model/simulation.js';
import type { RunRecord } from '../../src/model/record.js';
import { runResults, variantRun } from '../../src/results/build.js';
import { renderFiles } from '../../src/results/write.js';
import { fileText } from '../../src/results/types.js';
import { singleGroup } from '../../src/model/tenants.js';
import { fn, scenario, traffic } from '../helpers/config.js';
import { dist, undocumentedSettings } from '../helpers/arbitraries.js';

/** `r` with the peaks of `from` (a merge's peaks are bounds; everything else must be the run's). */
const withPeaks = (r: RunRecord, from: RunRecord): RunRecord => ({
  ...r,
  account: { ...r.account, concurrency: { ...r.account.concurrency, peak: from.account.concurrency.peak }, environments: { ...r.account.environments, peak: from.account.environments.peak } },
  functions: r.functions.map((f, i) => ({
    ...f,
    concurrency: { ...f.concurrency, peak: from.functions[i].concurrency.peak },
    environments: { ...f.environments, peak: from.functions[i].environments.peak },
    tiers: f.tiers.map((t, k) => ({ ...t, peakConcurrency: from.functions[i].tiers[k].peakConcurrency, peakEnvironments: from.functions[i].tiers[k].peakEnvironments })),
  })),
  timeseries: { ...r.timeseries, peakConcurrency: from.timeseries.peakConcurrency, peakEnvironments: from.timeseries.peakEnvironments },
});

/** Every output file of a run of `config` that recorded `r`, as text. */
function files(config: ScenarioConfig, r: RunRecord): Record<string, string> {
  const run = variantRun(config, r);
  return Object.fromEntries(Object.entries(renderFiles(runResults([run]), [run])).map(([name, content]) => [name, fileText(content)]));
}

/** The parts of shard `index` of `count` of `config`. */
function shardParts(config: ScenarioConfig, index: number, count: number) {
  const sim = new Simulation(config, config.name, { shard: { index, count } });
  try {
    return sim.finishParts();
  } finally {
    sim.close();
  }
}

test('tenants go round robin, traffic without a tenant id to shard 1', () => {
  expect([0, 1, 2, 3, 4, 5, 6].map((c) => shardOfColumn(c, 3))).toEqual([1, 1, 2, 3, 1, 2, 3]);
  expect([0, 1, 2].map((c) => shardOfColumn(c, 1))).toEqual([1, 1, 1]);
});

describe('what cannot be split', () => {
  const isolated = () => scenario({ horizonMs: 60_000, functions: [fn({ tenancy: 'isolated' })], tenants: singleGroup(10) });
  test('an isolated function over a horizon can', () => {
    expect(shardProblems(isolated())).toEqual([]);
  });
  test('a shared pool, provisioned concurrency, warmers and a run without a horizon cannot, each named', () => {
    expect(shardProblems(scenario({ horizonMs: 60_000, tenants: singleGroup(10) }))).toEqual(['function api has a shared tier: its pool is shared between its tenants']);
    expect(shardProblems({ ...isolated(), horizonMs: null })).toEqual(['it has no horizon: every shard must cover the same time, so set `horizon`']);
    const warmed: ScenarioConfig = { ...isolated(), warmers: [{ name: null, function: 'api', everyMs: 300_000, tenants: { type: 'all' }, concurrency: 1, duration: { type: 'constant', value: 5 } }] };
    expect(shardProblems(warmed)).toEqual(['it has warmers: their pings draw in turn across tenants']);
  });
});

describe('a shard\'s tenants see what they see in the whole run', () => {
  // 60 tenants by Zipf popularity at 20/s, lognormal init, uniform keep-alive 1 to 20 min, 3 hours (so that
  // environments reach their maximum lifetime and are replaced), calls without a tenant id too (rejected)
  const config = scenario({
    horizonMs: 3 * 3_600_000,
    functions: [fn({ tenancy: 'isolated', duration: { type: 'lognormal', mu: Math.log(80), sigma: 0.8 }, initDuration: { type: 'lognormal', mu: Math.log(300), sigma: 0.6 } })],
    tenants: singleGroup(60, 'tenant-{i}', { type: 'zipf', exponent: 1 }),
    platform: { keepAlive: { type: 'uniform', min: 60_000, max: 1_200_000 } },
    traffic: [traffic({ type: 'poisson', ratePerMs: 20 / 1000 }, { name: 'users' }), traffic({ type: 'poisson', ratePerMs: 0.01 / 1000 }, { name: 'anonymous', noTenant: true })],
  });
  const whole = simulate(config);
  const shards = [1, 2, 3].map((index) => simulate(config, config.name, { shard: { index, count: 3 } }));

  test('every cell counter, cold-start cause and tenant latency of its tenants, to the bit; nothing of the others', () => {
    for (let column = 0; column <= 60; column++) {
      const s = shardOfColumn(column, 3) - 1;
      shards.forEach((shard, k) => {
        for (const c of CELL_COUNTERS) expect(shard.cells[c][column], `${c} of column ${column} in shard ${k + 1}`).toBe(k === s ? whole.cells[c][column] : 0);
        expect(shard.tenantCauses.replacements[column]).toBe(k === s ? whole.tenantCauses.replacements[column] : 0);
        expect(shard.tenantLatency.count(column)).toBe(k === s ? whole.tenantLatency.count(column) : 0);
        if (k === s && whole.tenantLatency.count(column) > 0) expect(shard.tenantLatency.quantiles(column, [0.5, 0.99])).toEqual(whole.tenantLatency.quantiles(column, [0.5, 0.99]));
      });
    }
    expect(whole.cells.rejected[0]).toBeGreaterThan(0);
    expect(whole.functions[0].causes.replacements).toBeGreaterThan(0);
  });

  test('counts, events and the series of arrivals and cold starts add up to the whole run\'s', () => {
    const sum = (f: (r: typeof whole) => number) => shards.reduce((s, r) => s + f(r), 0);
    expect(sum((r) => r.eventsProcessed)).toBe(whole.eventsProcessed);
    expect(sum((r) => r.functions[0].coldStarts)).toBe(whole.functions[0].coldStarts);
    expect(sum((r) => r.functions[0].causes.replacements)).toBe(whole.functions[0].causes.replacements);
    expect(sum((r) => r.functions[0].inFlight)).toBe(whole.functions[0].inFlight);
    whole.timeseries.arrivals.forEach((a, i) => expect(sum((r) => r.timeseries.arrivals[i])).toBe(a));
    whole.timeseries.coldStarts.forEach((a, i) => expect(sum((r) => r.timeseries.coldStarts[i])).toBe(a));
    // time averages add up (the integrals exactly, see Level; the means are integrals / width)
    whole.timeseries.meanConcurrency.forEach((m, i) => expect(sum((r) => r.timeseries.meanConcurrency[i])).toBeCloseTo(m, 9));
    expect(sum((r) => r.account.environments.mean)).toBeCloseTo(whole.account.environments.mean, 9);
    // peaks do not add up: the sum of the shards' is a bound
    expect(sum((r) => r.account.concurrency.peak)).toBeGreaterThanOrEqual(whole.account.concurrency.peak);
  });

  test('their parts merged give the whole run\'s record and every output file, byte for byte, but for the peaks, which are bounds', () => {
    const parts = [1, 2, 3].map((index) => {
      const sim = new Simulation(config, config.name, { shard: { index, count: 3 } });
      try {
        return sim.finishParts();
      } finally {
        sim.close();
      }
    });
    // through the plain numbers a shard's file holds, as JSON
    const merged = recordOf(mergeParts(parts.map((p) => partsFromState(config, config.name, JSON.parse(JSON.stringify(partsState(p))) as RunPartsState))));
    // the peaks: bounds of the whole run's, bucket for bucket
    expect(merged.account.concurrency.peak).toBeGreaterThanOrEqual(whole.account.concurrency.peak);
    expect(merged.account.environments.peak).toBeGreaterThanOrEqual(whole.account.environments.peak);
    merged.timeseries.peakConcurrency.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(whole.timeseries.peakConcurrency[i]));
    merged.timeseries.peakEnvironments.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(whole.timeseries.peakEnvironments[i]));
    // everything else, to the byte: the merged record with the whole run's peaks renders the same files
    const expected = files(config, whole);
    const got = files(config, withPeaks(merged, whole));
    for (const name of Object.keys(expected)) expect(got[name], name).toBe(expected[name]);
    expect(merged.eventsProcessed).toBe(whole.eventsProcessed);
  });
});

describe('a merge is refused when a limit could have bound', () => {
  // 40 tenants at 10/s, 100 ms handlers: each shard of 20 peaks at 5 requests running and 40 environments live
  const base = (platform: Partial<ScenarioConfig['platform']>) => scenario({
    horizonMs: 600_000,
    functions: [fn({ tenancy: 'isolated' })],
    tenants: singleGroup(40),
    platform,
    traffic: [traffic({ type: 'poisson', ratePerMs: 10 / 1000 }, { name: 'users' })],
  });
  const merge = (config: ScenarioConfig) => {
    const parts = mergeParts([1, 2].map((index) => {
      const sim = new Simulation(config, config.name, { shard: { index, count: 2 } });
      try {
        return sim.finishParts();
      } finally {
        sim.close();
      }
    }));
    const record = recordOf(parts);
    return { problems: mergedLimitProblems(config, parts, record), record, whole: simulate(config) };
  };

  test('no limit near: nothing to say, and the merge is the whole run', () => {
    const { problems, record, whole } = merge(base({}));
    expect(problems).toEqual([]);
    expect(record.functions[0].coldStarts).toBe(whole.functions[0].coldStarts);
  });
  test('the account\'s concurrency, which each shard stayed under but the two together could reach', () => {
    const { problems, record } = merge(base({ accountConcurrency: 7, isolatedEnvironmentsPer1000: 1_000_000 }));
    expect(record.account.limitHits.account).toBe(0); // neither shard was refused
    expect(problems.some((p) => p.startsWith('account concurrency: up to '))).toBe(true);
  });
  test('the environment cap, which the shards\' environments together exceed', () => {
    const { problems, record } = merge(base({ isolatedEnvironmentsPer1000: 60 }));
    expect(record.account.limitHits.tenantEnvironmentCap).toBe(0);
    expect(problems).toEqual(['tenant environment cap of api: up to 80 environments could have been live at once, above its 60']);
  });
  test('the scaling rate: more cold starts within one window than the burst', () => {
    const { problems } = merge(base({ scalingBurst: 25, scalingWindowMs: 10_000 }));
    expect(problems.some((p) => /^scaling rate of api: up to \d+ environments could have been created within 10 s, above its 25$/.test(p))).toBe(true);
  });
  test('a limit a shard itself hit', () => {
    const { problems } = merge(base({ isolatedEnvironmentsPer1000: 10 }));
    expect(problems.some((p) => /^tenant environment cap: the shards themselves were refused [\d,]+ times by it$/.test(p))).toBe(true);
  });
});

describe('property: when the merge finds no limit that could have bound, it is the whole run, peaks aside', () => {
  const configArb = fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    fns: fc.array(fc.record({
      tenancy: fc.constantFrom('isolated' as const, 'function-per-tenant' as const), duration: dist, initDuration: dist,
      invocation: fc.constantFrom('sync' as const, 'async' as const), timeoutMs: fc.integer({ min: 1, max: 5000 }),
      reserved: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
    }), { minLength: 1, maxLength: 2 }),
    tenantCount: fc.integer({ min: 2, max: 12 }),
    zipf: fc.option(fc.double({ min: 0.1, max: 2, noNaN: true }), { nil: null }),
    // limits mostly out of reach, sometimes near: the merges refused are the near ones
    accountConcurrency: fc.integer({ min: 1, max: 100 }),
    ...undocumentedSettings,
    scalingBurst: fc.integer({ min: 1, max: 200 }),
    isolatedEnvironmentsPer1000: fc.constantFrom(1000, 2500),
    horizonMs: fc.integer({ min: 1000, max: 60_000 }),
    traffic: fc.array(fc.record({ f: fc.nat(), ratePerMs: fc.double({ min: 0.0005, max: 0.05, noNaN: true }), count: fc.integer({ min: 1, max: 150 }), noTenant: fc.boolean(), retries: fc.option(fc.integer({ min: 2, max: 4 }), { nil: null }) }), { minLength: 1, maxLength: 3 }),
    shards: fc.integer({ min: 2, max: 3 }),
  }).map((g) => ({
    shards: g.shards,
    config: scenario({
      seed: g.seed, horizonMs: g.horizonMs,
      functions: g.fns.map((f, i) => fn({
        name: `f${i}`, tenancy: f.tenancy, duration: f.duration, initDuration: f.initDuration, invocation: f.invocation, timeoutMs: f.timeoutMs,
        reservedConcurrency: f.tenancy === 'isolated' ? f.reserved : null, reservedConcurrencyPerTenant: f.tenancy === 'function-per-tenant' ? f.reserved : null,
      })),
      tenants: singleGroup(g.tenantCount, 't{i}', g.zipf === null ? { type: 'uniform' } : { type: 'zipf', exponent: g.zipf }),
      platform: {
        accountConcurrency: g.accountConcurrency + g.fns.reduce((s, f) => s + (f.tenancy === 'isolated' && f.reserved !== null ? f.reserved : 0), 0),
        keepAlive: g.keepAlive, maxLifetimeMs: g.maxLifetimeMs, lifetimeReplacement: g.lifetimeReplacement, capPolicy: g.capPolicy, reuse: g.reuse,
        scalingBurst: g.scalingBurst, scalingWindowMs: 1000, isolatedEnvironmentsPer1000: g.isolatedEnvironmentsPer1000,
      },
      traffic: g.traffic.map((t) => traffic({ type: 'poisson', ratePerMs: t.ratePerMs }, {
        function: `f${t.f % g.fns.length}`, count: t.count, noTenant: t.noTenant && t.f % 3 === 0,
        clientRetries: t.retries === null ? null : { maxAttempts: t.retries, backoffMs: 50, maxBackoffMs: 1000 },
      })),
    }),
  }));

  test('files byte for byte with the whole run\'s peaks put back, and peaks at least the whole run\'s', () => {
    let clean = 0;
    fc.assert(
      fc.property(configArb, ({ config, shards }) => {
        const whole = simulate(config);
        const parts = mergeParts(Array.from({ length: shards }, (_, i) => shardParts(config, i + 1, shards)));
        const merged = recordOf(parts);
        if (mergedLimitProblems(config, parts, merged).length > 0) return; // refused: nothing promised
        clean++;
        expect(merged.account.concurrency.peak).toBeGreaterThanOrEqual(whole.account.concurrency.peak);
        expect(merged.account.environments.peak).toBeGreaterThanOrEqual(whole.account.environments.peak);
        const expected = files(config, whole);
        const got = files(config, withPeaks(merged, whole));
        for (const name of Object.keys(expected)) expect(got[name], name).toBe(expected[name]);
      }),
      { numRuns: 150 },
    );
    expect(clean).toBeGreaterThan(30); // enough merges that were not refused to say something
  }, 300_000);
});

describe('edge cases of merging', () => {
  test('a run of 90 days (131,072 minute buckets, widened once) merges', () => {
    const config = scenario({ horizonMs: 90 * 86_400_000, functions: [fn({ tenancy: 'isolated' })], tenants: singleGroup(10), traffic: [traffic({ type: 'poisson', ratePerMs: 0.01 / 1000 }, { name: 'users' })] });
    const parts = mergeParts([1, 2].map((i) => shardParts(config, i, 2)));
    const merged = recordOf(parts);
    expect(mergedLimitProblems(config, parts, merged)).toEqual([]);
    expect(merged.functions[0].coldStarts).toBe(simulate(config).functions[0].coldStarts);
  });

  test('a function per tenant whose own reservation throttles merges: its limits are its tenant\'s, in one shard', () => {
    const config = scenario({
      horizonMs: 600_000, functions: [fn({ tenancy: 'function-per-tenant', reservedConcurrencyPerTenant: 1, duration: { type: 'constant', value: 2000 } })],
      tenants: singleGroup(6), traffic: [traffic({ type: 'poisson', ratePerMs: 5 / 1000 }, { name: 'users' })],
    });
    const whole = simulate(config);
    expect(whole.functions[0].limitHits.reserved).toBeGreaterThan(0);
    const parts = mergeParts([1, 2].map((i) => shardParts(config, i, 2)));
    const merged = recordOf(parts);
    expect(mergedLimitProblems(config, parts, merged)).toEqual([]);
    const expected = files(config, whole);
    const got = files(config, withPeaks(merged, whole));
    for (const name of Object.keys(expected)) expect(got[name], name).toBe(expected[name]);
  });
});
