/**
 * `run --shard i/n` and `merge` of its folders, driven in-process: the merge is the whole run's results but
 * for the peaks (bounds, said in merged.json), and every bad shard, set of shards or limit is refused with a
 * message, no stack trace, nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir });
  return { code, stdout, stderr };
}

const SCENARIO = `name: shards
description: 300 Zipf tenants at 20/s for 20 minutes, isolated, in two variants
seed: 5
horizon: 20m
tenancy: isolated
tenants: { count: 300, popularity: { zipf: 1.0 } }
functions:
  api:
    runtime: python3.13
    memoryMb: 512
    duration: { lognormal: { median: 80ms, p99: 400ms } }
    initDuration: { lognormal: { median: 300ms, p99: 900ms } }
traffic:
  - function: api
    poisson: { rate: 20/s }
  - function: api
    noTenant: true
    poisson: { rate: 0.05/s }
variants:
  isolated: {}
  keep-alive-5m: { platform: { keepAlive: 5m } }
`;
const PEAK_COLUMNS = ['peakConcurrency', 'peakEnvironments'];

/** A CSV's rows with the peak columns blanked. */
function withoutPeaks(csv: string): string {
  const [head, ...rows] = csv.trimEnd().split('\n');
  const blank = head.split(',').map((c) => PEAK_COLUMNS.includes(c));
  return [head, ...rows.map((r) => r.split(',').map((v, i) => (blank[i] ? '' : v)).join(','))].join('\n');
}

beforeAll(async () => {
  writeFileSync(join(dir, 'shards.yaml'), SCENARIO);
  for (const i of [1, 2, 3]) expect((await cli('run', 'shards.yaml', '--shard', `${i}/3`, '--out', `s${i}`)).code).toBe(0);
  expect((await cli('run', 'shards.yaml', '--quiet', '--out', 'whole')).code).toBe(0);
}, 120_000);

describe('merge of a run\'s shards', () => {
  test('is the whole run, file for file, but for the peaks, which are bounds and said to be', async () => {
    const r = await cli('merge', 's2', 's1', 's3', '--out', 'merged');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/merged 3 shards: every figure is the run's, but peaks .* are upper bounds/);
    const read = (d: string, f: string) => readFileSync(join(dir, d, f), 'utf8');
    for (const f of ['tenants.csv', 'groups.csv', 'config.json']) expect(read('merged', f), f).toBe(read('whole', f));
    for (const f of ['summary.csv', 'functions.csv', 'timeseries.csv']) expect(withoutPeaks(read('merged', f)), f).toBe(withoutPeaks(read('whole', f)));
    const merged = JSON.parse(read('merged', 'summary.json'));
    const whole = JSON.parse(read('whole', 'summary.json'));
    expect(merged.variants.map((v: { peakConcurrency: number }) => v.peakConcurrency >= 0)).toEqual([true, true]);
    merged.variants.forEach((v: Record<string, number>, k: number) => {
      expect(v.peakConcurrency).toBeGreaterThanOrEqual(whole.variants[k].peakConcurrency);
      expect(v.coldStarts).toBe(whole.variants[k].coldStarts);
      expect(v.totalUsdExact).toBe(whole.variants[k].totalUsdExact);
    });
    expect(JSON.parse(read('merged', 'merged.json')).shards).toBe(3);
    // the report of a merged folder says its peaks are bounds; a run's does not
    for (const d of ['merged', 'whole']) expect((await cli('report', d)).code).toBe(0);
    expect(read('merged', 'report.md')).toContain("Merged from tenant shards (`run --shard`, `merge`; see `merged.json`): every figure is the run's but peak concurrency");
    expect(read('merged', 'report.html')).toContain('Merged from tenant shards');
    expect(read('whole', 'report.md')).not.toContain('Merged from tenant shards');
    // the merged folder is tenancy-sim's: merging again replaces it
    expect((await cli('merge', 's1', 's2', 's3', '--out', 'merged')).code).toBe(0);
  });

  test('a missing, doubled or foreign shard is refused, naming it', async () => {
    expect((await cli('merge', 's1', 's2', '--out', 'm1')).stderr).toContain('shard 3/3 missing: a merge needs all 3');
    expect((await cli('merge', 's1', 's2', 's2', '--out', 'm2')).stderr).toContain('shard 2/3 is given twice: s2 and s2');
    expect((await cli('run', 'shards.yaml', '--seed', '6', '--shard', '3/3', '--out', 'other-seed')).code).toBe(0);
    const r = await cli('merge', 's1', 's2', 'other-seed', '--out', 'm3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('other-seed is a shard of another run than s1');
    for (const m of ['m1', 'm2', 'm3']) expect(existsSync(join(dir, m))).toBe(false);
  });

  test('a tampered or broken shard.json is refused with a message, not a stack trace', async () => {
    const good = readFileSync(join(dir, 's3', 'shard.json'), 'utf8');
    const cases: [string, string][] = [
      ['not json', 'not valid JSON'],
      [good.replace('"seed":5', '"seed":"five"'), 'seed'],
      [good.replace('tenants: { count: 300', 'tenants: { count: 301'), 'not the text its sha256 names'],
      [good.replace(/"inFlight":\[(\d+)\]/, '"inFlight":[$1,0]'), "do not fit the scenario"],
      [good.replace(/"cells":\{"invocations":\[/, '"cells":{"invocations":[1,'), "do not fit the scenario"],
      [good.replace(/"format":"[^"]*"/, '"format":"tenancy-sim-shard/0"'), 'expected a shard of this version'],
      [good.replace(/"bucketMs":\d+/, '"bucketMs":0.001'), 'not those of a run of 1200000 ms'],
      [good.replace(/"horizonMs":\d+/, '"horizonMs":1'), "where the scenario's horizon is 1200000 ms"],
      [good.replace(/"invocations":\[(\d+)/, '"invocations":[-5'), 'Too small'],
      [good.replace(/"peakBusy":\[(\d+)/, '"peakBusy":[4294967296'), 'Too big'],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      writeFileSync(join(dir, 's3', 'shard.json'), text);
      const r = await cli('merge', 's1', 's2', 's3', '--out', `bad${i}`);
      expect(r.code, message).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, `bad${i}`))).toBe(false);
    }
    writeFileSync(join(dir, 's3', 'shard.json'), good);
  });

  test('a shard whose scenario text was made unsplittable (digest and all) is refused', async () => {
    const { createHash } = await import('node:crypto');
    const good = readFileSync(join(dir, 's1', 'shard.json'), 'utf8');
    const doc = JSON.parse(good);
    doc.scenario.text = doc.scenario.text.replace('tenancy: isolated', 'tenancy: shared');
    doc.scenario.sha256 = createHash('sha256').update(doc.scenario.text).digest('hex');
    for (const d of ['t1', 't2', 't3']) {
      const copy = { ...doc, shard: { index: Number(d[1]), count: 3 } };
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(dir, d), { recursive: true });
      writeFileSync(join(dir, d, 'shard.json'), JSON.stringify(copy));
    }
    const r = await cli('merge', 't1', 't2', 't3', '--out', 'unsplittable');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be split into tenant shards');
    expect(existsSync(join(dir, 'unsplittable'))).toBe(false);
  });

  test('a first folder with neither file is named as such, not taken for a sweep', async () => {
    const r = await cli('merge', 'nowhere', 'nowhere-else', '--out', 'none');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('none of the folders holds a sweep.json (sweep --shard) or a shard.json (run --shard)');
  });

  test('a merge whose tenants could have been limited together is refused, naming the limit', async () => {
    writeFileSync(join(dir, 'capped.yaml'), SCENARIO.replace('horizon: 20m', 'horizon: 20m\nplatform: { accountConcurrency: 12, isolatedEnvironmentsPer1000: 100000 }'));
    for (const i of [1, 2]) expect((await cli('run', 'capped.yaml', '--shard', `${i}/2`, '--out', `c${i}`)).code).toBe(0);
    const r = await cli('merge', 'c1', 'c2', '--out', 'capped-merged');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/variant isolated: account concurrency: up to \d+ requests could have run at once, above the 12 the account leaves unreserved/);
    expect(existsSync(join(dir, 'capped-merged'))).toBe(false);
  });
});

describe('run --shard', () => {
  test('refuses what cannot be split, and options that belong to the merged run', async () => {
    const shared = await cli('run', join(root, 'scenarios', 'seed-20-tenants.yaml'), '--shard', '1/2', '--out', 'no');
    expect(shared.code).toBe(2);
    expect(shared.stderr).toContain('cannot be split into tenant shards');
    expect(shared.stderr).toContain('variant shared: function');
    expect((await cli('run', 'shards.yaml', '--shard', '3/2', '--out', 'no')).stderr).toContain('--shard expects i/n with 1 <= i <= n');
    expect((await cli('run', 'shards.yaml', '--shard', '1/2', '--report', '--out', 'no')).stderr).toContain('--shard writes shard.json only; --report goes with the merged run');
    expect(existsSync(join(dir, 'no'))).toBe(false);
    const many = await cli('run', 'shards.yaml', '--shard', '400/400', '--out', 'empty-shard');
    expect(many.code).toBe(0);
    expect(many.stderr).toContain('warning: 400 shards of 300 tenants: shards past 300 hold no tenant');
  });

  test('merge does not write into one of its shard folders', async () => {
    const r = await cli('merge', 's1', 's2', 's3', '--out', 's2/inside');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is inside one of the folders merged');
    expect(existsSync(join(dir, 's2', 'inside'))).toBe(false);
  });
});
