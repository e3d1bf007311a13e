/**
 * The generic CSV trace: a header line, then one row per invocation with a time, and optionally a function
 * name, a tenant and a handler duration (column names configurable). Times are ISO 8601, epoch ms or s, or
 * offsets in seconds; absolute times are shifted so that the earliest is 0. Rows must be in time order unless
 * `sort` is set. Names are trimmed; an empty tenant cell means "no tenant", an empty duration cell "use the
 * scenario's". The default `function`, `tenant` and `duration` columns may be absent (a near miss such as
 * `tenants` is reported, since it is almost certainly meant); columns named in the spec must be there. Without
 * a function column every row has the function {@link NO_FUNCTION_COLUMN}, and the traffic entry must name the
 * function that replays them.
 */
import { columnarTrace } from './columnar.js';
import { type LoadContext, pastLimit } from './context.js';
import { F64Column, I32Column, Interner } from './growable.js';
import { closestName, missingColumn } from './header.js';
import { type ProblemList, shown } from './problems.js';
import { forEachRecord } from './records.js';
import type { CsvOptions } from './spec.js';
import { TIME_EXAMPLE, type TimeUnit, decimal, detectTimeUnit, timeMs } from './times.js';
import type { TraceData } from './types.js';

/** The function of every row of a trace without a function column (not a valid function name). */
export const NO_FUNCTION_COLUMN = '';

/** Where the columns are: cell indices, -1 for an absent optional one. */
interface Layout {
  width: number;
  time: number;
  fn: number;
  tenant: number;
  duration: number;
}

/**
 * Finds `wanted` among `names`: exactly, else a unique case-insensitive match. -1 when absent (reported if
 * `required`, or if a near miss suggests a typo).
 */
function locate(names: string[], wanted: string, required: boolean, why: string, report: (m: string) => void): number {
  const exact = names.indexOf(wanted);
  if (exact >= 0) {
    if (names.indexOf(wanted, exact + 1) >= 0) report(`the column \`${wanted}\` appears more than once in the header`);
    return exact;
  }
  const folded = names.flatMap((n, i) => (n.toLowerCase() === wanted.toLowerCase() ? [i] : []));
  if (folded.length === 1) return folded[0];
  if (required || closestName(wanted, names) !== undefined) {
    let hint = '';
    if (names.length === 1 && /[;\t|]/.test(names[0])) hint = ' (the header is a single cell: cells must be separated by commas)';
    report(missingColumn(wanted, names, why) + hint);
  }
  return -1;
}

/** The column layout from the header record, or null after reporting why not. */
function layoutOf(cells: string[], o: CsvOptions, report: (m: string) => void): Layout | null {
  const names = cells.map((c) => c.trim());
  const c = o.columns;
  let ok = true;
  const fail = (m: string) => {
    ok = false;
    report(m);
  };
  const time = locate(names, c.time, true, ' (times; set columns.time to use another)', fail);
  const fn = locate(names, c.function, c.explicit.function, c.explicit.function ? '' : ' (function names; set columns.function to use another)', fail);
  const tenant = locate(names, c.tenant, c.explicit.tenant, c.explicit.tenant ? '' : ' (tenants; set columns.tenant to use another)', fail);
  const duration = locate(names, c.duration, c.explicit.duration, c.explicit.duration ? '' : ' (durations; set columns.duration to use another)', fail);
  return ok ? { width: names.length, time, fn, tenant, duration } : null;
}

/** The rows read so far, column by column. */
class CsvRows {
  readonly functions = new Interner();
  readonly tenants = new Interner();
  readonly times = new F64Column();
  readonly fns = new I32Column();
  readonly tenantIds = new I32Column();
  readonly durations = new F64Column();
  /** The time unit, once known (`auto` decides on the first row with a readable time). */
  unit: TimeUnit | null;
  private previous = -Infinity;
  private previousLine = 0;
  private unsortedReported = false;

  constructor(
    private readonly o: CsvOptions,
    private readonly l: Layout,
    private readonly ctx: LoadContext,
  ) {
    this.unit = o.timeUnit === 'auto' ? null : o.timeUnit;
  }

  private get problems(): ProblemList {
    return this.ctx.problems;
  }

  /** Adds one record, or reports why it cannot be used; false when the reading must stop (a limit passed). */
  add(cells: string[], line: number, columnOf: (k: number) => number | undefined): boolean | void {
    const { l, o } = this;
    const problem = (k: number, m: string) => this.problems.add(o.file, line, m, columnOf(k));
    if (cells.length !== l.width) return this.problems.add(o.file, line, `expected ${l.width} cells as in the header, found ${cells.length}`);
    const timeText = cells[l.time];
    this.unit ??= detectTimeUnit(timeText) ?? null;
    if (this.unit === null) return problem(l.time, `cannot tell the time unit from ${shown(timeText)}: expected an ISO 8601 time or a number (or set timeUnit)`);
    const t = timeMs(timeText, this.unit);
    if (Number.isNaN(t)) return problem(l.time, `expected ${TIME_EXAMPLE[this.unit]}, found ${shown(timeText)}`);
    if (t < 0 && this.unit !== 'iso8601') return problem(l.time, `expected a time >= 0, found ${shown(timeText)}`);
    const name = l.fn >= 0 ? cells[l.fn].trim() : NO_FUNCTION_COLUMN;
    if (l.fn >= 0 && name === '') return problem(l.fn, 'expected a function name, found an empty cell');
    let d = NaN;
    if (l.duration >= 0 && cells[l.duration].trim() !== '') {
      d = decimal(cells[l.duration]) * o.durationScale;
      if (!(d >= 0)) return problem(l.duration, `expected a duration >= 0 in ${o.durationScale === 1 ? 'ms' : 's'} (or an empty cell), found ${shown(cells[l.duration])}`);
    }
    if (!o.sort && t < this.previous && !this.unsortedReported) {
      this.unsortedReported = true;
      problem(l.time, `rows are not in time order: ${shown(timeText)} is earlier than the time on line ${this.previousLine}; sort the file by time or set sort: true`);
    }
    if (t >= this.previous) [this.previous, this.previousLine] = [t, line];
    const tenant = l.tenant >= 0 ? cells[l.tenant].trim() : '';
    const fn = this.functions.id(name);
    const at = (k: number) => ({ file: o.file, line, column: columnOf(k) ?? 1 });
    if (fn === this.functions.size - 1 && pastLimit(this.ctx, 'functions', fn + 1, `column \`${o.columns.function}\``, at(l.fn))) return false;
    const id = tenant === '' ? -1 : this.tenants.id(tenant);
    if (id >= 0 && id === this.tenants.size - 1 && pastLimit(this.ctx, 'tenants', id + 1, `column \`${o.columns.tenant}\``, at(l.tenant))) return false;
    this.times.push(t);
    this.fns.push(fn);
    this.tenantIds.push(id);
    this.durations.push(d);
  }
}

/** Reads the file and builds the trace, or returns null with the reasons in `ctx.problems`. */
export async function loadCsv(o: CsvOptions, ctx: LoadContext): Promise<TraceData | null> {
  const { file } = o;
  const { problems } = ctx;
  let rows: CsvRows | null = null;
  let header = false;
  const read = await forEachRecord(o.path, file, ctx, (cells, line, columnOf) => {
    if (header) return rows?.add(cells, line, columnOf);
    header = true;
    const layout = layoutOf(cells, o, (m) => problems.add(file, line, m));
    if (layout !== null) rows = new CsvRows(o, layout, ctx);
    return layout !== null;
  });
  const r = rows as CsvRows | null;
  if (read && !header) problems.add(file, 1, 'the file has no header line (it is empty or blank)');
  if (read && r !== null && r.times.length === 0 && !problems.any) problems.add(file, 2, 'the file has a header but no rows');
  if (!read || r === null || problems.any) return null;

  const timeCol = r.times.values();
  if (r.unit !== 'offset-s') {
    // Absolute times: the earliest is time 0.
    let origin = Infinity;
    for (const t of timeCol) origin = Math.min(origin, t);
    for (let i = 0; i < timeCol.length; i++) timeCol[i] -= origin;
  }
  return columnarTrace({
    format: 'csv',
    file,
    rows: { timeMs: timeCol, fn: r.fns.values(), tenant: r.tenantIds.values(), durationMs: r.durations.values() },
    functions: r.functions.names,
    tenants: r.tenants.names,
    fnTenant: null,
  });
}
