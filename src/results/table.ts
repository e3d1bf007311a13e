/**
 * The side-by-side text table the CLI prints: one column per variant, one row per metric, and for every
 * variant after the first its difference from the first.
 */
import type { SummaryDocument, VariantSummary } from './types.js';
import { COLD_START_CAUSE_TEXT, COLD_START_CAUSES } from '../model/cold-causes.js';

interface Row {
  label: string;
  /** The row's value; null where it has none (latency when nothing completed), shown as `n/a`. */
  get: (v: VariantSummary) => number | null;
  /** How a value is shown. */
  fmt: (x: number) => string;
  /** Whether to show the row when every variant has 0. Default: true. */
  always?: boolean;
  /** Shown only when this holds for some variant. */
  shownIf?: (v: VariantSummary) => boolean;
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const dec = (d: number) => (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
/** Dollars: cents from $100 up, else six significant digits (at least two decimals), so small runs do not show $0.00. */
const usd = (x: number) => (Math.abs(x) >= 100 || x === 0 ? `$${dec(2)(x)}` : `$${Number(x.toPrecision(6)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 12 })}`);
/** A latency statistic, or null when the variant completed no invocation (it has no latencies). */
const latency = (key: 'mean' | 'p50' | 'p90' | 'p99' | 'max') => (v: VariantSummary): number | null => (v.completed > 0 ? v.latencyMs[key] : null);

const ROWS: Row[] = [
  { label: 'functions to deploy', get: (v) => v.deployedFunctions, fmt: int, shownIf: (v) => v.deployedFunctions !== v.functions.length },
  { label: 'invocations', get: (v) => v.invocations, fmt: int },
  { label: 'completed', get: (v) => v.completed, fmt: int },
  { label: 'throttled', get: (v) => v.throttled, fmt: int },
  { label: 'rejected (no tenant id)', get: (v) => v.rejected, fmt: int, always: false },
  { label: 'in flight at end', get: (v) => v.inFlight, fmt: int, always: false },
  { label: 'timeouts', get: (v) => v.timeouts, fmt: int, always: false },
  { label: 'async events dropped', get: (v) => v.asyncDropped, fmt: int, always: false },
  { label: 'failed: throttled, rejected, timed out', get: (v) => v.failedShare, fmt: pct },
  { label: '429s: account concurrency', get: (v) => v.limitHits.account, fmt: int, always: false },
  { label: '429s: reserved concurrency', get: (v) => v.limitHits.reserved, fmt: int, always: false },
  { label: '429s: scaling rate', get: (v) => v.limitHits.scalingRate, fmt: int, always: false },
  { label: '429s: tenant environment cap', get: (v) => v.limitHits.tenantEnvironmentCap, fmt: int, always: false },
  { label: 'cold starts', get: (v) => v.coldStarts, fmt: int },
  { label: 'cold-start rate', get: (v) => v.coldStartRate, fmt: pct },
  ...COLD_START_CAUSES.map((c): Row => ({ label: `  cold starts: ${COLD_START_CAUSE_TEXT[c]}`, get: (v) => v.causes.coldStarts[c], fmt: int, always: false })),
  { label: 'environments created', get: (v) => v.environmentsCreated, fmt: int },
  { label: '  replaced in the background (lifetime)', get: (v) => v.causes.replacements, fmt: int, always: false },
  { label: 'peak concurrency', get: (v) => v.peakConcurrency, fmt: int },
  { label: 'mean concurrency', get: (v) => v.meanConcurrency, fmt: dec(3) },
  { label: 'peak environments', get: (v) => v.peakEnvironments, fmt: int },
  { label: 'mean environments', get: (v) => v.meanEnvironments, fmt: dec(2) },
  { label: 'latency mean (ms)', get: latency('mean'), fmt: dec(1) },
  { label: 'latency p50 (ms)', get: latency('p50'), fmt: dec(1) },
  { label: 'latency p90 (ms)', get: latency('p90'), fmt: dec(1) },
  { label: 'latency p99 (ms)', get: latency('p99'), fmt: dec(1) },
  { label: 'latency max (ms)', get: latency('max'), fmt: dec(1) },
  { label: 'billed GB-s', get: (v) => v.billedGbSeconds, fmt: (x) => (Math.abs(x) >= 100 || x === 0 ? dec(1)(x) : dec(3)(x)) },
  { label: 'cost: requests', get: (v) => v.costUsdExact.requests, fmt: usd },
  { label: 'cost: duration', get: (v) => v.costUsdExact.duration, fmt: usd },
  { label: 'cost: tenant environments', get: (v) => v.costUsdExact.tenantEnvironments, fmt: usd },
  { label: 'cost: provisioned concurrency', get: (v) => v.costUsdExact.provisionedConcurrency, fmt: usd, always: false },
  { label: 'cost: ephemeral storage', get: (v) => v.costUsdExact.ephemeralStorage, fmt: usd, always: false },
  { label: 'cost: total', get: (v) => v.costUsdExact.total, fmt: usd },
  { label: 'cost: total, lines rounded up to cents', get: (v) => v.costUsd.total, fmt: (x) => `$${dec(2)(x)}` },
  { label: 'cost per 1,000 completed', get: (v) => (v.completed > 0 ? (v.costUsdExact.total / v.completed) * 1000 : null), fmt: usd },
  { label: 'warmer pings (not in the counts above)', get: (v) => v.warmers?.pings ?? 0, fmt: int, always: false },
  { label: '  pings that created an environment', get: (v) => v.warmers?.coldStarts ?? 0, fmt: int, always: false },
  { label: '  pings throttled', get: (v) => v.warmers?.throttled ?? 0, fmt: int, always: false },
  { label: '  their cost (in the total)', get: (v) => v.warmers?.costUsdExact.total ?? 0, fmt: usd, always: false },
];

function delta(base: number, x: number, fmt: (x: number) => string): string {
  if (x === base) return '=';
  const sign = x > base ? '+' : '-';
  const abs = fmt(Math.abs(x - base));
  const rel = base !== 0 ? ` ${sign}${Math.abs(((x - base) / base) * 100).toFixed(1)}%` : '';
  return `${sign}${abs}${rel}`;
}

/** Renders the table as plain text (no colour), with a header naming the scenario. */
export function renderTable(doc: SummaryDocument): string {
  const vs = doc.variants;
  const rows = ROWS.filter((r) => (r.always !== false || vs.some((v) => r.get(v) !== 0)) && (r.shownIf === undefined || vs.some(r.shownIf)));
  const show = (x: number | null, fmt: (x: number) => string) => (x === null ? 'n/a' : fmt(x));
  const cells = rows.map((r) => {
    const base = r.get(vs[0]);
    return [r.label, ...vs.map((v, i) => {
      const x = r.get(v);
      if (i === 0) return show(base, r.fmt);
      return base === null || x === null ? show(x, r.fmt) : `${r.fmt(x)} (${delta(base, x, r.fmt)})`;
    })];
  });
  const header = ['', ...vs.map((v, i) => (i === 0 ? v.name : `${v.name} (vs ${vs[0].name})`))];
  const all = [header, ...cells];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ');
  const hours = doc.horizonMs / 3_600_000;
  const title = `${doc.scenario}: ${doc.description}`.trim();
  return [
    title,
    `seed ${doc.seed}, simulated ${hours >= 1 ? `${dec(2)(hours)} h` : `${dec(1)(doc.horizonMs / 1000)} s`}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    '',
  ].join('\n');
}
