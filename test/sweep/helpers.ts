/**
 * Helpers of the sweep tests: the worker entry bundled from the sources, the commands driven in-process,
 * small scenarios, temporary folders.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { bundledWorker, root } from '../helpers/worker-bundle.js';

export { root };

/** The sweep's worker entry bundled from the current sources (see worker-bundle.ts). */
export function workerUrl(): Promise<URL> {
  return bundledWorker('sweep/worker.ts');
}

/** An in-process terminal: what the command wrote, and its io. */
export function captureIo(extra: Partial<CliIo> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s), cwd: root, ...extra };
  return { io, out };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the file's tests. */
export function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-sweep-'));
  made.push(dir);
  return dir;
}

/** Writes `text` as a scenario file in a fresh temporary folder and returns its path. */
export function scenarioFile(text: string, name = 'scenario.yaml'): string {
  const file = join(tmp(), name);
  writeFileSync(file, text);
  return file;
}

/**
 * Sequential calls, one per tenant a second apart, each 5 ms plus a 100 ms init when cold, on a function
 * with 2 reserved concurrency: its isolated environment cap is floor(2,500 x 2 / 1,000) = 5, so the
 * isolated variant (one environment per tenant, all alive for the 10-minute keep-alive) is refused its 6th.
 */
export const CAP_SCENARIO = `name: cap-crossing
seed: 3
functions:
  api: { runtime: python3.13, memoryMb: 128, duration: 5ms, initDuration: 100ms, reservedConcurrency: 2 }
tenants: { count: 3 }
traffic:
  - function: api
    sequential: { interval: 1s, rounds: 1 }
`;

/** Poisson traffic for two simulated minutes: random enough for confidence intervals, a few ms to run. */
export const NOISY_SCENARIO = `name: noisy
seed: 11
horizon: 2m
platform: { keepAlive: 20s }
functions:
  api: { runtime: nodejs22.x, memoryMb: 256, duration: { exponential: { mean: 80ms } } }
tenants: { count: 10, popularity: { zipf: 1.0 } }
traffic:
  - function: api
    poisson: { rate: 4/s }
sweep:
  parameters:
    tenants.count: [5, 20, 80]
    platform.keepAlive: [10s, 1m]
  replications: 3
  breakpoints: { cost: +10%, p99: +50ms }
  metrics: [cost, p99]
`;
