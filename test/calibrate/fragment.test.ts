/**
 * The scenario fragment on its edges: the distribution forms, rounding that leaves no spread, names the
 * scenario format refuses, runtimes tenancy-sim has no init times for, memory outside Lambda's range; every
 * fragment must load as part of a scenario.
 */
import { describe, expect, test } from 'vitest';
import {
  type DurationSummary,
  analyzeFunction,
  chooseRuntime,
  distributionValue,
  scenarioFragment,
  scenarioFunctionName,
  summarizeDurations,
} from '../../src/calibrate/index.js';
import { FunctionReports } from '../../src/calibrate/group.js';
import { scenarioMs, scenarioRate } from '../../src/calibrate/format.js';
import type { InvocationReport } from '../../src/calibrate/types.js';
import { loadFragment, lognormalSample } from './helpers.js';

function reports(durations: number[], extra: Partial<InvocationReport> = {}, runtimeVersion?: string): FunctionReports {
  const f = new FunctionReports();
  durations.forEach((durationMs, i) =>
    f.add({ durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMb: 256, maxMemoryUsedMb: 30, status: 'success', timeMs: 1_700_000_000_000 + i * 1000, ...extra }),
  );
  if (runtimeVersion) f.addRuntime(runtimeVersion);
  return f;
}

describe('distribution values', () => {
  test('constant, lognormal, empirical', () => {
    expect(distributionValue(summarizeDurations([12.5, 12.5])!)).toBe('12.5ms');
    const lognormal = summarizeDurations(lognormalSample(1000, Math.log(30), 0.5, 'fragment/ln'))!;
    expect(distributionValue(lognormal)).toEqual({ lognormal: { median: expect.stringMatching(/ms$/), p99: expect.stringMatching(/ms$/) } });
    const empirical = distributionValue(summarizeDurations([1, 2, 3])!);
    expect(empirical).toEqual({ empirical: expect.objectContaining({ p0: '1ms', p50: '2ms', p100: '3ms' }) });
  });

  test('a lognormal whose p99 rounds onto its median falls back to the percentiles', () => {
    const s = summarizeDurations([100, 100.001, 100.002, 100.001, 100, 100.002])!;
    const tight: DurationSummary = { ...s, form: 'lognormal', fit: { ...s.fit!, medianMs: 100.001, p99Ms: 100.003, fits: true } };
    expect(distributionValue(tight)).toHaveProperty('empirical');
  });

  test('scenario units never use exponent notation', () => {
    expect(scenarioMs(0.0004)).toBe('0ms');
    expect(scenarioMs(0.1234)).toBe('0.123ms');
    expect(scenarioMs(183.235)).toMatch(/^183\.2[34]ms$/);
    expect(scenarioRate(12.345678)).toBe('12.35/s');
    expect(scenarioRate(0.25)).toBe('15/min');
    expect(scenarioRate(1 / 86_400)).toBe('0.04167/h');
    expect(scenarioRate(12_345.6)).toBe('12346/s');
  });
});

describe('names, runtimes and memory', () => {
  test('names the scenario refuses are rewritten, collisions numbered, and said so', () => {
    expect(scenarioFunctionName('my.fn')).toBe('my_fn');
    expect(scenarioFunctionName('x'.repeat(80))).toHaveLength(64);
    const fragment = scenarioFragment([analyzeFunction('my.fn', reports([5, 6, 7])), analyzeFunction('my:fn', reports([5, 6, 7]))]);
    expect(fragment).toContain('  my_fn:\n');
    expect(fragment).toContain('  my_fn-2:\n');
    expect(fragment).toContain('# function `my:fn` is written as `my_fn-2`');
    expect(loadFragment(fragment, true)).toMatchObject({ ok: true });
  });

  test('runtime: --runtime, then the logs, then a stand-in the scenario accepts', () => {
    const known = new Map([['python:3.12.v40', 3]]);
    expect(chooseRuntime(known, false)).toEqual({ id: 'python3.12', source: 'logs' });
    expect(chooseRuntime(known, false, 'java21')).toEqual({ id: 'java21', source: 'option', note: undefined });
    expect(chooseRuntime(new Map(), false)).toMatchObject({ id: 'nodejs22.x', source: 'default' });
    const custom = new Map([['provided:al2023.v90', 1]]);
    expect(chooseRuntime(custom, true)).toEqual({ id: 'provided.al2023', source: 'logs' });
    expect(chooseRuntime(custom, false)).toMatchObject({ id: 'nodejs22.x', source: 'default', note: expect.stringContaining('provided:al2023.v90') });
  });

  test('a custom runtime loads when cold starts give its init duration, and a stand-in when none do', () => {
    const cold = analyzeFunction('custom', reports([5, 6, 7, 8, 9], { initDurationMs: 90 }, 'provided:al2023.v90'));
    const warm = analyzeFunction('custom', reports([5, 6, 7, 8, 9], {}, 'provided:al2023.v90'));
    const coldFragment = scenarioFragment([cold]);
    expect(coldFragment).toContain('runtime: provided.al2023 # from the logs');
    expect(coldFragment).toContain('initDuration: 90ms # all 5 values equal');
    expect(loadFragment(coldFragment)).toMatchObject({ ok: true });
    expect(scenarioFragment([warm])).toContain('runtime: nodejs22.x # a stand-in: the logs name provided:al2023.v90');
    // no cold start in the logs: the fragment says the init will be the runtime's hello-world figure
    expect(scenarioFragment([warm])).toMatch(/runtime: nodejs22\.x # a stand-in: .*; no init durations in the logs: the scenario will use this runtime's hello-world init \(lambda-perf\)/);
    expect(coldFragment).not.toContain('no init durations in the logs');
    expect(loadFragment(scenarioFragment([warm]))).toMatchObject({ ok: true });
  });

  test('the most frequent memory size is written, clamped to 128 to 10,240 MB, the others noted', () => {
    const f = reports([5, 6, 7]);
    f.add({ durationMs: 5, billedDurationMs: 5, memorySizeMb: 64, maxMemoryUsedMb: 20, status: 'success' });
    const mixed = scenarioFragment([analyzeFunction('api', f)]);
    expect(mixed).toContain('memoryMb: 256 # Memory Size in the logs; Max Memory Used p99 30 MB; also logged: 64 MB (1 report)');
    const small = new FunctionReports();
    for (const d of [1, 2, 3]) small.add({ durationMs: d, billedDurationMs: d, memorySizeMb: 64, maxMemoryUsedMb: 20, status: 'success' });
    const clamped = scenarioFragment([analyzeFunction('api', small)]);
    expect(clamped).toContain('memoryMb: 128 # Memory Size in the logs; Max Memory Used p99 20 MB; logged 64 MB is outside 128 to 10240');
    expect(loadFragment(clamped)).toMatchObject({ ok: true });
  });
});
