/**
 * Zod building blocks of the scenario format: durations, rates, bounded integers, enums. Each carries a
 * message that says what was expected and what was found, and a JSON Schema `pattern` where one applies.
 */
import { z } from 'zod';
import { describeValue } from '../errors.js';
import { didYouMean } from '../../text/suggest.js';
import { DURATION_PATTERN, RATE_PATTERN, formatMs, parseDuration, parseRate } from '../units.js';

/** The expectation of every duration, used in messages. */
export const DURATION_HINT = 'a duration with a unit such as 250ms, 1.5s, 10m or 2h';

/** Options of {@link duration}. */
export interface DurationBounds {
  /** Smallest allowed value (ms). Default: 0. */
  minMs?: number;
  /** Largest allowed value (ms). Default: none. */
  maxMs?: number;
  /** Whether `minMs` itself is allowed. Default: true. */
  minInclusive?: boolean;
}

function boundsText(b: DurationBounds): string {
  const min = b.minMs ?? 0;
  const lower = b.minInclusive === false ? `more than ${formatMs(min)}` : `at least ${formatMs(min)}`;
  return b.maxMs === undefined ? lower : `${lower} and at most ${formatMs(b.maxMs)}`;
}

/**
 * A duration string converted to milliseconds, optionally bounded.
 * @example duration({ maxMs: 900_000 }).parse('1.5s') // 1500
 */
export function duration(bounds: DurationBounds = {}) {
  const expected = `expected ${DURATION_HINT}`;
  return z
    .string({ error: (iss) => `${expected}, got ${describeValue(iss.input)}` })
    .regex(new RegExp(DURATION_PATTERN), { error: (iss) => `${expected}, got ${describeValue(iss.input)}` })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) return z.NEVER; // the pattern check has reported it
      const min = bounds.minMs ?? 0;
      const tooSmall = bounds.minInclusive === false ? ms <= min : ms < min;
      if (tooSmall || (bounds.maxMs !== undefined && ms > bounds.maxMs)) {
        ctx.issues.push({ code: 'custom', input: text, message: `expected a duration ${boundsText(bounds)}, got ${text}` });
        return z.NEVER;
      }
      return ms;
    });
}

/**
 * A duration string (as {@link duration}) or `none`, which stays `'none'`.
 * @example durationOrNone({ minMs: 60_000 }).parse('none') // 'none'
 */
export function durationOrNone(bounds: DurationBounds = {}) {
  const inner = duration(bounds);
  return z
    .string({ error: (iss) => `expected ${DURATION_HINT}, or none, got ${describeValue(iss.input)}` })
    .transform((text, ctx): number | 'none' => {
      if (text === 'none') return 'none';
      const parsed = inner.safeParse(text);
      if (parsed.success) return parsed.data;
      ctx.issues.push({ code: 'custom', input: text, message: `${parsed.error.issues[0]?.message ?? 'expected a duration'}; or none` });
      return z.NEVER;
    });
}

/** A positive rate string (`40/s`, `300/min`) converted to events per millisecond; zero too with `allowZero`. */
export function rate(options: { allowZero?: boolean } = {}) {
  const expected = 'expected a rate such as 40/s, 300/min or 2/h';
  return z
    .string({ error: (iss) => `${expected}, got ${describeValue(iss.input)}` })
    .regex(new RegExp(RATE_PATTERN), { error: (iss) => `${expected}, got ${describeValue(iss.input)}` })
    .transform((text, ctx) => {
      const perMs = parseRate(text);
      if (perMs === undefined) return z.NEVER; // the pattern check has reported it
      if (!Number.isFinite(perMs)) {
        ctx.issues.push({ code: 'custom', input: text, message: `expected a finite rate, got ${text.length > 40 ? `${text.slice(0, 40)}...` : text}` });
        return z.NEVER;
      }
      if (!(perMs > 0) && !(options.allowZero && perMs === 0)) {
        ctx.issues.push({ code: 'custom', input: text, message: `expected a rate above zero, got ${text}` });
        return z.NEVER;
      }
      return perMs;
    });
}

/**
 * A duration as Artillery writes it, a number of seconds (`60`), or a duration string (`1m`); in ms.
 * @example seconds().parse(60) // 60000
 */
export function seconds(bounds: DurationBounds = {}) {
  const error = (iss: { input?: unknown }) => `expected a number of seconds or ${DURATION_HINT}, got ${describeValue(iss.input)}`;
  const min = bounds.minMs ?? 0;
  const asNumber = z
    .number({ error })
    .refine((n) => Number.isFinite(n) && (bounds.minInclusive === false ? n * 1000 > min : n * 1000 >= min), { error: (iss) => `expected ${bounds.minInclusive === false ? 'more than' : 'at least'} ${min / 1000} seconds, got ${describeValue(iss.input)}` })
    .transform((n) => n * 1000);
  return z.union([asNumber, duration(bounds)], { error: (iss) => (iss.code === 'invalid_union' ? error(iss) : undefined) });
}

/**
 * A rate as Artillery writes it, arrivals per second (`5`), or a rate string (`300/min`); in events per ms.
 * Zero is allowed (a ramp may start from it).
 */
export function perSecond() {
  const error = (iss: { input?: unknown }) => `expected arrivals per second (a number >= 0) or a rate such as 40/s, got ${describeValue(iss.input)}`;
  const asNumber = z
    .number({ error })
    .refine((n) => Number.isFinite(n) && n >= 0, { error })
    .transform((n) => n / 1000);
  return z.union([asNumber, rate({ allowZero: true })], { error: (iss) => (iss.code === 'invalid_union' ? error(iss) : undefined) });
}

/**
 * A time of day: `"08:30"` (24-hour clock, up to `"24:00"`) or a number of hours (`8.5`); in ms after midnight.
 */
export function clock() {
  const error = (iss: { input?: unknown }) => `expected a time of day such as "08:30" or a number of hours from 0 to 24, got ${describeValue(iss.input)}`;
  const asText = z
    .string({ error })
    .regex(/^([01]?\d|2[0-4]):[0-5]\d$/, { error })
    .transform((t, ctx) => {
      const [h, m] = t.split(':').map(Number);
      if (h * 60 + m > 24 * 60) {
        ctx.issues.push({ code: 'custom', input: t, message: error({ input: t }) });
        return z.NEVER;
      }
      return (h * 60 + m) * 60_000;
    });
  const asNumber = z
    .number({ error })
    .refine((n) => n >= 0 && n <= 24, { error })
    .transform((n) => Math.round(n * 3_600_000));
  return z.union([asNumber, asText], { error: (iss) => (iss.code === 'invalid_union' ? error(iss) : undefined) });
}

/**
 * An integer in [min, max] (no upper bound but the safe integers when `max` is omitted), with `unit` named in the message.
 * @example int(128, 10_240, 'MB') // 'expected an integer from 128 to 10240 (MB), got 99999'
 */
export function int(min: number, max?: number, unit?: string) {
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  const expected = `expected an integer ${range}${unit ? ` (${unit})` : ''}`;
  const error = (iss: { input?: unknown }) => `${expected}, got ${describeValue(iss.input)}`;
  const n = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? n : n.max(max, { error });
}

/** A finite number >= `min` (any finite number when omitted). */
export function num(min?: number) {
  const expected = min === undefined ? 'expected a number' : `expected a number >= ${min}`;
  const error = (iss: { input?: unknown }) => `${expected}, got ${describeValue(iss.input)}`;
  const n = z.number({ error });
  return min === undefined ? n : n.min(min, { error });
}

/** One of the given words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const expected = `expected one of ${values.map((v) => `\`${v}\``).join(', ')}`;
  return z.enum(values, {
    error: (iss) =>
      `${expected}, got ${describeValue(iss.input)}${typeof iss.input === 'string' ? didYouMean(iss.input, values) : ''}`,
  });
}

/** `true` or `false`. */
export function bool() {
  return z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` });
}

/** A non-empty string. */
export function text() {
  const error = (iss: { input?: unknown }) => `expected a non-empty string, got ${describeValue(iss.input)}`;
  return z.string({ error }).min(1, { error });
}

/** A name made of letters, digits and `._-` that is not only dots: safe as a folder name. */
export function safeName(what: string) {
  const error = (iss: { input?: unknown }) =>
    `expected a ${what} of letters, digits, '.', '_' and '-' (not only dots), got ${describeValue(iss.input)}`;
  return z
    .string({ error })
    .regex(/^[A-Za-z0-9._-]+$/, { error })
    .refine((s) => !/^\.+$/.test(s), { error });
}
