/**
 * The designs of issue 17 against what they must show: function per tenant and tenant isolation give the same
 * user cold starts and costs apart by exactly the environment fees when no limit binds, and differ where a
 * per-function limit binds; hybrid tiers charge the fee only for the isolated groups' environments; warmers
 * keep a tenant calling every 30 min warm with a 5 min ping, pay for their pings, and leave user arrivals and
 * handler durations as they were (common random numbers).
 */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { simulate, type InvocationObserver } from '../../src/model/simulation.js';
import { summaryDocument, variantRun } from '../../src/results/index.js';
import { SummarySchema } from '../../src/results/read-summary.js';
import { root } from '../report/helpers.js';
import { prepareScenario } from '../../src/scenario/prepare.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioConfig } from '../../src/model/config.js';
import { cellCharged } from '../../src/model/record.js';
import { breakEvens, SHARED_POOL } from '../../src/report/section-designs.js';
/** AWS's fee per GB of memory for each tenant-isolated environment created (pricing page). */
const TENANT_ENVIRONMENT_PRICE_PER_GB = 0.000167;

/** The configs of a scenario's variants, by name. */
function variants(yaml: string): Record<string, ScenarioConfig> {
  const r = loadScenario(yaml, 'designs.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return Object.fromEntries(r.scenario.variants.map((v) => [v.name, v.config]));
}

const run = (config: ScenarioConfig, name = 'v') => variantRun(config, simulate(config, name));

const DESIGNS = `name: designs
seed: 5
horizon: 12h
functions:
  api: { runtime: nodejs22.x, memoryMb: 1024, duration: { lognormal: { median: 80ms, p99: 700ms } }, initDuration: 300ms, timeout: 10s }
tenants:
  groups:
    - { name: premium, count: 4, share: 0.6, popularity: { zipf: 1 } }
    - { name: standard, count: 120, share: 0.4, popularity: { zipf: 1 } }
traffic:
  - { name: users, function: api, diurnal: { peakRate: 3/s, troughRate: 0.3/s, peakHour: 14 } }
variants:
  shared: { tenancy: shared }
  isolated: { tenancy: isolated }
  silo: { tenancy: function-per-tenant }
  hybrid: { tenancy: shared, tenants: { groups: { premium: { tenancy: isolated } } } }
`;

describe('function per tenant against tenant isolation', () => {
  const v = variants(DESIGNS);
  const iso = run(v.isolated, 'isolated');
  const silo = run(v.silo, 'silo');

  test('the same user cold starts, cell by cell, and the same usage but the environment fees', () => {
    const a = simulate(v.isolated);
    const b = simulate(v.silo);
    expect(b.cells.coldStarts).toEqual(a.cells.coldStarts);
    expect(b.cells.billedMs).toEqual(a.cells.billedMs);
    expect(silo.summary.coldStarts).toBe(iso.summary.coldStarts);
    expect(iso.summary.coldStarts).toBeGreaterThan(1000); // the comparison is not vacuous
    const [ui, us] = [iso.summary.functions[0].usage, silo.summary.functions[0].usage];
    expect(us.requests).toBe(ui.requests);
    expect(us.billedMs).toBe(ui.billedMs);
    expect(us.tenantEnvironments).toBe(0);
    expect(ui.tenantEnvironments).toBe(iso.summary.environmentsCreated);
  });

  test('their costs differ by exactly the environment fees: environments x GB x $0.000167', () => {
    const fees = iso.summary.environmentsCreated * (1024 / 1024) * TENANT_ENVIRONMENT_PRICE_PER_GB;
    expect(iso.summary.costUsdExact.tenantEnvironments).toBeCloseTo(fees, 9);
    expect(iso.summary.costUsdExact.total - silo.summary.costUsdExact.total).toBeCloseTo(fees, 9);
    expect(silo.summary.costUsdExact.requests).toBe(iso.summary.costUsdExact.requests);
    expect(silo.summary.costUsdExact.duration).toBe(iso.summary.costUsdExact.duration);
  });

  test('one function to deploy per tenant, and no environment cap among its limits', () => {
    expect(silo.summary.deployedFunctions).toBe(124);
    expect(iso.summary.deployedFunctions).toBe(1);
    expect(silo.summary.limits.map((l) => l.limit)).toEqual(['account concurrency', 'scaling rate of each tenant function of api (1,000 new environments per 10 s)']);
  });

  test('each tenant function has a scaling bucket of its own: a burst one shared bucket throttles goes through', () => {
    const yaml = `name: burst
platform: { scalingBurst: 2, scalingWindow: 10s }
functions:
  api: { runtime: nodejs22.x, duration: 1s, initDuration: 100ms }
tenants: { count: 6 }
traffic:
  - { function: api, sequential: { interval: 1ms } }
variants:
  isolated: { tenancy: isolated }
  silo: { tenancy: function-per-tenant }
`;
    const w = variants(yaml);
    const a = run(w.isolated);
    const b = run(w.silo);
    // six tenants 1 ms apart: one bucket of 2 lets two cold starts through; six buckets let all six
    expect(a.summary.limitHits.scalingRate).toBe(4);
    expect(a.summary.completed).toBe(2);
    expect(b.summary.limitHits.scalingRate).toBe(0);
    expect(b.summary.completed).toBe(6);
    expect(b.summary.coldStarts).toBe(6);
  });

  test('reservedConcurrencyPerTenant caps each tenant function, and all of them count against the account', () => {
    const yaml = `name: reserved
functions:
  api: { runtime: nodejs22.x, duration: 1s, initDuration: 100ms, reservedConcurrencyPerTenant: 1 }
tenants: { count: 2 }
tenancy: function-per-tenant
traffic:
  - { function: api, tenant: tenant-1, sequential: { interval: 1ms, rounds: 3 } }
  - { function: api, tenant: tenant-2, count: 1, constant: { rate: 1/s } }
variants:
  only: {}
`;
    const r = run(variants(yaml).only);
    // tenant-1's three calls 1 ms apart: its function holds one at a time; tenant-2's own function is free
    expect(r.summary.limitHits.reserved).toBe(2);
    expect(r.summary.completed).toBe(2);
    expect(r.summary.functions[0].tiers[0]).toMatchObject({ tenancy: 'function-per-tenant', deployed: 2, reservedConcurrency: 1, peakConcurrency: 1 });
    const over = loadScenario(yaml.replace('reservedConcurrencyPerTenant: 1', 'reservedConcurrencyPerTenant: 451'), 'r.yaml');
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.errors.map((e) => e.message).join('\n')).toMatch(/reserved concurrency adds up to 902 \(api 451 x 2 tenant functions\) but at most 900 may be reserved/);
  });
});

describe('hybrid tiers', () => {
  const v = variants(DESIGNS);
  const hybrid = simulate(v.hybrid, 'hybrid');
  const r = variantRun(v.hybrid, hybrid);

  test('the fee is charged for the environments of the isolated group only', () => {
    const width = hybrid.tenantCount + 1;
    let premium = 0;
    let standard = 0;
    for (let t = 0; t < hybrid.tenantCount; t++) {
      const cell = t + 1;
      if (t < 4) {
        premium += hybrid.cells.environmentsCreated[cell];
        expect(cellCharged(hybrid, cell)).toBe(true);
      } else {
        standard += hybrid.cells.environmentsCreated[cell];
        expect(cellCharged(hybrid, cell)).toBe(false);
      }
    }
    expect(width).toBe(125);
    expect(premium).toBeGreaterThan(0);
    expect(standard).toBeGreaterThan(0);
    expect(r.summary.functions[0].usage.tenantEnvironments).toBe(premium);
    for (const row of r.tenants) {
      if (row.group === 'standard') expect(row.tenantEnvironmentsUsdExact).toBe(0);
      else expect(row.tenantEnvironmentsUsdExact).toBeGreaterThan(0);
    }
  });

  test('two tiers, two functions to deploy, each tier with its own limits', () => {
    expect(r.summary.functions[0].tiers.map((t) => [t.tenancy, t.tenants, t.deployed])).toEqual([['shared', 120, 1], ['isolated', 4, 1]]);
    expect(r.summary.deployedFunctions).toBe(2);
    expect(r.summary.limits.map((l) => l.limit)).toEqual([
      'account concurrency', 'scaling rate of api (shared tier) (1,000 new environments per 10 s)',
      'isolated environments of api (isolated tier)', 'scaling rate of api (isolated tier) (1,000 new environments per 10 s)',
    ]);
  });

  test('the standard tenants share one pool: their cold starts are far fewer than under isolation', () => {
    const iso = simulate(v.isolated);
    const sum = (a: Float64Array) => a.slice(5).reduce((s, x) => s + x, 0);
    expect(sum(hybrid.cells.coldStarts) * 10).toBeLessThan(sum(iso.cells.coldStarts));
    // and the premium ones are isolated: the same cold starts as under isolation
    expect([...hybrid.cells.coldStarts.slice(1, 5)]).toEqual([...iso.cells.coldStarts.slice(1, 5)]);
  });
});

/** One tenant calling every 30 min for a day, 10 min keep-alive; `warmers` added as given. */
function halfHourly(warmers: string): ScenarioConfig {
  return variants(`name: warm
seed: 9
horizon: 24h
platform: { keepAlive: 10m }
tenancy: isolated
functions:
  api: { runtime: nodejs22.x, memoryMb: 2048, duration: 50ms, initDuration: 400ms }
tenants: { count: 1 }
traffic:
  - { function: api, start: 1m, constant: { rate: 2/h } }
${warmers}
variants:
  only: {}
`).only;
}

describe('warmers', () => {
  const cold = run(halfHourly(''));
  const warmed = run(halfHourly('warmers:\n  - { function: api, every: 5m }'));

  test('a tenant calling every 30 min with a 10 min keep-alive: cold almost every call without a warmer, almost never with a 5 min one', () => {
    expect(cold.summary.invocations).toBe(48);
    expect(cold.summary.coldStarts).toBe(48);
    expect(warmed.summary.invocations).toBe(48);
    expect(warmed.summary.coldStarts).toBeLessThanOrEqual(1);
    expect(warmed.summary.latencyMs.p50).toBe(50);
  });

  test('the pings are reported apart, and their requests, duration and fees are in the cost', () => {
    const w = warmed.summary.warmers;
    if (w === null) throw new Error('no warmers summary');
    // one target, a ping every 5 min at a phase in [0, 5 min): 288 in 24 h
    expect(w.pings).toBe(288);
    expect(w.completed).toBe(288);
    expect(w.throttled).toBe(0);
    expect(w.coldStarts + warmed.summary.coldStarts).toBeGreaterThanOrEqual(1); // the first environment is a ping's or the first call's
    expect(w.environmentsCharged).toBe(w.coldStarts); // isolated: every environment a ping creates is charged
    const u = warmed.summary.functions[0].usage;
    expect(u.requests).toBe(48 + 288);
    // a warm ping bills its 5 ms; the ones that created an environment bill 5 ms + the 400 ms init; the
    // environment kept warm lives to its maximum lifetime (2 h) and is replaced in the background, init billed
    const replaced = warmed.summary.causes.replacements - cold.summary.causes.replacements;
    expect(replaced).toBeGreaterThanOrEqual(10);
    expect(u.billedMs).toBe(cold.summary.functions[0].usage.billedMs - 400 * (cold.summary.coldStarts - warmed.summary.coldStarts) + 288 * 5 + 400 * w.coldStarts + 400 * replaced);
    expect(u.tenantEnvironments).toBe(warmed.summary.environmentsCreated + w.environmentsCharged);
    const gb = 2048 / 1024;
    expect(w.costUsdExact.tenantEnvironments).toBeCloseTo(w.environmentsCharged * gb * TENANT_ENVIRONMENT_PRICE_PER_GB, 12);
    expect(w.costUsdExact.requests).toBeCloseTo((288 * 0.2) / 1e6, 12);
    expect(warmed.summary.costUsdExact.total).toBeGreaterThan(w.costUsdExact.total);
    const row = [...warmed.tenants][0];
    expect(row.warmerPings).toBe(288);
    expect(row.warmerUsdExact).toBeCloseTo(w.costUsdExact.total, 9);
  });

  test('user arrivals and handler durations are identical with and without warmers (common random numbers)', () => {
    const yaml = (warmers: string) => `name: crn
seed: 21
horizon: 6h
tenancy: isolated
functions:
  api: { runtime: nodejs22.x, duration: { lognormal: { median: 60ms, p99: 900ms } }, initDuration: { lognormal: { median: 300ms, p99: 900ms } }, timeout: 30s }
tenants: { count: 40, popularity: { zipf: 1.2 } }
traffic:
  - { function: api, poisson: { rate: 1/s } }
${warmers}
variants:
  only: {}
`;
    const seen = (config: ScenarioConfig) => {
      const out: string[] = [];
      const observer: InvocationObserver = { started: (_now, arrivedAt, _env, cell, _cold, runMs) => out.push(`${arrivedAt} ${cell} ${runMs}`) };
      simulate(config, 'x', { observer });
      return out.sort();
    };
    const plain = seen(variants(yaml('')).only);
    const withWarmers = seen(variants(yaml('warmers:\n  - { function: api, every: 3m, tenants: [tenant-1, tenant-2, tenant-7], concurrency: 2 }')).only);
    expect(plain.length).toBeGreaterThan(20_000);
    expect(withWarmers).toEqual(plain);
  });

  test('pings per target: one per period from a phase in [0, every), so horizon / every of them, give or take one', () => {
    const config = variants(`name: count
horizon: 10h
tenancy: isolated
functions:
  api: { runtime: nodejs22.x, duration: 10ms, initDuration: 100ms }
tenants: { count: 30 }
traffic:
  - { function: api, poisson: { rate: 1/m } }
warmers:
  - { function: api, every: 7m, tenants: all }
  - { function: api, every: 1h, tenants: [tenant-3], concurrency: 3 }
variants:
  only: {}
`).only;
    const r = run(config);
    const w = r.summary.warmers;
    if (w === null) throw new Error('no warmers summary');
    const per = Math.floor(600 / 7); // 85 or 86 per tenant
    expect(w.pings).toBeGreaterThanOrEqual(30 * per + 10 * 3);
    expect(w.pings).toBeLessThanOrEqual(30 * (per + 1) + 10 * 3);
    const t3 = [...r.tenants].find((x) => x.tenant === 'tenant-3');
    expect(t3?.warmerPings).toBeGreaterThanOrEqual(per + 30);
  });

  test('pings to a shared pool: one target for the function, recorded as (none)', () => {
    const config = halfHourly('warmers:\n  - { function: api, every: 5m }');
    const r = run({ ...config, functions: config.functions.map((f) => ({ ...f, tenancy: 'shared' })) });
    expect(r.summary.warmers?.pings).toBe(288);
    expect(r.summary.warmers?.environmentsCharged).toBe(0);
    expect([...r.tenants].find((x) => x.tenant === '(none)')?.warmerPings).toBe(288);
    expect(r.summary.coldStarts).toBeLessThanOrEqual(1);
    // the pings' share is the same in summary.json and in tenants.csv, and with the tenants' it makes the whole
    const rows = [...r.tenants];
    const pings = rows.reduce((t, x) => t + x.warmerUsdExact, 0);
    expect(pings).toBeCloseTo(r.summary.warmers?.costUsdExact.total ?? NaN, 9);
    expect(pings + rows.reduce((t, x) => t + x.totalUsdExact, 0)).toBeCloseTo(r.summary.costUsdExact.total, 9);
  });

  test('the break-even of a shared pool counts the gains of the tenants not pinged one by one', () => {
    const base = halfHourly('');
    const shared = (c: ScenarioConfig): ScenarioConfig => ({ ...c, tenants: { ...c.tenants, count: 5, groups: [{ ...c.tenants.groups[0], count: 5 }] }, functions: c.functions.map((f) => ({ ...f, tenancy: 'shared' })) });
    const a = variantRun(shared(base), simulate(shared(base), 'cold'));
    const b = variantRun(shared(halfHourly('warmers:\n  - { function: api, every: 5m }')), simulate(shared(halfHourly('warmers:\n  - { function: api, every: 5m }')), 'warm'));
    const rows = [...a.tenants, ...b.tenants];
    const [pool] = breakEvens(rows, 'warm', 'cold');
    expect(pool.tenant).toBe(SHARED_POOL);
    expect(pool.pings).toBe(288);
    expect(pool.coldBefore).toBe(a.summary.coldStarts);
    expect(pool.coldAfter).toBe(b.summary.coldStarts);
    expect(pool.coldBefore - pool.coldAfter).toBeGreaterThan(10);
    const user = (r: typeof a) => [...r.tenants].reduce((t, x) => t + x.totalUsdExact, 0);
    expect(pool.savedUsd).toBeCloseTo(user(a) - user(b), 12);
    expect(pool.pingUsd).toBeCloseTo(b.summary.warmers?.costUsdExact.total ?? NaN, 12);
  });

  test('a ping refused by a limit is not retried, and is not a user 429', () => {
    const config = halfHourly('warmers:\n  - { function: api, every: 5m, concurrency: 3 }');
    const r = run({ ...config, functions: config.functions.map((f) => ({ ...f, reservedConcurrency: 2 })) });
    const w = r.summary.warmers;
    expect(w?.throttled).toBe(288); // the third of each round
    expect(w?.completed).toBe(2 * 288);
    expect(r.summary.limitHits.reserved).toBe(0);
    expect(r.summary.failedShare).toBe(0);
  });
});

describe('hostile inputs of the designs', () => {
  test('a tier no tenant uses deploys nothing: no reservation held from the account, no provisioned concurrency billed', () => {
    const config = variants(`name: ph
horizon: 10m
tenancy: shared
functions:
  api: { runtime: nodejs22.x, duration: 1s, initDuration: 100ms, reservedConcurrency: 800, provisionedConcurrency: 5 }
tenants:
  groups:
    - { name: a, count: 150, tenancy: isolated }
    - { name: b, count: 150, tenancy: isolated }
traffic:
  - { function: api, poisson: { rate: 300/s } }
variants:
  only: {}
`).only;
    const r = run(config);
    expect(r.summary.functions[0].tiers.map((t) => [t.tenancy, t.tenants, t.deployed, t.reservedConcurrency])).toEqual([['shared', 0, 0, null], ['isolated', 300, 1, 800]]);
    expect(r.summary.deployedFunctions).toBe(1);
    expect(r.summary.costUsdExact.provisionedConcurrency).toBe(0);
    expect(r.summary.failedShare).toBe(0); // the isolated tier's 800 fit the account: the unused shared tier reserves none
  });

  test('a round of many pings is an event per ping: a step of one event sends at most one', async () => {
    const { Simulation } = await import('../../src/model/simulation.js');
    const config = halfHourly('warmers:\n  - { function: api, every: 5m, concurrency: 200 }');
    let pinged = 0;
    const sim = new Simulation(config, 'v', { observer: { started: () => {}, pinged: () => pinged++ } });
    while (pinged === 0) sim.step(1);
    expect(pinged).toBe(1);
    sim.step(1);
    expect(pinged).toBe(2);
    sim.finish();
    expect(pinged).toBe(288 * 200);
  });

  test('a warmer of a function split per trace function warms every copy', async () => {
    const dir = join(root, 'scenarios');
    const yaml = readFileSync(join(dir, 'trace-azure2021.yaml'), 'utf8').replace('tenantFrom: app }', 'tenantFrom: app, splitFunctions: true }\nwarmers:\n  - { function: api, every: 1m }');
    const loaded = loadScenario(yaml, join(dir, 'split.yaml'));
    if (!loaded.ok) throw new Error('invalid');
    const prepared = await prepareScenario(loaded.scenario, dir);
    const doc = summaryDocument(prepared.variants.map((v) => variantRun(v.config, simulate(v.config, v.name))));
    const shared = doc.variants.find((v) => v.name === 'shared');
    expect(shared?.functions.length).toBe(31);
    expect(shared?.functions.every((f) => (f.warmers?.pings ?? 0) >= 20)).toBe(true); // each copy's shared pool, once a minute for 21 minutes
    expect(shared?.warmers?.pings).toBe(shared?.functions.reduce((n, f) => n + (f.warmers?.pings ?? 0), 0));
  });

  test('report input: a warmers baseline must be another variant without warmers; names without control characters', () => {
    const r = run(halfHourly('warmers:\n  - { function: api, every: 5m }'), 'warm');
    const base = run(halfHourly(''), 'cold');
    const doc = summaryDocument([{ ...base, config: halfHourly('') }, { ...r, config: halfHourly('warmers:\n  - { function: api, every: 5m }') }]);
    expect(doc.variants[1].warmers?.baseline).toBe('cold');
    expect(SummarySchema.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true);
    const bad = (edit: (d: typeof doc) => void) => {
      const d = JSON.parse(JSON.stringify(doc)) as typeof doc;
      edit(d);
      const p = SummarySchema.safeParse(d);
      return p.success ? '' : p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    };
    expect(bad((d) => { (d.variants[1].warmers as { baseline: string }).baseline = 'nosuch'; })).toMatch(/variants\.1\.warmers\.baseline: expected another variant without warmers, got "nosuch"/);
    expect(bad((d) => { (d.variants[1].warmers as { baseline: string }).baseline = 'warm'; })).toMatch(/expected another variant without warmers/);
    expect(bad((d) => { d.variants[0].name = 'c\u001b[31m'; })).toMatch(/variants\.0\.name: expected text without control characters/);
    expect(bad((d) => { d.variants[1].deployedFunctions = 1e308; })).toMatch(/variants\.1\.deployedFunctions/);
  });
});
