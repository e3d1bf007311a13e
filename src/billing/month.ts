/**
 * A month of a run's usage: every volume scaled by 30 days / the run's period, then priced like any usage,
 * with the monthly duration tiers. The one rule for monthly figures: the sweep, the report and the tables all
 * call {@link monthlyCost}.
 */
import { checkUsages } from './line-items.js';
import { computeRunCost } from './run-cost.js';
import type { BillableUsage, RunCost } from './types.js';

/** A 30-day month, ms: the month every monthly figure is projected to. */
export const MONTH_MS = 30 * 86_400_000;

/**
 * `usage` with every volume multiplied by `k` and rounded to whole units (requests, billed ms, environments);
 * the provisioned-concurrency time multiplied by `k` (it is billed in 5-minute steps anyway).
 * @example scaleUsage(u, 30).requests // 30 x u.requests
 */
export function scaleUsage(usage: BillableUsage, k: number): BillableUsage {
  const whole = (x: number) => Math.round(x * k);
  return {
    ...usage,
    requests: whole(usage.requests),
    billedMs: whole(usage.billedMs),
    provisionedBilledMs: whole(usage.provisionedBilledMs),
    tenantEnvironments: whole(usage.tenantEnvironments),
    provisionedMs: usage.provisionedMs * k,
  };
}

/** A month of usage and its cost. */
export interface MonthlyCost {
  /** 30 days / the run's period. */
  factor: number;
  /** The month's usage, one per usage of the run. */
  usages: BillableUsage[];
  /** The month priced with the monthly tiers (and the free tier when asked). */
  cost: RunCost;
}

/** Whether a scaled usage can still be priced: whole volumes below 2^53, a finite provisioned time. */
const priceable = (u: BillableUsage): boolean =>
  [u.requests, u.billedMs, u.provisionedBilledMs, u.tenantEnvironments].every(Number.isSafeInteger) && Number.isFinite(u.provisionedMs);

/**
 * The cost of a 30-day month of `usages`, measured over `periodMs` of traffic: computeRunCost(scaleUsage(u,
 * MONTH_MS / periodMs)) with the monthly duration tiers applied (AWS tiers by month) and the free tier when
 * `freeTier`. Null when the period is 0 (traffic of one instant has no monthly rate), or so short that a
 * month's volumes pass 2^53 (2 calls a microsecond apart, say): such traffic has no meaningful monthly rate.
 * @throws BillingError for invalid usages.
 */
export function monthlyCost(usages: BillableUsage[], periodMs: number, freeTier: boolean): MonthlyCost | null {
  checkUsages(usages);
  if (!(periodMs > 0) || !Number.isFinite(periodMs)) return null;
  const factor = MONTH_MS / periodMs;
  const month = usages.map((u) => scaleUsage(u, factor));
  if (!month.every(priceable)) return null;
  return { factor, usages: month, cost: computeRunCost(month, { tiers: true, freeTier }) };
}
