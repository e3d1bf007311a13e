/**
 * Reading the time and number cells of a generic CSV trace: ISO 8601 times, epoch and offset numbers, and
 * the `auto` rule that tells them apart from the first row.
 */

/** A decimal number: digits with an optional point and exponent (no hex, no `Infinity`, no blanks). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `YYYY-MM-DD`, optionally `[T ]hh:mm[:ss[.fff...]]` and `Z` or `+hh:mm` / `+hhmm` / `+hh`. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** Time units of a CSV time column. */
export type TimeUnit = 'epoch-ms' | 'epoch-s' | 'iso8601' | 'offset-s';

/** `text` as a finite number, or NaN when it is not a plain decimal number. */
export function decimal(text: string): number {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : NaN;
}

/**
 * Milliseconds since 1970-01-01T00:00:00Z of an ISO 8601 time, or NaN. A time without a zone is read as UTC
 * (never as the machine's local time, so results do not depend on where they are computed); fractions of
 * a second keep their sub-millisecond digits.
 * @example isoMs('1970-01-01T00:00:01.5+01:00') // -3598500
 */
export function isoMs(text: string): number {
  const m = ISO.exec(text.trim());
  if (m === null) return NaN;
  const [Y, M, D, H, Mi, S] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (M < 1 || M > 12 || D < 1 || H > 23 || Mi > 59 || S > 59) return NaN;
  const ms = Date.UTC(Y, M - 1, D, H, Mi, S);
  if (new Date(ms).getUTCDate() !== D) return NaN; // 2024-02-30 and the like
  const frac = m[7] === undefined ? 0 : Number(`0${m[7]}`) * 1000;
  let offsetMin = 0;
  const z = m[8];
  if (z !== undefined && z !== 'Z' && z !== 'z') {
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return NaN;
    offsetMin = (z[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return ms + frac - offsetMin * 60_000;
}

/**
 * The unit `auto` picks from a first time cell: an ISO string is `iso8601`; a number above 1e11 is epoch
 * milliseconds (after 1973-03-03 in ms), above 1e8 epoch seconds (after 1973-03-03 in s), otherwise an offset
 * in seconds from the trace's start. Undefined when the cell is neither.
 */
export function detectTimeUnit(text: string): TimeUnit | undefined {
  const v = decimal(text);
  if (!Number.isNaN(v)) return v > 1e11 ? 'epoch-ms' : v > 1e8 ? 'epoch-s' : 'offset-s';
  return Number.isNaN(isoMs(text)) ? undefined : 'iso8601';
}

/** The time in `text` in ms (absolute for epoch and ISO units, from the start for offset-s), or NaN. */
export function timeMs(text: string, unit: TimeUnit): number {
  switch (unit) {
    case 'iso8601':
      return isoMs(text);
    case 'epoch-ms':
      return decimal(text);
    case 'epoch-s':
    case 'offset-s':
      return decimal(text) * 1000;
  }
}

/** How a time of `unit` should look, for messages. */
export const TIME_EXAMPLE: Record<TimeUnit, string> = {
  'epoch-ms': 'milliseconds since 1970 (1714564800000)',
  'epoch-s': 'seconds since 1970 (1714564800)',
  iso8601: 'an ISO 8601 time (2024-05-01T12:00:00.000Z)',
  'offset-s': 'seconds from the start of the trace (12.5)',
};
