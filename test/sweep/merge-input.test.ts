/**
 * `tenancy-sim merge` reads shard folders that come from users: a sweep.json it did not write must never
 * choose where results go, crash it, exhaust its memory or reach the terminal raw. Each case starts from a
 * real sweep's sweep.json, changes it, and merges it through `main`, in a working folder nested in a fresh
 * temporary tree so that anything written outside the output folder shows.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runSweep } from '../../src/cli/sweep-command.js';
import { captureIo, NOISY_SCENARIO, scenarioFile, tmp, workerUrl } from './helpers.js';

/** sweep.json of a whole sweep (merging it alone gives the same sweep back). */
let wholeText: string;
/** A sweep.json as a test changes it (any shape: tests break it on purpose). */
type Doc = any;
/** Its parsed document, for tests to change. */
const whole = (): Doc => JSON.parse(wholeText);

beforeAll(async () => {
  const out = join(tmp(), 'whole');
  const { io, out: o } = captureIo();
  expect(await runSweep(scenarioFile(NOISY_SCENARIO), { out, workers: 0, workerUrl: await workerUrl() }, io), o.stderr).toBe(0);
  wholeText = readFileSync(join(out, 'sweep.json'), 'utf8');
});

/** Every path under `dir`, relative, folders ending in /. */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? [`${prefix}${d.name}/`, ...listing(join(dir, d.name), `${prefix}${d.name}/`)] : [`${prefix}${d.name}`]);
}

/**
 * Writes `sweepJson` as `shard/sweep.json` in a working folder `top/a/b/work` and runs `tenancy-sim merge
 * shard ...args` there. Returns the exit code, what was printed, and every path under `top` written besides
 * the shard (so `a/b/work/results/<name>-sweep/...` after a merge to the default folder).
 */
async function mergeShard(sweepJson: string, args: string[] = []) {
  const top = tmp();
  const work = join(top, 'a', 'b', 'work');
  mkdirSync(join(work, 'shard'), { recursive: true });
  writeFileSync(join(work, 'shard', 'sweep.json'), sweepJson);
  const { io, out } = captureIo({ cwd: work });
  const code = await main(['merge', 'shard', ...args], io);
  const written = listing(top).filter((p) => !['a/', 'a/b/', 'a/b/work/', 'a/b/work/shard/', 'a/b/work/shard/sweep.json'].includes(p));
  expect(readFileSync(join(work, 'shard', 'sweep.json'), 'utf8'), 'the shard is left as it was').toBe(sweepJson);
  return { code, ...out, written };
}

const withField = (field: string, value: unknown) => JSON.stringify({ ...whole(), [field]: value });

describe('the output folder', () => {
  test('an --out that reaches a merged folder through a symlink is refused like the folder itself, and the folder is left as it was', async () => {
    const r = await mergeShard(wholeText, ['--out', 'link']);
    expect(r.code).toBe(0); // a plain --out is fine
    const top = tmp();
    const work = join(top, 'work');
    mkdirSync(join(work, 'shard'), { recursive: true });
    writeFileSync(join(work, 'shard', 'sweep.json'), wholeText);
    symlinkSync(join(work, 'shard'), join(work, 'alias'));
    const { io, out } = captureIo({ cwd: work });
    expect(await main(['merge', 'shard', '--out', 'alias'], io)).toBe(2);
    expect(out.stderr).toMatch(/is one of the folders merged; choose another with --out/);
    expect(listing(join(work, 'shard'))).toEqual(['sweep.json']);
    expect(readFileSync(join(work, 'shard', 'sweep.json'), 'utf8')).toBe(wholeText);
  });

  test('a whole sweep merged alone goes to results/<scenario>-sweep', async () => {
    const r = await mergeShard(wholeText);
    expect(r.code, r.stderr).toBe(0);
    expect(r.written).toEqual(['a/b/work/results/', 'a/b/work/results/noisy-sweep/', ...['.tenancy-sim.json', 'sweep.csv', 'sweep.html', 'sweep.json'].map((f) => `a/b/work/results/noisy-sweep/${f}`)]);
  });

  test('a scenario name that is a path is refused (exit 2), nothing is written', async () => {
    for (const name of ['../../victim', '../../../../victim/data', '/tmp/victim', 'a/b', '..', '']) {
      const r = await mergeShard(withField('scenario', name));
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain(`shard/sweep.json: scenario: expected a scenario name of letters, digits, '.', '_' and '-' (not only dots), got ${JSON.stringify(name)}`);
      expect(r.written, name).toEqual([]);
    }
  });
});

describe('reading sweep.json', () => {
  /** Runs merge on a folder whose sweep.json `make` creates; fails the test if merge takes more than 5 s. */
  async function mergeMade(make: (file: string) => void, unblock: (file: string) => void = () => {}) {
    const work = tmp();
    mkdirSync(join(work, 'shard'));
    const file = join(work, 'shard', 'sweep.json');
    make(file);
    const { io, out } = captureIo({ cwd: work });
    const merged = main(['merge', 'shard'], io);
    const late = Symbol('late');
    const first = await Promise.race([merged, new Promise<symbol>((r) => setTimeout(() => r(late), 5000))]);
    if (first === late) {
      unblock(file);
      await merged;
    }
    return { late: first === late, code: await merged, ...out, written: readdirSync(work) };
  }

  test('a FIFO or a device is refused at once (exit 2), without waiting for it', async () => {
    const fifo = await mergeMade((f) => execFileSync('mkfifo', [f]), (f) => closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK)));
    expect(fifo.late, 'merge waited for a writer').toBe(false);
    expect(fifo).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: not a regular file\n', written: ['shard'] });
    const device = await mergeMade((f) => symlinkSync('/dev/zero', f));
    expect(device.late, 'merge read /dev/zero').toBe(false);
    expect(device).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: not a regular file\n', written: ['shard'] });
  });

  test('a sweep.json over 256 MiB is refused before it is read (exit 2)', async () => {
    const r = await mergeMade((f) => {
      writeFileSync(f, '');
      truncateSync(f, 256 * 1024 * 1024 + 1); // sparse: nothing to write
    });
    expect(r.late).toBe(false);
    expect(r).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: 268,435,457 bytes; a sweep.json has at most 268,435,456 (256 MiB)\n', written: ['shard'] });
  });
});

describe('sweep.json is checked field by field (exit 2, `<dir>/sweep.json: <path>: <message>`)', () => {
  const metric = (d: Doc) => d.points[0].variants[0].metrics.invocations;
  const cases: [string, (d: Doc) => void, string][] = [
    ['points: null', (d) => (d.points = null), 'points: expected a list of points, got null'],
    ['replications: 1e9', (d) => (d.replications = 1e9), 'replications: expected an integer from 1 to 1000, got 1000000000'],
    ['a seed as text', (d) => (d.seed = '11'), 'seed: expected an integer from 0 to 9007199254740991, got "11"'],
    ['seeds but one', (d) => (d.seeds = [11]), 'seeds: expected 3 seeds, one per replication, got 1'],
    ['another first seed', (d) => (d.seeds[0] = 12), 'seeds[0]: expected the seed, 11, got 12'],
    ['101 variants', (d) => (d.variants = Array.from({ length: 101 }, (_, i) => `v${i}`)), 'variants: expected at most 100 variants, got 101'],
    ['a variant twice', (d) => (d.variants = ['shared', 'shared']), 'variants[1]: the variant "shared" is given twice'],
    ['an unknown baseline', (d) => (d.baseline = 'nope'), 'baseline: expected one of the variants `shared`, `isolated`, got "nope"'],
    ['another format', (d) => (d.format = 'tenancy-sim-sweep/1'), 'format: expected "tenancy-sim-sweep/2", got "tenancy-sim-sweep/1": not a sweep.json of this version of tenancy-sim'],
    ['a grid of another size', (d) => (d.pointCount = 12), "pointCount: expected 6, the product of the parameters' numbers of values, got 12"],
    ['a value nested 33 deep', (d) => (d.parameters[0].values[0] = JSON.parse(`${'['.repeat(33)}1${']'.repeat(33)}`)), 'parameters[0].values[0]: a swept value nests lists and maps at most 32 deep'],
    ['a value of 10,001 characters', (d) => (d.parameters[1].values[0] = 'x'.repeat(9999)), 'parameters[1].values[0]: a swept value is at most 10,000 characters as JSON, got 10,001'],
    ['a parameter swept twice', (d) => (d.parameters[1].key = 'tenants.count'), 'parameters[1].key: `tenants.count` is swept twice'],
    ['a key that is no path', (d) => (d.parameters[0].key = '../x'), 'parameters[0].key: expected a path into the scenario such as tenants.count or traffic[0].poisson.rate, got "../x"'],
    ['a point outside any grid', (d) => (d.points[0].index = 1e9), 'points[0].index: expected an integer from 0 to 9999, got 1000000000'],
    ['a point past the grid', (d) => (d.points[0].index = 6), 'points[0].index: expected a point of the grid, 0 to 5, got 6'],
    ['a point given twice', (d) => (d.points[1].index = 0), 'points[1].index: point 0 is given twice'],
    ["values that are not the point's", (d) => (d.points[0].values = [20, '10s']), 'points[0].values: expected the values of grid point 0, [5,"10s"], got [20,"10s"]'],
    ['variants out of order', (d) => d.points[0].variants.reverse(), 'points[0].variants[0].name: expected "shared" (the variants in order), got "isolated"'],
    ['a replication missing', (d) => (metric(d).values.pop(), (metric(d).n = 2)), 'points[0].variants[0].metrics.invocations.values: expected 3 values, one per replication, got 2'],
    ['a count that does not count', (d) => (metric(d).n = 2), 'points[0].variants[0].metrics.invocations.n: expected 3, the values that are not null, got 2'],
    ['a mean "NaN"', (d) => (metric(d).mean = 'NaN'), 'points[0].variants[0].metrics.invocations.mean: expected a finite number, got "NaN"'],
    ['an interval without its other end', (d) => (metric(d).ciHigh = null), 'points[0].variants[0].metrics.invocations: expected ciLow and ciHigh with 2 values or more, null with one'],
    ['an unknown metric', (d) => (d.points[0].variants[0].metrics.bogus = metric(d)), 'points[0].variants[0].metrics.bogus: expected a metric of sweep.csv such as monthlyCostUsd, got "bogus"'],
    ['metrics of another version', (d) => (d.metrics[0].label = 'x'), 'metrics[0]: expected {"name":"invocations","unit":"count","label":"invocations"}: the metrics of this version of tenancy-sim'],
    ['a shard index past the count', (d) => (d.shard = { index: 3, count: 2 }), 'shard.index: expected at most shard.count, 2, got 3'],
    ["points of another shard", (d) => (d.shard = { index: 1, count: 2 }), 'points[1].index: point 1 is not in shard 1/2'],
    ['an unknown limit kind', (d) => (d.points[0].variants[0].limits[0].kind = 'x'), "points[0].variants[0].limits[0].kind: expected one of `account`, `reserved`, `scalingRate`, `tenantEnvironmentCap`, got \"x\""],
  ];

  test.each(cases)('%s', async (_name, change, message) => {
    const d = whole();
    change(d);
    const r = await mergeShard(JSON.stringify(d));
    expect(r.stderr).toContain(`tenancy-sim merge: shard/sweep.json: ${message}\n`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
    expect(r.written).toEqual([]);
  });

  test('every problem is listed, each on its line', async () => {
    const r = await mergeShard(JSON.stringify({ ...whole(), seed: -1, confidence: 0.9, charts: ['nope'] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe([
      'tenancy-sim merge: shard/sweep.json: seed: expected an integer from 0 to 9007199254740991, got -1',
      'shard/sweep.json: confidence: expected 0.95, got 0.9',
      'shard/sweep.json: charts[0]: expected a metric of sweep.csv such as monthlyCostUsd, got "nope"',
      '',
    ].join('\n'));
  });

  test('a point count of 1e9 is refused before anything is allocated for it', async () => {
    const r = await mergeShard(JSON.stringify({ ...whole(), pointCount: 1e9 }));
    expect(r).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: pointCount: expected an integer from 1 to 10000, got 1000000000\n', written: [] });
  });
});

describe('text from a shard reaches the terminal escaped', () => {
  /** Control, C1 and bidi characters. */
  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const evil = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil';

  test('names and values in the summary (exit 0)', async () => {
    const d = whole();
    const limit = d.points[0].variants[1].limits[0];
    limit.limit = `${evil} limit`;
    limit.hit = true;
    d.parameters[1].values[0] = `${evil}10s`;
    for (const p of d.points) if (p.values[1] === '10s') p.values[1] = `${evil}10s`;
    const r = await mergeShard(JSON.stringify(d));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}evil limit');
    expect(r.stdout).toContain('\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}evil10s');
    expect(UNSAFE.test(r.stdout + r.stderr)).toBe(false);
  });

  test('problems (exit 2)', async () => {
    const r = await mergeShard(JSON.stringify({ ...whole(), variants: ['\u009b\u202e', 'shared'], points: [{ index: 0, values: [evil], variants: [] }] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('variants[0]: expected a variant name of letters, digits, \'.\', \'_\' and \'-\' (not only dots), got "\\u{9b}\\u{202e}"');
    expect(UNSAFE.test(r.stdout + r.stderr)).toBe(false);
  });
});

describe('crafted shards', () => {
  type Path = (string | number)[];

  /** Every path into `v` (containers and leaves). */
  function pathsOf(v: unknown, at: Path = []): Path[] {
    if (v === null || typeof v !== 'object') return [at];
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    return [at, ...keys.flatMap((k) => pathsOf((v as Record<string | number, unknown>)[k], [...at, k]))];
  }

  /** Values a hostile or broken shard may hold. */
  const nasty = fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0.5, 1e9, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 32, '', 'x', [], {}, [null], { a: 1 }),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '0x10', '6', ' 6', '1e9'),
    fc.constantFrom('../../victim', '../../../../victim/data', '/tmp/victim', '..', '.', 'a/b', 'C:\\victim', '~/victim', 'results/../../victim', 'noisy\u0000x'),
    fc.constantFrom('\u001b]0;owned\u0007', '\u001b[2J', '\u009b31m', '\u202eevil', 'tab\there', 'line\nbreak', '\u2066x\u2069'),
    fc.constantFrom('x'.repeat(300), 'x'.repeat(20_000), Array(1001).fill(1), Array(10_001).fill(0), Array(100_000).fill('x')),
    fc.constantFrom(JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`), JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`)),
    fc.jsonValue({ maxDepth: 3 }),
  );

  /** One change at a path: a new value, the entry removed, a list item given twice, or a junk key added. */
  const change = (paths: Path[]) => fc.record({ path: fc.constantFrom(...paths), op: fc.constantFrom('set', 'set', 'set', 'delete', 'repeat', 'junk'), value: nasty });

  function apply(doc: Doc, { path, op, value }: { path: Path; op: string; value: unknown }): Doc {
    if (path.length === 0) return op === 'set' ? value : doc;
    const parent = path.slice(0, -1).reduce((o: Doc, k) => (o === null || typeof o !== 'object' ? undefined : o[k]), doc);
    if (parent === null || typeof parent !== 'object') return doc;
    const key = path[path.length - 1];
    if (op === 'set') parent[key] = value;
    else if (op === 'delete') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (op === 'repeat' && Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
    else if (op === 'junk' && parent[key] !== null && typeof parent[key] === 'object' && !Array.isArray(parent[key])) parent[key].__proto__junk = value;
    return doc;
  }

  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  test('property (200 runs): a real shard changed field by field merges (0) or is refused (2), never crashes (1), prints no stack trace or raw control character, and writes only its output folder', async () => {
    const paths = pathsOf(whole());
    const header = paths.filter((p) => p.length <= 2 && p[0] !== 'points' && p[0] !== 'breakpoints');
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change(paths), { minLength: 1, maxLength: 3 }), fc.array(change(header), { maxLength: 2 }), fc.boolean(), async (changes, headerChanges, toOut) => {
        const doc = [...changes, ...headerChanges].reduce(apply, whole());
        const r = await mergeShard(JSON.stringify(doc) ?? 'undefined', toOut ? ['--out', 'out'] : []);
        expect([0, 2], r.stderr).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(UNSAFE.test(r.stdout + r.stderr), 'printed raw').toBe(false);
        if (r.code === 2) expect(r.written).toEqual([]);
        else {
          merged++;
          const folder = toOut ? 'a/b/work/out/' : `a/b/work/results/${doc.scenario}-sweep/`;
          expect(r.written.filter((p) => p !== 'a/b/work/results/' && !p.startsWith(folder))).toEqual([]);
          expect(r.written).toContain(`${folder}sweep.json`);
        }
      }),
      { numRuns: 200 },
    );
    expect(merged, 'some changed shards still merge').toBeGreaterThan(0);
  });

  test('broken JSON text: truncated, a byte-order mark, NUL bytes, nothing', async () => {
    for (const text of [wholeText.slice(0, 1000), `\ufeff${wholeText}`, wholeText.replace('"noisy"', '"no\u0000isy"'), '', 'null', '[]', '"x"', '1e999']) {
      const r = await mergeShard(text);
      expect(r.code, text.slice(0, 20)).toBe(2);
      expect(r.stderr).toMatch(/^tenancy-sim merge: shard\/sweep\.json: /);
      expect(UNSAFE.test(r.stderr)).toBe(false);
      expect(r.written).toEqual([]);
    }
  });
});
