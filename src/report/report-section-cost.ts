/**
 * The cost section: each variant's cost projected to a 30-day month, line item by line item with the
 * arithmetic shown, a table of the line items side by side, and the stacked-bar chart.
 */
import { PRICES_AS_OF, PRICING_PAGE } from '../billing/prices.js';
import type { Block, Text } from './report-blocks.js';
import { costChart } from './report-charts.js';
import { durationText, qty, usd, usdFine } from './report-format.js';
import type { ReportModel, VariantModel } from './report-model.js';
import { COST_ITEM_LABELS, COST_ITEMS } from './report-projection.js';

/** How the projection was made, in words. */
function method(m: ReportModel): Text {
  const h = durationText(m.horizonMs);
  const k = m.variants[0].month.factor;
  const free = m.variants.some((v) => v.month.freeTier)
    ? ['The free tier (1M requests and 400,000 GB-s a month) is subtracted where the scenario turns it on (', { code: 'billing.freeTier' }, ').']
    : ['The free tier is not subtracted (the scenario leaves ', { code: 'billing.freeTier' }, ' off; most accounts use it up elsewhere).'];
  const unbilled = m.variants.some((v) => v.config?.platform.initBilling === 'unbilled');
  const init = unbilled
    ? 'Init time is billed as the scenario says (initBilling unbilled, the rule before 2025-08-01: free for ZIP packages on managed runtimes); AWS has no separate init line.'
    : 'Duration includes the init phase of every cold start: AWS bills init as duration of the invocation that caused it (since 2025-08-01), not as a separate line.';
  return [
    `The run simulated ${h}. Each line multiplies what the run used by 30 days / ${h} (x ${qty(k, 4)}), rounds to whole requests, milliseconds and environments, and prices the result at AWS Lambda's us-east-1 list prices (read ${PRICES_AS_OF}, ${PRICING_PAGE}). `,
    'The monthly duration tiers are applied to the projected volume. ', ...free, ' ', init,
    ' Amounts are shown to the cent (smaller ones to two significant digits); totals add the unrounded lines. The projection assumes the simulated traffic repeats unchanged all month.',
  ];
}

/** One variant's lines and total. */
function variantBlocks(v: VariantModel): Block[] {
  const m = v.month;
  const per1000 = v.summary.invocations > 0 ? ` (${usdFine((m.total / (v.summary.invocations * m.factor)) * 1000)} per 1,000 requests)` : '';
  const blocks: Block[] = [
    { kind: 'subheading', text: `${v.summary.name}: ${usd(m.total)} a month` },
    { kind: 'list', items: [...m.lines.map((l) => `${l.label}: ${l.arithmetic}`), `Total: ${usd(m.total)} a month${per1000}`] },
  ];
  if (m.linearFunctions.length > 0) {
    blocks.push({ kind: 'note', text: `${m.linearFunctions.join(', ')}: provisioned concurrency; the results do not split its GB-s between provisioned and on-demand environments, so its usage is scaled linearly at the run's prices.` });
  }
  return blocks;
}

/** The line items side by side (only those any variant pays). */
function breakdownTable(m: ReportModel): Block {
  const items = COST_ITEMS.filter((i) => m.variants.some((v) => v.month.byItem[i] > 0));
  const rows = [
    ...items.map((i) => [COST_ITEM_LABELS[i], ...m.variants.map((v) => usd(v.month.byItem[i]))]),
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
