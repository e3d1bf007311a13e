/**
 * Timestamps as log exports write them: ISO 8601 (`2025-11-20T10:00:00.123Z`,
 * `2025-11-20T10:00:00.123000+00:00` from `aws logs tail`), Logs Insights' `2025-11-20 10:00:00.123` (UTC), and
 * Unix milliseconds (`1763632800123`, as `aws logs filter-log-events` returns them).
 */

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;
const EPOCH_MS_RE = /^\d{13}$/;

/**
 * Unix ms of a date-time text, or undefined when it is not one. A time without a zone is UTC; digits beyond
 * milliseconds are dropped.
 * @example parseTimestamp('2025-11-20 10:00:00.5') // 1763632800500
 */
export function parseTimestamp(text: string): number | undefined {
  if (EPOCH_MS_RE.test(text)) return Number(text);
  const m = DATE_TIME_RE.exec(text);
  if (!m) return undefined;
  const [, date, time, fraction = '0', zone = 'Z'] = m;
  const ms = fraction.slice(0, 3).padEnd(3, '0');
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const value = Date.parse(`${date}T${time}.${ms}${offset}`);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Unix ms of the timestamp that starts `prefix` (the columns before a log message: `timestamp`, or
 * `timestamp logStream`), or undefined when it does not start with one.
 * @example prefixTimestamp('2025-11-20T10:00:00.123Z\t') // 1763632800123
 */
export function prefixTimestamp(prefix: string): number | undefined {
  const tokens = prefix.trim().split(/\s+/);
  return parseTimestamp(tokens[0]) ?? (tokens.length > 1 ? parseTimestamp(`${tokens[0]} ${tokens[1]}`) : undefined);
}

/** The largest distance from 1970 (ms) a JavaScript date can hold: 100,000,000 days. */
const MAX_DATE_MS = 8.64e15;

/** Unix ms of a JSON `timestamp` field: a number of ms a date can hold, or a date-time text. */
export function jsonTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Math.abs(value) <= MAX_DATE_MS ? value : undefined;
  return typeof value === 'string' ? parseTimestamp(value) : undefined;
}
