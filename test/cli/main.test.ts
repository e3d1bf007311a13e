/**
 * The CLI driven in-process: commands, exit codes, output files, and bad input without stack traces.
 */
import { texts } from '../helpers/results.js';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Simulation } from '../../src/model/simulation.js';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenario/index.js';

const root = resolve(import.meta.dirname, '..', '..');
const seedScenario = join(root, 'scenarios', 'seed-20-tenants.yaml');

async function cli(...argv: string[]) {
  return cliWith({}, ...argv);
}

async function cliWith(extra: { signal?: AbortSignal; onStderr?: (s: string) => void }, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (s: string) => (stdout += s),
    stderr: (s: string) => {
      stderr += s;
      extra.onStderr?.(s);
    },
    cwd: root,
    signal: extra.signal,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('tenancy-sim run', () => {
  test('prints the side-by-side table and writes the seven files', async () => {
    const out = join(tmp(), 'r');
    const r = await cli('run', seedScenario, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cold starts\s+1\s+20 \(\+19 \+1900\.0%\)/);
    expect(r.stdout).toContain('isolated (vs shared)');
    expect(readdirSync(out).sort()).toEqual(['.tenancy-sim.json', 'config.json', 'functions.csv', 'groups.csv', 'summary.csv', 'summary.json', 'tenants.csv', 'timeseries.csv']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toBe('seed-20-tenants');
    expect(summary.variants.map((v: { name: string; coldStarts: number }) => [v.name, v.coldStarts])).toEqual([['shared', 1], ['isolated', 20]]);
    const tenants = readFileSync(join(out, 'tenants.csv'), 'utf8').trim().split('\n');
    expect(tenants).toHaveLength(1 + 2 * 20);
    // 1 invocation, completed, nothing failed, one cold start (its first use), one environment
    expect(tenants[1]).toMatch(/^shared,tenant-1,all,1,1,0,0,0,0,0,0,0,1,1,1,1,0,0,0,0,0,/);
  });

  test('--json prints summary.json, byte for byte what it writes', async () => {
    const out = join(tmp(), 'r');
    const r = await cli('run', seedScenario, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
  });

  test('--variant selects and orders variants; --seed overrides the seed', async () => {
    const r = await cli('run', seedScenario, '--out', join(tmp(), 'r'), '--json', '--variant', 'isolated', '--seed', '9');
    const doc = JSON.parse(r.stdout);
    expect(doc.seed).toBe(9);
    expect(doc.variants.map((v: { name: string }) => v.name)).toEqual(['isolated']);
  });

  test('writes, byte for byte, the files of the scenario run in memory with the same seed', async () => {
    const out = join(tmp(), 'r');
    const r = await cli('run', seedScenario, '--out', out, '--seed', '9', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const loaded = loadScenario(readFileSync(seedScenario, 'utf8'), seedScenario, { seed: 9 });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const expected = texts(runScenario(loaded.scenario).files);
    expect(readdirSync(out).filter((f) => f !== '.tenancy-sim.json').sort()).toEqual(Object.keys(expected).sort());
    for (const [f, content] of Object.entries(expected)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(content);
  });

  test('a bad scenario: located messages, exit 2, no stack trace, previous results untouched', async () => {
    const dir = tmp();
    const out = join(dir, 'r');
    await cli('run', seedScenario, '--out', out);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nfunctions:\n  api: { runtime: python3.13, duration: 5 }\ntraffic: []\n');
    const r = await cli('run', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3:`);
    expect(r.stderr).toMatch(/functions\.api\.duration: expected a duration/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
  });

  test('binary junk, an empty file and a directory: exit 2, located, no stack trace', async () => {
    const dir = tmp();
    const junk = join(dir, 'junk.yaml');
    writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    for (const file of [junk, empty, dir]) {
      const r = await cli('run', file, '--out', join(dir, 'r'));
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(/:\d+:\d+: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('a missing file and bad arguments exit 2 with a message', async () => {
    const missing = await cli('run', 'no-such.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such\.yaml:1:1: .*ENOENT/);
    const badSeed = await cli('run', seedScenario, '--seed', 'x');
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain('got "x"');
    expect((await cli('run', seedScenario, '--seed')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli()).code).toBe(2);
  });

  test.skipIf(process.getuid?.() === 0)('an unwritable output folder is refused before simulating (exit 3)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o500);
    const r = await cli('run', seedScenario, '--out', join(dir, 'locked', 'r'));
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });

  test('a folder that is not a results folder is never replaced (exit 3, before simulating)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'project', 'notes.txt'), 'keep me');
    writeFileSync(join(dir, 'file.txt'), 'keep me too');
    for (const out of [join(dir, 'project'), join(dir, 'file.txt'), root, '/']) {
      const r = await cli('run', seedScenario, '--out', out, '--quiet');
      expect(r.code, out).toBe(3);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(join(dir, 'project', 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('keep me too');
    expect((await cli('run', seedScenario, '--out')).code).toBe(2);
    expect((await cli('run', seedScenario, '--out', ' ')).code).toBe(2);
  });

  test('an output path under a regular file is refused (exit 3), even as root', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await cli('run', seedScenario, '--out', join(dir, 'file', 'r'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write results/);
    expect(existsSync(join(dir, 'file', 'r'))).toBe(false);
  });
});

describe('long runs', () => {
  test('--trace writes one row per invocation attempt', async () => {
    const out = join(tmp(), 'r');
    expect((await cli('run', seedScenario, '--out', out, '--trace', '--quiet')).code).toBe(0);
    const rows = readFileSync(join(out, 'invocations.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('variant,function,tenant,arrivalMs,startMs,endMs,outcome,cold,environment,billedMs,limit,runMs,traffic');
    expect(rows).toHaveLength(1 + 40);
    expect(rows.filter((r) => r.startsWith('isolated,') && r.includes(',ran,1,'))).toHaveLength(20);
    expect(rows.filter((r) => r.startsWith('shared,') && r.includes(',ran,1,'))).toHaveLength(1);
  });

  test('an interruption writes nothing, keeps earlier results and leaves no temporary folder', async () => {
    const dir = tmp();
    const out = join(dir, 'r');
    await cli('run', seedScenario, '--out', out, '--quiet');
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'name: big\nhorizon: 30d\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 50 }\ntraffic:\n  - function: api\n    poisson: { rate: 100/s }\n');
    const stop = new AbortController();
    const close = vi.spyOn(Simulation.prototype, 'close'); // which stops the variant's arrival worker, if any
    const r = await cliWith({ signal: stop.signal, onStderr: (s) => s.includes('%') && stop.abort() }, 'run', big, '--out', out);
    expect(close).toHaveBeenCalledTimes(1);
    close.mockRestore();
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: nothing written/);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['big.yaml', 'r']);
  });
});

describe('tenancy-sim validate and schema', () => {
  test('validate reports ok with the variants', async () => {
    const r = await cli('validate', seedScenario);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok \(2 variants: shared, isolated\)/);
  });
  test('schema prints a JSON Schema describing the scenario keys', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['functions', 'traffic', 'tenants', 'platform', 'variants']));
  });
  test('--help prints usage and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tenancy-sim run <scenario>');
  });
});

describe('how large a run may be', () => {
  test('a run expected to exceed a billion invocations is refused before it starts, unless --max-invocations raises the limit', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'zero.yaml'), 'name: zero\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 3 }\ntraffic:\n  - { function: api, sequential: { interval: 0ms, rounds: 1000000000 } }\n');
    writeFileSync(join(dir, 'burst.yaml'), 'name: burst\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, phases: [{ duration: 60, arrivalCount: 1000000000000 }] }\n');
    writeFileSync(join(dir, 'inf.yaml'), `name: inf\nhorizon: 1h\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, poisson: { rate: ${'9'.repeat(400)}/s } }\n`);
    const at = (...argv: string[]) => main(argv, { stdout: () => {}, stderr: (s) => void (err += s), cwd: dir });
    let err = '';
    expect(await at('validate', 'zero.yaml')).toBe(2);
    expect(err).toMatch(/zero\.yaml: the run would have about 6,000,000,000 invocations in 2 variants, more than the 1,000,000,000 allowed; pass --max-invocations 6000000000/);
    err = '';
    expect(await at('run', 'burst.yaml', '--out', 'r')).toBe(2);
    expect(err).toMatch(/about 2,000,000,000,000 invocations/);
    expect(existsSync(join(dir, 'r'))).toBe(false);
    err = '';
    expect(await at('validate', 'inf.yaml')).toBe(2);
    expect(err).toMatch(/traffic\[0\]\.poisson\.rate: expected a finite rate/);
    err = '';
    expect(await at('validate', 'zero.yaml', '--max-invocations', '6000000000')).toBe(0);
    expect(await at('validate', 'zero.yaml', '--max-invocations', 'lots')).toBe(2);
    expect(err).toMatch(/--max-invocations must be a whole number above 0, got "lots"/);
  });
});

describe('ten years', () => {
  test('a 3,650-day horizon: the series widen to 64-minute buckets (82,125 rows a variant, stated in bucketMs), not 5 million minutes', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'decade.yaml'), 'name: decade\nhorizon: 3650d\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, constant: { rate: 10/d } }\nvariants:\n  a: { tenancy: shared }\n  b: { tenancy: isolated }\n  c: { tenancy: isolated, platform: { keepAlive: 1h } }\n');
    const code = await main(['run', 'decade.yaml', '--out', 'r', '--quiet'], { stdout: () => {}, stderr: () => {}, cwd: dir });
    expect(code).toBe(0);
    const rows = readFileSync(join(dir, 'r', 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1 + 3 * 82_125);
    expect(rows[1]).toMatch(/^a,0,0,3840000,/);
    expect(rows[2]).toMatch(/^a,64,3840000,3840000,/);
    const arrivals = rows.slice(1).filter((r) => r.startsWith('a,')).reduce((s, r) => s + Number(r.split(',')[4]), 0);
    expect(arrivals).toBe(36_500);
  });
});
