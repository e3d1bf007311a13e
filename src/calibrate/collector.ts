/**
 * Collects classified entries from any number of files into per-function report groups, counting every
 * entry by kind and keeping the first malformed ones with their location.
 *
 * Which function a report belongs to is often known only later in the file (a `platform.initStart` names its
 * function, but reports from environments started before the export window come first), so reports are
 * collected per source (a log group, or else a file and log stream) and sources are named at the end:
 *
 * 1. the log group of the export row: `/aws/lambda/<name>` gives `<name>` (an `account:` prefix is dropped;
 *    another log group gives its last path segment);
 * 2. else the `functionName` of a `platform.initStart` in the same file and log stream, or else the only
 *    function name the file's init events give;
 * 3. else the default name (`--function`, or `fn`).
 *
 * What is kept per key is bounded ({@link ReadLimits}): at most `maxTenants` tenant groups and `maxLogStreams`
 * sources (and as many named log streams); one more stops the file with a {@link LimitError} at its line.
 */
import { FunctionReports, countKey } from './group.js';
import { DEFAULT_LIMITS, LimitError, type ReadLimits } from './line-reader.js';
import { formatCount } from './format.js';
import type { InvocationReport, LineContext, LineProblem, LogEntry } from './types.js';

/** Malformed entries kept with their location. Default: 20; the rest are only counted. */
export const PROBLEMS_KEPT = 20;

/** Entries read, by kind. */
export interface EntryCounts {
  /** Physical lines read. */
  lines: number;
  /** Invocation reports (REPORT lines and platform.report events). */
  reports: number;
  /** Init lines and events (`INIT_START`, `platform.initStart`). */
  initStarts: number;
  /** Other platform events by type (`platform.start`: 12): 20 types, the rest as `(others)`. */
  platformEvents: Map<string, number>;
  /** Entries that look like a report or platform event but cannot be read. */
  malformed: number;
  /** Everything else: application output, START and END lines. */
  other: number;
  /** Empty lines. */
  blank: number;
  /** CSV header rows. */
  headers: number;
}

/**
 * The function a log group belongs to, or undefined for none.
 * @example functionOfLogGroup('123456789012:/aws/lambda/orders') // 'orders'
 */
export function functionOfLogGroup(logGroup: string | undefined): string | undefined {
  if (logGroup === undefined) return undefined;
  const path = logGroup.replace(/^\d{12}:/, '');
  const segments = path.split('/').filter((s) => s !== '');
  return segments.length === 0 ? undefined : segments[segments.length - 1];
}

/** Bounds of a {@link LogCollector}. */
export type CollectorLimits = Pick<ReadLimits, 'maxTenants' | 'maxLogStreams'>;

/** What to do past a bound on what is kept. */
const SPLIT = 'split the export (by time range, or by function) and calibrate the parts apart';

export class LogCollector {
  readonly counts: EntryCounts = { lines: 0, reports: 0, initStarts: 0, platformEvents: new Map(), malformed: 0, other: 0, blank: 0, headers: 0 };
  /** The first {@link PROBLEMS_KEPT} malformed entries; `counts.malformed` has them all. */
  readonly problems: LineProblem[] = [];
  private readonly sources = new Map<string, FunctionReports>();
  /** Function names of init events by `file#stream`, and by file. */
  private readonly streamNames = new Map<string, string>();
  private readonly fileNames: Set<string>[] = [];
  private file = '';
  private fileIndex = -1;
  /** Tenant groups over all sources. */
  private tenantGroups = 0;

  constructor(private readonly limits: CollectorLimits = DEFAULT_LIMITS) {}

  /** Starts a file; `file` is how problems name it. */
  beginFile(file: string): void {
    this.file = file;
    this.fileIndex++;
    this.fileNames.push(new Set());
  }

  /** Ends the current file, which had `lines` lines. */
  endFile(lines: number): void {
    this.counts.lines += lines;
  }

  /** Counts one entry of the current file, found at `line`. */
  add(entry: LogEntry, line: number): void {
    const c = this.counts;
    switch (entry.kind) {
      case 'report':
        c.reports++;
        return this.addReport(entry.report, entry.context, line);
      case 'initStart':
        c.initStarts++;
        return this.addInitStart(entry.context, entry.functionName, entry.runtimeVersion, line);
      case 'platform':
        countKey(c.platformEvents, entry.eventType);
        return;
      case 'malformed':
        c.malformed++;
        if (this.problems.length < PROBLEMS_KEPT) this.problems.push({ file: this.file, line, reason: entry.reason });
        return;
      case 'other':
        c.other++;
        return;
      case 'blank':
        c.blank++;
        return;
      case 'header':
        c.headers++;
        return;
    }
  }

  /**
   * The reports of every function, by name (sorted), sources named as described above; `defaultName` names
   * sources nothing else names.
   */
  functions(defaultName: string): Map<string, FunctionReports> {
    const byName = new Map<string, FunctionReports>();
    for (const [key, reports] of this.sources) {
      const name = this.nameOf(key) ?? defaultName;
      const known = byName.get(name);
      if (known) known.merge(reports);
      else byName.set(name, reports);
    }
    return new Map([...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private addReport(report: InvocationReport, context: LineContext, line: number): void {
    const reports = this.source(context, line);
    if (report.tenantId !== undefined && !reports.tenants.has(report.tenantId)) {
      const max = this.limits.maxTenants;
      if (this.tenantGroups >= max) {
        throw new LimitError(`more than ${formatCount(max)} tenant ids (told apart per log group, or per log stream in lines without one), the most calibrate keeps: expected fewer tenants in one calibration; ${SPLIT}`, line);
      }
      this.tenantGroups++;
    }
    reports.add(report);
  }

  private addInitStart(context: LineContext, functionName: string | undefined, runtimeVersion: string | undefined, line: number): void {
    if (functionName !== undefined) {
      // Only whether the file names one function or more is used: two names are enough to know.
      const inFile = this.fileNames[this.fileIndex];
      if (inFile.size < 2) inFile.add(functionName);
      if (context.logStream !== undefined) {
        const key = `${this.fileIndex}#${context.logStream}`;
        if (!this.streamNames.has(key) && this.streamNames.size >= this.limits.maxLogStreams) throw this.tooManyStreams(line);
        this.streamNames.set(key, functionName);
      }
    }
    if (runtimeVersion !== undefined) this.source(context, line).addRuntime(runtimeVersion);
  }

  private tooManyStreams(line: number): LimitError {
    const max = formatCount(this.limits.maxLogStreams);
    return new LimitError(`more than ${max} log groups and log streams (a log stream counts when its lines name no log group), the most calibrate keeps apart: expected fewer in one calibration; ${SPLIT}`, line);
  }

  /** Sources are `name:<function>` when the log group names it, else `file:<index>#<stream>`. */
  private source(context: LineContext, line: number): FunctionReports {
    const named = functionOfLogGroup(context.logGroup);
    const key = named !== undefined ? `name:${named}` : `file:${this.fileIndex}#${context.logStream ?? ''}`;
    let reports = this.sources.get(key);
    if (reports === undefined) {
      if (this.sources.size >= this.limits.maxLogStreams) throw this.tooManyStreams(line);
      this.sources.set(key, (reports = new FunctionReports()));
    }
    return reports;
  }

  private nameOf(key: string): string | undefined {
    if (key.startsWith('name:')) return key.slice('name:'.length);
    const [fileIndex, stream] = key.slice('file:'.length).split(/#(.*)/s);
    const fromStream = stream === '' ? undefined : this.streamNames.get(`${fileIndex}#${stream}`);
    const inFile = this.fileNames[Number(fileIndex)];
    return fromStream ?? (inFile.size === 1 ? [...inFile][0] : undefined);
  }
}
