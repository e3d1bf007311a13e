/**
 * Hostile input: at least 10,000 generated bad scenarios (wrong types, missing and unknown keys, bad
 * durations, absurd sizes, duplicate keys, binary junk) must each give located messages and never an
 * exception; alias bombs and a 10 MB file must be refused quickly. Replay a failure with the seed it prints:
 *   FUZZ_SEED=<seed> npx vitest run test/scenario/fuzz.test.ts
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { formatError, loadScenario } from '../../src/scenario/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const FILE = 'fuzz.yaml';

const BASE = {
  name: 'fuzz',
  description: 'base of the fuzz test',
  seed: 7,
  horizon: '1h',
  platform: { keepAlive: '10m', accountConcurrency: 1000, reuse: 'mru' },
  functions: {
    api: { runtime: 'nodejs22.x', memoryMb: 512, duration: { lognormal: { median: '60ms', p99: '800ms' } }, timeout: '10s' },
    worker: { runtime: 'python3.13', invocation: 'async', duration: { exponential: { mean: '2s' } }, reservedConcurrency: 10 },
  },
  tenants: { count: 100, popularity: { zipf: 1.1 } },
  traffic: [
    { function: 'api', poisson: { rate: '40/s' } },
    { function: 'worker', sequential: { interval: '1s', rounds: 2 }, clientRetries: { maxAttempts: 3 } },
  ],
  variants: { shared: { tenancy: 'shared' }, isolated: { tenancy: 'isolated' } },
};

/** Every path to a value in the base document. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}
const ALL_PATHS = paths(BASE).filter((p) => p.length > 0);

function setIn(doc: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const junkValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom('-5ms', 'NaNs', '1e400ms', '5 ms', 'Infinityh', '0ms', '-1/s', '0/s', '10', '1.5', '', '  ', 'ms', '/s', '9999999999999999999d'),
  fc.constantFrom(-1, 0, Number.NaN, Infinity, -Infinity, 1e15, 2 ** 53, 0.5, -0.0),
  fc.constantFrom(null, true, [], {}, [[]], { a: 1 }),
);

const keyTypos = fc.constantFrom('memoryMB', 'runtim', 'durations', 'keepalive', 'tenant', 'popularty', 'horizn', 'varients', 'reservedconcurrency', '__proto__', 'constructor');

/** A bad scenario, as YAML text. */
const badScenario: fc.Arbitrary<string> = fc.oneof(
  // a value replaced by junk
  fc.tuple(fc.constantFrom(...ALL_PATHS), junkValue).map(([p, v]) => stringify(setIn(BASE, p, v))),
  // a key removed
  fc.constantFrom(...ALL_PATHS).map((p) => stringify(setIn(BASE, p, undefined, true))),
  // an unknown key next to a real one
  fc.tuple(fc.constantFrom(...ALL_PATHS.filter((p) => p.length > 1)), keyTypos, junkValue).map(([p, k, v]) => stringify(setIn(BASE, [...p.slice(0, -1), k], v))),
  // two mutations at once
  fc.tuple(fc.constantFrom(...ALL_PATHS), junkValue, fc.constantFrom(...ALL_PATHS), junkValue).map(([p1, v1, p2, v2]) => {
    try {
      return stringify(setIn(setIn(BASE, p1, v1), p2, v2));
    } catch {
      return stringify(setIn(BASE, p1, v1));
    }
  }),
  // a line duplicated (duplicate keys, broken indentation)
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => {
    const lines = stringify(BASE).split('\n');
    const a = i % lines.length;
    lines.splice(j % lines.length, 0, lines[a]);
    return lines.join('\n');
  }),
  // text cut short or with a byte replaced
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
    const text = stringify(BASE);
    const at = i % text.length;
    return i % 2 === 0 ? text.slice(0, at) : text.slice(0, at) + String.fromCharCode(b) + text.slice(at + 1);
  }),
  // binary junk and random text
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

function expectLocated(text: string): void {
  const result = loadScenario(text, FILE);
  if (result.ok) return; // some mutations are still valid scenarios
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(0);
    expect(formatError(e)).toMatch(/^fuzz\.yaml:\d+:\d+: \S.*: \S/s);
    expect(e.message).not.toMatch(/\n\s+at /);
  }
}

describe(`hostile scenarios (seed ${SEED})`, () => {
  test('10,000 generated bad scenarios: located messages, never an exception', () => {
    fc.assert(fc.property(badScenario, expectLocated), { seed: SEED, numRuns: 10_000 });
  });

  test('the base scenario itself is valid (so the mutations above are what fails)', () => {
    expect(loadScenario(stringify(BASE), FILE).ok).toBe(true);
  });

  test('alias bombs are refused, located, at once', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    bomb.push('name: bomb');
    const result = loadScenario(bomb.join('\n'), FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].line).toBeGreaterThanOrEqual(1);
  });

  test('a 10 MB file is refused at once with a located message', () => {
    const entry = '  - { function: nope, poisson: { rate: 1/s } }\n';
    const text = `name: big\nhorizon: 1h\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n${entry.repeat(Math.floor((10 * 1024 * 1024) / entry.length))}`;
    const result = loadScenario(text, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatError(result.errors[0])).toMatch(/^fuzz\.yaml:1:1: \(file\): the scenario is 10\.00 MB/);
  });

  test('a file just under the limit with thousands of problems reports each, without an exception', () => {
    const entry = '  - { function: nope, poisson: { rate: 1/s } }\n';
    const text = `name: big\nhorizon: 1h\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n${entry.repeat(5000)}`;
    const result = loadScenario(text, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(5000);
    expectLocated(text);
  });
});
