/**
 * How calibrate writes numbers: for people (thousands separators, a few decimals) and for scenarios
 * (durations and rates in the scenario format's units, never in exponent notation).
 */
import { OTHER_SIZES } from './group.js';

/** 1,234 */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** `1 cold start`, `2 cold starts`: a count and a noun, singular for exactly one. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** A ms value for a table: 2 decimals below 100, 1 below 10,000, else none. */
export function formatMsCell(ms: number): string {
  const digits = ms < 100 ? 2 : ms < 10_000 ? 1 : 0;
  return ms.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Sizes of memory listed beside the most frequent one. */
const SIZES_LISTED = 5;

/**
 * The memory sizes after the most frequent, as `item` words them: {@link SIZES_LISTED} of them, then how many
 * more, then the reports of sizes not told apart ({@link OTHER_SIZES}, last).
 * @example otherSizes([[128, 9], [256, 2]], (mb, n) => `${mb} MB (${n})`) // '256 MB (2)'
 */
export function otherSizes(sizes: ReadonlyArray<[number, number]>, item: (mb: number, n: number) => string): string {
  const others = sizes.length > 1 && sizes[sizes.length - 1][0] === OTHER_SIZES ? sizes[sizes.length - 1][1] : 0;
  const sized = others > 0 ? sizes.slice(0, -1) : sizes;
  const shown = sized.slice(1, 1 + SIZES_LISTED).map(([mb, n]) => item(mb, n)).join(', ');
  const more = sized.length - 1 - SIZES_LISTED;
  const listed = more > 0 ? `${shown} and ${formatCount(more)} more sizes` : shown;
  return others > 0 ? `${listed}, and ${plural(others, 'report')} of other sizes` : listed;
}

/** A share as a percentage with 2 decimals: `1.20%`. */
export const formatShare = (x: number): string => `${(x * 100).toFixed(2)}%`;

/** A p-value: 3 decimals, `<0.001` below. */
export const formatPValue = (p: number): string => (p < 0.001 ? '<0.001' : p.toFixed(3));

/** A span of time in the largest fitting unit: `45.0 s`, `12.5 min`, `3.00 h`, `2.00 d`. */
export function formatSpan(ms: number): string {
  if (ms >= 2 * 86_400_000) return `${(ms / 86_400_000).toFixed(2)} d`;
  if (ms >= 2 * 3_600_000) return `${(ms / 3_600_000).toFixed(2)} h`;
  if (ms >= 2 * 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(0)} ms`;
}

/** `v` with `significant` significant digits (integers above that kept whole), without exponent notation. */
function plainDecimal(v: number, significant: number): string {
  if (v >= 10 ** significant) return Math.round(v).toString();
  const text = Number(v.toPrecision(significant)).toString();
  if (!text.includes('e')) return text;
  return v.toFixed(12).replace(/\.?0+$/, '');
}

/**
 * A duration for a scenario, in ms with 2 decimals (3 below 1 ms), trailing zeros dropped.
 * @example scenarioMs(183.234) // '183.23ms'
 * @example scenarioMs(1500) // '1500ms'
 */
export function scenarioMs(ms: number): string {
  const text = ms.toFixed(ms < 1 ? 3 : 2).replace(/\.?0+$/, '');
  return `${text}ms`;
}

/**
 * A rate for a scenario with 4 significant digits, per second, minute or hour, whichever gives a value of 1
 * or more (per hour below that).
 * @example scenarioRate(0.25) // '15/min'
 * @example scenarioRate(12.345678) // '12.35/s'
 */
export function scenarioRate(perSecond: number): string {
  if (perSecond >= 1) return `${plainDecimal(perSecond, 4)}/s`;
  if (perSecond * 60 >= 1) return `${plainDecimal(perSecond * 60, 4)}/min`;
  return `${plainDecimal(perSecond * 3600, 4)}/h`;
}

/** A rate for people: `0.278/s`. */
export const formatRate = (perSecond: number): string => `${plainDecimal(perSecond, 3)}/s`;

/** An ISO time without milliseconds when they are 0. */
export const formatTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
