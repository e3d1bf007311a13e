/**
 * How the report writes numbers: thousands separators, fixed decimals, percentages, dollars, durations and
 * differences. en-US formatting whatever the machine's locale, so reports are the same everywhere.
 */
import type { ListPrice } from '../billing/prices.js';

const MS_PER_DAY = 86_400_000;

/** A whole number with thousands separators. @example int(3456751) // '3,456,751' */
export const int = (x: number): string => Math.round(x).toLocaleString('en-US');

/** `d` decimals, thousands separators. @example fixed(1234.5, 2) // '1,234.50' */
export const fixed = (x: number, d: number): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** Up to `d` decimals, trailing zeros dropped. @example qty(193165.5415) // '193,165.542' */
export const qty = (x: number, d = 3): string => x.toLocaleString('en-US', { maximumFractionDigits: d });

/** A fraction as a percentage with `d` decimals. @example pct(0.00675114, 3) // '0.675%' */
export const pct = (x: number, d = 1): string => `${fixed(x * 100, d)}%`;

/**
 * Dollars: cents when at least one cent (or zero), else two significant digits, so that small runs do not
 * read $0.00. @example usd(20.7405) // '$20.74' @example usd(0.0000044667) // '$0.0000045'
 */
export function usd(x: number): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a === 0 || a >= 0.005) return `${sign}$${fixed(a, 2)}`;
  return `${sign}$${Number(a.toPrecision(2)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 20 })}`;
}

/**
 * Dollars for small unit costs (per 1,000 requests, a short run): cents from $1 up, else three significant
 * digits, at least two decimals. @example usdFine(0.0143) // '$0.0143' @example usdFine(0.5) // '$0.50' @example usdFine(3.9107) // '$3.91'
 */
export function usdFine(x: number): string {
  const a = Math.abs(x);
  if (a === 0 || a >= 1) return usd(x);
  return `${x < 0 ? '-' : ''}$${Number(a.toPrecision(3)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 20 })}`;
}

/** A count per 1,000 with fewer decimals as it grows: 2 below 10, 1 below 100, else none. @example perThousand(6.6911) // '6.69' */
export const perThousand = (x: number): string => fixed(x, Math.abs(x) < 10 ? 2 : Math.abs(x) < 100 ? 1 : 0);

/** A list price as published: `$0.0000166667 per GB-s` (requests per 1M: `$0.20 per 1M requests`). */
export function priceText(price: ListPrice): string {
  if (price.per === 'request') return `$${fixed((price.e10Usd * 1e6) / 1e10, 2)} per 1M requests`;
  const digits = String(price.e10Usd).padStart(11, '0');
  const text = `${digits.slice(0, -10)}.${digits.slice(-10)}`.replace(/0+$/, '').replace(/\.$/, '');
  return `$${text} per ${price.per}`;
}

/**
 * A duration in the largest unit that divides it (`1 d`, `14 d`, `6 h`, `90 min`), else in the largest unit
 * it reaches, to two decimals (`8.09 h`), and below a minute in seconds (`19.125 s`).
 */
export function durationText(ms: number): string {
  const units: Array<[number, string]> = [[MS_PER_DAY, 'd'], [3_600_000, 'h'], [60_000, 'min']];
  for (const [size, unit] of units) if (ms > 0 && ms % size === 0) return `${int(ms / size)} ${unit}`;
  for (const [size, unit] of units) if (ms >= size) return `${qty(ms / size, 2)} ${unit}`;
  return `${qty(ms / 1000)} s`;
}

/**
 * The difference of `x` from `base`: `=` when equal, else the signed difference in `fmt` and, when `base` is
 * not 0, the relative change. @example delta(227, 23337, int) // '+23,110 (+10,180.6%)'
 */
export function delta(base: number, x: number, fmt: (x: number) => string): string {
  if (x === base) return '=';
  const sign = x > base ? '+' : '-';
  const rel = base !== 0 ? ` (${sign}${fixed(Math.abs((x - base) / base) * 100, 1)}%)` : '';
  return `${sign}${fmt(Math.abs(x - base))}${rel}`;
}

/** A relative change as `+50.5%` / `-8.1%`; `n/a` from 0. */
export function change(base: number, x: number): string {
  if (base === 0) return x === 0 ? '0.0%' : 'n/a';
  const r = ((x - base) / base) * 100;
  return `${r >= 0 ? '+' : '-'}${fixed(Math.abs(r), 1)}%`;
}
