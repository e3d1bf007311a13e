/**
 * `run --sensitivity`: the variants rerun over the undocumented settings with the scenario's seed. The run as
 * written agrees with the plain run; a shorter keep-alive gives isolation more cold starts; the readings find
 * what moves a difference most and whether it keeps its sign; the CLI prints it, writes sensitivity.json, and
 * the report (from memory or from the folder) has its section and tornado chart.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { failureNote, sensitivityReadings, type SensitivityResult, verdictText } from '../../src/results/index.js';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runSensitivity, SENSITIVITY_RUNS, UNKNOWN_SETTINGS } from '../../src/sweep/sensitivity.js';

const YAML = `name: sens
horizon: 6h
seed: 4
functions:
  api: { runtime: python3.13, duration: 40ms }
tenants: { count: 40, popularity: { zipf: 1.1 } }
traffic:
  - { function: api, poisson: { rate: 1/s } }
`;

let cached: SensitivityResult | null = null;
async function analysis(): Promise<SensitivityResult> {
  cached ??= await runSensitivity(YAML, 'sens.yaml', { baseDir: tmpdir(), workers: 0 });
  return cached;
}

describe('the analysis', () => {
  test('runs the scenario as written, each setting value alone, and both joint extremes', async () => {
    const s = await analysis();
    expect(s.variants).toEqual(['shared', 'isolated']);
    expect(s.runs).toHaveLength(SENSITIVITY_RUNS);
    expect(s.runs.map((r) => r.label)).toEqual([
      'as written', ...UNKNOWN_SETTINGS.flatMap((x) => x.values.map((v) => `${x.path}=${v}`)), 'all settings at their scarcest', 'all settings at their most generous',
    ]);
  });

  test('the run as written is the plain run: same monthly cost and cold starts per 1,000 (common random numbers)', async () => {
    const s = await analysis();
    const loaded = loadScenario(YAML, 'sens.yaml');
    if (!loaded.ok) throw new Error('invalid');
    const plain = runScenario(loaded.scenario).results.summary.variants;
    plain.forEach((v, i) => {
      expect(s.runs[0].variants[i].monthlyCostUsd).toBeCloseTo(v.monthlyCostUsdExact!.total, 6);
      expect(s.runs[0].variants[i].coldStartsPer1000).toBeCloseTo((v.coldStarts / v.invocations) * 1000, 9);
    });
  });

  test('a shorter keep-alive gives the isolated variant more cold starts; the keep-alive moves its difference most', async () => {
    const s = await analysis();
    const colds = (label: string) => s.runs.find((r) => r.label === label)!.variants[1].coldStartsPer1000!;
    expect(colds('platform.keepAlive=5m')).toBeGreaterThan(colds('platform.keepAlive=10m'));
    expect(colds('platform.keepAlive=10m')).toBeGreaterThan(colds('platform.keepAlive=30m'));
    const cost = sensitivityReadings(s).find((r) => r.metric === 'monthlyCostUsd')!;
    expect(cost.swings[0].label).toBe('keep-alive');
    expect([cost.swings[0].lowAt, cost.swings[0].highAt]).toEqual(['30m', '5m']);
    expect(cost.min).toBeLessThanOrEqual(cost.asWritten!);
    expect(cost.max).toBeGreaterThanOrEqual(cost.asWritten!);
    expect(cost.holds).toBe(cost.min > 0 || cost.max < 0);
  });
});

describe('run --sensitivity', () => {
  test('prints the ranges, writes sensitivity.json, and the report has the section and the tornado chart; report <dir> reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenancy-sens-'));
    writeFileSync(join(dir, 'sens.yaml'), YAML);
    let stdout = '';
    const io = { stdout: (s: string) => void (stdout += s), stderr: () => {}, cwd: dir };
    expect(await main(['run', 'sens.yaml', '--sensitivity', '--workers', '0', '--report', '--quiet', '--out', 'r'], io)).toBe(0);
    expect(stdout).toMatch(/\nsensitivity: 16 runs of 2 variants over the settings AWS does not document/);
    expect(stdout).toMatch(/ {4}cost per 30-day month: \+\$[\d.]+ as written; \+?-?\$[\d.]+ to \+\$[\d.]+ across the settings; moved most by keep-alive \(/);
    const written = JSON.parse(readFileSync(join(dir, 'r', 'sensitivity.json'), 'utf8')) as SensitivityResult;
    expect(written).toEqual(await analysis());
    const md = readFileSync(join(dir, 'r', 'report.md'), 'utf8');
    expect(md).toContain('## How much the unknowns move the answer');
    expect(md).toMatch(/\| isolated vs shared \| cost per 30-day month \| \+\$[\d.]+ \|/);
    expect(readFileSync(join(dir, 'r', 'report.html'), 'utf8')).toContain('data-chart="sensitivity"');
    // from the folder
    expect(await main(['report', 'r', '--format', 'md'], io)).toBe(0);
    expect(readFileSync(join(dir, 'r', 'report.md'), 'utf8')).toBe(md);
  }, 120_000);

  test('--max-invocations counts the sensitivity runs: 17 times the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenancy-sens-'));
    writeFileSync(join(dir, 'sens.yaml'), YAML);
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), cwd: dir };
    // 6 h at 1/s in 2 variants: about 43,200 invocations; 17 runs: about 734,400
    expect(await main(['run', 'sens.yaml', '--quiet', '--out', 'r', '--max-invocations', '100000'], io)).toBe(0);
    expect(await main(['run', 'sens.yaml', '--quiet', '--out', 'r', '--sensitivity', '--workers', '0', '--max-invocations', '100000'], io)).toBe(2);
    expect(err).toMatch(/the run would have about 734,400 invocations in 2 variants, run 17 times \(--sensitivity\), more than the 100,000 allowed/);
  });

  test('a sensitivity.json that is not one is refused by report (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenancy-sens-'));
    writeFileSync(join(dir, 'sens.yaml'), YAML);
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), cwd: dir };
    let err = '';
    expect(await main(['run', 'sens.yaml', '--quiet', '--out', 'r'], io)).toBe(0);
    writeFileSync(join(dir, 'r', 'sensitivity.json'), JSON.stringify({ variants: ['a'], settings: [], runs: [{ label: 'x', setting: null, values: {}, variants: [] }] }));
    expect(await main(['report', 'r'], io)).toBe(2);
    expect(err).toMatch(/sensitivity\.json: .*every run must have one entry per variant/);
  });
});

describe('reading the analysis', () => {
  const result = (pairs: Array<[number, number, number, number]>): SensitivityResult => ({
    variants: ['shared', 'isolated'],
    settings: [{ path: 'platform.keepAlive', label: 'keep-alive', values: pairs.map((_, i) => `${i}m`) }],
    runs: pairs.map(([baseCost, cost, baseFailed, failed], i) => ({
      label: i === 0 ? 'as written' : `platform.keepAlive=${i}m`, setting: i === 0 ? null : 'platform.keepAlive', values: (i === 0 ? {} : { 'platform.keepAlive': `${i}m` }) as Record<string, string>,
      variants: [
        { monthlyCostUsd: baseCost, coldStartsPer1000: 1, latencyP99Ms: 10, failedShare: baseFailed },
        { monthlyCostUsd: cost, coldStartsPer1000: 1, latencyP99Ms: 10, failedShare: failed },
      ],
    })),
  });
  const cost = (s: SensitivityResult) => sensitivityReadings(s).find((r) => r.metric === 'monthlyCostUsd')!;

  test('0 is no change of sign: higher or equal in every run', () => {
    const r = cost(result([[10, 12, 0, 0], [10, 10, 0, 0], [10, 15, 0, 0]]));
    expect([r.holds, verdictText(r)]).toEqual([true, 'yes: isolated is higher or equal in every run']);
  });
  test('above in one run and below in another does not hold', () => {
    const r = cost(result([[10, 12, 0, 0], [10, 9, 0, 0]]));
    expect([r.holds, verdictText(r)]).toEqual([false, 'no: it is higher in some runs and lower in others']);
  });
  test('runs where the variant failed more are counted and named', () => {
    const r = cost(result([[10, 12, 0, 0], [10, 9, 0, 0.5], [10, 11, 0.01, 0.01]]));
    expect(r.failsMoreIn).toBe(1);
    expect(failureNote(r)).toBe('; in 1 of 3 runs isolated failed more of its requests than shared, so it did less work there');
  });
});

describe('what run --sensitivity and report refuse', () => {
  test('--workers that is not a whole number, one variant, a lifetime under a minute: exit 2; a sensitivity.json of other variants: report exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenancy-sens-'));
    writeFileSync(join(dir, 'sens.yaml'), YAML);
    writeFileSync(join(dir, 'life.yaml'), YAML.replace('horizon: 6h', 'horizon: 6h\nplatform: { maxLifetime: 1ms }'));
    let err = '';
    const io = { stdout: () => {}, stderr: (s: string) => void (err += s), cwd: dir };
    expect(await main(['run', 'sens.yaml', '--sensitivity', '--workers', '1.5', '--quiet', '--out', 'r'], io)).toBe(2);
    expect(err).toContain('--workers must be a whole number >= 0, got 1.5');
    expect(await main(['run', 'sens.yaml', '--sensitivity', '--variant', 'isolated', '--workers', '0', '--quiet', '--out', 'r'], io)).toBe(2);
    expect(err).toContain('--sensitivity compares variants with the baseline, and this run has only isolated');
    expect(await main(['validate', 'life.yaml'], io)).toBe(2);
    expect(err).toMatch(/platform\.maxLifetime: expected a duration at least 1m, got 1ms/);
    err = '';
    expect(await main(['run', 'sens.yaml', '--sensitivity', '--workers', '0', '--quiet', '--out', 'r'], io)).toBe(0);
    const path = join(dir, 'r', 'sensitivity.json');
    const s = JSON.parse(readFileSync(path, 'utf8')) as SensitivityResult;
    writeFileSync(path, JSON.stringify({ ...s, variants: ['shared', 'ghost'] }));
    expect(await main(['report', 'r'], io)).toBe(2);
    expect(err).toContain('sensitivity.json: variants: expected the variants of summary.json ("shared", "isolated"), in that order');
    writeFileSync(path, JSON.stringify({ ...s, settings: [{ path: 'x', label: 'a\u001b[31m', values: [] }] }));
    expect(await main(['report', 'r'], io)).toBe(2);
    expect(err).toContain('expected text without control characters');
  }, 60_000);

  test('a difference of float noise (under the shown precision) is no change of sign', () => {
    const s: SensitivityResult = {
      variants: ['shared', 'isolated'], settings: [],
      runs: [0, 0.001, -0.0000001].map((d, i) => ({ label: `r${i}`, setting: null, values: {}, variants: [
        { monthlyCostUsd: 1, coldStartsPer1000: 1, latencyP99Ms: 100, failedShare: 0 },
        { monthlyCostUsd: 1, coldStartsPer1000: 1, latencyP99Ms: 100 + d + (i === 1 ? 5 : 0), failedShare: 0 },
      ] })),
    };
    const p99 = sensitivityReadings(s).find((r) => r.metric === 'latencyP99Ms')!;
    expect(p99.holds).toBe(true);
  });
});
