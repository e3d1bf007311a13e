/**
 * Summaries: pure functions from a run's record (and its scenario) to the numbers users read and quote.
 */
import { attributeCosts, type BillableUsage, computeRunCost, type CostLines, type RunCost } from '../billing/index.js';
import type { FunctionConfig, ScenarioConfig } from '../model/config.js';
import type { LatencyStats, LimitName, RunRecord } from '../model/record.js';
import { chargedEnvironments } from '../model/platform.js';

/** One variant's headline numbers; the shape of each entry of `summary.json`'s `variants`. */
export interface VariantSummary {
  name: string;
  /** Every arrival (client invocation), whatever became of it. */
  invocations: number;
  completed: number;
  throttled: number;
  rejected: number;
  inFlight: number;
  coldStarts: number;
  /** coldStarts / invocations. */
  coldStartRate: number;
  environmentsCreated: number;
  peakConcurrency: number;
  peakEnvironments: number;
  /** Time average of busy environments over the run. */
  meanConcurrency: number;
  /** Time average of live environments (busy or idle) over the run. */
  meanEnvironments: number;
  latencyMs: Omit<LatencyStats, 'count'>;
  billedGbSeconds: number;
  /** Line items rounded up to the cent, total = sum of the rounded lines. */
  costUsd: CostLines;
  /** The same before rounding. */
  costUsdExact: CostLines;
  limitHits: Record<LimitName, number>;
  timeouts: number;
  asyncDropped: number;
  retries: number;
  functions: FunctionSummary[];
}

/** Per-function numbers (one row of functions.csv). */
export interface FunctionSummary {
  name: string;
  tenancy: string;
  memoryMb: number;
  architecture: string;
  invocations: number;
  completed: number;
  throttled: number;
  rejected: number;
  coldStarts: number;
  coldStartRate: number;
  environmentsCreated: number;
  peakConcurrency: number;
  meanConcurrency: number;
  peakEnvironments: number;
  meanEnvironments: number;
  inFlight: number;
  limitHits: Record<LimitName, number>;
  timeouts: number;
  asyncDropped: number;
  retries: number;
  latencyMs: Omit<LatencyStats, 'count'>;
  billedGbSeconds: number;
  /** This function's share of the run's exact cost (shares add up to the variant's `costUsdExact`). */
  costUsdExact: CostLines;
}

/** The billing usage of function `f` (or of one of its cells, given the cell's counters). */
export function usageOf(fn: FunctionConfig, horizonMs: number, c: { completed: number; billedMs: number; provisionedBilledMs: number; environmentsCreated: number }, withProvisioned: boolean): BillableUsage {
  return {
    architecture: fn.architecture,
    memoryMb: fn.memoryMb,
    ephemeralStorageMb: fn.ephemeralStorageMb,
    requests: c.completed,
    billedMs: c.billedMs,
    provisionedBilledMs: c.provisionedBilledMs,
    tenantEnvironments: chargedEnvironments(fn.tenancy, c.environmentsCreated),
    provisionedConcurrency: withProvisioned ? fn.provisionedConcurrency : 0,
    provisionedMs: withProvisioned && fn.provisionedConcurrency > 0 ? horizonMs : 0,
  };
}

/** Rounds to `digits` decimals, for stable, readable output. */
export function round(x: number, digits = 6): number {
  const m = 10 ** digits;
  return Math.round(x * m) / m;
}

function latency(l: LatencyStats): Omit<LatencyStats, 'count'> {
  return { mean: round(l.mean, 3), p50: round(l.p50, 3), p90: round(l.p90, 3), p99: round(l.p99, 3), max: round(l.max, 3), exact: l.exact };
}

function roundLines(c: CostLines): CostLines {
  return {
    requests: round(c.requests, 10), duration: round(c.duration, 10), tenantEnvironments: round(c.tenantEnvironments, 10),
    provisionedConcurrency: round(c.provisionedConcurrency, 10), ephemeralStorage: round(c.ephemeralStorage, 10), total: round(c.total, 10),
  };
}

/** What each function of a run used, for billing. */
function functionUsages(record: RunRecord, config: ScenarioConfig): BillableUsage[] {
  return record.functions.map((fr, f) => usageOf(config.functions[f], record.horizonMs, fr, true));
}

/** The cost of a run, with the scenario's billing options. */
export function runCost(record: RunRecord, config: ScenarioConfig): RunCost {
  return computeRunCost(functionUsages(record, config), config.billing);
}

/** Summarizes one variant's run; `cost` is {@link runCost} of it (computed when not given). */
export function summarizeVariant(record: RunRecord, config: ScenarioConfig, cost = runCost(record, config)): VariantSummary {
  const perFunction = attributeCosts(functionUsages(record, config), cost);
  const total = (key: 'invocations' | 'completed' | 'throttled' | 'rejected' | 'inFlight' | 'coldStarts' | 'environmentsCreated' | 'timeouts' | 'asyncDropped' | 'retries') =>
    record.functions.reduce((s, f) => s + f[key], 0);
  const invocations = total('invocations');
  const coldStarts = total('coldStarts');
  const functions: FunctionSummary[] = record.functions.map((fr, f) => {
    const fn = config.functions[f];
    return {
      name: fr.name,
      tenancy: fn.tenancy,
      memoryMb: fn.memoryMb,
      architecture: fn.architecture,
      invocations: fr.invocations,
      completed: fr.completed,
      throttled: fr.throttled,
      rejected: fr.rejected,
      coldStarts: fr.coldStarts,
      coldStartRate: fr.invocations > 0 ? round(fr.coldStarts / fr.invocations, 8) : 0,
      environmentsCreated: fr.environmentsCreated,
      peakConcurrency: fr.concurrency.peak,
      meanConcurrency: round(fr.concurrency.mean),
      peakEnvironments: fr.environments.peak,
      meanEnvironments: round(fr.environments.mean),
      inFlight: fr.inFlight,
      limitHits: fr.limitHits,
      timeouts: fr.timeouts,
      asyncDropped: fr.asyncDropped,
      retries: fr.retries,
      latencyMs: latency(fr.latency),
      billedGbSeconds: round(((fr.billedMs + fr.provisionedBilledMs) * fn.memoryMb) / 1024 / 1000, 6),
      costUsdExact: roundLines(perFunction[f]),
    };
  });
  return {
    name: record.variant,
    invocations,
    completed: total('completed'),
    throttled: total('throttled'),
    rejected: total('rejected'),
    inFlight: total('inFlight'),
    coldStarts,
    coldStartRate: invocations > 0 ? round(coldStarts / invocations, 8) : 0,
    environmentsCreated: total('environmentsCreated'),
    peakConcurrency: record.account.concurrency.peak,
    peakEnvironments: record.account.environments.peak,
    meanConcurrency: round(record.account.concurrency.mean),
    meanEnvironments: round(record.account.environments.mean),
    latencyMs: latency(record.account.latency),
    billedGbSeconds: round(cost.billedGbSeconds, 6),
    costUsd: cost.rounded,
    costUsdExact: roundLines(cost.exact),
    limitHits: record.account.limitHits,
    timeouts: total('timeouts'),
    asyncDropped: total('asyncDropped'),
    retries: total('retries'),
    functions,
  };
}
