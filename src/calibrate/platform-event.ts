/**
 * Lambda's JSON platform events, as written to CloudWatch Logs under the JSON log format and as the
 * Telemetry API delivers them (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html):
 *
 *     {"time":"2025-11-20T10:00:00.000Z","type":"platform.report","record":{"requestId":"...",
 *      "metrics":{"durationMs":12.3,"billedDurationMs":13,"memorySizeMB":128,"maxMemoryUsedMB":18,
 *      "initDurationMs":183.2},"status":"success"},"tenantId":"acme"}
 *
 * `initDurationMs` is present on cold starts only. With tenant isolation, Lambda adds the tenant id to platform
 * events; AWS's own query for it is `filter tenantId=='x' or record.tenantId=='x'`
 * (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation-monitor.html), so both places are read, the
 * top level first.
 */
import { excerpt } from './excerpt.js';
import { jsonTimestamp } from './timestamps.js';
import type { InvocationReport } from './types.js';

/** A parsed platform event, or why a platform event cannot be read. */
export type PlatformEvent =
  | { type: 'platform.report'; report: InvocationReport }
  | { type: 'platform.initStart'; functionName?: string; runtimeVersion?: string }
  | { type: 'other'; eventType: string }
  | { error: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `v` is a platform event: an object whose `type` starts with `platform.`. */
export function isPlatformEvent(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v.type === 'string' && v.type.startsWith('platform.');
}

const METRICS: ReadonlyArray<readonly [key: string, field: 'durationMs' | 'billedDurationMs' | 'memorySizeMb' | 'maxMemoryUsedMb']> = [
  ['durationMs', 'durationMs'],
  ['billedDurationMs', 'billedDurationMs'],
  ['memorySizeMB', 'memorySizeMb'],
  ['maxMemoryUsedMB', 'maxMemoryUsedMb'],
];

/**
 * A JSON value for a message: a primitive as JSON (cut short), an array or object by its kind only, since
 * writing it out could recurse as deep as the line nests it.
 */
function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object' && v !== null) return 'an object';
  return excerpt(JSON.stringify(v) ?? String(v));
}

const isMetric = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The tenant id at the top level or in `record`; an error when one is there but is not a non-empty string. */
function tenantOf(event: Record<string, unknown>, record: Record<string, unknown>): string | undefined | { error: string } {
  const raw = event.tenantId ?? record.tenantId;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && raw !== '') return raw;
  return { error: `tenantId must be a non-empty string, got ${describeValue(raw)}` };
}

function readReport(event: Record<string, unknown>, record: Record<string, unknown>): PlatformEvent {
  const metrics = record.metrics;
  if (!isObject(metrics)) return { error: 'platform.report without `record.metrics`' };
  const missing = METRICS.filter(([key]) => !isMetric(metrics[key])).map(([key]) => `\`${key}\``);
  if (missing.length > 0) return { error: `platform.report metrics ${missing.join(', ')} missing or not a number >= 0` };
  if (!((metrics.memorySizeMB as number) > 0)) return { error: 'platform.report `memorySizeMB` must be above 0' };
  const init = metrics.initDurationMs ?? undefined; // null (some forwarders write it) is a warm start too
  if (init !== undefined && !isMetric(init)) return { error: `platform.report \`initDurationMs\` is not a number >= 0: ${describeValue(init)}` };
  const tenant = tenantOf(event, record);
  if (typeof tenant === 'object') return tenant;
  const report = { status: typeof record.status === 'string' ? record.status : 'success' } as InvocationReport;
  for (const [key, field] of METRICS) report[field] = metrics[key] as number;
  if (init !== undefined) report.initDurationMs = init;
  if (tenant !== undefined) report.tenantId = tenant;
  const timeMs = jsonTimestamp(event.time);
  if (timeMs !== undefined) report.timeMs = timeMs;
  return { type: 'platform.report', report };
}

/**
 * Reads a platform event (see {@link isPlatformEvent}). Reports need `record.metrics` with `durationMs`,
 * `billedDurationMs`, `memorySizeMB` and `maxMemoryUsedMB`; an init start gives `record.functionName` and
 * `record.runtimeVersion` when present; other types are only named.
 */
export function parsePlatformEvent(event: Record<string, unknown>): PlatformEvent {
  const type = event.type as string;
  const record = event.record;
  if (!isObject(record)) return { error: `${excerpt(type)} without a \`record\` object` };
  if (type === 'platform.report') return readReport(event, record);
  if (type === 'platform.initStart') {
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return { type, functionName: str(record.functionName), runtimeVersion: str(record.runtimeVersion) };
  }
  return { type: 'other', eventType: type };
}
