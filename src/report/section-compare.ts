/**
 * The side-by-side section: one column per variant, one row per metric, and for each variant after the
 * baseline its difference from the baseline.
 */
import type { Align, Block } from './blocks.js';
import { coldStartChart, latencyChart } from './charts.js';
import { delta, fixed, int, pct, usd, usdFine } from './format.js';
import type { ReportModel, VariantModel } from './model.js';
import { COLD_START_CAUSE_TEXT, COLD_START_CAUSES } from '../results/index.js';

interface Metric {
  label: string;
  /** The value; null where a variant has none (latency when it completed nothing), shown as `n/a`. */
  get: (v: VariantModel) => number | null;
  fmt: (x: number) => string;
}

/** A latency percentile, or null when the variant completed no invocation. */
const latency = (key: 'p50' | 'p99') => (v: VariantModel): number | null => (v.summary.completed > 0 ? v.summary.latencyMs[key] : null);

const rate = (v: VariantModel) => (v.summary.invocations > 0 ? v.summary.coldStarts / v.summary.invocations : 0);

/** The rows of the side-by-side table. */
export const METRICS: readonly Metric[] = [
  { label: 'requests', get: (v) => v.summary.invocations, fmt: int },
  { label: 'cold starts', get: (v) => v.summary.coldStarts, fmt: int },
  { label: 'cold starts per 1,000 requests', get: (v) => v.coldStartsPer1000, fmt: (x) => fixed(x, 2) },
  { label: 'cold-start rate', get: rate, fmt: (x) => pct(x, 3) },
  ...COLD_START_CAUSES.map((c): Metric => ({ label: `cold starts: ${COLD_START_CAUSE_TEXT[c]}`, get: (v) => v.summary.causes.coldStarts[c], fmt: int })),
  { label: 'environments replaced in the background (lifetime)', get: (v) => v.summary.causes.replacements, fmt: int },
  { label: 'latency p50 (ms)', get: latency('p50'), fmt: (x) => fixed(x, 1) },
  { label: 'latency p99 (ms)', get: latency('p99'), fmt: (x) => fixed(x, 1) },
  { label: 'peak concurrency', get: (v) => v.summary.peakConcurrency, fmt: int },
  { label: 'peak environments', get: (v) => v.summary.peakEnvironments, fmt: int },
  { label: 'mean environments', get: (v) => v.summary.meanEnvironments, fmt: (x) => fixed(x, 1) },
  { label: 'throttled requests', get: (v) => v.summary.throttled, fmt: int },
  { label: 'failed share (throttled, rejected, timed out)', get: (v) => v.summary.failedShare, fmt: (x) => pct(x, 2) },
  { label: 'cost of the run', get: (v) => v.summary.costUsdExact.total, fmt: usdFine },
  { label: 'cost per 30-day month', get: (v) => v.month.total, fmt: usd },
  { label: 'cost per 1,000 requests', get: (v) => (v.summary.invocations > 0 ? (v.summary.costUsdExact.total / v.summary.invocations) * 1000 : 0), fmt: usdFine },
  { label: 'cost per 1,000 completed requests', get: (v) => (v.summary.completed > 0 ? (v.summary.costUsdExact.total / v.summary.completed) * 1000 : null), fmt: usdFine },
];

/** The side-by-side table: metric, baseline, then each other variant and its difference. */
export function compareTable(m: ReportModel): Block {
  const [base, ...rest] = m.variants;
  const head = ['', base.summary.name, ...rest.flatMap((v) => [v.summary.name, `${v.summary.name} vs ${base.summary.name}`])];
  const show = (x: Metric, v: VariantModel) => { const n = x.get(v); return n === null ? 'n/a' : x.fmt(n); };
  // a cause row that is 0 in every variant says nothing
  const shown = METRICS.filter((x) => !x.label.startsWith('cold starts: ') || m.variants.some((v) => (x.get(v) ?? 0) > 0));
  const rows = shown.map((x) => {
    const b = x.get(base);
    return [x.label, show(x, base), ...rest.flatMap((v) => {
      const n = x.get(v);
      return [show(x, v), b === null || n === null ? 'n/a' : delta(b, n, x.fmt)];
    })];
  });
  return { kind: 'table', head, rows, align: head.map((_, i): Align => (i === 0 ? 'l' : 'r')) };
}

/**
 * What the variants drew alike: every traffic entry draws from streams of its own (docs/model.md, "Random
 * numbers"), so the entries the variants share (by key) saw the same arrivals, tenants and handler durations
 * in each; entries only some variants have are named.
 */
export function drawsSentence(m: ReportModel): string {
  const sets = m.variants.map((v) => new Set(v.summary.traffic));
  const all = [...new Set(m.variants.flatMap((v) => v.summary.traffic))];
  const shared = new Set(all.filter((k) => sets.every((s) => s.has(k))));
  // the same draws give other handler durations where a function's duration (or its memory, with cpuScaling) differs
  const fns = m.variants.flatMap((v) => v.summary.functions);
  const differ = [...new Set(fns.map((f) => f.name))].filter((n) => new Set(fns.filter((f) => f.name === n).map((f) => f.handlerKey)).size > 1);
  const durations = differ.length === 0 ? '' : ` The handler durations of ${differ.join(', ')} differ between variants (another duration, or memory with cpuScaling), from the same draws.`;
  if (shared.size === all.length) {
    return differ.length === 0
      ? 'Every variant saw the same arrivals, tenants and handler durations (the same traffic entries, each drawing from random streams of its own), so the differences come from the design.'
      : `Every variant saw the same arrivals and tenants (the same traffic entries, each drawing from random streams of its own).${durations}`;
  }
  const own = m.variants.map((v) => ({ name: v.summary.name, keys: v.summary.traffic.filter((k) => !shared.has(k)) })).filter((x) => x.keys.length > 0);
  const entries = (n: number) => `${int(n)} traffic entr${n === 1 ? 'y' : 'ies'}`;
  return `The variants share ${entries(shared.size)} of ${int(all.length)}: those saw the same ${differ.length === 0 ? 'arrivals, tenants and handler durations' : 'arrivals and tenants'} in every variant. ` +
    `Other entries are not in every variant (${own.map((x) => `${x.name}: ${x.keys.join(', ')}`).join('; ')}), so part of the differences comes from their traffic.${durations}`;
}

/** The section: its table, what the rows mean, and the cold-start and latency charts. */
export function compareSection(m: ReportModel): Block[] {
  const base = m.variants[0].summary.name;
  return [
    { kind: 'heading', text: 'Variants side by side' },
    {
      kind: 'paragraph',
      text: m.variants.length > 1
        ? `${drawsSentence(m)} Differences are against the baseline, ${base}.`
        : `One variant, ${base}.`,
    },
    compareTable(m),
    {
      kind: 'note',
      text: 'A request is one invocation by a client, throttled ones included. A cold start is an environment created to serve a request. Latency runs from the first arrival to completion, init and retries included. Peak concurrency counts busy environments; peak environments counts live ones, busy or idle. Throttled requests never ran (after their last 429); failed requests are those throttled, rejected (sent without a tenant id to an isolated function) or cut off at the timeout, and a variant that fails more than the baseline is not called cheaper or faster. Costs are exact list prices, not rounded to the cent.',
    },
    coldStartChart(m),
    latencyChart(m),
  ];
}
