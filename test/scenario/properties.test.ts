import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type LoadResult, loadScenario } from '../../src/scenario/index.js';
import { fixture } from './helpers.js';

/** Loads `text` and checks the result is well formed: never a throw, errors located inside the file. */
function checkWellFormed(text: string): LoadResult {
  const r = loadScenario(text, 'p.yaml');
  if (r.ok) {
    expect(r.scenario.variants.length).toBeGreaterThan(0);
    return r;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const e of r.errors) {
    expect(e.file).toBe('p.yaml');
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines + 1).toBe(true);
    expect(Number.isInteger(e.col) && e.col >= 1).toBe(true);
    expect(e.path.length).toBeGreaterThan(0);
    expect(e.message.length).toBeGreaterThan(0);
  }
  return r;
}

const valid = parse(fixture('saas-1000-tenants.yaml')) as Record<string, unknown>;

/** Paths into the example where a random value is put. */
const PATHS: (string | number)[][] = [
  ['name'], ['seed'], ['horizon'], ['tenancy'], ['platform'], ['platform', 'keepAlive'], ['platform', 'reuse'],
  ['functions'], ['functions', 'api'], ['functions', 'api', 'runtime'], ['functions', 'api', 'memoryMb'],
  ['functions', 'api', 'duration'], ['functions', 'api', 'duration', 'lognormal'], ['functions', 'api', 'initDuration'],
  ['tenants'], ['tenants', 'count'], ['tenants', 'idPattern'], ['tenants', 'popularity'], ['traffic'], ['traffic', 0],
  ['traffic', 0, 'poisson'], ['traffic', 0, 'tenant'], ['traffic', 0, 'clientRetries'], ['variants'], ['variants', 'x'],
  ['variants', 'x', 'functions'], ['billing'], ['zzz'],
];

function withValue(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) {
    if (typeof node[seg] !== 'object' || node[seg] === null) node[seg] = {};
    node = node[seg] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

const leafish = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('5ms', '1.5s', '40/s', 'isolated', 'shared', 'tenant-1', 'p0', '{i}', '', '0ms', '10m', 'api'),
  fc.constantFrom({ uniform: { min: '1ms', max: '2ms' } }, { zipf: 1 }, { rate: '1/s' }, { tenancy: 'isolated' }, [], {}),
);

describe('loadScenario never throws', () => {
  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void checkWellFormed(text)), { numRuns: 300 });
  });

  it('on random text made of YAML punctuation', () => {
    const chars = fc.constantFrom(...'{}[]:,-?*&!|>\'"#%@` \n\t\\abc1.'.split(''));
    fc.assert(fc.property(fc.array(chars, { maxLength: 120 }).map((cs) => cs.join('')), (text) => void checkWellFormed(text)), { numRuns: 300 });
  });

  it('on random JSON values written as YAML', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void checkWellFormed(stringify(value))), { numRuns: 300 });
  });

  it('on the example with random values put anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), leafish), { minLength: 1, maxLength: 4 }), (edits) => {
        let doc: unknown = valid;
        for (const [path, value] of edits) doc = withValue(doc, path, value);
        checkWellFormed(stringify(doc));
      }),
      { numRuns: 400 },
    );
  });
});
