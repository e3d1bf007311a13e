/**
 * What one simulation run records: counters and time statistics, per (function, tenant) cell, per function,
 * per account and per time bucket. Billing, summaries and CSV files are pure functions of this record.
 */
import type { BillableUsage } from '../billing/index.js';
import type { GroupHistograms } from '../engine/group-histograms.js';
import type { ColdStartCause } from './cold-causes.js';
import { type LimitName, TENANCY, type Tenancy } from './platform.js';

export type { ColdStartCause, LimitName };

/** Environments created, by why (see cold-causes.ts): request-path cold starts by cause, which add up to
 *  `coldStarts`, and `replacements`, created in the background to replace one at its maximum lifetime.
 *  Together they are `environmentsCreated`. */
export interface CreationCauses {
  coldStarts: Record<ColdStartCause, number>;
  replacements: number;
}

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
 * The counters kept per (function, tenant) cell, each a whole number: `invocations` (every arrival, whatever
 * became of it), `completed` (ran to the end, timeouts included), `throttled` (finally did not run because
 * of a limit: a sync 429 after any client retries, or an async event dropped at its maximum age),
 * `rejected` (no tenant id where one is required), `timeouts` (completed, cut off at the timeout), `coldStarts` (invocations that waited for a new
 * environment), `environmentsCreated` (on-demand environments created: cold starts and background
 * replacements), and `billedMs` and `provisionedBilledMs` (billed ms of completed invocations on on-demand
 * and on provisioned environments, and of background replacements' init).
 * The one list of them (see cells.ts): per-function, per-tenant and per-group totals are sums of these.
 */
export const CELL_COUNTERS = ['invocations', 'completed', 'throttled', 'rejected', 'timeouts', 'coldStarts', 'environmentsCreated', 'billedMs', 'provisionedBilledMs'] as const;
/** One of {@link CELL_COUNTERS}. */
export type CellCounter = (typeof CELL_COUNTERS)[number];

/**
 * Totals per (function, tenant) cell, one array per counter, indexed `f * (tenantCount + 1) + (tenant + 1)`;
 * tenant -1 (column 0) holds invocations sent without a tenant id. All values are whole numbers.
 */
export type CellTotals = Record<CellCounter, Float64Array>;

/**
 * What warmers' pings did, per (function, tenant) cell (the cell of the pool pinged: column 0 for a shared
 * pool), apart from user traffic: `pings` sent, `completed`, `throttled` (refused by a limit, not retried),
 * `coldStarts` (pings that found no idle environment and created one), `environmentsCharged` (those charged the
 * per-environment fee) and `billedMs`.
 */
export const WARMER_COUNTERS = ['pings', 'completed', 'throttled', 'coldStarts', 'environmentsCharged', 'billedMs'] as const;
/** One of {@link WARMER_COUNTERS}. */
export type WarmerCounter = (typeof WARMER_COUNTERS)[number];

/** One tier of a function (see tiers.ts): a tenancy, its tenants and the AWS functions it deploys. */
export interface TierRun {
  tenancy: Tenancy;
  /** Tenants in the tier. */
  tenants: number;
  /** AWS functions it deploys: 1, or one per tenant (function per tenant). */
  deployed: number;
  /** Each deployed function's reserved concurrency; null = unreserved. */
  reservedConcurrency: number | null;
  /** Each deployed function's cap on live environments; null = none. */
  environmentCap: number | null;
  /** Peak busy and live environments of one deployed function of the tier (the highest of them). */
  peakConcurrency: number;
  peakEnvironments: number;
  /** Times each limit turned a user's attempt away in this tier. */
  limitHits: Record<LimitName, number>;
}

/** Time statistics of a level (busy environments, live environments) over the run. */
export interface LevelStats {
  peak: number;
  /** Time average over the run (integral / run length). */
  mean: number;
}

/** What happened to one function: its cells' counters summed (see {@link CELL_COUNTERS}), and more. */
export interface FunctionRun extends Record<CellCounter, number> {
  name: string;
  tenancy: Tenancy;
  /** Running or waiting for a retry when the run ended. */
  inFlight: number;
  /** Provisioned environments (not counted in `environmentsCreated`). */
  provisionedEnvironments: number;
  /** Async events dropped at their maximum age (counted in `throttled`). */
  asyncDropped: number;
  /** Retry attempts scheduled (async queue retries and client retries). */
  retries: number;
  /** Why its on-demand environments were created. */
  causes: CreationCauses;
  /** Times each limit turned an attempt away (each 429, retried or not). */
  limitHits: Record<LimitName, number>;
  concurrency: LevelStats;
  environments: LevelStats;
  latency: LatencyStats;
  /** What the function used, for billing: billed requests and ms, charged environments, provisioned
   *  concurrency configured for the whole run. User traffic's and pings' together. */
  usage: BillableUsage;
  /** Its tiers, in TENANCY_MODES order (one, unless tenant groups set a tenancy: hybrid tiers). */
  tiers: TierRun[];
  /** Per tenant column (0 = no tenant id): 1 when environments created for it are charged the fee; null when
   *  every column follows the function's tenancy. */
  chargedColumns: Uint8Array | null;
  /** Its pings' counts (sums of the warmer cells), or null when the run has no warmers. */
  warmer: Record<WarmerCounter, number> | null;
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
  /** The span of traffic the run's usage stands for, from which monthly figures scale (see
   *  monthlyCost): the horizon, or without one the time of the last arrival, which every variant of a
   *  scenario shares. 0 when all traffic arrives at one instant. */
  periodMs: number;
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
  /** Why environments were created, per tenant column (0 = no tenant id), all functions together. */
  tenantCauses: { coldStarts: Record<ColdStartCause, Float64Array>; replacements: Float64Array };
  /** Latency of completed invocations per tenant column (0 = no tenant id), all functions together:
   *  quantiles within 5 % (see {@link GroupHistograms}). */
  tenantLatency: GroupHistograms;
  /** Warmers' pings per cell (see {@link WARMER_COUNTERS}); null when the run has no warmers. */
  warmerCells: Record<WarmerCounter, Float64Array> | null;
}

/** Whether environments created for cell `cell`'s user traffic are charged the per-environment fee. */
export function cellCharged(record: RunRecord, cell: number): boolean {
  const width = record.tenantCount + 1;
  const column = cell % width;
  const fn = record.functions[(cell - column) / width];
  return fn.chargedColumns !== null ? fn.chargedColumns[column] === 1 : TENANCY[fn.tenancy].chargesEnvironments;
}

/** What the pings of cell `cell` used, for billing (zero without warmers). */
export function pingUsage(record: RunRecord, cell: number): BillableUsage {
  const width = record.tenantCount + 1;
  const u = record.functions[(cell - (cell % width)) / width].usage;
  const w = record.warmerCells;
  return {
    architecture: u.architecture, memoryMb: u.memoryMb, ephemeralStorageMb: u.ephemeralStorageMb,
    requests: w === null ? 0 : w.completed[cell], billedMs: w === null ? 0 : w.billedMs[cell], provisionedBilledMs: 0,
    tenantEnvironments: w === null ? 0 : w.environmentsCharged[cell], provisionedConcurrency: 0, provisionedMs: 0,
  };
}

/**
 * What the cell `cell` (see {@link CellTotals}) used, for billing: its user traffic's billed requests and ms,
 * and its environments charged as its tier's tenancy says (pings: {@link pingUsage}). The provisioned-concurrency standing charge belongs to
 * the function, not to a cell, so it is left out.
 */
export function cellUsage(record: RunRecord, cell: number): BillableUsage {
  const width = record.tenantCount + 1;
  const fn = record.functions[(cell - (cell % width)) / width];
  const c = record.cells;
  const u = fn.usage;
  return {
    architecture: u.architecture,
    memoryMb: u.memoryMb,
    ephemeralStorageMb: u.ephemeralStorageMb,
    requests: c.completed[cell],
    billedMs: c.billedMs[cell],
    provisionedBilledMs: c.provisionedBilledMs[cell],
    tenantEnvironments: cellCharged(record, cell) ? c.environmentsCreated[cell] : 0,
    provisionedConcurrency: 0,
    provisionedMs: 0,
  };
}
