/**
 * Reading a sweep: the `sweep` section and the command line, every problem located (in the file, or in the
 * argument at its column), every point validated before anything runs.
 */
import { describe, expect, test } from 'vitest';
import { formatError, scenarioJsonSchema } from '../../src/scenario/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { prepareSweep, type PrepareOptions } from '../../src/sweep/run.js';

const BASE = `name: s
functions:
  api: { runtime: python3.13, duration: 5ms, reservedConcurrency: 5 }
tenants: { count: 3 }
traffic:
  - function: api
    sequential: { interval: 1s }
`;

function problems(text: string, options: PrepareOptions = {}): string[] {
  const r = prepareSweep(text, 'x.yaml', options);
  return r.ok ? [] : r.errors.map(formatError);
}

describe('the sweep section', () => {
  test('is part of the scenario format: run ignores it, the JSON Schema describes it', () => {
    const text = `${BASE}sweep:\n  parameters:\n    tenants.count: [1, 2]\n  replications: 2\n  breakpoints: { cost: +20%, p99: +100ms }\n  metrics: [cost, coldStartRate]\n`;
    expect(loadScenario(text, 'x.yaml').ok).toBe(true);
    const schema = scenarioJsonSchema() as { properties: Record<string, { description?: string; properties?: Record<string, unknown> }> };
    expect(schema.properties.sweep.description).toMatch(/Capacity-planning sweep/);
    expect(Object.keys(schema.properties.sweep.properties ?? {})).toEqual(['parameters', 'replications', 'baseline', 'breakpoints', 'metrics']);
    const r = prepareSweep(text, 'x.yaml');
    expect(r.ok && r.sweep.header).toMatchObject({
      replications: 2, baseline: 'shared', variants: ['shared', 'isolated'], charts: ['monthlyCostUsd', 'coldStartRate'], pointCount: 2,
      parameters: [{ key: 'tenants.count', values: [1, 2] }],
      breakpointRules: [{ metric: 'monthlyCostUsd', kind: 'relative', amount: 0.2 }, { metric: 'latencyP99Ms', kind: 'absolute', amount: 100 }],
    });
  });

  test('shape problems are located by the scenario loader', () => {
    const text = `${BASE}sweep:\n  parameters:\n    tenants.count: [1, 2, 2]\n    tenants..count: [1]\n  replications: 0\n  breakpoints: { cost: 20% }\n`;
    expect(problems(text)).toEqual([
      'x.yaml:10:27: sweep.parameters["tenants.count"][2]: duplicate value 2: each value once',
      'x.yaml:11:5: sweep.parameters["tenants..count"]: expected a path into the scenario such as tenants.count or traffic[0].poisson.rate, got "tenants..count"',
      'x.yaml:12:17: sweep.replications: expected an integer from 1 to 1000, got 0',
      'x.yaml:13:24: sweep.breakpoints.cost: expected a threshold such as +20%, +100ms or +$50 (or a number >= 0 in the metric\'s unit), got "20%"',
    ]);
  });

  test('metrics, thresholds and the baseline are checked against the sweep, located', () => {
    const text = `${BASE}sweep:\n  parameters:\n    tenants.count: [1, 2]\n  metrics: [costs]\n  breakpoints: { costs: +20%, p99: +$5 }\n  baseline: nope\n`;
    expect(problems(text)).toEqual([
      'x.yaml:11:13: sweep.metrics[0]: unknown metric `costs`; use cost, p50, p90, p99 or a metric of sweep.csv such as monthlyCostUsd or coldStartRate',
      'x.yaml:12:25: sweep.breakpoints.costs: unknown metric `costs`; use cost, p50, p90, p99 or a metric of sweep.csv such as monthlyCostUsd or coldStartRate',
      'x.yaml:12:36: sweep.breakpoints.p99: a $ threshold needs a metric in USD and no other unit; latencyP99Ms is in ms',
      'x.yaml:13:13: sweep.baseline: unknown baseline variant `nope`; variants: `shared`, `isolated`',
    ]);
  });

  test('some paths may not be swept; variants only by name', () => {
    expect(problems(`${BASE}sweep:\n  parameters:\n    seed: [1, 2]\n    variants.isolated.tenancy: [shared]\n`)).toEqual([
      'x.yaml:10:12: seed: seeds are not swept: use replications (--replications N) to run several seeds per point',
      'x.yaml:11:33: variants.isolated.tenancy: the scenario has no variants section: sweep a setting of the scenario and every variant sees it',
    ]);
    const withVariants = `${BASE}variants:\n  a: { tenancy: shared, sweep: { replications: 2 } }\nsweep:\n  parameters:\n    variants.b.tenancy: [shared]\n`;
    expect(problems(withVariants)).toEqual([
      'x.yaml:9:32: variants.a.sweep: a variant may not contain `sweep`',
      "x.yaml:12:26: variants.b.tenancy: expected variants.<variant>.<setting> with one of the file's variants `a`",
    ]);
  });

  test('nothing to sweep is a located problem', () => {
    expect(problems(BASE)).toEqual(['x.yaml:1:1: sweep.parameters: nothing to sweep: add sweep.parameters (e.g. { tenants.count: [10, 100, 1000] }) or --set path=value1,value2']);
  });
});

describe('every point is validated before anything runs', () => {
  test('a bad value is shown once, at the value in the section', () => {
    const text = `${BASE}sweep:\n  parameters:\n    tenants.count: [1, 0, 2]\n    platform.keepAlive: [5m, 10m]\n`;
    expect(problems(text)).toEqual(['x.yaml:10:24: sweep.parameters["tenants.count"][1]: expected an integer from 1 to 1000000, got 0']);
  });

  test('a rule across fields is shown at the value that breaks it', () => {
    const text = `${BASE}sweep:\n  parameters:\n    tenants.count: [1, 2]\n    platform.accountConcurrency: [104, 1000]\n`;
    expect(problems(text)).toEqual([
      'x.yaml:11:35: sweep.parameters["platform.accountConcurrency"][0]: functions.api.reservedConcurrency: reserved concurrency adds up to 5 (api 5) but at most 4 may be reserved: AWS keeps 100 of accountConcurrency 104 unreserved',
    ]);
  });

  test('a list index that does not exist', () => {
    expect(problems(`${BASE}sweep:\n  parameters:\n    traffic[3].count: [1]\n`)).toEqual([
      'x.yaml:10:24: sweep.parameters["traffic[3].count"][0]: the scenario\'s list has 1 entry, so there is no [3]',
    ]);
  });
});

describe('the command line', () => {
  test('--set replaces the section\'s parameters; its problems are located in the argument', () => {
    const text = `${BASE}sweep:\n  parameters:\n    tenants.count: [1, 2]\n`;
    const r = prepareSweep(text, 'x.yaml', { set: ['platform.keepAlive=5m,30m'] });
    expect(r.ok && r.sweep.header.parameters).toEqual([{ key: 'platform.keepAlive', values: ['5m', '30m'] }]);
    expect(problems(BASE, { set: ['tenants.count=1,0,abc', 'platform.keepAlive=5m,10x'] })).toEqual([
      '--set platform.keepAlive=5m,10x:1:23: platform.keepAlive: expected a duration with a unit such as 250ms, 1.5s, 10m or 2h, got "10x"',
      '--set tenants.count=1,0,abc:1:17: tenants.count: expected an integer from 1 to 1000000, got 0',
      '--set tenants.count=1,0,abc:1:19: tenants.count: expected an integer from 1 to 1000000, got "abc"',
    ]);
    expect(problems(BASE, { set: ['tenants.count=1', 'tenants.count=2'] })).toEqual(['--set tenants.count=2:1:15: tenants.count: `tenants.count` is swept twice']);
  });

  test('--breakpoint, --metric and --baseline', () => {
    expect(problems(BASE, { set: ['tenants.count=1,2'], breakpoint: ['cost=+20', 'p99=+$1', 'x'], metric: ['nope'], baseline: 'zz' })).toEqual([
      '--baseline zz:1:1: baseline: unknown baseline variant `zz`; variants: `shared`, `isolated`',
      '--breakpoint p99=+$1:1:5: breakpoint: a $ threshold needs a metric in USD and no other unit; latencyP99Ms is in ms',
      '--breakpoint x:1:1: breakpoint: expected metric=threshold such as cost=+20% or p99=+100ms, got "x"',
      '--metric nope:1:1: metric: unknown metric `nope`; use cost, p50, p90, p99 or a metric of sweep.csv such as monthlyCostUsd or coldStartRate',
    ]);
    const r = prepareSweep(BASE, 'x.yaml', { set: ['tenants.count=1,2'], breakpoint: ['p99=+1.5s'], metric: ['p99', 'latencyP99Ms', 'throttleShare'], baseline: 'isolated', replications: 4, seed: 9 });
    expect(r.ok && r.sweep.header).toMatchObject({ baseline: 'isolated', charts: ['latencyP99Ms', 'throttleShare'], replications: 4, seed: 9, breakpointRules: [{ amount: 1500 }] });
  });

  test('at most 100 parameters and 100 breakpoint rules; a swept value nests at most 32 deep and is at most 10,000 characters as JSON', () => {
    const params = Array.from({ length: 101 }, (_, i) => `functions.api.x${i}=1`);
    expect(problems(BASE, { set: params })).toEqual(['--set functions.api.x100=1:1:20: functions.api.x100: a sweep has at most 100 parameters, got 101']);
    const rules = Array.from({ length: 101 }, (_, i) => `cost=+${i}%`);
    expect(problems(BASE, { set: ['tenants.count=1,2'], breakpoint: rules })).toEqual(['--breakpoint cost=+100%:1:1: breakpoint: a sweep has at most 100 breakpoint rules, got 101']);
    const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    expect(problems(BASE, { set: [`functions.api.duration=${deep(33)},${deep(32)}`] })[0]).toBe(
      '--set functions.api.duration=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]:1:24: functions.api.duration: a swept value nests lists and maps at most 32 deep',
    );
    const long = `tenants.count=1,${'x'.repeat(10_000)}`;
    expect(problems(BASE, { set: [long] })).toEqual([`--set ${long}:1:17: tenants.count: a swept value is at most 10,000 characters as JSON, got 10,002`]);
  });

  test('a grid larger than 10,000 points is refused', () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect(problems(BASE, { set: [`tenants.count=${many}`, `functions.api.memoryMb=${Array.from({ length: 100 }, (_, i) => 128 + i).join(',')}`] })[0])
      .toMatch(/the grid has 10,100 points; a sweep is limited to 10,000/);
  });
});
