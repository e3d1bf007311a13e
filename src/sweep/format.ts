/**
 * Numbers of a sweep in words: each metric in its unit, for the printed summary, breakpoints and sweep.html.
 */
import type { MetricUnit } from './metrics.js';

/** en-US number formats by fraction digits (`fixed` when exactly that many), made once: toLocaleString with options makes one per call, which dominates rendering a large sweep. */
const FORMATS = new Map<string, Intl.NumberFormat>();

/** `x` with at most `digits` fraction digits (exactly `digits` when `fixed`) and thousands separators, as `x.toLocaleString('en-US', ...)` writes it. */
export function localeNumber(x: number, digits: number, fixed = false): string {
  const key = `${digits}${fixed ? 'f' : ''}`;
  let format = FORMATS.get(key);
  if (format === undefined) FORMATS.set(key, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: fixed ? digits : 0, maximumFractionDigits: digits })));
  return format.format(x);
}

const fixed = (x: number, digits: number) => localeNumber(x, digits, true);

/**
 * Dollars with cents when `reference` (default: `x`) is a dollar or more, else 4 significant digits.
 * @example usdText(1234.5) // '$1,234.50'
 * @example usdText(0.2897, 58.67) // '$0.29' (a half-width beside a mean of dollars)
 */
export function usdText(x: number, reference = x): string {
  if (Math.abs(reference) >= 1 || x === 0) return `${x < 0 ? '-' : ''}$${fixed(Math.abs(x), 2)}`;
  return `${x < 0 ? '-' : ''}$${Number(Math.abs(x).toPrecision(4))}`;
}

/**
 * `x` in `unit`, briefly: `$1,234.50`, `123.4 ms`, `0.675%` (a share), `42.0%` (percent), `1,077` (count).
 * `reference` (default: `x`) sets the precision of dollars, so a half-width reads like its mean.
 */
export function metricText(x: number, unit: MetricUnit, reference = x): string {
  switch (unit) {
    case 'usd':
      return usdText(x, reference);
    case 'ms':
      return `${fixed(x, 1)} ms`;
    case 'share':
      return `${fixed(x * 100, 3)}%`;
    case 'percent':
      return `${fixed(x, 1)}%`;
    case 'gb-s':
      return `${fixed(x, 1)} GB-s`;
    case 'count':
      return Number.isInteger(x) ? fixed(x, 0) : fixed(x, 2);
  }
}

/** The relative difference of `a` over `b`, e.g. `+25.0%`; empty when `b` is 0. */
export function changeText(a: number, b: number): string {
  if (b === 0) return '';
  const pct = ((a - b) / Math.abs(b)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}
