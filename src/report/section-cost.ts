/**
 * The cost section: each variant's cost projected to a 30-day month, line item by line item with the
 * arithmetic shown, a table of the line items side by side, and the stacked-bar chart.
 */
import { LINE_KEYS, LINE_LABELS, prices } from '../billing/index.js';
import type { Block, Text } from './blocks.js';
import { costChart } from './charts.js';
import { durationText, qty, usd, usdFine } from './format.js';
import type { ReportModel, VariantModel } from './model.js';

/** How the projection was made, in words. */
function method(m: ReportModel): Text {
  const periods = [...new Set(m.variants.map((v) => v.summary.periodMs))];
  const first = m.variants[0];
  const span = periods.length === 1 ? durationText(periods[0]) : 'its period';
  const k = first.month.factor;
  const period = m.results.summary.horizonMs === first.summary.periodMs
    ? `The run simulated ${durationText(first.summary.periodMs)}.`
    : `The run's traffic spans ${span}, from time 0 to its last arrival (the run has no horizon).`;
  const free = m.variants.some((v) => v.month.freeTier)
    ? ['The free tier (1M requests and 400,000 GB-s a month) is subtracted where the scenario turns it on (', { code: 'billing.freeTier' }, ').']
    : ['The free tier is not subtracted (the scenario leaves ', { code: 'billing.freeTier' }, ' off; most accounts use it up elsewhere).'];
  const unbilled = m.variants.some((v) => v.summary.initBilling === 'unbilled');
  const provisioned = m.variants.some((v) => v.summary.functions.some((f) => f.usage.provisionedConcurrency > 0));
  const init = unbilled
    ? 'Init time is billed as the scenario says (initBilling unbilled, the rule before 2025-08-01: free for ZIP packages on managed runtimes); AWS has no separate init line.'
    : 'Duration includes the init phase of every cold start: AWS bills init as duration of the invocation that caused it (since 2025-08-01), not as a separate line.';
  return [
    `${period} Each line multiplies what the run used by 30 days / ${span}${k !== null && periods.length === 1 ? ` (x ${qty(k, 4)})` : ''}, rounds to whole requests, milliseconds and environments, and prices the result at AWS Lambda's us-east-1 list prices (read ${prices.PRICES_AS_OF}, ${prices.PRICING_PAGE})${provisioned ? '; provisioned concurrency stays configured all month' : ''}. `,
    'The monthly duration tiers are applied to the projected volume. ', ...free, ' ', init,
    ' Amounts are shown to the cent (smaller ones to two significant digits); totals add the unrounded lines. The projection assumes the simulated traffic repeats unchanged all month; the sweep\'s monthlyCostUsd is the same figure.',
    ...(first.summary.periodMs > 0 && first.summary.periodMs < WEEK_MS
      ? [` The run covers ${durationText(first.summary.periodMs)}, less than a week, so weekly patterns (quiet weekends, a weekly batch) are not in the projection: simulate a week or more to include them.`]
      : []),
  ];
}

/** A week, ms: a run shorter than this cannot hold weekly patterns. */
const WEEK_MS = 7 * 86_400_000;

/** One variant's lines and total. */
function variantBlocks(v: VariantModel): Block[] {
  const m = v.month;
  if (m.factor === null) {
    const why = v.summary.periodMs > 0
      ? `Its traffic spans ${durationText(v.summary.periodMs)}, too little to project to a month (a month's volumes would pass 2^53).`
      : 'All of its traffic arrives at one instant, so it has no rate to project to a month.';
    return [{ kind: 'subheading', text: `${v.summary.name}: no monthly projection` }, { kind: 'note', text: why }];
  }
  const per1000 = v.summary.invocations > 0 ? ` (${usdFine((m.total / (v.summary.invocations * m.factor)) * 1000)} per 1,000 requests)` : '';
  return [
    { kind: 'subheading', text: `${v.summary.name}: ${usd(m.total)} a month` },
    { kind: 'list', items: [...m.lines.map((l) => `${l.label}: ${l.arithmetic}`), `Total: ${usd(m.total)} a month${per1000}`] },
  ];
}

/** The line items side by side (only those any variant pays). */
function breakdownTable(m: ReportModel): Block {
  const items = LINE_KEYS.filter((i) => m.variants.some((v) => v.month.byItem[i] > 0));
  const rows = [
    ...items.map((i) => [LINE_LABELS[i], ...m.variants.map((v) => usd(v.month.byItem[i]))]),
    ['total', ...m.variants.map((v) => usd(v.month.total))],
  ];
  return { kind: 'table', head: ['per 30-day month', ...m.variants.map((v) => v.summary.name)], rows, align: ['l', ...m.variants.map(() => 'r' as const)] };
}

/** The cost section. */
export function costSection(m: ReportModel): Block[] {
  return [
    { kind: 'heading', text: 'Cost per 30-day month' },
    { kind: 'paragraph', text: method(m) },
    breakdownTable(m),
    costChart(m),
    ...m.variants.flatMap(variantBlocks),
  ];
}
