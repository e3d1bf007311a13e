/**
 * Reading the invocation counts file of the Azure Functions Trace 2019: `HashOwner,HashApp,HashFunction,
 * Trigger,<minute>,...`, one row per function, one cell per minute of the day. The header's minute numbers
 * may be any run of consecutive integers (1..1440 in the original day files, 480..959 in invitro's cut).
 * Only the minutes of the window are kept, in one growable Int32Array (function-major).
 */
import { type LoadContext, pastLimit } from './context.js';
import { Interner, detach } from './growable.js';
import { missingColumn } from './header.js';
import { forEachLine } from './lines.js';
import { type ProblemList, shown } from './problems.js';
import type { Azure2019Options } from './spec.js';

/** The identifying columns the file must have (`Trigger` is not used). */
const ID_COLUMNS = ['HashOwner', 'HashApp', 'HashFunction'] as const;

/** Largest count a cell may hold (Int32Array storage). */
const MAX_COUNT = 0x7fffffff;

/** The counts of one file, function by function. */
export interface Counts {
  /** Minutes kept per function (the window's length). */
  width: number;
  /** Header minute number of the first kept minute. */
  firstMinute: number;
  /** `width` counts per function, function-major. */
  matrix: Int32Array;
  /** Per function (an (app, function) pair, duplicate rows summed): its hashes and first line. */
  owner: Interner;
  ownerOf: number[];
  app: Interner;
  appOf: number[];
  fnHash: string[];
  line: number[];
}

/** Column positions from the header. */
interface Layout {
  cells: number;
  owner: number;
  app: number;
  fn: number;
  /** Cell index of the first minute column, and the minute number there. */
  minuteCol: number;
  firstMinute: number;
  minutes: number;
  /** Window in minute indices (0 = first minute column). */
  from: number;
  to: number;
}

/** The column layout from the header line, or null after reporting why not. */
function layoutOf(text: string, o: Azure2019Options, report: (m: string) => void): Layout | null {
  const names = text.split(',').map((c) => c.trim());
  const minuteCol = names.findIndex((n) => /^\d+$/.test(n));
  const idNames = minuteCol < 0 ? names : names.slice(0, minuteCol);
  const ids = ID_COLUMNS.map((want) => idNames.indexOf(want));
  ids.forEach((i, k) => i < 0 && report(missingColumn(ID_COLUMNS[k], idNames)));
  if (minuteCol < 0) {
    report('expected minute columns (1,2,...,1440 or a run such as 480,...,959) after HashOwner,HashApp,HashFunction,Trigger; found none');
    return null;
  }
  const firstMinute = Number(names[minuteCol]);
  for (let col = minuteCol; col < names.length; col++) {
    if (names[col] !== String(firstMinute + col - minuteCol)) {
      report(`expected the minute column ${firstMinute + col - minuteCol} (minute columns must be consecutive and last), found ${shown(names[col])}`);
      return null;
    }
  }
  if (ids.some((i) => i < 0)) return null;
  const minutes = names.length - minuteCol;
  const w = o.window ?? { fromMinute: firstMinute, toMinute: firstMinute + minutes };
  if (w.fromMinute < firstMinute || w.toMinute > firstMinute + minutes) {
    report(`window [${w.fromMinute}, ${w.toMinute}) is outside the file's minutes ${firstMinute}..${firstMinute + minutes - 1}`);
    return null;
  }
  const [owner, app, fn] = ids;
  return { cells: names.length, owner, app, fn, minuteCol, firstMinute, minutes, from: w.fromMinute - firstMinute, to: w.toMinute - firstMinute };
}

/** Accumulates the rows of a counts file whose header gave `layout`. */
class CountsReader {
  /** Counts of the window, function-major, grown by doubling. */
  private matrix = new Int32Array(0);
  /** Function index by `app,function` hashes. */
  private readonly pairs = new Map<string, number>();
  private readonly rowCounts: Int32Array;
  readonly width: number;
  readonly out: Omit<Counts, 'width' | 'firstMinute' | 'matrix'> = { owner: new Interner(), ownerOf: [], app: new Interner(), appOf: [], fnHash: [], line: [] };
  private readonly problems: ProblemList;

  constructor(
    private readonly l: Layout,
    private readonly file: string,
    private readonly ctx: LoadContext,
    private readonly tenantFrom: Azure2019Options['tenantFrom'],
  ) {
    this.width = l.to - l.from;
    this.rowCounts = new Int32Array(this.width);
    this.problems = ctx.problems;
  }

  /**
   * Adds one data line (summed into its function if that was seen before), or reports why it cannot be used;
   * false when the reading must stop (a limit passed).
   */
  add(text: string, line: number): boolean | void {
    const l = this.l;
    let pos = 0;
    const ids: string[] = [];
    const columns: number[] = [];
    for (let k = 0; k < l.minuteCol; k++) {
      const e = text.indexOf(',', pos);
      if (e < 0) return this.cellCount(text, line);
      ids.push(text.slice(pos, e).trim());
      columns.push(pos + 1);
      if (ids[k] === '' && (k === l.owner || k === l.app || k === l.fn)) {
        return this.problems.add(this.file, line, `expected a ${ID_COLUMNS[[l.owner, l.app, l.fn].indexOf(k)]}, found an empty cell`, pos + 1);
      }
      pos = e + 1;
    }
    if (this.parseCounts(text, line, pos)) return this.store(ids, columns, line);
  }

  /** Header minute number of the first kept minute. */
  get firstMinute(): number {
    return this.l.firstMinute + this.l.from;
  }

  /** The counts read, trimmed. */
  matrixValues(): Int32Array {
    return this.matrix.slice(0, this.pairs.size * this.width);
  }

  /** Parses the row's count cells from `pos` into `rowCounts`; false after reporting a problem. */
  private parseCounts(text: string, line: number, pos: number): boolean {
    const { l, file, problems } = this;
    const len = text.length;
    for (let j = 0; j < l.minutes; j++) {
      const start = pos;
      let v = 0;
      // Digits read straight from char codes: a full-day file has 1,440 cells a row.
      for (let c = text.charCodeAt(pos); pos < len && c !== 44; c = text.charCodeAt(++pos)) {
        if (c < 48 || c > 57) {
          const end = text.indexOf(',', start);
          const cell = text.slice(start, end < 0 ? len : end);
          problems.add(file, line, `expected a whole number of invocations >= 0 for minute ${l.firstMinute + j}, found ${shown(cell)}`, start + 1);
          return false;
        }
        v = v * 10 + (c - 48);
      }
      if (pos === start || v > MAX_COUNT) {
        const found = pos === start ? 'an empty cell' : shown(text.slice(start, pos));
        problems.add(file, line, `expected a whole number of invocations up to ${MAX_COUNT} for minute ${l.firstMinute + j}, found ${found}`, start + 1);
        return false;
      }
      if (j >= l.from && j < l.to) this.rowCounts[j - l.from] = v;
      if (j < l.minutes - 1) {
        if (pos >= len) return (this.cellCount(text, line), false);
        pos++;
      }
    }
    if (pos < len) return (this.cellCount(text, line), false);
    return true;
  }

  /** Adds `rowCounts` to the function of `ids` (cells at `columns`), a new one if it was not seen before; false past a limit. */
  private store(ids: string[], columns: number[], line: number): boolean | void {
    const { l, out, width } = this;
    const key = `${ids[l.app]},${ids[l.fn]}`;
    let f = this.pairs.get(key);
    if (f === undefined) {
      f = this.pairs.size;
      this.pairs.set(detach(key), f);
      if (this.matrix.length < (f + 1) * width) {
        const grown = new Int32Array(Math.max(64, 2 * (f + 1)) * width);
        grown.set(this.matrix);
        this.matrix = grown;
      }
      out.ownerOf.push(out.owner.id(ids[l.owner]));
      out.appOf.push(out.app.id(ids[l.app]));
      out.fnHash.push(detach(ids[l.fn]));
      out.line.push(line);
      if (this.pastLimits(columns, line)) return false;
    }
    // A function listed twice (e.g. under two triggers) is one function: its counts add up.
    const base = f * width;
    for (let m = 0; m < width; m++) {
      const sum = this.matrix[base + m] + this.rowCounts[m];
      if (sum > MAX_COUNT) {
        return this.problems.add(this.file, line, `the counts of this function (also on line ${out.line[f]}) add up to more than ${MAX_COUNT} in a minute`);
      }
      this.matrix[base + m] = sum;
    }
  }

  /** Whether the function just added takes the distinct functions or tenants past a limit (reported if so). */
  private pastLimits(columns: number[], line: number): boolean {
    const { l, out } = this;
    const functions = this.pairs.size;
    const at = (col: number) => ({ file: this.file, line, column: columns[col] });
    if (pastLimit(this.ctx, 'functions', functions, 'HashApp,HashFunction pairs', at(l.fn))) return true;
    const [tenants, what, col] =
      this.tenantFrom === 'owner' ? [out.owner.size, 'HashOwner', l.owner] : this.tenantFrom === 'app' ? [out.app.size, 'HashApp', l.app] : [functions, 'HashApp,HashFunction pairs', l.fn];
    return pastLimit(this.ctx, 'tenants', tenants, what, at(col));
  }

  private cellCount(text: string, line: number): void {
    this.problems.add(this.file, line, `expected ${this.l.cells} cells as in the header, found ${text.split(',').length}`);
  }
}

/** Reads the counts file, or returns null with the reasons in `ctx.problems`. */
export async function readCounts(o: Azure2019Options, ctx: LoadContext): Promise<Counts | null> {
  const { file } = o;
  const { problems } = ctx;
  let reader: CountsReader | null = null;
  let header = false;
  const read = await forEachLine(o.path, file, ctx, (text, line) => {
    if (header) return reader?.add(text, line);
    header = true;
    const layout = layoutOf(text, o, (m) => problems.add(file, line, m));
    if (layout !== null) reader = new CountsReader(layout, file, ctx, o.tenantFrom);
    return layout !== null;
  });
  if (read && !header) problems.add(file, 1, 'the file has no header line; expected HashOwner,HashApp,HashFunction,Trigger,<minutes>');
  const r = reader as CountsReader | null;
  if (!read || r === null) return null;
  return { width: r.width, firstMinute: r.firstMinute, matrix: r.matrixValues(), ...r.out };
}
