import { describe, expect, it } from 'vitest';
import { deepMerge, fromOverrides } from '../../src/scenario/variants.js';
import { brief, loadErrors, loadOk } from './helpers.js';

const scenario = `name: merge
platform: { accountConcurrency: 500, reuse: lru }
functions:
  api: { runtime: python3.13, memoryMb: 256, duration: 5ms }
  worker: { runtime: nodejs22.x, duration: 1s, invocation: async }
traffic:
  - { function: api, poisson: { rate: 10/s }, count: 100 }
variants:
  plain: {}
  big:
    platform: { accountConcurrency: 2000 }
    functions: { api: { memoryMb: 1024 } }
  other-traffic:
    seed: 3
    traffic: [ { function: worker, constant: { rate: 1/s }, end: 10s } ]
`;

describe('deepMerge', () => {
  it('merges maps key by key and replaces lists and scalars', () => {
    const base = { a: { b: 1, c: [1, 2] }, d: 'x', e: { f: 1 } };
    const merged = deepMerge(base, { a: { c: [3] }, d: null, e: 5, g: { h: 1 } });
    expect(merged).toEqual({ a: { b: 1, c: [3] }, d: null, e: 5, g: { h: 1 } });
    expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x', e: { f: 1 } });
  });

  it('treats a __proto__ key as data', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const merged = deepMerge({}, over) as Record<string, unknown>;
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('fromOverrides', () => {
  const base = { functions: { api: { memoryMb: 1 } }, traffic: [{ function: 'api' }] };
  it('says which part of the file a merged value comes from', () => {
    const over = { functions: { api: { tenancy: 'isolated' }, extra: {} }, traffic: [{ function: 'x' }] };
    expect(fromOverrides(['functions', 'api', 'tenancy'], base, over)).toBe(true);
    expect(fromOverrides(['functions', 'api', 'memoryMb'], base, over)).toBe(false);
    expect(fromOverrides(['functions', 'api', 'runtime'], base, over)).toBe(false); // missing in a base map
    expect(fromOverrides(['functions', 'extra', 'runtime'], base, over)).toBe(true); // missing in a map the variant added
    expect(fromOverrides(['traffic', 0, 'function'], base, over)).toBe(true); // lists are replaced whole
    expect(fromOverrides(['seed'], base, over)).toBe(false);
  });
});

describe('variants', () => {
  const s = loadOk(scenario);

  it('are built in file order', () => {
    expect(s.variants.map((v) => v.name)).toEqual(['plain', 'big', 'other-traffic']);
  });

  it('deep-merge their overrides over the scenario', () => {
    const [plain, big, other] = s.variants.map((v) => v.config);
    expect(plain.platform.accountConcurrency).toBe(500);
    expect(big.platform).toMatchObject({ accountConcurrency: 2000, reuse: 'lru' });
    expect(big.functions.map((f) => [f.name, f.memoryMb, f.duration])).toEqual([
      ['api', 1024, { type: 'constant', value: 5 }],
      ['worker', 128, { type: 'constant', value: 1000 }],
    ]);
    expect(other.traffic).toHaveLength(1);
    expect(other.traffic[0]).toMatchObject({ function: 'worker', pattern: { type: 'constant', ratePerMs: 0.001 }, endMs: 10_000 });
    expect([plain.seed, big.seed, other.seed]).toEqual([1, 1, 3]);
    expect(s.seed).toBe(1);
  });

  it('keep a function tenancy that the variant does not override', () => {
    const text = `name: t
functions:
  a: { runtime: python3.13, duration: 5ms, tenancy: shared }
  b: { runtime: python3.13, duration: 5ms }
traffic: [ { function: a, sequential: { interval: 1s } } ]
variants:
  isolated: { tenancy: isolated }
  all-isolated: { tenancy: isolated, functions: { a: { tenancy: isolated } } }
`;
    const [iso, all] = loadOk(text).variants.map((v) => v.config.functions.map((f) => f.tenancy));
    expect(iso).toEqual(['shared', 'isolated']);
    expect(all).toEqual(['isolated', 'isolated']);
  });

  it('keep functions in file order, even with integer-like names', () => {
    const text = `name: t
functions:
  b2: { runtime: python3.13, duration: 5ms }
  "10": { runtime: python3.13, duration: 5ms }
  "2": { runtime: python3.13, duration: 5ms }
traffic: [ { function: b2, sequential: { interval: 1s } } ]
variants:
  more: { functions: { "1": { runtime: java21, duration: 1ms } } }
`;
    expect(loadOk(text).variants[0].config.functions.map((f) => f.name)).toEqual(['b2', '10', '2', '1']);
  });
});

describe('options', () => {
  it('seed replaces the seed of the scenario and of every variant', () => {
    const s = loadOk(scenario, { seed: 42 });
    expect(s.seed).toBe(42);
    expect(s.variants.map((v) => v.config.seed)).toEqual([42, 42, 42]);
  });

  it('variants keeps only those variants, in that order', () => {
    expect(loadOk(scenario, { variants: ['other-traffic', 'plain'] }).variants.map((v) => v.name)).toEqual(['other-traffic', 'plain']);
    expect(loadOk(scenario, { variants: [] }).variants).toHaveLength(3);
  });

  it('an unknown variant name is an error at 1:1 listing the known ones', () => {
    expect(brief(loadErrors(scenario, { variants: ['plain', 'huge'] }))).toEqual([
      '1:1 variants: unknown variant `huge`; known variants: `plain`, `big`, `other-traffic`',
    ]);
  });

  it('a seed that is not a non-negative integer is an error', () => {
    expect(brief(loadErrors(scenario, { seed: Number.NaN }))).toEqual(['1:1 seed: the seed option must be an integer >= 0, got NaN']);
  });
});

describe('variant errors', () => {
  const base = `name: t
functions:
  api: { runtime: python3.13, duration: 5ms }
traffic: [ { function: api, sequential: { interval: 1s } } ]
`;

  it('locates an error of an override in the variants section', () => {
    const text = `${base}variants:
  shared: { tenancy: shared }
  isolated:
    tenancy: isolated
    functions: { api: { provisionedConcurrency: 3 } }
`;
    expect(brief(loadErrors(text))).toEqual([
      '9:49 variants.isolated.functions.api.provisionedConcurrency: provisionedConcurrency must be 0 for a tenant-isolated function, got 3: AWS does not support provisioned concurrency with tenant isolation',
    ]);
  });

  it('shows a base value that a variant makes invalid at the override that does it', () => {
    const text = base.replace('duration: 5ms', 'duration: 5ms, provisionedConcurrency: 2') + `variants:
  warm: { tenancy: shared }
  isolated: { tenancy: isolated }
`;
    expect(brief(loadErrors(text))).toEqual([
      '7:24 variants.isolated.tenancy: provisionedConcurrency must be 0 for a tenant-isolated function, got 2: AWS does not support provisioned concurrency with tenant isolation (about `functions.api.provisionedConcurrency`)',
    ]);
  });

  it('reports base errors once, not once per variant', () => {
    const text = `${base.replace('duration: 5ms', 'duration: 5ms, memoryMb: 64')}variants: { a: {}, b: { seed: 2 } }\n`;
    expect(brief(loadErrors(text))).toEqual(['3:56 functions.api.memoryMb: expected an integer from 128 to 10240 (MB), got 64']);
  });

  it('reports a bad base value even when every variant overrides it', () => {
    expect(loadErrors(`${base}tenancy: isolate\n`).map((e) => e.path)).toEqual(['tenancy']);
  });

  it('lets the base leave out what every variant supplies', () => {
    const text = `name: t
functions:
  api: { runtime: python3.13 }
traffic: [ { function: api, sequential: { interval: 1s } } ]
variants:
  fast: { functions: { api: { duration: 5ms } } }
  slow: { functions: { api: { duration: 500ms } } }
`;
    expect(loadOk(text).variants.map((v) => v.config.functions[0].duration)).toEqual([
      { type: 'constant', value: 5 },
      { type: 'constant', value: 500 },
    ]);
  });

  it('reports unknown keys in an override with a suggestion', () => {
    const text = `${base}variants:\n  big: { functions: { api: { memoryMB: 512 } } }\n`;
    expect(brief(loadErrors(text))).toEqual(['6:30 variants.big.functions.api.memoryMB: unknown key `memoryMB`; did you mean `memoryMb`?']);
  });

  it('rejects name and variants in a variant, bad variant names and non-map overrides', () => {
    const text = `${base}variants:\n  a: { name: other, variants: {} }\n  "b/c": {}\n  d: [1]\n`;
    expect(brief(loadErrors(text))).toEqual([
      '6:8 variants.a.name: a variant may not change the scenario `name`',
      '6:21 variants.a.variants: a variant may not contain `variants`',
      '7:3 variants["b/c"]: expected a variant name of letters, digits, \'.\', \'_\' and \'-\' (not only dots), got "b/c"',
      '8:6 variants.d: expected a map of overrides (e.g. { tenancy: isolated }), got a list',
    ]);
  });

  it('still checks the base document when the variants section is broken', () => {
    const text = `${base.replace('5ms', '5')}variants: []\n`;
    expect(loadErrors(text).map((e) => e.path)).toEqual(['functions.api.duration', 'variants']);
  });

  it('rejects an empty variants map', () => {
    expect(brief(loadErrors(`${base}variants: {}\n`))).toEqual(['5:11 variants: expected at least one variant']);
  });
});
