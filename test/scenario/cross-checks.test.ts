import { describe, expect, it, test } from 'vitest';
import { knownRuntimes } from '../../src/model/runtimes.js';
import { brief, loadErrors, loadOk, minimal } from './helpers.js';

describe('cross-field checks', () => {
  it('reports traffic to an unknown function with the closest name', () => {
    const text = minimal().replace('function: api', 'function: apj');
    expect(brief(loadErrors(text))).toEqual(['5:17 traffic[0].function: unknown function `apj`; did you mean `api`? (functions: `api`)']);
  });

  it('requires a horizon for open-ended poisson traffic, at the pattern key', () => {
    const text = minimal().replace('sequential: { interval: 1s }', 'poisson: { rate: 5/s }');
    const errors = loadErrors(text);
    expect(brief(errors)).toEqual([
      '5:31 traffic[0].poisson: poisson traffic without `count` or `end` never stops: set a top-level `horizon` (e.g. horizon: 1h) or give this entry `count` or `end`',
    ]);
  });

  it('accepts open-ended traffic with a horizon, and finite traffic without one', () => {
    const poisson = minimal().replace('sequential: { interval: 1s }', 'poisson: { rate: 5/s }');
    expect(loadOk(`${poisson}horizon: 1h\n`).horizonMs).toBe(3_600_000);
    expect(loadOk(poisson.replace('rate: 5/s }', 'rate: 5/s }, count: 10')).horizonMs).toBeNull();
    expect(loadOk(poisson.replace('rate: 5/s }', 'rate: 5/s }, end: 10m')).variants[0].config.traffic[0].endMs).toBe(600_000);
  });

  it('rejects provisioned concurrency on an isolated function, naming the default variant it fails in', () => {
    const text = minimal().replace('duration: 5ms', 'duration: 5ms, provisionedConcurrency: 2');
    expect(brief(loadErrors(text))).toEqual([
      '3:70 functions.api.provisionedConcurrency: provisionedConcurrency must be 0 for a tenant-isolated function, got 2: AWS does not support provisioned concurrency with tenant isolation (in variant `isolated`; without a `variants` section every scenario runs as `shared` and as `isolated`)',
    ]);
    const own = text.replace('provisionedConcurrency: 2', 'provisionedConcurrency: 2, tenancy: isolated');
    expect(loadErrors(own).map((e) => e.message)).toEqual([
      'provisionedConcurrency must be 0 for a tenant-isolated function, got 2: AWS does not support provisioned concurrency with tenant isolation',
    ]);
  });

  it('rejects reserved concurrency that leaves fewer than 100 unreserved', () => {
    const text = `name: t
platform: { accountConcurrency: 500 }
functions:
  a: { runtime: python3.13, duration: 5ms, reservedConcurrency: 300 }
  b: { runtime: python3.13, duration: 5ms, reservedConcurrency: 101 }
traffic:
  - { function: a, sequential: { interval: 1s } }
`;
    expect(brief(loadErrors(text))).toEqual([
      '5:65 functions.b.reservedConcurrency: reserved concurrency adds up to 401 (a 300, b 101) but at most 400 may be reserved: AWS keeps 100 of accountConcurrency 500 unreserved',
    ]);
    expect(loadOk(text.replace('101', '100')).variants[0].config.functions.map((f) => f.reservedConcurrency)).toEqual([300, 100]);
  });

  it('reports an unknown runtime without initDuration, naming known ones', () => {
    const [e] = loadErrors(minimal().replace('python3.13', 'cobol1.0'));
    expect([e.line, e.col, e.path]).toEqual([3, 19, 'functions.api.runtime']);
    expect(e.message).toMatch(/^unknown runtime `cobol1.0`; known runtimes include `nodejs22.x`, `python3.13`/);
    expect(e.message).toContain(`(${knownRuntimes().length} in all)`);
    expect(e.message).toContain('set `initDuration`');
  });

  it('suggests a close runtime name', () => {
    expect(loadErrors(minimal().replace('python3.13', 'python3.31'))[0].message).toMatch(/did you mean `python3.1\d`\?/);
  });

  it('accepts an unknown runtime with an explicit initDuration', () => {
    const s = loadOk(minimal().replace('runtime: python3.13, duration: 5ms', 'runtime: cobol1.0, duration: 5ms, initDuration: 2s'));
    expect(s.variants[0].config.functions[0].initDuration).toEqual({ type: 'constant', value: 2000 });
  });

  it('checks traffic tenants against the tenants pattern and count', () => {
    const text = (tenant: string) =>
      minimal(`tenants: { count: 12, idPattern: "acme-{i:3}" }\n`).replace('sequential: { interval: 1s } }', `sequential: { interval: 1s }, tenant: "${tenant}" }`);
    expect(loadOk(text('acme-012')).variants[0].config.traffic[0].tenant).toBe('acme-012');
    expect(loadErrors(text('acme-013')).map((e) => [e.path, e.message])).toEqual([
      ['traffic[0].tenant', 'tenant "acme-013" is not one of the 12 tenants (acme-001 to acme-012)'],
    ]);
    expect(loadErrors(text('acme-12'))[0].path).toBe('traffic[0].tenant');
    expect(loadErrors(text('acme#1'))[0].message).toBe('a tenant id may only use letters, digits, spaces and . _ : / = + - @, got "#"');
  });

  it('checks that the id pattern makes valid, distinct ids', () => {
    expect(loadErrors(minimal('tenants: { idPattern: customer }\n')).map((e) => e.path)).toEqual(['tenants.idPattern']);
    expect(loadErrors(minimal('tenants: { idPattern: "t{j}-{i}" }\n'))[0].message).toMatch(/only use the placeholders/);
    expect(loadErrors(minimal('tenants: { idPattern: "t#{i}" }\n'))[0].message).toMatch(/invalid tenant ids such as "t#1"/);
    expect(loadErrors(minimal(`tenants: { idPattern: "${'x'.repeat(255)}{i}", count: 10 }\n`))[0].message).toMatch(/1 to 256 characters long, got 257/);
  });

  it('rejects tenant and noTenant together', () => {
    const text = minimal().replace('sequential: { interval: 1s } }', 'sequential: { interval: 1s }, tenant: tenant-1, noTenant: true }');
    expect(loadErrors(text).map((e) => [e.path, e.message])).toEqual([['traffic[0].noTenant', 'set either `tenant` or `noTenant: true`, not both']]);
  });

  it('rejects an end that is not after the start', () => {
    const text = minimal().replace('sequential: { interval: 1s } }', 'sequential: { interval: 1s }, start: 1m, end: 60s }');
    expect(loadErrors(text).map((e) => e.message)).toEqual(['end (60000 ms) must be after start (60000 ms)']);
  });

  it('reads client retries with defaults, and rejects a max backoff below the first', () => {
    const text = (r: string) => minimal().replace('sequential: { interval: 1s } }', `sequential: { interval: 1s }, clientRetries: ${r} }`);
    expect(loadOk(text('{ maxAttempts: 3 }')).variants[0].config.traffic[0].clientRetries).toEqual({ maxAttempts: 3, backoffMs: 100, maxBackoffMs: 20_000 });
    expect(loadErrors(text('{ maxAttempts: 3, backoff: 1m }')).map((e) => [e.path, e.message])).toEqual([
      ['traffic[0].clientRetries.maxBackoff', 'maxBackoff (20000 ms) must be at least backoff (60000 ms)'],
    ]);
  });

  it('rejects both pattern keys at once', () => {
    const text = minimal().replace('sequential: { interval: 1s } }', 'sequential: { interval: 1s }, poisson: { rate: 1/s } }');
    expect(loadErrors(text).map((e) => [e.path, e.message])).toEqual([
      ['traffic[0]', 'expected exactly one arrival pattern key of `poisson`, `constant`, `sequential`, `phases`, `diurnal`, `bursts`, `trace`, got `poisson`, `sequential`'],
    ]);
  });
});

describe('distributions', () => {
  const dist = (d: string) => loadOk(minimal().replace('duration: 5ms', `duration: ${d}`)).variants[0].config.functions[0].duration;
  const distErrors = (d: string) => loadErrors(minimal().replace('duration: 5ms', `duration: ${d}`)).map((e) => [e.path, e.message]);

  it('reads every kind', () => {
    expect(dist('{ constant: 5ms }')).toEqual({ type: 'constant', value: 5 });
    expect(dist('{ uniform: { min: 1ms, max: 1.5s } }')).toEqual({ type: 'uniform', min: 1, max: 1500 });
    expect(dist('{ exponential: { mean: 20ms } }')).toEqual({ type: 'exponential', mean: 20 });
    expect(dist('{ normal: { mean: 20ms, sd: 5ms } }')).toEqual({ type: 'normal', mean: 20, sd: 5 });
    expect(dist('{ lognormal: { mu: 4, sigma: 0.5 } }')).toEqual({ type: 'lognormal', mu: 4, sigma: 0.5 });
    expect(dist('{ empirical: { p100: 90ms, p0: 1ms, p50: 10ms } }')).toEqual({ type: 'empirical', points: [[0, 1], [50, 10], [100, 90]] });
  });

  it('converts lognormal median and p90 with the p90 z-score', () => {
    const d = dist('{ lognormal: { median: 100ms, p90: 200ms } }');
    expect(d.type).toBe('lognormal');
    if (d.type === 'lognormal') expect(d.sigma).toBeCloseTo(Math.log(2) / 1.2815515655, 8);
  });

  it('reports bad distributions at the distribution', () => {
    expect(distErrors('{}')).toEqual([
      ['functions.api.duration', 'expected exactly one distribution key of `constant`, `uniform`, `exponential`, `normal`, `lognormal`, `empirical`, got none'],
    ]);
    expect(distErrors('{ constant: 5ms, exponential: { mean: 1ms } }')[0][1]).toMatch(/got `constant`, `exponential`$/);
    expect(distErrors('{ empirical: { p0: 1ms, p50: 10ms } }')).toEqual([['functions.api.duration.empirical', 'empirical must include p0 and p100, missing `p100`']]);
    expect(distErrors('{ empirical: { p0: 5ms, p101: 10ms } }')).toEqual([['functions.api.duration.empirical.p101', 'expected a percentile key p0 to p100, got "p101"']]);
    expect(distErrors('{ empirical: { p0: 5ms, p100: 1ms } }')).toEqual([['functions.api.duration', 'empirical values must not decrease: p100 (1) < p0 (5)']]);
    expect(distErrors('{ lognormal: { median: 60ms, p99: 10ms } }')).toEqual([['functions.api.duration', 'lognormal p99 (10) must be greater than the median (60)']]);
    expect(distErrors('{ lognormal: { median: 60ms } }')).toEqual([
      ['functions.api.duration.lognormal', 'expected lognormal as { median, p90 }, { median, p99 } or { mu, sigma }, got { median }'],
    ]);
    expect(distErrors('{ normal: { mean: 5ms, sd: -1ms } }')[0][1]).toMatch(/^expected a duration with a unit/);
    expect(distErrors('{ gamma: { k: 1 } }')).toEqual([
      ['functions.api.duration.gamma', 'unknown key `gamma`; allowed keys: `constant`, `uniform`, `exponential`, `normal`, `lognormal`, `empirical`'],
    ]);
    expect(distErrors('{ uniform: { min: 1ms, mx: 2ms } }')).toEqual([
      ['functions.api.duration.uniform.max', 'missing required key `max`'],
      ['functions.api.duration.uniform.mx', 'unknown key `mx`; did you mean `max`?'],
    ]);
  });

  it('takes a keep-alive distribution', () => {
    const s = loadOk(minimal('platform: { keepAlive: { uniform: { min: 5m, max: 15m } } }\n'));
    expect(s.variants[0].config.platform.keepAlive).toEqual({ type: 'uniform', min: 300_000, max: 900_000 });
  });
});

describe('traffic names', () => {
  test('a name may not be the key another entry of the variant gets without one', async () => {
    const { generatedKey } = await import('../../src/model/streams.js');
    const base = `name: t
functions:
  api: { runtime: python3.13, duration: 5ms }
horizon: 1h
traffic:
  - { function: api, poisson: { rate: 1/s } }
`;
    const key = generatedKey(loadOk(base).variants[0].config.traffic[0]);
    expect(key).toMatch(/^api-poisson-[0-9a-f]{8}$/);
    const errors = brief(loadErrors(`${base}  - { name: ${key}, function: api, poisson: { rate: 2/s } }\n`));
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`traffic\\[1\\]\\.name: \`${key}\` is the key traffic\\[0\\] gets without a name`))]));
    // the same name in a variant without the unnamed entry keeps that entry's draws: allowed
    loadOk(`name: t\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\nhorizon: 1h\ntraffic:\n  - { name: ${key}, function: api, poisson: { rate: 2/s } }\n`);
  });

  test('at most 100 variants', () => {
    const many = Array.from({ length: 101 }, (_, i) => `  v${i}: {}`).join('\n');
    expect(brief(loadErrors(minimal(`variants:\n${many}\n`)))).toEqual([expect.stringMatching(/variants: expected at most 100 variants .*got 101/)]);
  });
});

describe('reserved keys', () => {
  test('a function, route or any key named __proto__ is refused where it stands, not silently dropped', () => {
    const errors = brief(loadErrors(`name: t
functions:
  __proto__: { runtime: python3.13, duration: 5ms }
  api: { runtime: python3.13, duration: 5ms }
traffic:
  - { function: api, sequential: { interval: 1s } }
`));
    expect(errors).toEqual(['3:14 functions.__proto__: `__proto__` is reserved: choose another name']);
  });
});
