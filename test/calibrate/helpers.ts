/**
 * Shared by the calibrate tests: fixture paths, an in-process CLI runner, seeded samples, REPORT line
 * builders, and splicing a fragment into a minimal scenario.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { parse } from 'yaml';
import { type CalibrateCliOptions, type CalibrateDeps, runCalibrate } from '../../src/cli/calibrate-command.js';
import { normalQuantile } from '../../src/engine/normal.js';
import { loadScenario } from '../../src/scenario/index.js';

export const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'calibrate');

/** Runs `tenancy-sim calibrate` in-process with `cwd` = the fixtures folder (or `cwd`); `deps` replaces file system calls. */
export async function calibrate(files: string[], options: CalibrateCliOptions = {}, cwd = FIXTURES, deps: CalibrateDeps = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), cwd };
  const code = await runCalibrate(files, options, io, deps);
  return { code, stdout, stderr };
}

/** The scenario fragment printed after the summary. */
export function fragmentOf(stdout: string): string {
  const at = stdout.indexOf('\nScenario fragment:\n\n');
  if (at < 0) throw new Error(`no fragment in:\n${stdout}`);
  return stdout.slice(at + '\nScenario fragment:\n\n'.length);
}

/** `n` lognormal values (ms) with ln-mean `mu` and ln-sd `sigma`, from a seeded stream. */
export function lognormalSample(n: number, mu: number, sigma: number, seed: string): number[] {
  const rng = seedrandom(seed);
  return Array.from({ length: n }, () => Math.exp(mu + sigma * normalQuantile(rng())));
}

/** A REPORT line as Lambda writes it (tab-separated, trailing tab). */
export function reportLine(id: string, durationMs: number, options: { memoryMb?: number; usedMb?: number; initMs?: number } = {}): string {
  const f = (ms: number) => ms.toFixed(2);
  const fields = [
    `REPORT RequestId: ${id}`,
    `Duration: ${f(durationMs)} ms`,
    `Billed Duration: ${Math.ceil(durationMs)} ms`,
    `Memory Size: ${options.memoryMb ?? 128} MB`,
    `Max Memory Used: ${options.usedMb ?? 20} MB`,
  ];
  if (options.initMs !== undefined) fields.push(`Init Duration: ${f(options.initMs)} ms`);
  return `${fields.join('\t')}\t`;
}

/**
 * Loads `fragment` as part of a minimal scenario: with `traffic` (default: 1/s to the fragment's first
 * function) or, with `uncomment`, with the commented-out suggestion in the fragment made live.
 */
export function loadFragment(fragment: string, uncomment = false) {
  const names = Object.keys((parse(fragment) as { functions: Record<string, unknown> }).functions);
  let text: string;
  if (uncomment) {
    const lines = fragment.split('\n');
    const from = lines.findIndex((l) => l.startsWith('# Poisson arrivals'));
    if (from < 0) throw new Error('no traffic suggestion in the fragment');
    text = [...lines.slice(0, from), ...lines.slice(from + 1).map((l) => l.replace(/^# ?/, ''))].join('\n');
  } else {
    text = `${fragment}traffic:\n  - function: ${names[0]}\n    poisson: { rate: 1/s }\n`;
  }
  return loadScenario(`name: calibrated\nhorizon: 1m\n${text}`, 'calibrated.yaml');
}

const made: string[] = [];
/** A fresh temporary folder, removed by {@link removeTempDirs}. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-calibrate-'));
  made.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
