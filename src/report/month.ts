/**
 * A variant's cost projected to a 30-day month, line by line with its arithmetic, the way AWS's pricing
 * examples show it. The numbers are the billing module's (monthlyCost: the run's usage scaled by 30 days /
 * its period and priced with the monthly tiers); this file only writes them out. See docs/reports.md.
 */
import { type BillLine, computeRunCost, LINE_KEYS, LINE_LABELS, type LineKey, type RunCost } from '../billing/index.js';
import { type MonthInput, monthOf } from '../results/index.js';
import { durationText, int, priceText, qty, usd } from './format.js';

/** One line of the projection. */
export interface ProjectionLine {
  item: LineKey;
  /** What the line prices, e.g. `Duration (x86_64)`. */
  label: string;
  /** The arithmetic, e.g. `3,456,748 requests x (30 d / 1 d) = 103,702,440 requests x $0.20 per 1M requests = $20.74`. */
  arithmetic: string;
  /** Exact monthly USD. */
  usd: number;
}

/** A variant's projected month. */
export interface MonthlyProjection {
  /** 30 days / the run's period; null when the period is 0 (no projection). */
  factor: number | null;
  lines: ProjectionLine[];
  /** Exact monthly USD per line item. */
  byItem: Record<LineKey, number>;
  /** Exact monthly USD. */
  total: number;
  /** Whether the free tier was subtracted (the scenario's `billing.freeTier`). */
  freeTier: boolean;
}

/** The volume of a line in its unit, e.g. `3,456,748 requests` or `193,165.542 GB-s`. */
function volume(quantity: number, unit: BillLine['unit']): string {
  return unit === 'GB-s' ? `${qty(quantity)} GB-s` : `${int(quantity)} ${unit}`;
}

/** How a line is titled. */
function label(line: BillLine): string {
  const item = LINE_LABELS[line.item];
  return `${item.charAt(0).toUpperCase()}${item.slice(1)}${line.detail === '' ? '' : ` (${line.detail})`}`;
}

/** `x $0.0000166667 per GB-s = $96.58`, or each tier's part when the volume reaches a second tier. */
function pricedText(line: BillLine): string {
  const parts = line.parts;
  // an environment's price is per GB of its memory: show the GB each
  const each = (p: BillLine['parts'][number]) => `${line.unit === 'environments' ? `${qty(p.quantity / line.quantity, 7)} GB x ` : ''}${priceText(p.price)}`;
  if (parts.length === 1) return `x ${each(parts[0])} = ${usd(line.usd)}`;
  const tiers = parts.map((p, i) => `${i === 0 ? 'first' : i === parts.length - 1 ? 'then' : 'next'} ${qty(p.quantity)} GB-s x ${priceText(p.price)} = ${usd(p.usd)}`);
  return `through the monthly tiers: ${tiers.join('; ')}; together ${usd(line.usd)}`;
}

/** The arithmetic of one month line: the run's volume, the factor, the month's volume, the free part, the prices. */
function arithmetic(run: BillLine | undefined, month: BillLine, factor: string): string {
  // billed requests: completed invocations, not every request the tables count
  const runVolume = month.unit === 'requests' ? `${int(run?.quantity ?? 0)} billed requests` : volume(run?.quantity ?? 0, month.unit);
  const from = `${runVolume} in the run x ${factor} = ${volume(month.quantity, month.unit)}`;
  const free = month.free > 0 ? ` - ${volume(month.free, month.unit)} free = ${volume(month.quantity - month.free, month.unit)}` : '';
  return `${from}${free} ${pricedText(month)}`;
}

/**
 * Projects `variant`'s cost to a 30-day month from its usage (summary.json's `functions[].usage`) and
 * period, through the billing module: the same figures as the sweep's `monthlyCostUsd`.
 */
export function projectMonth(variant: MonthInput): MonthlyProjection {
  const usages = variant.functions.map((f) => f.usage);
  const freeTier = variant.billing.freeTier;
  const month = monthOf(variant);
  const byItem = Object.fromEntries(LINE_KEYS.map((k) => [k, 0])) as Record<LineKey, number>;
  if (month === null) return { factor: null, lines: [], byItem, total: 0, freeTier };
  const run: RunCost = computeRunCost(usages, { tiers: true, freeTier: false });
  const factor = `(30 d / ${durationText(variant.periodMs)})`;
  const lines = month.cost.lines
    .filter((l) => l.quantity > 0)
    .map((l): ProjectionLine => ({
      item: l.item, label: label(l), usd: l.usd,
      arithmetic: arithmetic(run.lines.find((r) => r.item === l.item && r.detail === l.detail), l, factor),
    }));
  for (const k of LINE_KEYS) byItem[k] = month.cost.exact[k];
  return { factor: month.factor, lines, byItem, total: month.cost.exact.total, freeTier };
}
