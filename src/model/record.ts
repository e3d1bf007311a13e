/**
 * What one simulation run records: counters and time statistics, per (function, tenant) cell, per function,
 * per account and per time bucket. Billing, summaries and CSV files are pure functions of this record.
 */
import type { GroupHistograms } from '../engine/group-histograms.js';

import type { LimitName } from './platform.js';

export type { LimitName };

/** Latency (ms from first arrival to completion) of completed invocations. */
export interface LatencyStats {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** True when quantiles are exact; false when they come from the 1 %-accurate sketch. */
  exact: boolean;
}

/**
 * Totals per (function, tenant) cell, indexed `f * (tenantCount + 1) + (tenant + 1)`; tenant -1 (column 0)
 * holds invocations sent without a tenant id. All values are whole numbers.
 */
export interface CellTotals {
  invocations: Float64Array;
  completed: Float64Array;
  throttled: Float64Array;
  rejected: Float64Array;
  coldStarts: Float64Array;
  environmentsCreated: Float64Array;
  /** Sum of billed ms of completed invocations on on-demand environments. */
  billedMs: Float64Array;
  /** Sum of billed ms of completed invocations on provisioned environments. */
  provisionedBilledMs: Float64Array;
}

/** Time statistics of a level (busy environments, live environments) over the run. */
export interface LevelStats {
  peak: number;
  /** Time average over the run (integral / run length). */
  mean: number;
}

/** What happened to one function. */
export interface FunctionRun {
  name: string;
  invocations: number;
  completed: number;
  /** Invocations that finally did not run because of a limit (sync 429 after any client retries, or
   *  async events dropped at their maximum age). */
  throttled: number;
  rejected: number;
  /** Running or waiting for a retry when the run ended. */
  inFlight: number;
  coldStarts: number;
  /** On-demand environments created (provisioned ones excluded). */
  environmentsCreated: number;
  provisionedEnvironments: number;
  timeouts: number;
  asyncDropped: number;
  /** Retry attempts scheduled (async queue retries and client retries). */
  retries: number;
  /** Times each limit turned an attempt away (each 429, retried or not). */
  limitHits: Record<LimitName, number>;
  concurrency: LevelStats;
  environments: LevelStats;
  latency: LatencyStats;
  billedMs: number;
  provisionedBilledMs: number;
}

/** Per-bucket series; index i covers [i * bucketMs, (i + 1) * bucketMs). */
export interface TimeSeries {
  bucketMs: number;
  arrivals: number[];
  coldStarts: number[];
  throttles: number[];
  peakConcurrency: number[];
  meanConcurrency: number[];
  peakEnvironments: number[];
  meanEnvironments: number[];
}

/** The record of one variant's run. */
export interface RunRecord {
  variant: string;
  /** Length of the simulated time: the horizon, or the end of the last invocation. */
  horizonMs: number;
  eventsProcessed: number;
  tenantCount: number;
  cells: CellTotals;
  functions: FunctionRun[];
  account: {
    concurrency: LevelStats;
    environments: LevelStats;
    latency: LatencyStats;
    limitHits: Record<LimitName, number>;
  };
  timeseries: TimeSeries;
  /** Latency of completed invocations per tenant column (0 = no tenant id), all functions together:
   *  quantiles within 5 % (see {@link GroupHistograms}). */
  tenantLatency: GroupHistograms;
}
