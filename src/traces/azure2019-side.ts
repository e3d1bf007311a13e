/**
 * The side files of the Azure Functions Trace 2019, joined to the counts by function:
 * - durations: `percentile_Average_{0,1,25,50,75,99,100}` (ms) per function, replayed as an empirical
 *   distribution (a piecewise-linear inverse CDF through those seven points);
 * - memory: `AverageAllocatedMb_pct99` per function (MB), rounded up to a Lambda memory size.
 * The join key is HashFunction, with HashApp too when the side file has that column (the dataset's function
 * hashes are unique only within an app). Rows for functions not in the counts file are checked, not kept.
 */
import { DistributionError, createSampler, type Sampler } from '../engine/distributions.js';
import type { LoadContext } from './context.js';
import { detach } from './growable.js';
import { missingColumn } from './header.js';
import { forEachLine } from './lines.js';
import { shown } from './problems.js';
import type { FileRef } from './spec.js';
import { decimal } from './times.js';

/** The percentiles of the durations file, in order, as `[percent, column]`. */
export const DURATION_PERCENTILES = [0, 1, 25, 50, 75, 99, 100].map((p) => [p, `percentile_Average_${p}`] as const);

/** The memory column used: the 99th percentile of the average allocated memory (see the report). */
export const MEMORY_COLUMN = 'AverageAllocatedMb_pct99';

/** Lambda's smallest memory setting in MB (any whole MB from 128 to 10,240 is valid). Source: AWS Lambda quotas. */
export const LAMBDA_MIN_MEMORY_MB = 128;
/** Lambda's largest memory setting in MB. Source: AWS Lambda quotas. */
export const LAMBDA_MAX_MEMORY_MB = 10_240;

/**
 * `mb` rounded up to a Lambda memory setting: the next whole MB, at least 128 and at most 10,240.
 * @example lambdaMemoryMb(57.2) // 128; lambdaMemoryMb(245.5) // 246
 */
export function lambdaMemoryMb(mb: number): number {
  return Math.min(LAMBDA_MAX_MEMORY_MB, Math.max(LAMBDA_MIN_MEMORY_MB, Math.ceil(mb)));
}

/** The join key of a function: its hash, prefixed by its app hash when the side file has HashApp. */
export type JoinKey = (app: string, fn: string) => string;

/** A side file's values by join key, and how to make the key. */
export interface SideTable<T> {
  key: JoinKey;
  values: Map<string, T>;
}

/**
 * Reads a side file: finds `columns` in the header (HashFunction, optional HashApp), calls `parse` with each
 * row's cells of those columns, keeps the values of the functions in `wanted` (keys by both join rules).
 * Null with the reasons in `ctx.problems` when the file cannot be used.
 */
async function readSide<T>(
  ref: FileRef,
  columns: readonly string[],
  wanted: { byFn: Set<string>; byPair: Set<string> },
  ctx: LoadContext,
  parse: (cells: string[], column: (k: number) => number, line: number) => T | undefined,
): Promise<SideTable<T> | null> {
  const { file } = ref;
  const { problems } = ctx;
  let header: { width: number; fn: number; app: number; cols: number[] } | null = null;
  let seen = false;
  const values = new Map<string, T>();
  const firstLine = new Map<string, number>();
  let key: JoinKey = (_app, fn) => fn;
  const read = await forEachLine(ref.path, file, ctx, (text, line) => {
    const cells = text.split(',');
    if (!seen) {
      seen = true;
      const names = cells.map((c) => c.trim());
      const find = (n: string) => {
        const i = names.indexOf(n);
        if (i < 0) problems.add(file, line, missingColumn(n, names));
        return i;
      };
      const fn = find('HashFunction');
      const cols = columns.map(find);
      const app = names.indexOf('HashApp');
      if (fn < 0 || cols.some((c) => c < 0)) return false;
      if (app >= 0) key = (a, f) => `${a},${f}`;
      header = { width: names.length, fn, app, cols };
      return true;
    }
    const h = header!;
    if (cells.length !== h.width) return problems.add(file, line, `expected ${h.width} cells as in the header, found ${cells.length}`);
    const fnHash = cells[h.fn].trim();
    const k = key(h.app >= 0 ? cells[h.app].trim() : '', fnHash);
    if (fnHash === '') return problems.add(file, line, 'expected a HashFunction, found an empty cell');
    const before = firstLine.get(k);
    if (before !== undefined) return problems.add(file, line, `this function (${shown(fnHash)}) already has a row, on line ${before}`);
    firstLine.set(detach(k), line);
    const column = (c: number) => cells.slice(0, h.cols[c]).join(',').length + (h.cols[c] > 0 ? 2 : 1);
    const v = parse(h.cols.map((c) => cells[c]), column, line);
    if (v !== undefined && (h.app >= 0 ? wanted.byPair : wanted.byFn).has(k)) values.set(detach(k), v);
  });
  if (read && !seen) problems.add(file, 1, 'the file has no header line');
  return read && header !== null ? { key, values } : null;
}

/** Durations per function as samplers, from the durations file. */
export function readDurations(ref: FileRef, wanted: { byFn: Set<string>; byPair: Set<string> }, ctx: LoadContext): Promise<SideTable<Sampler> | null> {
  return readSide(ref, DURATION_PERCENTILES.map(([, c]) => c), wanted, ctx, (cells, column, line) => {
    const points: [number, number][] = [];
    for (let i = 0; i < cells.length; i++) {
      const v = decimal(cells[i]);
      if (!(v >= 0)) {
        ctx.problems.add(ref.file, line, `expected ${DURATION_PERCENTILES[i][1]} in ms (a number >= 0), found ${shown(cells[i])}`, column(i));
        return undefined;
      }
      points.push([DURATION_PERCENTILES[i][0], v]);
    }
    try {
      return createSampler({ type: 'empirical', points });
    } catch (err) {
      if (!(err instanceof DistributionError)) throw err;
      ctx.problems.add(ref.file, line, `the duration percentiles do not make a distribution: ${err.message}`);
      return undefined;
    }
  });
}

/** Memory per function in MB (a Lambda size; null for an empty cell), from the memory file. */
export function readMemory(ref: FileRef, wanted: { byFn: Set<string>; byPair: Set<string> }, ctx: LoadContext): Promise<SideTable<number | null> | null> {
  return readSide(ref, [MEMORY_COLUMN], wanted, ctx, (cells, column, line) => {
    if (cells[0].trim() === '') return null;
    const v = decimal(cells[0]);
    if (!(v >= 0)) {
      ctx.problems.add(ref.file, line, `expected ${MEMORY_COLUMN} in MB (a number >= 0), found ${shown(cells[0])}`, column(0));
      return undefined;
    }
    return lambdaMemoryMb(v);
  });
}
