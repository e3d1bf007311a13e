/**
 * What the log parsers produce: one entry per log line (or CSV record), classified. Parsers are pure: they
 * take text and say what it is; reading files is {@link readLogFile}'s job.
 */

/** One invocation report: a text `REPORT` line or a `platform.report` event. Times and durations in ms. */
export interface InvocationReport {
  /** Handler duration (`Duration`, `durationMs`), ms. */
  durationMs: number;
  /** Billed duration, ms. */
  billedDurationMs: number;
  /** Configured memory (`Memory Size`, `memorySizeMB`), MB. */
  memorySizeMb: number;
  /** Peak memory of the invocation (`Max Memory Used`, `maxMemoryUsedMB`), MB. */
  maxMemoryUsedMb: number;
  /** Init duration on a cold start (`Init Duration`, `initDurationMs`); undefined on a warm start. */
  initDurationMs?: number;
  /** `success`, `timeout`, `error`, ... (`Status` in text, `status` in JSON). Default: `success`. */
  status: string;
  /** Tenant id of a tenant-isolated function (JSON logs only). */
  tenantId?: string;
  /** When the report was logged (Unix ms): the end of the invocation, give or take a millisecond. */
  timeMs?: number;
}

/** Where a line came from, beyond its text: fields of a wrapping export row (JSON line or CSV record). */
export interface LineContext {
  /** Timestamp of the export row or of a `timestamp<TAB>message` prefix (Unix ms). */
  timeMs?: number;
  /** Log group of the export row (`/aws/lambda/<name>`, possibly `account:`-prefixed). */
  logGroup?: string;
  /** Log stream of the export row. */
  logStream?: string;
}

/** A classified entry. `context` carries what the wrapper said about where and when. */
export type LogEntry =
  | { kind: 'report'; report: InvocationReport; context: LineContext }
  /** `platform.initStart` (JSON) or `INIT_START` (text): a function name and runtime version, when given. */
  | { kind: 'initStart'; functionName?: string; runtimeVersion?: string; eventType: string; context: LineContext }
  /** Any other Lambda platform event (`platform.start`, `platform.initReport`, ...), by type. */
  | { kind: 'platform'; eventType: string }
  /** Looks like a report or platform event but cannot be read; `reason` says why. */
  | { kind: 'malformed'; reason: string }
  /** Application output, `START`/`END` lines, anything else. */
  | { kind: 'other' }
  | { kind: 'blank' }
  /** The header row of a CSV export. */
  | { kind: 'header' };

/** A malformed entry, located. Lines are 1-based; a CSV record is located at its first line. */
export interface LineProblem {
  file: string;
  line: number;
  reason: string;
}
