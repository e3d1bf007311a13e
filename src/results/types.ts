/**
 * A run's results, typed: what `tenancy-sim run` writes into a results folder and what the report renders,
 * whether it has them from memory (`run --report`) or reads them from a folder (`report <dir>`). Field tables
 * of the files are in README.md ("Reading the results").
 */
import type { BillableUsage, BillingOptions, CostLines, InitBilling } from '../billing/index.js';
import type { LimitName, Tenancy } from '../model/platform.js';
import type { ScenarioConfig } from '../model/config.js';
import type { CreationCauses, LatencyStats, TierRun, WarmerCounter } from '../model/record.js';
import type { GroupRow, TenantRow, TimeseriesRow } from './columns.js';

export type { GroupRow, TenantRow, TimeseriesRow };

/** The format of a results folder this version writes and reads (summary.json's `format`). */
export const RESULTS_FORMAT = 'tenancy-sim-results/4';

/** Latency (ms from first arrival to completion) of completed invocations, rounded to the microsecond. */
export type LatencySummary = Omit<LatencyStats, 'count'>;

/** The counts every level (variant, function) reports. */
export interface Outcomes {
  /** Every arrival (client invocation), whatever became of it. */
  invocations: number;
  /** Invocations that ran to the end (timeouts included). */
  completed: number;
  /** Invocations that never ran because of a limit (after their last 429, or dropped by their maximum age). */
  throttled: number;
  /** Invocations of a function that requires a tenant id, sent without one. */
  rejected: number;
  /** Running or waiting for a retry when the run ended. */
  inFlight: number;
  /** Invocations that failed: throttled, rejected, or cut off at the timeout, / invocations (0 without
   *  invocations), 8 decimals. A variant that fails more is never called cheaper or faster for it. */
  failedShare: number;
  /** Environments created to serve an invocation. */
  coldStarts: number;
  /** coldStarts / invocations (0 without invocations), 8 decimals. */
  coldStartRate: number;
  /** On-demand environments created (provisioned ones are not counted): the cold starts and the
   *  background replacements. */
  environmentsCreated: number;
  /** Why they were created: cold starts by cause (adding up to `coldStarts`) and environments created in the
   *  background to replace one at its maximum lifetime (see model/cold-causes.ts). */
  causes: CreationCauses;
  /** Busy environments (initializing or running): the peak, and the time average over the run. */
  peakConcurrency: number;
  meanConcurrency: number;
  /** Live environments, busy or idle: the peak and the time average. */
  peakEnvironments: number;
  meanEnvironments: number;
  latencyMs: LatencySummary;
  /** Billed duration x memory, GB-s (6 decimals). */
  billedGbSeconds: number;
  /** 429s by limit (every refusal, retried or not). */
  limitHits: Record<LimitName, number>;
  timeouts: number;
  asyncDropped: number;
  /** Retries scheduled (async queue retries and client retries). */
  retries: number;
}

/** One tier of a function (see model/tiers.ts): a tenancy, its tenants, the AWS functions it deploys, each
 *  one's reservation and environment cap, the highest peaks among them and the 429s its limits returned. */
export type TierSummary = TierRun;

/** What warmers' pings did and cost, apart from user traffic: pings sent, completed, throttled, cold starts
 *  (pings that created an environment), environments charged the fee, billed GB-s and the pings' share of the
 *  cost (in proportion to list price, as tenants' shares are). */
export interface WarmerSummary extends Record<Exclude<WarmerCounter, 'billedMs'>, number> {
  billedGbSeconds: number;
  costUsdExact: CostLines;
}

/** One function of a variant (one row of functions.csv). */
export interface FunctionSummary extends Outcomes {
  name: string;
  tenancy: Tenancy;
  runtime: string;
  /** Whether its init durations are the runtime's hello-world median (lambda-perf), not the scenario's own. */
  initDurationDefault: boolean;
  /** What its handler and init durations were multiplied by at its memory (`cpuScaling`; 1 without it). */
  durationFactor: number;
  /** A digest of what decides its handler durations from the same draws (its duration distribution, or its
   *  routes', and its duration factor): equal in two variants when the same draws gave the same durations. */
  handlerKey: string;
  memoryMb: number;
  architecture: 'x86_64' | 'arm64';
  /** This function's share of the variant's exact cost (shares add up to the variant's `costUsdExact`). */
  costUsdExact: CostLines;
  /** What the function used, exactly, for billing (whole requests, ms and environments; pings included). */
  usage: BillableUsage;
  /** Its tiers: one, or one per tenancy its tenant groups set (hybrid). */
  tiers: TierSummary[];
  /** AWS functions it deploys (each tier's: one, or one per tenant for function per tenant). */
  deployedFunctions: number;
  /** Its warmers' pings; null when the variant has no warmers. */
  warmers: WarmerSummary | null;
}

/** One limit of one variant's run (see limits.ts). */
export interface LimitFact {
  /** Which limit (the platform's name, as in `limitHits`). */
  kind: LimitName;
  /** The function it belongs to; null for the account's. */
  function: string | null;
  /** In words, e.g. `account concurrency`, `isolated environments of api`. */
  limit: string;
  /** The limit (busy or live environments); null for the scaling rate, which is a rate. */
  value: number | null;
  /** What the peak counts, e.g. `peak concurrency`; null for the scaling rate. */
  measure: string | null;
  /** The peak measured against it; null for the scaling rate. */
  peak: number | null;
  /** 429s it returned (every refusal, retried or not). */
  throttles: number;
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

/** One variant's results: an entry of summary.json's `variants`. */
export interface VariantSummary extends Outcomes {
  name: string;
  /** Simulated time: the horizon, or the end of the variant's last invocation. */
  horizonMs: number;
  /** The span of traffic its usage stands for, from which monthly figures scale: the horizon, or without
   *  one the time of the last arrival (the same in every variant). */
  periodMs: number;
  /** The stream key of each traffic entry (see docs/model.md, "Random numbers"): entries with the same key in
   *  two variants drew the same arrivals, tenants, routes and handler durations. */
  traffic: string[];
  /** Line items rounded up to the cent, total = sum of the rounded lines. */
  costUsd: CostLines;
  /** The same before rounding. */
  costUsdExact: CostLines;
  /** Exact cost of a 30-day month of this traffic, monthly tiers applied; null when periodMs is 0. */
  monthlyCostUsdExact: CostLines | null;
  billing: BillingOptions;
  initBilling: InitBilling;
  limits: LimitFact[];
  costConcentration: CostConcentration;
  /** AWS functions to deploy for this variant's design. */
  deployedFunctions: number;
  /** Its warmers' pings (counts and cost share, included in the cost lines above); null without warmers. */
  warmers: (WarmerSummary & {
    /** The variant identical to this one but for its warmers (the reference of the warmers' break-even), or
     *  null when the run has none. */
    baseline: string | null;
  }) | null;
  functions: FunctionSummary[];
}

/** The document written as summary.json. */
export interface SummaryDocument {
  /** {@link RESULTS_FORMAT}. */
  format: string;
  scenario: string;
  description: string;
  seed: number;
  /** The scenario's horizon, or (finite traffic) the longest variant's run. */
  horizonMs: number;
  variants: VariantSummary[];
}

/** Rows that can be read more than once: an array, or rows made anew each time they are read (a run's
 *  per-tenant rows, never all held at once). */
export type Rows<T> = Iterable<T>;

/** A run's results, typed. The per-tenant, per-group and per-minute rows are null when read from a folder
 *  that lacks their file. */
export interface RunResults {
  summary: SummaryDocument;
  /** `run --sensitivity`'s analysis (sensitivity.json), when there is one. */
  sensitivity?: SensitivityResult | null;
  tenants: Rows<TenantRow> | null;
  groups: Rows<GroupRow> | null;
  timeseries: Rows<TimeseriesRow> | null;
}

/** One variant's run in memory, with what produced it (for config.json and per-invocation views). */
export interface VariantRun {
  config: ScenarioConfig;
  summary: VariantSummary;
  tenants: Rows<TenantRow>;
  groups: GroupRow[];
  timeseries: TimeseriesRow[];
}

/** A file's content: text, or text in chunks that can be read more than once (large files are never one
 *  string). */
export type FileContent = string | Iterable<string>;

/** The text of a file's content (for files known to be small, and for tests). */
export const fileText = (content: FileContent): string => (typeof content === 'string' ? content : [...content].join(''));

/** Rows made anew by `make` each time they are read. */
export function rowsOf<T>(make: () => Iterator<T>): Rows<T> {
  return { [Symbol.iterator]: make };
}

/** A headline comparison of a variant with the baseline, measured in every sensitivity run. */
export type SensitivityMetric = 'monthlyCostUsd' | 'coldStartsPer1000' | 'latencyP99Ms' | 'failedShare';

/** One run of the sensitivity analysis: the settings it changed and each variant's headline numbers. */
export interface SensitivityRun {
  /** `as written`, `platform.keepAlive=5m`, or a joint extreme such as `pessimistic`. */
  label: string;
  /** The setting changed (its path), or null for the scenario as written and the joint extremes. */
  setting: string | null;
  /** The values it set, path -> value as written in YAML. */
  values: Record<string, string>;
  /** Per variant, in the scenario's order: each headline metric (null where it has none, e.g. no latency). */
  variants: Record<SensitivityMetric, number | null>[];
}

/** How much the settings AWS does not document move each comparison with the baseline. */
export interface SensitivityResult {
  /** The variants, the first the baseline. */
  variants: string[];
  /** The settings varied one at a time, with the values tried (the plausible range; see docs/model.md). */
  settings: { path: string; label: string; values: string[] }[];
  runs: SensitivityRun[];
}
