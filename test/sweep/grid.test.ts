/**
 * The grid: paths, `--set` arguments and their located errors, setting values in a document, expansion,
 * shards.
 */
import { describe, expect, test } from 'vitest';
import { expandGrid, parseShard, shardPoints } from '../../src/sweep/grid.js';
import { parsePath, setAtPath } from '../../src/sweep/paths.js';
import { parseSetArgument } from '../../src/sweep/set-arg.js';
import { formatError } from '../../src/scenario/index.js';

describe('paths', () => {
  test('read keys, indices and quoted keys as messages write them', () => {
    expect(parsePath('tenants.count')).toEqual(['tenants', 'count']);
    expect(parsePath('traffic[0].poisson.rate')).toEqual(['traffic', 0, 'poisson', 'rate']);
    expect(parsePath('routes["a.b"].share')).toEqual(['routes', 'a.b', 'share']);
    for (const bad of ['', '.a', 'a..b', 'a.', '[0].a', 'a[0]b', 'a b', 'a.[0]']) expect(parsePath(bad), bad).toBeNull();
  });

  test('setting a value deep-merges at the path, creating maps, leaving the input alone', () => {
    const doc = { tenants: { count: 5, popularity: 'uniform' }, traffic: [{ poisson: { rate: '1/s' } }, { constant: { rate: '2/s' } }] };
    const before = structuredClone(doc);
    expect(setAtPath(doc, ['tenants', 'count'], 10)).toEqual({ ok: true, doc: { ...doc, tenants: { count: 10, popularity: 'uniform' } } });
    const r = setAtPath(doc, ['traffic', 1, 'constant', 'rate'], '9/s');
    expect(r.ok && (r.doc as typeof doc).traffic).toEqual([{ poisson: { rate: '1/s' } }, { constant: { rate: '9/s' } }]);
    expect(setAtPath(doc, ['platform', 'keepAlive'], '5m')).toMatchObject({ ok: true, doc: { platform: { keepAlive: '5m' } } });
    expect(setAtPath(doc, ['tenants'], { count: 7 })).toMatchObject({ ok: true, doc: { tenants: { count: 7, popularity: 'uniform' } } });
    expect(doc).toEqual(before);
  });

  test('a missing list entry or a path through a value is refused with a reason', () => {
    const doc = { traffic: [{ poisson: { rate: '1/s' } }], seed: 3 };
    expect(setAtPath(doc, ['traffic', 2, 'poisson'], {})).toEqual({ ok: false, message: "the scenario's list has 1 entry, so there is no [2]" });
    expect(setAtPath(doc, ['seed', 'x'], 1)).toEqual({ ok: false, message: '`x` is a key of a map, but the scenario has the value 3 there' });
  });

  test('a key named __proto__ stays an ordinary key', () => {
    const r = setAtPath({}, ['__proto__', 'x'], 1);
    expect(r.ok && Object.keys(r.doc as object)).toEqual(['__proto__']);
    expect(({} as { x?: number }).x).toBeUndefined();
  });
});

describe('--set', () => {
  test('values are YAML scalars (or flow maps), in order', () => {
    const r = parseSetArgument('tenants.count=10,100, 1000');
    expect(r).toMatchObject({ ok: true, value: { path: ['tenants', 'count'], values: [10, 100, 1000] } });
    expect(parseSetArgument('platform.keepAlive=5m,10m,30m')).toMatchObject({ ok: true, value: { values: ['5m', '10m', '30m'] } });
    expect(parseSetArgument('functions.api.duration={ exponential: { mean: 80ms } },50ms')).toMatchObject({ ok: true, value: { values: [{ exponential: { mean: '80ms' } }, '50ms'] } });
    expect(parseSetArgument('billing.tiers=true,false')).toMatchObject({ ok: true, value: { values: [true, false] } });
  });

  test('each value knows its column in the argument', () => {
    const r = parseSetArgument('tenants.count=10,100,1000');
    expect(r.ok && r.value.offsets).toEqual([14, 17, 21]);
  });

  test('bad arguments are located in the argument', () => {
    const err = (text: string) => {
      const r = parseSetArgument(text);
      return r.ok ? 'ok' : formatError(r.error);
    };
    expect(err('tenants.count')).toBe('--set tenants.count:1:1: (--set): expected path=value1,value2,... such as tenants.count=10,100,1000, got "tenants.count"');
    expect(err('tenants..count=1')).toMatch(/^--set tenants\.\.count=1:1:1: \(--set\): expected a path into the scenario/);
    expect(err('tenants.count=')).toBe('--set tenants.count=:1:15: tenants.count: expected at least one value after =');
    expect(err('tenants.count=10,20,10')).toBe('--set tenants.count=10,20,10:1:21: tenants.count: duplicate value 10: each value once');
    expect(err('platform.keepAlive=5m,[10m')).toMatch(/^--set platform\.keepAlive=5m,\[10m:1:\d+: platform\.keepAlive: invalid value list/);
  });
});

describe('the grid', () => {
  test('every combination, the first parameter varying slowest', () => {
    const grid = expandGrid([[10, 100, 1000], ['5m', '10m']]);
    expect(grid.map((p) => [p.index, ...p.values])).toEqual([
      [0, 10, '5m'], [1, 10, '10m'], [2, 100, '5m'], [3, 100, '10m'], [4, 1000, '5m'], [5, 1000, '10m'],
    ]);
    expect(expandGrid([[1, 2]]).map((p) => p.values)).toEqual([[1], [2]]);
  });

  test('shards take every n-th point; together they take each point once', () => {
    const grid = expandGrid([[1, 2, 3, 4, 5, 6, 7]]);
    const shards = [1, 2, 3].map((i) => shardPoints(grid, { index: i, count: 3 }).map((p) => p.index));
    expect(shards).toEqual([[0, 3, 6], [1, 4], [2, 5]]);
    expect(shardPoints(grid, null)).toHaveLength(7);
  });

  test('--shard is i/n with 1 <= i <= n', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, shard: { index: 2, count: 4 } });
    for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '-1/2', '1.5/2']) expect(parseShard(bad).ok, bad).toBe(false);
  });
});
