import { describe, expect, it } from 'vitest';
import { formatError, loadScenario } from '../../src/scenario/index.js';
import { brief, loadErrors, minimal } from './helpers.js';

describe('formatError', () => {
  it('writes file:line:col: path: message', () => {
    expect(formatError({ file: 's.yaml', line: 3, col: 5, path: 'functions.api.memoryMb', message: 'bad' })).toBe('s.yaml:3:5: functions.api.memoryMb: bad');
  });
});

describe('located schema errors', () => {
  // columns counted by hand: the missing runtime is reported at the key `api` (4:3) of the map that lacks it;
  // line 5 `    memoryMB: 256` has the key at col 5; line 6 `    duration: 250` has the value at col 15;
  // line 9 `    poisson: { rate: 40 }` has 40 at col 22; the entry of line 10 has no pattern key and starts
  // at col 5; line 11 `    count: 0` has 0 at col 12.
  const text = [
    'name: demo', //                 1
    'horizon: 1h', //                2
    'functions:', //                 3
    '  api:', //                     4
    '    memoryMB: 256', //          5
    '    duration: 250', //          6
    'traffic:', //                   7
    '  - function: api', //          8
    '    poisson: { rate: 40 }', //  9
    '  - function: api', //          10
    '    count: 0', //              11
    '',
  ].join('\n');

  it('reports every problem at once, each at its line and column', () => {
    expect(brief(loadErrors(text))).toEqual([
      '4:3 functions.api.runtime: missing required key `runtime`',
      '5:5 functions.api.memoryMB: unknown key `memoryMB`; did you mean `memoryMb`?',
      '6:15 functions.api.duration: expected a duration with a unit such as 250ms, 1.5s, 10m or 2h, or a distribution map with one of `constant`, `uniform`, `exponential`, `normal`, `lognormal`, `empirical` (e.g. { uniform: { min: 1ms, max: 5ms } }), got 250',
      '9:22 traffic[0].poisson.rate: expected a rate such as 40/s, 300/min or 2/h, got 40',
      '10:5 traffic[1]: expected exactly one arrival pattern key of `poisson`, `constant`, `sequential`, `phases`, `diurnal`, `bursts`, `trace`, got none',
      '11:12 traffic[1].count: expected an integer >= 1, got 0',
    ]);
  });

  it('keeps the file name given', () => {
    const r = loadScenario(text, 'dir/demo.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatError(r.errors[0])).toBe('dir/demo.yaml:4:3: functions.api.runtime: missing required key `runtime`');
  });

  it('points a missing top-level key at the document root', () => {
    expect(brief(loadErrors('name: x\nfunctions:\n  api: { runtime: java21, duration: 1ms }\n'))).toEqual(['1:1 traffic: missing required key `traffic`']);
  });

  it('lists the allowed keys when no key is close to an unknown one', () => {
    const [e] = loadErrors(minimal('platform: { zzzzzzzz: 1 }\n'));
    expect(e.path).toBe('platform.zzzzzzzz');
    expect(e.message).toMatch(/^unknown key `zzzzzzzz`; allowed keys: `accountConcurrency`, `keepAlive`/);
  });

  it('suggests the closest value of an enum', () => {
    const [e] = loadErrors(minimal('tenancy: isolate\n'));
    expect([e.line, e.col, e.path, e.message]).toEqual([6, 10, 'tenancy', 'expected one of `shared`, `isolated`, `function-per-tenant`, got "isolate"; did you mean `isolated`?']);
  });

  it('checks ranges with units: memory, timeout, ephemeral storage, max event age', () => {
    const text = `name: t
functions:
  api: { runtime: python3.13, duration: 5ms, memoryMb: 100, timeout: 901s, ephemeralStorageMb: 20000, maxEventAge: 30s }
  b: { runtime: python3.13, duration: 5ms, memoryMb: 128.5 }
traffic:
  - { function: api, sequential: { interval: 1s } }
`;
    expect(loadErrors(text).map((e) => [e.path, e.message])).toEqual([
      ['functions.api.memoryMb', 'expected an integer from 128 to 10240 (MB), got 100'],
      ['functions.api.timeout', 'expected a duration more than 0ms and at most 15m, got 901s'],
      ['functions.api.ephemeralStorageMb', 'expected an integer from 512 to 10240 (MB), got 20000'],
      ['functions.api.maxEventAge', 'expected a duration at least 1m and at most 6h, got 30s'],
      ['functions.b.memoryMb', 'expected an integer from 128 to 10240 (MB), got 128.5'],
    ]);
  });

  it('rejects bad function and scenario names at the key', () => {
    const text = minimal().replace('name: t', 'name: ../etc').replace('  api:', '  "bad name":').replace('function: api', 'function: "bad name"');
    expect(brief(loadErrors(text))).toEqual([
      '1:7 name: expected a scenario name of letters, digits, \'.\', \'_\' and \'-\' (not only dots), got "../etc"',
      '3:3 functions["bad name"]: expected a function name of 1 to 64 letters, digits, \'_\' and \'-\', got "bad name"',
    ]);
  });

  it('reports a distribution whose parameters createSampler rejects, at the distribution', () => {
    const text = minimal().replace('duration: 5ms', 'duration: { uniform: { min: 5ms, max: 1ms } }');
    expect(brief(loadErrors(text))).toEqual(['3:41 functions.api.duration: uniform max (1) must be >= min (5)']);
  });
});

describe('YAML-level errors', () => {
  it('reports a duplicate key at the second occurrence', () => {
    const text = minimal().replace('  api: { runtime: python3.13, duration: 5ms }', '  api: { runtime: python3.13, duration: 5ms }\n  api: { runtime: java21, duration: 1ms }');
    expect(brief(loadErrors(text))).toEqual(['4:3 functions.api: duplicate key: each key may appear only once in a map']);
  });

  it('locates a syntax error, and only the first of a cascade', () => {
    expect(brief(loadErrors('name: t\nfunctions:\n  api: runtime: x\n'))).toEqual([
      '3:8 functions.api.runtime: invalid YAML: Nested mappings are not allowed in compact mappings',
    ]);
    expect(brief(loadErrors('name: t\nfunctions:\n  api: {runtime: x}}\ntraffic: []\n'))).toEqual([
      '3:20 (root): invalid YAML: Unexpected flow-map-end token in YAML stream: "}"',
    ]);
    const unclosed = loadErrors('name: t\nfunctions:\n  api: { runtime: python3.13, duration: 5ms\ntraffic: []\n');
    expect(unclosed.map((e) => [e.line, e.col, e.message])).toEqual([
      [4, 1, 'invalid YAML: Flow map in block collection must be sufficiently indented and end with a }'],
    ]);
  });

  it('reports every duplicate key, each where it is repeated', () => {
    expect(brief(loadErrors('name: t\nseed: 1\nseed: 2\nname: u\n'))).toEqual([
      '3:1 seed: duplicate key: each key may appear only once in a map',
      '4:1 name: duplicate key: each key may appear only once in a map',
    ]);
  });

  it('locates tabs used as indentation', () => {
    expect(brief(loadErrors('name: t\nfunctions:\n\tapi: 1\n'))[0]).toMatch(/^3:1 .*tabs are not allowed/);
  });

  it('rejects an empty file, a comment-only file and a non-map document, at line 1', () => {
    for (const text of ['', '# nothing\n', '- a\n- b\n', 'just text', '42']) {
      const errors = loadErrors(text);
      expect(errors).toHaveLength(1);
      expect([errors[0].line, errors[0].col, errors[0].path]).toEqual([1, 1, '(root)']);
      expect(errors[0].message).toMatch(/^expected a map with at least the keys `name`, `functions` and `traffic`, got /);
    }
  });

  it('rejects several documents in one file', () => {
    expect(brief(loadErrors(`${minimal()}---\nname: other\n`))[0]).toMatch(/^6:1 .*expected one YAML document/);
  });

  it('bounds alias expansion (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const errors = loadErrors(`${lines.join('\n')}\n`);
    expect(errors[0].message).toMatch(/^invalid YAML: .*alias/i);
  });

  it('reports an undefined alias at the alias', () => {
    expect(brief(loadErrors('name: t\nfunctions: *nope\n'))[0]).toMatch(/^2:12 /);
  });
});
