/**
 * The metrics a sweep measures in every run: each has a name (the `metric` column of sweep.csv), a unit and
 * a function of the run's summary, its monthly cost projection and its limits. Null means "does not apply"
 * (no latency without completed invocations; no environment headroom without an isolated function).
 */
import type { CostLines } from '../billing/index.js';
import { leastHeadroomPct, type VariantSummary } from '../results/index.js';

/** Units of metrics. `share` is a fraction from 0 to 1; `percent` is 0 to 100. */
export type MetricUnit = 'count' | 'share' | 'ms' | 'usd' | 'gb-s' | 'percent';

/** What a metric is computed from. */
export interface RunFacts {
  summary: VariantSummary;
  /** Exact monthly cost lines (see `monthOf`); null when the run's traffic spans no time. */
  monthly: CostLines | null;
}

/** One metric. */
export interface MetricDefinition {
  name: string;
  unit: MetricUnit;
  /** Short label for charts and tables. */
  label: string;
  measure: (r: RunFacts) => number | null;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
const latency = (key: 'mean' | 'p50' | 'p90' | 'p99' | 'max') => (r: RunFacts) => (r.summary.completed > 0 ? r.summary.latencyMs[key] : null);

/** Every metric, in the order of sweep.csv. */
export const METRICS: readonly MetricDefinition[] = [
  { name: 'invocations', unit: 'count', label: 'invocations', measure: (r) => r.summary.invocations },
  { name: 'completed', unit: 'count', label: 'completed invocations', measure: (r) => r.summary.completed },
  { name: 'throttled', unit: 'count', label: 'throttled invocations', measure: (r) => r.summary.throttled },
  { name: 'throttleShare', unit: 'share', label: 'throttled share of invocations', measure: (r) => ratio(r.summary.throttled, r.summary.invocations) },
  { name: 'failedShare', unit: 'share', label: 'failed share (throttled, rejected, timed out)', measure: (r) => r.summary.failedShare },
  { name: 'coldStarts', unit: 'count', label: 'cold starts', measure: (r) => r.summary.coldStarts },
  { name: 'coldStartRate', unit: 'share', label: 'cold-start rate', measure: (r) => r.summary.coldStartRate },
  { name: 'environmentsCreated', unit: 'count', label: 'environments created', measure: (r) => r.summary.environmentsCreated },
  { name: 'peakConcurrency', unit: 'count', label: 'peak concurrency', measure: (r) => r.summary.peakConcurrency },
  { name: 'meanConcurrency', unit: 'count', label: 'mean concurrency', measure: (r) => r.summary.meanConcurrency },
  { name: 'peakEnvironments', unit: 'count', label: 'peak live environments', measure: (r) => r.summary.peakEnvironments },
  { name: 'meanEnvironments', unit: 'count', label: 'mean live environments', measure: (r) => r.summary.meanEnvironments },
  { name: 'latencyMeanMs', unit: 'ms', label: 'latency mean (ms)', measure: latency('mean') },
  { name: 'latencyP50Ms', unit: 'ms', label: 'latency p50 (ms)', measure: latency('p50') },
  { name: 'latencyP90Ms', unit: 'ms', label: 'latency p90 (ms)', measure: latency('p90') },
  { name: 'latencyP99Ms', unit: 'ms', label: 'latency p99 (ms)', measure: latency('p99') },
  { name: 'latencyMaxMs', unit: 'ms', label: 'latency max (ms)', measure: latency('max') },
  { name: 'billedGbSeconds', unit: 'gb-s', label: 'billed GB-s', measure: (r) => r.summary.billedGbSeconds },
  { name: 'costUsd', unit: 'usd', label: 'cost of the run (USD)', measure: (r) => r.summary.costUsdExact.total },
  { name: 'monthlyCostUsd', unit: 'usd', label: 'cost per 30-day month (USD)', measure: (r) => r.monthly?.total ?? null },
  { name: 'monthlyTenantEnvironmentsUsd', unit: 'usd', label: 'tenant environments per month (USD)', measure: (r) => r.monthly?.tenantEnvironments ?? null },
  { name: 'accountThrottles', unit: 'count', label: '429s from account concurrency', measure: (r) => r.summary.limitHits.account },
  { name: 'reservedThrottles', unit: 'count', label: '429s from reserved concurrency', measure: (r) => r.summary.limitHits.reserved },
  { name: 'scalingRateThrottles', unit: 'count', label: '429s from the scaling rate', measure: (r) => r.summary.limitHits.scalingRate },
  { name: 'environmentCapThrottles', unit: 'count', label: '429s from the isolated environment cap', measure: (r) => r.summary.limitHits.tenantEnvironmentCap },
  { name: 'concurrencyHeadroomPct', unit: 'percent', label: 'concurrency headroom (%)', measure: (r) => leastHeadroomPct(r.summary.limits, ['account', 'reserved']) },
  { name: 'environmentHeadroomPct', unit: 'percent', label: 'isolated environment headroom (%)', measure: (r) => leastHeadroomPct(r.summary.limits, ['tenantEnvironmentCap']) },
];

/** Metrics charted when neither the scenario nor the command line chooses. */
export const DEFAULT_CHART_METRICS: readonly string[] = ['monthlyCostUsd', 'latencyP99Ms', 'coldStartRate', 'peakEnvironments'];

/** Short names accepted for breakpoints and charts, e.g. `cost` for monthlyCostUsd. */
export const METRIC_ALIASES: Readonly<Record<string, string>> = {
  cost: 'monthlyCostUsd',
  p50: 'latencyP50Ms',
  p90: 'latencyP90Ms',
  p99: 'latencyP99Ms',
};

/** The metric called `name` (or an alias), or undefined. */
export function metricNamed(name: string): MetricDefinition | undefined {
  const full = METRIC_ALIASES[name] ?? name;
  return METRICS.find((m) => m.name === full);
}
