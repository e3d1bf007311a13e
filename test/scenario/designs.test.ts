/**
 * The scenario format of the designs: a group's `tenancy` (hybrid tiers), changed in a variant by the group's
 * name; function per tenant and its checks and warnings; warmers and their checks. Every problem is located.
 */
import { describe, expect, test } from 'vitest';
import { formatError, loadScenario, scenarioWarnings } from '../../src/scenario/index.js';
import { runSizeProblem } from '../../src/cli/run-size.js';
import { expectedPings } from '../../src/model/estimate.js';

const BASE = `name: d
horizon: 1h
functions:
  api: { runtime: nodejs22.x, duration: 50ms }
tenants:
  groups:
    - { name: premium, count: 3 }
    - { name: standard, count: 20 }
traffic:
  - { function: api, poisson: { rate: 1/s } }
`;

const errors = (yaml: string) => {
  const r = loadScenario(yaml, 'd.yaml');
  return r.ok ? [] : r.errors.map(formatError);
};
const configs = (yaml: string) => {
  const r = loadScenario(yaml, 'd.yaml');
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.scenario;
};

describe('hybrid tiers', () => {
  test('a variant changes one group by name; the other groups and the traffic stay as written', () => {
    const s = configs(`${BASE}variants:
  shared: { tenancy: shared }
  hybrid: { tenancy: shared, tenants: { groups: { premium: { tenancy: isolated } } } }
`);
    const [shared, hybrid] = s.variants.map((v) => v.config);
    expect(shared.tenants.groups.map((g) => g.tenancy)).toEqual([null, null]);
    expect(hybrid.tenants.groups.map((g) => [g.name, g.count, g.tenancy])).toEqual([['premium', 3, 'isolated'], ['standard', 20, null]]);
    expect(hybrid.traffic).toEqual(shared.traffic);
  });

  test('a problem in a group changed by name is located in the variant, under the group\'s name', () => {
    const e = errors(`${BASE}variants:
  hybrid: { tenants: { groups: { premium: { tenancy: isolate } } } }
`);
    expect(e).toEqual([expect.stringMatching(/^d\.yaml:12:54: variants\.hybrid\.tenants\.groups\.premium\.tenancy: expected one of `shared`, `isolated`, `function-per-tenant`, got "isolate"/)]);
  });

  test('a map naming a group the scenario lacks is refused at that name, with the closest one', () => {
    const e = errors(`${BASE}variants:
  hybrid: { tenants: { groups: { premuim: { tenancy: isolated } } } }
`);
    expect(e).toEqual([expect.stringMatching(/^d\.yaml:12:34: variants\.hybrid\.tenants\.groups\.premuim: no tenant group named `premuim` to change; did you mean `premium`\? \(tenant groups: `premium`, `standard`\)$/)]);
  });
});

describe('function per tenant', () => {
  test('reservedConcurrency on a function of tenant functions points to reservedConcurrencyPerTenant, and back', () => {
    const only = (yaml: string) => `${yaml}variants:\n  only: {}\n`;
    expect(errors(only(BASE.replace('duration: 50ms }', 'duration: 50ms, reservedConcurrency: 5 }').replace('horizon: 1h', 'horizon: 1h\ntenancy: function-per-tenant'))).join('\n'))
      .toMatch(/functions\.api\.reservedConcurrency: with function-per-tenant tenancy each tenant has a function of its own: reserve concurrency per tenant function with reservedConcurrencyPerTenant/);
    expect(errors(BASE.replace('duration: 50ms }', 'duration: 50ms, reservedConcurrencyPerTenant: 5 }')).join('\n'))
      .toMatch(/functions\.api\.reservedConcurrencyPerTenant: reservedConcurrencyPerTenant applies to function-per-tenant tenancy, and no tenant of api has it: use reservedConcurrency/);
    // a group of tenant functions is enough for it
    expect(errors(BASE.replace('duration: 50ms }', 'duration: 50ms, reservedConcurrencyPerTenant: 5 }').replace('{ name: premium, count: 3 }', '{ name: premium, count: 3, tenancy: function-per-tenant }'))).toEqual([]);
  });

  test('every tenant function\'s reservation counts against the account', () => {
    const yaml = `${BASE.replace('duration: 50ms }', 'duration: 50ms, reservedConcurrencyPerTenant: 40 }').replace('horizon: 1h', 'horizon: 1h\ntenancy: function-per-tenant')}variants:\n  only: {}\n`;
    expect(errors(yaml).join('\n')).toMatch(/reserved concurrency adds up to 920 \(api 40 x 23 tenant functions\) but at most 900 may be reserved/);
  });

  test('validate warns when the tenant functions are too many to run, or their code more than the Region stores', () => {
    const many = `name: silo
horizon: 1h
tenancy: function-per-tenant
functions:
  api: { runtime: nodejs22.x, duration: 50ms, codeSizeMb: 50 }
tenants: { count: 2000 }
traffic:
  - { function: api, poisson: { rate: 1/s } }
variants:
  silo: {}
`;
    const w = scenarioWarnings(configs(many)).map(formatError);
    expect(w).toEqual([expect.stringMatching(/^d\.yaml:5:8: functions\.api: warning: function per tenant makes `api` impractical in variant `silo`: 2,000 tenant functions to deploy, version and keep in step \(more than 1,000\); 2,000 copies of a 50 MB package; the variant's functions hold 97\.7 GB of code, more than the Region's 75 GB code storage/)]);
    // a raised quota and a small package: only the count
    const raised = scenarioWarnings(configs(many.replace('horizon: 1h', 'horizon: 1h\nplatform: { codeStorage: 500 }'))).map(formatError);
    expect(raised.join('\n')).not.toMatch(/code storage/);
    expect(raised.join('\n')).toMatch(/2,000 tenant functions/);
    // no codeSizeMb: asked for
    expect(scenarioWarnings(configs(many.replace(', codeSizeMb: 50', ''))).map(formatError).join('\n')).toMatch(/set codeSizeMb/);
    // 200 tenants of 50 MB: practical
    expect(scenarioWarnings(configs(many.replace('count: 2000', 'count: 200')))).toEqual([]);
    // code storage is the Region's: two functions of 200 tenant functions each, 100 MB a package, hold 39 GB
    // together; at 200 MB a package, 78 GB, more than 75 GB though each alone holds less
    const two = many.replace('count: 2000', 'count: 200').replace('  api: { runtime: nodejs22.x, duration: 50ms, codeSizeMb: 50 }', '  api: { runtime: nodejs22.x, duration: 50ms, codeSizeMb: 100 }\n  jobs: { runtime: nodejs22.x, duration: 50ms, codeSizeMb: 100 }');
    expect(scenarioWarnings(configs(two))).toEqual([]);
    expect(scenarioWarnings(configs(two.replaceAll('codeSizeMb: 100', 'codeSizeMb: 200'))).map(formatError)).toEqual([
      expect.stringMatching(/functions\.api: warning: function per tenant makes `api` impractical in variant `silo`: 200 copies of a 200 MB package; the variant's functions hold 78\.1 GB of code, more than the Region's 75 GB code storage/),
    ]);
  });
});

describe('warmers', () => {
  test('defaults: all tenants, one environment, 5 ms pings', () => {
    const s = configs(`${BASE}warmers:\n  - { function: api, every: 5m }\n`);
    expect(s.variants[0].config.warmers).toEqual([{ name: null, function: 'api', everyMs: 300_000, tenants: { type: 'all' }, concurrency: 1, duration: { type: 'constant', value: 5 } }]);
  });

  test('a group, a list of ids, a distribution', () => {
    const s = configs(`${BASE}warmers:\n  - { function: api, every: 1m, tenants: standard, concurrency: 2, duration: { uniform: { min: 2ms, max: 8ms } } }\n  - { name: vip, function: api, every: 10m, tenants: [premium-1, premium-3] }\n`);
    const [a, b] = s.variants[0].config.warmers;
    expect(a.tenants).toEqual({ type: 'group', name: 'standard' });
    expect(a.concurrency).toBe(2);
    expect(b).toMatchObject({ name: 'vip', tenants: { type: 'ids', ids: ['premium-1', 'premium-3'] } });
  });

  test('an unknown function, group or tenant, and a too-short period, are located', () => {
    const e = errors(`${BASE}warmers:\n  - { function: apx, every: 5m, tenants: gold }\n  - { function: api, every: 5m, tenants: [premium-1, premium-9] }\n  - { function: api, every: 500ms }\n`);
    expect(e).toEqual([
      expect.stringMatching(/^d\.yaml:14:29: warmers\[2\]\.every: expected a duration at least 1s and at most 87600h, got 500ms/),
    ]);
    const e2 = errors(`${BASE}warmers:\n  - { function: apx, every: 5m, tenants: gold }\n  - { function: api, every: 5m, tenants: [premium-1, premium-9] }\n`);
    expect(e2).toEqual([
      expect.stringMatching(/^d\.yaml:12:17: warmers\[0\]\.function: unknown function `apx`; did you mean `api`\?/),
      expect.stringMatching(/^d\.yaml:12:42: warmers\[0\]\.tenants: expected all, a tenant group \(`premium`, `standard`\) or a list of tenant ids, got `gold`/),
      expect.stringMatching(/^d\.yaml:13:54: warmers\[1\]\.tenants\[1\]: tenant "premium-9" is not one of the scenario's 23 tenants/),
    ]);
  });

  test('pings count in the run\'s size: a warmer every second for every tenant is refused before it runs', () => {
    const s = configs(`${BASE}warmers:\n  - { function: api, every: 1s, concurrency: 1000 }\nvariants:\n  only: { tenancy: isolated }\n`);
    expect(expectedPings(s.variants[0].config)).toBe(23 * 1000 * 3600);
    expect(runSizeProblem(s, 1e9)).toBeNull();
    expect(runSizeProblem(s, 1e7)).toMatch(/the run would have about 82,803,6\d\d invocations in 1 variant, more than the 10,000,000 allowed/);
    // without a horizon, until the traffic's end: 10 rounds of 23 tenants 1 min apart
    const finite = configs(`${BASE.replace('horizon: 1h\n', '').replace('poisson: { rate: 1/s }', 'sequential: { interval: 1m, rounds: 10 }')}warmers:\n  - { function: api, every: 1m, tenants: premium }\nvariants:\n  only: { tenancy: isolated }\n`);
    expect(expectedPings(finite.variants[0].config)).toBe(3 * 230);
  });

  test('at most 100 warmers; package sizes and code storage bounded', () => {
    const many = Array.from({ length: 101 }, () => '  - { function: api, every: 5m }').join('\n');
    expect(errors(`${BASE}warmers:\n${many}\n`)).toEqual([expect.stringMatching(/warmers: expected at most 100 warmers/)]);
    expect(errors(BASE.replace('duration: 50ms }', 'duration: 50ms, codeSizeMb: 1e308 }')).join('\n')).toMatch(/functions\.api\.codeSizeMb: expected a package size of at most 10240 MB/);
    expect(errors(BASE.replace('horizon: 1h', 'horizon: 1h\nplatform: { codeStorage: 1e12 }')).join('\n')).toMatch(/platform\.codeStorage: expected at most 1000000 GB/);
  });

  test('tenants: all is refused where a group is named all too', () => {
    const yaml = BASE.replace('name: premium', 'name: all') + 'warmers:\n  - { function: api, every: 5m, tenants: all }\n';
    expect(errors(yaml)).toEqual([expect.stringMatching(/warmers\[0\]\.tenants: all means every tenant here, but a tenant group is named all too/)]);
  });
});
