/**
 * Test helpers for the trace parsers: fixture paths, a deliberately naive split-based reader to compute
 * expected values independently of the parsers, temporary files, and draining cursors.
 */
import type { RandomStream } from '../../src/engine/random.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { loadTrace, TraceError, type TraceData, type TraceSpec } from '../../src/traces/index.js';

/** The folder of the real trace samples. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/traces/', import.meta.url));

/** The rows of a CSV fixture as header + cells (split on newlines and commas; no quoting in these files). */
export function rawCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** Sum of `values` per key, as a plain object for readable diffs. */
export function totals<T>(items: Iterable<T>, key: (t: T) => string, value: (t: T) => number = () => 1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + value(it);
  return out;
}

/** One arrival, copied out of a cursor. */
export interface Arrival {
  timeMs: number;
  fn: number;
  tenant: number;
  durationMs: number;
}

/** All arrivals of `trace` (small traces only), drawing from `rng`. */
export function drain(trace: TraceData, rng: RandomStream = Object.assign(() => 0.5, { double: () => 0.5 })): Arrival[] {
  const c = trace.cursor(rng);
  const out: Arrival[] = [];
  while (c.next()) out.push({ timeMs: c.timeMs, fn: c.fn, tenant: c.tenant, durationMs: c.durationMs });
  return out;
}

const temporary: string[] = [];
// Registered in each test file that imports these helpers: its temporary folders go when it ends.
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-traces-'));
  temporary.push(dir);
  return dir;
}

/** Writes `content` to `name` in a fresh temporary folder; returns the folder. */
export function writeTemp(name: string, content: string | Buffer, dir = tempDir()): string {
  writeFileSync(join(dir, name), content);
  return dir;
}

/** Loads `content` as a trace file of `spec` (file name `t.csv` unless the spec names one). */
export async function loadText(content: string | Buffer, spec: Omit<TraceSpec, 'file'> & { file?: string }): Promise<TraceData> {
  const file = spec.file ?? 't.csv';
  const dir = writeTemp(file, content);
  return loadTrace({ ...spec, file } as TraceSpec, dir);
}

/** The TraceError `load` rejects with (fails the test if it resolves or throws anything else). */
export async function traceError(load: Promise<unknown>): Promise<TraceError> {
  try {
    await load;
  } catch (err) {
    expect(err).toBeInstanceOf(TraceError);
    return err as TraceError;
  }
  throw new Error('expected a TraceError, but the trace loaded');
}
