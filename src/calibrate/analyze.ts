/**
 * From collected reports to what a scenario needs: per function (and per tenant) counts, cold-start share,
 * duration and init-duration percentiles with a lognormal fit and its verdict, arrival rates, memory and
 * runtime. Pure: the same reports give the same result.
 */
import type { EntryCounts, LogCollector } from './collector.js';
import { type LognormalFit, MIN_FIT_SAMPLES, fitLognormal } from './lognormal-fit.js';
import { type FunctionReports, NO_TENANT, OTHER_SIZES, type ReportGroup } from './group.js';
import { quantileSorted } from './quantile.js';
import { type RuntimeChoice, chooseRuntime } from './runtime-name.js';
import type { LineProblem } from './types.js';

/** Percentiles written in an empirical distribution. p0 and p100 are the scenario format's required ends. */
export const EMPIRICAL_PERCENTILES = [0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100] as const;

/** A sample of durations (ms), summarized, fitted, and the form a scenario should use. */
export interface DurationSummary {
  n: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** `[percent, ms]` at {@link EMPIRICAL_PERCENTILES}, type 7 interpolation. */
  percentilesMs: Array<[number, number]>;
  /** The lognormal fit, or null with fewer than {@link MIN_FIT_SAMPLES} values or no spread. */
  fit: LognormalFit | null;
  /** The form the scenario fragment uses: the fit when it fits, one value when all are equal, else the percentiles. */
  form: 'lognormal' | 'empirical' | 'constant';
  /** One line: "lognormal fits", "lognormal is a poor fit: use the empirical percentiles", ... */
  verdict: string;
}

/** When the reports were logged. Rates count timed reports only. */
export interface ArrivalTiming {
  /** Reports with a timestamp. */
  timed: number;
  firstMs: number;
  lastMs: number;
  spanMs: number;
  /** Timed reports per second over the span; null when the span is 0. */
  ratePerSecond: number | null;
  /** span / (timed - 1), ms: the mean time between consecutive reports; null below 2 timed reports. */
  meanInterArrivalMs: number | null;
}

/** What one group of reports (a function, or a tenant of it) says. */
export interface GroupCalibration {
  invocations: number;
  coldStarts: number;
  /** coldStarts / invocations. */
  coldStartShare: number;
  /** Reports by status, most frequent first. */
  statuses: Array<[string, number]>;
  duration: DurationSummary;
  /** Null without cold starts. */
  initDuration: DurationSummary | null;
  /** Null when no report has a timestamp. */
  timing: ArrivalTiming | null;
}

/** A tenant of a function. */
export interface TenantCalibration extends GroupCalibration {
  /** Tenant id, or `(none)` for the function's reports without one. */
  tenantId: string;
  /** invocations / the function's invocations. */
  share: number;
  /** The tenant's timed reports per second over the function's span (its share of the observed traffic). */
  ratePerSecond: number | null;
}

/** A function: its reports, memory, runtime and tenants. */
export interface FunctionCalibration extends GroupCalibration {
  name: string;
  /**
   * Configured memory sizes seen, `[MB, reports]`, most frequent first (more than one if it changed); past 20
   * sizes, the reports of the others are counted last as `[0, reports]`.
   */
  memorySizesMb: Array<[number, number]>;
  /** 99th percentile of Max Memory Used, MB. */
  maxMemoryUsedP99Mb: number;
  runtime: RuntimeChoice;
  /** Tenants by invocations (most first, then by id); empty when no report has a tenant id. */
  tenants: TenantCalibration[];
}

/**
 * Summarizes a sample of durations (ms); null when it is empty.
 * @example summarizeDurations([10, 20, 30, 40, 50])!.p50Ms // 30
 */
export function summarizeDurations(values: Float64Array | number[]): DurationSummary | null {
  const sorted = values instanceof Float64Array ? values : Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return null;
  const q = (p: number) => quantileSorted(sorted, p);
  const fit = fitLognormal(sorted);
  const summary = {
    n,
    minMs: sorted[0],
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    maxMs: sorted[n - 1],
    percentilesMs: EMPIRICAL_PERCENTILES.map((p) => [p, q(p / 100)] as [number, number]),
    fit,
  };
  if (sorted[0] === sorted[n - 1]) return { ...summary, form: 'constant', verdict: n === 1 ? 'a single value' : `all ${n} values equal` };
  if (fit === null) return { ...summary, form: 'empirical', verdict: `too few values to test a fit (fewer than ${MIN_FIT_SAMPLES}): use the empirical percentiles` };
  if (fit.fits) return { ...summary, form: 'lognormal', verdict: 'lognormal fits' };
  return { ...summary, form: 'empirical', verdict: 'lognormal is a poor fit: use the empirical percentiles' };
}

function timingOf(g: ReportGroup): ArrivalTiming | null {
  if (g.timed === 0) return null;
  const spanMs = g.lastMs - g.firstMs;
  return {
    timed: g.timed,
    firstMs: g.firstMs,
    lastMs: g.lastMs,
    spanMs,
    ratePerSecond: spanMs > 0 ? g.timed / (spanMs / 1000) : null,
    meanInterArrivalMs: g.timed >= 2 ? spanMs / (g.timed - 1) : null,
  };
}

const byCountThenKey = <K>(a: [K, number], b: [K, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The calibration of one group of reports (at least one). */
export function analyzeGroup(g: ReportGroup): GroupCalibration {
  return {
    invocations: g.invocations,
    coldStarts: g.coldStarts,
    coldStartShare: g.invocations === 0 ? 0 : g.coldStarts / g.invocations,
    statuses: [...g.statuses].sort(byCountThenKey),
    duration: summarizeDurations(g.durationsMs.sorted())!,
    initDuration: summarizeDurations(g.initDurationsMs.sorted()),
    timing: timingOf(g),
  };
}

function analyzeTenants(f: FunctionReports, functionSpanMs: number | null): TenantCalibration[] {
  if (f.tenants.size === 0) return [];
  const groups = [...f.tenants];
  if (f.untenanted.invocations > 0) groups.push([NO_TENANT, f.untenanted]);
  return groups
    .map(([tenantId, g]) => ({
      tenantId,
      ...analyzeGroup(g),
      share: g.invocations / f.total.invocations,
      ratePerSecond: functionSpanMs !== null && functionSpanMs > 0 ? g.timed / (functionSpanMs / 1000) : null,
    }))
    .sort((a, b) => b.invocations - a.invocations || (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));
}

/** The calibration of a function named `name`; `runtimeOption` is `--runtime` when given. */
export function analyzeFunction(name: string, f: FunctionReports, runtimeOption?: string): FunctionCalibration {
  const group = analyzeGroup(f.total);
  return {
    name,
    ...group,
    memorySizesMb: [...f.total.memorySizesMb].sort((a, b) => Number(a[0] === OTHER_SIZES) - Number(b[0] === OTHER_SIZES) || byCountThenKey(a, b)),
    maxMemoryUsedP99Mb: quantileSorted(f.total.maxMemoryUsedMb.sorted(), 0.99),
    runtime: chooseRuntime(f.runtimeVersions, f.total.coldStarts > 0, runtimeOption),
    tenants: analyzeTenants(f, group.timing?.spanMs ?? null),
  };
}

/** Everything a calibration found. */
export interface CalibrationResult {
  /** The files read, as named. */
  files: string[];
  counts: EntryCounts;
  /** The first {@link PROBLEMS_KEPT} malformed entries; `counts.malformed` counts them all. */
  problems: LineProblem[];
  /** Functions by name. */
  functions: FunctionCalibration[];
}

/** Options of {@link calibrationOf}. */
export interface AnalyzeOptions {
  /** Name of reports nothing names (see {@link LogCollector}). Default: `fn`. */
  defaultFunction?: string;
  /** Runtime of every function (`--runtime`). Default: from the logs. */
  runtime?: string;
}

/** The calibration of everything `collector` holds, read from `files`. */
export function calibrationOf(collector: LogCollector, files: readonly string[], options: AnalyzeOptions = {}): CalibrationResult {
  const functions = [...collector.functions(options.defaultFunction ?? 'fn')].map(([name, f]) => analyzeFunction(name, f, options.runtime));
  return { files: [...files], counts: collector.counts, problems: collector.problems, functions };
}
