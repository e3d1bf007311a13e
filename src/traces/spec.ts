/**
 * Checking a {@link TraceSpec} once, at the boundary: defaults filled in, paths resolved, and options that do
 * not apply to the format (or cannot be right) reported as problems of the trace file as a whole.
 */
import { isAbsolute, resolve } from 'node:path';
import { type ProblemList, WHOLE_FILE } from './problems.js';
import type { TraceSpec } from './types.js';

/** A file to read: the path to open and the name to show in messages (as the user gave it). */
export interface FileRef {
  path: string;
  file: string;
}

/** CSV column names (defaults filled in) and whether each was named explicitly. */
export interface CsvColumns {
  time: string;
  function: string;
  tenant: string;
  duration: string;
  /** Columns named in the spec must exist; the default function, tenant and duration columns may be absent. */
  explicit: { function: boolean; tenant: boolean; duration: boolean };
}

/** Options of the generic `csv` format, defaults filled in. */
export interface CsvOptions extends FileRef {
  format: 'csv';
  columns: CsvColumns;
  timeUnit: 'auto' | 'epoch-ms' | 'epoch-s' | 'iso8601' | 'offset-s';
  /** Milliseconds per unit of the duration column: 1 (ms) or 1000 (s). */
  durationScale: number;
  sort: boolean;
}

/** Options of `azure2021`, defaults filled in. */
export interface Azure2021Options extends FileRef {
  format: 'azure2021';
  tenantFrom: 'app' | 'function';
}

/** Options of `azure2019`, defaults filled in. */
export interface Azure2019Options extends FileRef {
  format: 'azure2019';
  durations: FileRef | null;
  memory: FileRef | null;
  tenantFrom: 'app' | 'owner' | 'function';
  spread: 'uniform' | 'poisson';
  window: { fromMinute: number; toMinute: number } | null;
}

/** A checked spec. */
export type TraceOptions = CsvOptions | Azure2021Options | Azure2019Options;

/** Keys of a trace spec that only some formats read. */
export const FORMAT_ONLY_KEYS: Readonly<Record<string, readonly TraceSpec['format'][]>> = {
  durationsFile: ['azure2019'],
  memoryFile: ['azure2019'],
  tenantFrom: ['azure2019', 'azure2021'],
  spread: ['azure2019'],
  window: ['azure2019'],
  columns: ['csv'],
  timeUnit: ['csv'],
  durationUnit: ['csv'],
  sort: ['csv'],
};

function ref(file: string, baseDir: string): FileRef {
  return { file, path: isAbsolute(file) ? file : resolve(baseDir, file) };
}

function oneOf<T extends string>(problems: ProblemList, file: string, key: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  problems.add(file, WHOLE_FILE, `option \`${key}\`: expected one of ${allowed.join(', ')}, found ${JSON.stringify(v)}`);
  return dflt;
}

/** The csv options of `spec`, defaults filled in; problems reported under `file`. */
function csvOptions(spec: TraceSpec, main: FileRef, problems: ProblemList): CsvOptions {
  const { file } = main;
  const c = spec.columns ?? {};
  for (const [k, v] of Object.entries(c)) {
    if (!['time', 'function', 'tenant', 'duration'].includes(k)) problems.add(file, WHOLE_FILE, `option \`columns.${k}\`: expected time, function, tenant or duration`);
    else if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) problems.add(file, WHOLE_FILE, `option \`columns.${k}\`: expected a column name`);
  }
  const columns: CsvColumns = {
    time: c.time ?? 'timestamp',
    function: c.function ?? 'function',
    tenant: c.tenant ?? 'tenant',
    duration: c.duration ?? 'duration',
    explicit: { function: c.function !== undefined, tenant: c.tenant !== undefined, duration: c.duration !== undefined },
  };
  const timeUnit = oneOf(problems, file, 'timeUnit', spec.timeUnit, ['auto', 'epoch-ms', 'epoch-s', 'iso8601', 'offset-s'] as const, 'auto');
  const durationUnit = oneOf(problems, file, 'durationUnit', spec.durationUnit, ['ms', 's'] as const, 'ms');
  if (spec.sort !== undefined && typeof spec.sort !== 'boolean') problems.add(file, WHOLE_FILE, 'option `sort`: expected true or false');
  return { format: 'csv', ...main, columns, timeUnit, durationScale: durationUnit === 's' ? 1000 : 1, sort: spec.sort === true };
}

/** The azure2019 options of `spec`, defaults filled in; problems reported under `file`. */
function azure2019Options(spec: TraceSpec, main: FileRef, baseDir: string, problems: ProblemList): Azure2019Options {
  const { file } = main;
  const w = spec.window;
  let window: Azure2019Options['window'] = null;
  if (w !== undefined) {
    const ok = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
    if (ok(w.fromMinute) && ok(w.toMinute) && w.toMinute > w.fromMinute) window = { fromMinute: w.fromMinute, toMinute: w.toMinute };
    else problems.add(file, WHOLE_FILE, `option \`window\`: expected whole minutes with 0 <= fromMinute < toMinute, found ${JSON.stringify(w)}`);
  }
  return {
    format: 'azure2019',
    ...main,
    durations: spec.durationsFile === undefined ? null : ref(spec.durationsFile, baseDir),
    memory: spec.memoryFile === undefined ? null : ref(spec.memoryFile, baseDir),
    tenantFrom: oneOf(problems, file, 'tenantFrom', spec.tenantFrom, ['app', 'owner', 'function'] as const, 'app'),
    spread: oneOf(problems, file, 'spread', spec.spread, ['uniform', 'poisson'] as const, 'uniform'),
    window,
  };
}

/** The spec checked, or null with the reasons in `problems`. Paths are resolved against `baseDir`. */
export function checkSpec(spec: TraceSpec, baseDir: string, problems: ProblemList): TraceOptions | null {
  const file = typeof spec.file === 'string' && spec.file !== '' ? spec.file : '(trace)';
  const before = problems.problems.length;
  if (file === '(trace)') problems.add(file, WHOLE_FILE, 'option `file`: expected the path of the trace file');
  const format = oneOf(problems, file, 'format', spec.format, ['csv', 'azure2019', 'azure2021'] as const, 'csv');
  for (const [key, formats] of Object.entries(FORMAT_ONLY_KEYS)) {
    if ((spec as unknown as Record<string, unknown>)[key] !== undefined && !formats.includes(format)) {
      problems.add(file, WHOLE_FILE, `option \`${key}\` applies only to the ${formats.join(' and ')} format${formats.length > 1 ? 's' : ''}, not ${format}`);
    }
  }
  const main = ref(file, baseDir);
  let out: TraceOptions;
  if (format === 'csv') out = csvOptions(spec, main, problems);
  else if (format === 'azure2019') out = azure2019Options(spec, main, baseDir, problems);
  else {
    if (spec.tenantFrom === 'owner') problems.add(file, WHOLE_FILE, 'option `tenantFrom`: the azure2021 trace has no owner column; expected app or function');
    const tenantFrom = oneOf(problems, file, 'tenantFrom', spec.tenantFrom === 'owner' ? undefined : spec.tenantFrom, ['app', 'function'] as const, 'app');
    out = { format, ...main, tenantFrom };
  }
  return problems.problems.length > before || problems.more > 0 ? null : out;
}
