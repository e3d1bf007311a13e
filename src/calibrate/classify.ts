/**
 * What one log line is. Accepted shapes:
 *
 * - a plain message: `REPORT RequestId: ...`, `INIT_START Runtime Version: ...`, or a JSON platform event;
 * - the same after timestamp columns: `2025-11-20T10:00:00.123Z<TAB>REPORT ...` (console copies, S3 export
 *   tasks), `2025-11-20T10:00:00.123000+00:00 <stream> REPORT ...` (`aws logs tail`);
 * - a JSON export row with the message inside: `{"timestamp": 1763632800123, "message": "REPORT ...",
 *   "logStreamName": "..."}` (one event per line, as `jq -c '.events[]'` prints `aws logs filter-log-events`),
 *   whose `timestamp`, `logGroupName`/`@log` and `logStreamName` are kept as the entry's context (Logs
 *   Insights rows as JSON, `{"@timestamp": ..., "@message": ..., "@log": ...}`, are read the same way).
 *
 * A line that mentions `REPORT RequestId:` or a `"platform.` event but cannot be read is malformed; anything
 * else (application output, `START`/`END` lines) is other.
 */
import { INIT_START_MARKER, REPORT_MARKER, parseInitStartLine, parseReportLine } from './report-line.js';
import { isPlatformEvent, parsePlatformEvent } from './platform-event.js';
import { jsonTimestamp, prefixTimestamp } from './timestamps.js';
import { EXCERPT_CHARS, excerpt } from './excerpt.js';
import type { LineContext, LogEntry } from './types.js';

const INIT_START_RE = new RegExp(`(?:^|\\s)${INIT_START_MARKER}\\s`);

function firstString(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) if (typeof obj[k] === 'string' && obj[k] !== '') return obj[k] as string;
  return undefined;
}

/** The context an export row gives its message, over the context already known. */
function rowContext(row: Record<string, unknown>, outer: LineContext): LineContext {
  const context: LineContext = { ...outer };
  const timeMs = jsonTimestamp(row.timestamp ?? row['@timestamp']);
  if (timeMs !== undefined) context.timeMs = timeMs;
  const logGroup = firstString(row, ['logGroupName', 'logGroup', '@log']);
  if (logGroup !== undefined) context.logGroup = logGroup;
  const logStream = firstString(row, ['logStreamName', 'logStream', '@logStream']);
  if (logStream !== undefined) context.logStream = logStream;
  return context;
}

function platformEntry(event: Record<string, unknown>, context: LineContext): LogEntry {
  const parsed = parsePlatformEvent(event);
  if ('error' in parsed) return { kind: 'malformed', reason: parsed.error };
  if (parsed.type === 'platform.report') {
    const report = parsed.report;
    if (report.timeMs === undefined && context.timeMs !== undefined) report.timeMs = context.timeMs;
    return { kind: 'report', report, context };
  }
  if (parsed.type === 'platform.initStart') {
    return { kind: 'initStart', eventType: parsed.type, functionName: parsed.functionName, runtimeVersion: parsed.runtimeVersion, context };
  }
  return { kind: 'platform', eventType: parsed.eventType };
}

function jsonEntry(text: string, context: LineContext, unwrap: boolean): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (text.includes('"platform.') || text.includes(REPORT_MARKER)) return { kind: 'malformed', reason: `invalid JSON: ${excerpt((e as Error).message, 2 * EXCERPT_CHARS)}` };
    return { kind: 'other' };
  }
  if (isPlatformEvent(value)) return platformEntry(value, context);
  if (unwrap && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const row = value as Record<string, unknown>;
    const message = row.message ?? row['@message'];
    if (typeof message === 'string') return classifyMessage(message, rowContext(row, context), false);
  }
  return { kind: 'other' };
}

/**
 * Classifies one line. `context` is what an enclosing export row said (a CSV record's timestamp and log
 * group); `unwrap` allows one level of JSON export row around the message. Never throws.
 * @example classifyMessage('2025-11-20T10:00:00Z\tSTART RequestId: r1 Version: $LATEST').kind // 'other'
 */
export function classifyMessage(line: string, context: LineContext = {}, unwrap = true): LogEntry {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  if (text.startsWith('{')) return jsonEntry(text, context, unwrap);
  const at = text.indexOf(REPORT_MARKER);
  if (at >= 0) {
    const prefix = text.slice(0, at);
    if (/"\s*$/.test(prefix)) {
      return { kind: 'malformed', reason: 'a REPORT inside a JSON string spread over several lines: export one event per line (e.g. jq -c \'.events[]\')' };
    }
    const parsed = parseReportLine(text.slice(at));
    if ('error' in parsed) return { kind: 'malformed', reason: parsed.error };
    const timeMs = prefixTimestamp(prefix) ?? context.timeMs;
    if (timeMs !== undefined) parsed.timeMs = timeMs;
    return { kind: 'report', report: parsed, context };
  }
  if (INIT_START_RE.test(text)) {
    return { kind: 'initStart', eventType: INIT_START_MARKER, runtimeVersion: parseInitStartLine(text), context };
  }
  const brace = text.indexOf('{');
  if (brace > 0) {
    const timeMs = prefixTimestamp(text.slice(0, brace));
    if (timeMs !== undefined) return jsonEntry(text.slice(brace), { ...context, timeMs }, unwrap);
  }
  return { kind: 'other' };
}
