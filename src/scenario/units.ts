/**
 * Durations and rates written with units (`250ms`, `1.5s`, `10m`, `2h`; `50/s`, `300/min`), converted
 * exactly: the decimal is scaled as text, so `1.5s` is 1500 ms and `0.1s` is 100 ms, with one rounding at
 * most (never 1499.9999...).
 */

/** Milliseconds per unit. `m` and `min` are both minutes. */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

const NUMBER = '(\\d+(?:\\.\\d+)?|\\.\\d+)';

/** JSON Schema / RegExp source of a duration: a non-negative decimal and one of ms, s, m, min, h, d. */
export const DURATION_PATTERN = `^${NUMBER} ?(ms|s|min|m|h|d)$`;
/** JSON Schema / RegExp source of a rate: a non-negative decimal, `/`, and one of ms, s, m, min, h, d. */
export const RATE_PATTERN = `^${NUMBER} ?/ ?(ms|s|min|m|h|d)$`;

const DURATION_RE = new RegExp(DURATION_PATTERN);
const RATE_RE = new RegExp(RATE_PATTERN);

/** The decimal `text` times the integer `factor`, rounded once (the text is scaled, not the float). */
function scaleDecimal(text: string, factor: number): number {
  const [whole, fraction = ''] = text.split('.');
  const digits = BigInt(`${whole || '0'}${fraction}`) * BigInt(factor);
  // JavaScript's number parser rounds a decimal literal correctly, so this is the exact value rounded once.
  return Number(`${digits}e-${fraction.length}`);
}

/**
 * Milliseconds of a duration string, or undefined when `text` is not one.
 * @example parseDuration('1.5s') // 1500
 * @example parseDuration('10m') // 600000
 * @example parseDuration('250') // undefined (no unit)
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_RE.exec(text);
  return m ? scaleDecimal(m[1], UNIT_MS[m[2]]) : undefined;
}

/**
 * Events per millisecond of a rate string, or undefined when `text` is not one.
 * @example parseRate('50/s') // 0.05
 * @example parseRate('300/min') // 0.005
 */
export function parseRate(text: string): number | undefined {
  const m = RATE_RE.exec(text);
  return m ? scaleDecimal(m[1], 1) / UNIT_MS[m[2]] : undefined;
}

/**
 * A millisecond count in the largest unit that keeps it short and exact enough for a message.
 * @example formatMs(900000) // '15m'
 */
export function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0 && ms < 3_600_000) return `${ms / 60_000}m`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
