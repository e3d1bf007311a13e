/**
 * The Azure Functions Invocation Trace 2021 (`app,func,end_timestamp,duration`, one row per invocation,
 * seconds since the trace start, rows not in time order). Each row becomes an arrival at its start time,
 * `end_timestamp - duration`, with its duration; rows are sorted by start (stable).
 *
 * A start before the trace's origin (end_timestamp < duration: the call was already running when the trace
 * began, or the millisecond rounding of the duration) is replayed at time 0 with its full duration, so
 * every row of the file is replayed and its handler time billed.
 */
import { columnarTrace } from './columnar.js';
import { type LoadContext, pastLimit } from './context.js';
import { functionKeys } from './function-keys.js';
import { F64Column, I32Column, Interner, detach } from './growable.js';
import { missingColumn } from './header.js';
import { forEachLine } from './lines.js';
import { shown } from './problems.js';
import type { Azure2021Options } from './spec.js';
import type { TraceData } from './types.js';

/** The header of the published file. */
export const AZURE2021_HEADER = ['app', 'func', 'end_timestamp', 'duration'] as const;

const ZERO = /^\s*[+-]?(0+\.?0*|\.0+)([eE][+-]?\d+)?\s*$/;

/**
 * A non-negative number of seconds in `text` from `s` to `e`, or a message saying why not. `Number()` is
 * lenient (it trims and reads `''` as 0), so a zero is checked again by pattern.
 */
function seconds(text: string, s: number, e: number, what: string): number | string {
  const cell = text.slice(s, e);
  const v = Number(cell);
  if (s === e) return `expected ${what} in seconds, found an empty cell`;
  if (!Number.isFinite(v) || (v === 0 && !ZERO.test(cell))) return `expected ${what} in seconds (a number), found ${shown(cell)}`;
  if (v < 0) return `expected ${what} >= 0 seconds, found ${shown(cell)}`;
  return v;
}

/** Problems with a header line, as messages (none when it is the published header). */
function headerProblems(text: string): string[] {
  const names = text.split(',').map((c) => c.trim());
  const missing = AZURE2021_HEADER.filter((n) => !names.includes(n)).map((n) => missingColumn(n, names));
  if (missing.length > 0 || names.join(',') === AZURE2021_HEADER.join(',')) return missing;
  return [`expected the header ${AZURE2021_HEADER.join(',')} (these columns, in this order), found ${shown(text)}`];
}

/** The rows read so far, column by column. */
class Rows2021 {
  readonly apps = new Interner();
  /** (app, func) pairs by the row's `app,func` prefix: one Map lookup per row instead of two. (Looking up a
   * short piece of the hash and confirming with startsWith measured 3x slower.) */
  private readonly pairs = new Map<string, number>();
  readonly pairApp = new I32Column(256);
  readonly pairFunc: string[] = [];
  readonly startMs = new F64Column(1 << 16);
  readonly durationMs = new F64Column(1 << 16);
  readonly fn = new I32Column(1 << 16);

  constructor(
    private readonly file: string,
    private readonly ctx: LoadContext,
    /** Whether each (app, func) pair is a tenant (else each app is). */
    private readonly byFunction: boolean,
  ) {}

  /** Adds one data line, or reports why it cannot be used; false when the reading must stop (a limit passed). */
  add(text: string, line: number): boolean | void {
    const c1 = text.indexOf(',');
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
    if (c3 < 0 || text.indexOf(',', c3 + 1) >= 0) {
      return this.problem(line, `expected 4 cells (app,func,end_timestamp,duration), found ${text.split(',').length}: ${shown(text)}`);
    }
    if (c1 === 0) return this.problem(line, 'expected an app hash, found an empty cell', 1);
    if (c2 === c1 + 1) return this.problem(line, 'expected a func hash, found an empty cell', c1 + 2);
    const end = seconds(text, c2 + 1, c3, 'end_timestamp');
    if (typeof end === 'string') return this.problem(line, end, c2 + 2);
    const dur = seconds(text, c3 + 1, text.length, 'duration');
    if (typeof dur === 'string') return this.problem(line, dur, c3 + 2);
    const key = text.slice(0, c2);
    let p = this.pairs.get(key);
    if (p === undefined) {
      p = this.pairs.size;
      this.pairs.set(detach(key), p);
      this.pairApp.push(this.apps.id(text.slice(0, c1)));
      this.pairFunc.push(detach(text.slice(c1 + 1, c2)));
      const at = { file: this.file, line, column: 1 };
      if (pastLimit(this.ctx, 'functions', this.pairs.size, 'app,func pairs', at)) return false;
      const tenants = this.byFunction ? this.pairs.size : this.apps.size;
      if (pastLimit(this.ctx, 'tenants', tenants, this.byFunction ? 'app,func pairs' : 'apps', at)) return false;
    }
    this.fn.push(p);
    this.startMs.push(Math.max(0, (end - dur) * 1000));
    this.durationMs.push(dur * 1000);
  }

  private problem(line: number, message: string, column?: number): void {
    this.ctx.problems.add(this.file, line, message, column);
  }
}

/** Reads the file and builds the trace, or returns null with the reasons in `ctx.problems`. */
export async function loadAzure2021(o: Azure2021Options, ctx: LoadContext): Promise<TraceData | null> {
  const { file } = o;
  const { problems } = ctx;
  const rows = new Rows2021(file, ctx, o.tenantFrom === 'function');
  let header = false;
  const read = await forEachLine(o.path, file, ctx, (text, line) => {
    if (header) return rows.add(text, line);
    header = true;
    const bad = headerProblems(text);
    for (const m of bad) problems.add(file, line, m);
    return bad.length === 0;
  });
  if (read && !header) problems.add(file, 1, `the file has no header line; expected ${AZURE2021_HEADER.join(',')}`);
  if (read && rows.fn.length === 0 && !problems.any) problems.add(file, 2, 'the file has a header but no invocations');
  if (!read || problems.any) return null;

  const appOf = rows.pairApp.values();
  const functions = functionKeys(appOf, rows.pairFunc, rows.apps.names);
  const byFunction = o.tenantFrom === 'function';
  return columnarTrace({
    format: 'azure2021',
    file,
    rows: { timeMs: rows.startMs.values(), fn: rows.fn.values(), tenant: null, durationMs: rows.durationMs.values() },
    functions,
    tenants: byFunction ? functions : rows.apps.names,
    fnTenant: byFunction ? Int32Array.from(functions, (_, i) => i) : appOf,
  });
}
