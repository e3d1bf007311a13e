/**
 * The files a run writes, as strings: summary.json, summary.csv, functions.csv, tenants.csv, groups.csv,
 * timeseries.csv and config.json. Pure: the CLI decides where they go.
 */
import { stringify } from 'csv-stringify/sync';
import { attributeCosts, type RunCost } from '../billing/index.js';
import type { ScenarioConfig } from '../model/config.js';
import type { RunRecord } from '../model/record.js';
import { groupOf, tenantIdOf } from '../model/tenants.js';
import { round, runCost, summarizeVariant, usageOf, type VariantSummary } from './summary.js';

/** One variant's run: its config, what it recorded, its cost and its summary. */
export interface VariantResult {
  config: ScenarioConfig;
  record: RunRecord;
  cost: RunCost;
  summary: VariantSummary;
}

/** The document written as summary.json. */
export interface SummaryDocument {
  scenario: string;
  description: string;
  seed: number;
  /** The scenario's horizon, or (finite traffic) the longest variant's run. */
  horizonMs: number;
  variants: Array<VariantSummary & { horizonMs: number; costConcentration: CostConcentration }>;
}

/** How the cost attributed to tenants is spread over them. */
export interface CostConcentration {
  /** Tenants that sent traffic (traffic without a tenant id not counted). */
  tenants: number;
  /** Share of the tenants' cost carried by the costliest 1 % of them (at least one tenant), 0 to 1. */
  top1PercentShare: number;
  /** The same for the costliest 10 %. */
  top10PercentShare: number;
}

/** Cost concentration of one variant, from each tenant's exact share of the cost. */
export function costConcentration(result: VariantResult): CostConcentration {
  const costs = [...tenantTotals(result).entries()].filter(([t]) => t > 0).map(([, v]) => v.total).sort((a, b) => b - a);
  const total = costs.reduce((s, c) => s + c, 0);
  const share = (percent: number) => {
    if (costs.length === 0 || !(total > 0)) return 0;
    const k = Math.max(1, Math.ceil((costs.length * percent) / 100)); // integers: 700 x 1 % is 7, not 8
    return round(costs.slice(0, k).reduce((s, c) => s + c, 0) / total, 6);
  };
  return { tenants: costs.length, top1PercentShare: share(1), top10PercentShare: share(10) };
}

/** Builds a variant result from its record. */
export function variantResult(config: ScenarioConfig, record: RunRecord): VariantResult {
  const cost = runCost(record, config);
  return { config, record, cost, summary: summarizeVariant(record, config, cost) };
}

/** summary.json's content. */
export function summaryDocument(results: VariantResult[]): SummaryDocument {
  const first = results[0].config;
  return {
    scenario: first.name,
    description: first.description,
    seed: first.seed,
    horizonMs: first.horizonMs ?? Math.max(...results.map((r) => r.record.horizonMs)),
    variants: results.map((r) => ({ ...r.summary, horizonMs: r.record.horizonMs, costConcentration: costConcentration(r) })),
  };
}

/** Numbers without exponents (spreadsheets and humans read 0.0000002 more easily than 2e-7). */
export function plainNumber(x: number): string {
  if (Number.isInteger(x) || x === 0 || Math.abs(x) >= 1e-6) return String(x);
  return x.toFixed(12).replace(/0+$/, '');
}

const CSV_OPTIONS = { escape_formulas: true, cast: { number: plainNumber } };

/** Text csv-stringify writes as it is: no delimiter, quote or line break, and no formula-like start. */
const PLAIN_TEXT = /^(?:[^=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20,"\n\r][^,"\n\r]*)?$/;

/**
 * The rows as CSV, as csv-stringify writes them with CSV_OPTIONS. A row of numbers and plain text is joined
 * here, which gives the same bytes, and any other row goes through csv-stringify (speed: tenants.csv has a
 * row per tenant, and csv-stringify took about a tenth of the run with 100,000 tenants). Rows may come from a
 * generator, so that a large table is never held as rows (each row is garbage as soon as it is written).
 */
export function csv(rows: Iterable<unknown[]>): string {
  const lines: string[] = [];
  const texts: string[] = [];
  for (const row of rows) {
    let plain = row.length > 0;
    texts.length = 0;
    for (let i = 0; i < row.length && plain; i++) {
      const x = row[i];
      if (typeof x === 'number') texts.push(plainNumber(x)); // digits, '.', '-', 'e', '+', NaN or Infinity: always plain
      else if (typeof x === 'string' && PLAIN_TEXT.test(x)) texts.push(x);
      else plain = false;
    }
    // Each line joined flat at once (memory: a line built by += is a chain of pieces that outlives the row).
    lines.push(plain ? `${texts.join(',')}\n` : stringify([row], CSV_OPTIONS));
  }
  return lines.join('');
}

/** summary.csv: one row per variant. */
export function summaryCsv(results: VariantResult[]): string {
  const head = ['variant', 'horizonMs', 'invocations', 'completed', 'throttled', 'rejected', 'inFlight', 'coldStarts', 'coldStartRate',
    'environmentsCreated', 'peakConcurrency', 'meanConcurrency', 'peakEnvironments', 'meanEnvironments',
    'latencyMeanMs', 'latencyP50Ms', 'latencyP90Ms', 'latencyP99Ms', 'latencyMaxMs', 'billedGbSeconds',
    'requestsUsd', 'durationUsd', 'tenantEnvironmentsUsd', 'provisionedConcurrencyUsd', 'ephemeralStorageUsd', 'totalUsd', 'totalUsdExact'];
  const rows = results.map(({ summary: s, record }) => [s.name, record.horizonMs, s.invocations, s.completed, s.throttled, s.rejected, s.inFlight,
    s.coldStarts, s.coldStartRate, s.environmentsCreated, s.peakConcurrency, s.meanConcurrency, s.peakEnvironments, s.meanEnvironments,
    s.latencyMs.mean, s.latencyMs.p50, s.latencyMs.p90, s.latencyMs.p99, s.latencyMs.max, s.billedGbSeconds,
    s.costUsd.requests, s.costUsd.duration, s.costUsd.tenantEnvironments, s.costUsd.provisionedConcurrency, s.costUsd.ephemeralStorage, s.costUsd.total,
    s.costUsdExact.total]);
  return csv([head, ...rows]);
}

/** functions.csv: one row per (variant, function); costs are each function's share of the exact total. */
export function functionsCsv(results: VariantResult[]): string {
  const head = ['variant', 'function', 'tenancy', 'memoryMb', 'architecture', 'invocations', 'completed', 'throttled', 'rejected',
    'inFlight', 'timeouts', 'coldStarts', 'coldStartRate', 'environmentsCreated', 'peakConcurrency', 'meanConcurrency', 'peakEnvironments',
    'meanEnvironments', 'latencyMeanMs', 'latencyP50Ms', 'latencyP90Ms', 'latencyP99Ms', 'latencyMaxMs', 'billedGbSeconds',
    'requestsUsdExact', 'durationUsdExact', 'tenantEnvironmentsUsdExact', 'provisionedConcurrencyUsdExact', 'ephemeralStorageUsdExact', 'totalUsdExact'];
  const rows = results.flatMap(({ summary }) => summary.functions.map((f) => [summary.name, f.name, f.tenancy, f.memoryMb, f.architecture,
    f.invocations, f.completed, f.throttled, f.rejected, f.inFlight, f.timeouts, f.coldStarts, f.coldStartRate, f.environmentsCreated,
    f.peakConcurrency, f.meanConcurrency, f.peakEnvironments, f.meanEnvironments, f.latencyMs.mean, f.latencyMs.p50, f.latencyMs.p90,
    f.latencyMs.p99, f.latencyMs.max, f.billedGbSeconds, f.costUsdExact.requests, f.costUsdExact.duration, f.costUsdExact.tenantEnvironments,
    f.costUsdExact.provisionedConcurrency, f.costUsdExact.ephemeralStorage, f.costUsdExact.total]));
  return csv([head, ...rows]);
}

/** Per-tenant totals of one variant over all functions: tenant column (0 = no tenant) -> summed values. */
interface TenantTotals {
  invocations: number;
  completed: number;
  throttled: number;
  rejected: number;
  coldStarts: number;
  environmentsCreated: number;
  billedGbSeconds: number;
  requests: number;
  duration: number;
  tenantEnvironments: number;
  total: number;
}

/**
 * Each tenant's totals (tenants with any traffic), with its exact share of the run cost (the
 * provisioned-concurrency standing charge belongs to no tenant and is left out). Keyed by tenant column:
 * 0 is traffic without a tenant id, t is tenant t - 1.
 */
export function tenantTotals(result: VariantResult): Map<number, TenantTotals> {
  let totals = TENANT_TOTALS.get(result);
  if (totals === undefined) {
    totals = computeTenantTotals(result);
    TENANT_TOTALS.set(result, totals);
  }
  return totals;
}

/** Tenant totals of each result, computed once (speed and memory: summary.json, tenants.csv, groups.csv and
 *  the report all read them, and with 100,000 tenants each computation is a second and 100 MB). Callers
 *  must not change what they get. */
const TENANT_TOTALS = new WeakMap<VariantResult, Map<number, TenantTotals>>();

function computeTenantTotals({ config, record, cost: run }: VariantResult): Map<number, TenantTotals> {
  const c = record.cells;
  const width = record.tenantCount + 1;
  const cellIndex: number[] = [];
  const usages = [];
  for (let f = 0; f < config.functions.length; f++) {
    for (let t = 0; t < width; t++) {
      const i = f * width + t;
      if (c.invocations[i] === 0) continue;
      cellIndex.push(i);
      usages.push(usageOf(config.functions[f], record.horizonMs, {
        completed: c.completed[i], billedMs: c.billedMs[i], provisionedBilledMs: c.provisionedBilledMs[i], environmentsCreated: c.environmentsCreated[i],
      }, false));
    }
  }
  const costs = attributeCosts(usages, run);
  const acc = new Map<number, TenantTotals>();
  cellIndex.forEach((i, j) => {
    const t = i % width;
    const f = (i - t) / width;
    const v: TenantTotals = {
      invocations: c.invocations[i], completed: c.completed[i], throttled: c.throttled[i], rejected: c.rejected[i], coldStarts: c.coldStarts[i],
      environmentsCreated: c.environmentsCreated[i], billedGbSeconds: ((c.billedMs[i] + c.provisionedBilledMs[i]) * config.functions[f].memoryMb) / 1024 / 1000,
      requests: costs[j].requests, duration: costs[j].duration, tenantEnvironments: costs[j].tenantEnvironments, total: costs[j].total,
    };
    const a = acc.get(t);
    if (a === undefined) acc.set(t, v);
    else for (const k of Object.keys(v) as (keyof TenantTotals)[]) a[k] += v[k];
  });
  return new Map([...acc.entries()].sort((x, y) => x[0] - y[0]));
}

/** A per-tenant latency for the CSV: empty when the tenant has no completed invocation. */
function latencyCell(ms: number): number | string {
  return Number.isNaN(ms) ? '' : round(ms, 3);
}

/** The group name of a tenant column (0 = no tenant). */
function groupName(config: ScenarioConfig, column: number): string {
  return column === 0 ? '(none)' : config.tenants.groups[groupOf(config.tenants, column - 1)].name;
}

/**
 * tenants.csv: one row per (variant, tenant) with any traffic, all functions together; `(none)` is traffic
 * sent without a tenant id. Costs are the tenant's share of the exact run cost.
 */
export function tenantsCsv(results: VariantResult[]): string {
  const head = ['variant', 'tenant', 'group', 'invocations', 'completed', 'throttled', 'rejected', 'coldStarts', 'coldStartRate',
    'environmentsCreated', 'latencyP50Ms', 'latencyP99Ms', 'billedGbSeconds', 'requestsUsdExact', 'durationUsdExact', 'tenantEnvironmentsUsdExact',
    'totalUsdExact', 'usdPer1000Invocations'];
  return csv(tenantRows(head, results));
}

function* tenantRows(head: string[], results: VariantResult[]): Generator<unknown[]> {
  yield head;
  for (const result of results) {
    const { config, record } = result;
    for (const [t, v] of tenantTotals(result)) {
      const [p50, p99] = record.tenantLatency.quantiles(t, [0.5, 0.99]);
      yield [record.variant, t === 0 ? '(none)' : tenantIdOf(config.tenants, t - 1), groupName(config, t), v.invocations, v.completed,
        v.throttled, v.rejected, v.coldStarts, v.invocations > 0 ? round(v.coldStarts / v.invocations, 8) : 0, v.environmentsCreated,
        latencyCell(p50), latencyCell(p99), round(v.billedGbSeconds, 6), round(v.requests, 10), round(v.duration, 10), round(v.tenantEnvironments, 10), round(v.total, 10),
        v.invocations > 0 ? round((v.total / v.invocations) * 1000, 10) : 0];
    }
  }
}

/**
 * groups.csv: one row per (variant, tenant group): its tenants, those that sent traffic, and their totals.
 * A group asleep at night or still onboarding shows here as more cold starts per invocation.
 */
export function groupsCsv(results: VariantResult[]): string {
  const head = ['variant', 'group', 'tenants', 'activeTenants', 'invocations', 'completed', 'throttled', 'coldStarts', 'coldStartRate',
    'environmentsCreated', 'billedGbSeconds', 'totalUsdExact', 'usdPer1000Invocations'];
  const rows: unknown[][] = [head];
  for (const result of results) {
    const { config, record } = result;
    const totals = tenantTotals(result);
    const byGroup = new Map<string, { tenants: number; active: number; v: TenantTotals | null }>();
    if (totals.has(0)) byGroup.set('(none)', { tenants: 0, active: 0, v: null });
    for (const g of config.tenants.groups) byGroup.set(g.name, { tenants: g.count, active: 0, v: null });
    for (const [t, v] of totals) {
      const entry = byGroup.get(groupName(config, t))!;
      if (t > 0) entry.active++;
      if (entry.v === null) entry.v = { ...v };
      else for (const k of Object.keys(v) as (keyof TenantTotals)[]) entry.v[k] += v[k];
    }
    for (const [name, { tenants, active, v }] of byGroup) {
      const inv = v?.invocations ?? 0;
      const total = v?.total ?? 0;
      rows.push([record.variant, name, tenants, active, inv, v?.completed ?? 0, v?.throttled ?? 0, v?.coldStarts ?? 0,
        inv > 0 ? round((v?.coldStarts ?? 0) / inv, 8) : 0, v?.environmentsCreated ?? 0, round(v?.billedGbSeconds ?? 0, 6), round(total, 10),
        inv > 0 ? round((total / inv) * 1000, 10) : 0]);
    }
  }
  return csv(rows);
}

/** timeseries.csv: one row per (variant, minute). */
export function timeseriesCsv(results: VariantResult[]): string {
  const head = ['variant', 'minute', 'startMs', 'arrivals', 'coldStarts', 'throttles', 'peakConcurrency', 'meanConcurrency', 'peakEnvironments', 'meanEnvironments'];
  const rows: unknown[][] = [head];
  for (const { record } of results) {
    const s = record.timeseries;
    for (let i = 0; i < s.arrivals.length; i++) {
      rows.push([record.variant, i, i * s.bucketMs, s.arrivals[i], s.coldStarts[i], s.throttles[i], s.peakConcurrency[i],
        round(s.meanConcurrency[i], 4), s.peakEnvironments[i], round(s.meanEnvironments[i], 4)]);
    }
  }
  return csv(rows);
}

/**
 * config.json: each variant's configuration as it ran, every default filled in (times in ms, rates per ms,
 * sizes in MB), so that a results folder says what produced it. Trace data is summarised, not copied.
 */
export function configJson(results: VariantResult[]): string {
  const variants = results.map(({ record, config }) => ({
    name: record.variant,
    config: {
      ...config,
      traffic: config.traffic.map((t) => {
        if (t.pattern.type !== 'trace') return t;
        const { data, ...trace } = t.pattern.trace;
        const loaded = data === null ? null : { file: data.file, arrivals: data.arrivals, tenants: data.tenants.length, functions: data.functions.length, endMs: data.endMs };
        return { ...t, pattern: { ...t.pattern, trace: { ...trace, data: loaded } } };
      }),
    },
  }));
  return `${JSON.stringify({ variants }, null, 2)}\n`;
}

/** Every output file: name -> content. */
export function renderOutputs(results: VariantResult[]): Record<string, string> {
  return {
    'summary.json': `${JSON.stringify(summaryDocument(results), null, 2)}\n`,
    'summary.csv': summaryCsv(results),
    'functions.csv': functionsCsv(results),
    'tenants.csv': tenantsCsv(results),
    'groups.csv': groupsCsv(results),
    'timeseries.csv': timeseriesCsv(results),
    'config.json': configJson(results),
  };
}
