/**
 * What a trace parser produces and the simulation consumes: arrivals in time order, each with a tenant, a
 * trace function and optionally its handler duration. Parsers read files; nothing here does.
 */
import type { RandomStream } from '../engine/random.js';

/** Trace file formats. */
export type TraceFormat = 'csv' | 'azure2019' | 'azure2021';

/** One arrival at a time, in nondecreasing `timeMs` order. */
export interface TraceCursor {
  /** Moves to the next arrival; false once the trace is exhausted (the fields are then unspecified). */
  next(): boolean;
  /** Time of the current arrival in ms, from the trace's origin (0 = start of the window or offset). */
  timeMs: number;
  /** Index into {@link TraceData.tenants}, or -1 when the row has no tenant. */
  tenant: number;
  /** Index into {@link TraceData.functions}. */
  fn: number;
  /** Handler duration from the trace in ms, or NaN when the trace gives none (the scenario's is drawn). */
  durationMs: number;
}

/** A parsed trace, ready to be replayed any number of times. */
export interface TraceData {
  format: TraceFormat;
  /** The file it came from, as given (for messages). */
  file: string;
  /** Distinct tenant ids, in order of first appearance in time order. */
  tenants: string[];
  /** Distinct function keys of the trace (a hash, or a function name for CSV), in order of first appearance. */
  functions: string[];
  /** Memory per trace function in MB, rounded up to a Lambda size, when the trace gives it (Azure 2019). */
  functionMemoryMb?: (number | null)[];
  /** Arrivals the trace holds (Azure 2019 with Poisson spreading: the sum of the counts, i.e. the mean). */
  arrivals: number;
  /** Time of the last arrival in ms (Azure 2019: end of the last minute of the window). */
  endMs: number;
  /**
   * A fresh cursor at the first arrival. Random choices (spreading per-minute counts, drawing durations from
   * published percentiles) come from `rng` only, so the same stream gives the same arrivals.
   */
  cursor(rng: RandomStream): TraceCursor;
}

/** A problem in a trace file: where and what was expected. Lines and columns are 1-based. */
export interface TraceProblem {
  file: string;
  line: number;
  column?: number;
  message: string;
}

/** Parsing failed: the problems found (at most a bounded number, then a count of the rest). */
export class TraceError extends Error {
  override name = 'TraceError';
  constructor(
    readonly problems: TraceProblem[],
    readonly more = 0,
  ) {
    super(problems.map((p) => `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}: ${p.message}`).join('\n'));
  }
}

/** The load was stopped through its abort signal (nothing is wrong with the file). */
export class TraceInterrupted extends Error {
  override name = 'TraceInterrupted';
}

/** How to read one trace file (the `trace` key of a traffic entry, paths resolved against the scenario's folder). */
export interface TraceSpec {
  format: TraceFormat;
  /** The trace file; for `azure2019`, the invocation counts file. */
  file: string;
  /** `azure2019`: the durations file (percentiles per function). Optional. */
  durationsFile?: string;
  /** `azure2019`: the memory file (percentiles per function). Optional. */
  memoryFile?: string;
  /** Azure formats: which hash is the tenant. Default: `app`. `owner` is `azure2019` only. */
  tenantFrom?: 'app' | 'owner' | 'function';
  /** `azure2019`: how each minute's count is placed in its minute. Default: `uniform`. */
  spread?: 'uniform' | 'poisson';
  /** `azure2019`: minutes of the day [fromMinute, toMinute) to replay, by the header's minute numbers. */
  window?: { fromMinute: number; toMinute: number };
  /** `csv`: column names. Defaults: timestamp, function, tenant, duration. */
  columns?: { time?: string; function?: string; tenant?: string; duration?: string };
  /** `csv`: how timestamps are written. Default: `auto`. */
  timeUnit?: 'auto' | 'epoch-ms' | 'epoch-s' | 'iso8601' | 'offset-s';
  /** `csv`: unit of the duration column. Default: `ms`. */
  durationUnit?: 'ms' | 's';
  /** `csv`: sort rows by time instead of rejecting unsorted ones. Default: false. */
  sort?: boolean;
}
