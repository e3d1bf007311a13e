/**
 * The input and output records of billing. All money is USD; durations are whole milliseconds. Billing knows
 * nothing of the simulation: it prices usage.
 */
import type { ListPrice } from './prices.js';

/** Instruction set; prices differ. */
export type Architecture = 'x86_64' | 'arm64';

/** Whether a cold start's init phase is billed: `billed`, the AWS rule since 2025-08-01 (init added to the
 *  billed duration of the invocation that caused it); `unbilled`, the rule before (init free for ZIP
 *  packages on managed runtimes). Source: AWS Compute Blog 2025-04-29, "AWS Lambda standardizes billing for
 *  INIT phase". */
export type InitBilling = 'billed' | 'unbilled';

/** Optional billing rules, off by default. */
export interface BillingOptions {
  /** Charge on-demand duration through the monthly volume tiers, the usage taken as one month. Default: false. */
  tiers: boolean;
  /** Subtract the monthly free tier (1M requests, 400,000 GB-s). Default: false. */
  freeTier: boolean;
}

/** What one function (or one tenant's share of it, or one cell of a sweep) used during a run. */
export interface BillableUsage {
  /** Decides the duration, provisioned-concurrency and tier prices. */
  architecture: Architecture;
  /** Configured memory, a positive integer, MB (AWS: 128 to 10,240). GB = MB / 1,024. */
  memoryMb: number;
  /** Configured ephemeral storage, an integer, MB; the first 512 MB are free. */
  ephemeralStorageMb: number;
  /** Billed requests: completed invocations, timeouts included (throttled and rejected calls are not billed). */
  requests: number;
  /** Integer ms: sum over on-demand invocations of {@link billedDurationMs}. */
  billedMs: number;
  /** Integer ms: the same for invocations that ran on provisioned environments. */
  provisionedBilledMs: number;
  /** Tenant-isolated environments created (0 for shared functions). */
  tenantEnvironments: number;
  /** Provisioned environments configured (0: none). */
  provisionedConcurrency: number;
  /** How long provisioned concurrency was configured, ms (finite, >= 0); billed in 5-minute steps. */
  provisionedMs: number;
}

/** The line items of a bill, in report order. */
export const LINE_KEYS = ['requests', 'duration', 'tenantEnvironments', 'provisionedConcurrency', 'ephemeralStorage'] as const;
/** One of {@link LINE_KEYS}. */
export type LineKey = (typeof LINE_KEYS)[number];

/** How each line item is called in tables and reports. */
export const LINE_LABELS: Readonly<Record<LineKey, string>> = {
  requests: 'requests', duration: 'duration', tenantEnvironments: 'tenant environments',
  provisionedConcurrency: 'provisioned concurrency', ephemeralStorage: 'ephemeral storage',
};

/** One price applied to part of a line's volume (one duration tier, or the line's only price). */
export interface PricedPart {
  /** Volume charged at `price`, in its unit (`price.per`: requests, GB-s, or GB for tenant environments). */
  quantity: number;
  price: ListPrice;
  /** Exact USD. */
  usd: number;
}

/** One line of a bill: a volume, the part of it that is free, and the prices applied to the rest. */
export interface BillLine {
  item: LineKey;
  /** What sets the line apart within its item: the architecture (duration), the memory size (tenant
   *  environments), the architecture and memory (provisioned concurrency), the configured size (ephemeral
   *  storage); '' for the one requests line. */
  detail: string;
  /** The volume, free part included, in `unit`. */
  quantity: number;
  unit: 'requests' | 'GB-s' | 'environments';
  /** The part of `quantity` that is free (free tier). */
  free: number;
  parts: PricedPart[];
  /** Exact USD: the sum of the parts. */
  usd: number;
}

/** Charges by line item, USD. `total` is the sum of the other five. */
export interface CostLines {
  requests: number;
  /** On-demand duration (tiered and free-tier aware in `RunCost.exact`) plus duration on provisioned environments. */
  duration: number;
  tenantEnvironments: number;
  /** The configured provisioned-concurrency charge (duration on it is in `duration`). */
  provisionedConcurrency: number;
  ephemeralStorage: number;
  total: number;
}

/** The cost of a run. */
export interface RunCost {
  /** Exact charges with the run's billing options applied, each the nearest double to the exact value. */
  exact: CostLines;
  /** Each line of `exact` rounded up to a whole cent; `total` is the sum of the rounded lines. */
  rounded: CostLines;
  /** The bill line by line with its arithmetic; the lines of one item add up to that item of `exact`. */
  lines: BillLine[];
  /** `items[i]`: exact list-price cost of `usages[i]` (first-tier duration price, no free tier). */
  items: CostLines[];
  /** Billed duration in GB-s, on-demand and provisioned together: sum of (billedMs + provisionedBilledMs)
   *  x memoryMb / 1,024 / 1,000. */
  billedGbSeconds: number;
}
