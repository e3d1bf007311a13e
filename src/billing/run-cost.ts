/**
 * The cost of a whole run: list price per usage, then the run's billing options (tiers, free tier).
 */
import {
  checkUsages, firstTierAmount, listPriceAmounts, onDemandMbMs, provisionedDurationAmount, requestsAmount,
  toCostLines, toRoundedCostLines, type AmountLines,
} from './line-items.js';
import { MB_MS_PER_GB_S, mbMsToGbSeconds } from './money.js';
import { DURATION_TIERS, FREE_TIER, type DurationTier } from './prices.js';
import type { Architecture, BillableUsage, BillingOptions, RunCost } from './types.js';

/** Order in which the free 400,000 GB-s are taken: x86_64 first (AWS does not say; x86 has the dearer
 *  rate, so this gives the smallest bill). */
export const FREE_TIER_ORDER: readonly Architecture[] = ['x86_64', 'arm64'];

/** Price of `mbMs` of on-demand duration charged through the monthly volume tiers, as an Amount. */
export function tieredAmount(mbMs: bigint, tiers: readonly DurationTier[]): bigint {
  let left = mbMs;
  let amount = 0n;
  for (const tier of tiers) {
    const size = tier.sizeGbSeconds === null ? left : BigInt(tier.sizeGbSeconds) * MB_MS_PER_GB_S;
    const used = left < size ? left : size;
    amount += used * BigInt(tier.price.e10Usd);
    left -= used;
    if (left === 0n) break;
  }
  return amount;
}

/**
 * The cost of a run.
 * - `items[i]`: list price of `usages[i]` (first-tier duration rate, no free tier).
 * - `exact`: with `options.tiers`, on-demand duration MB-ms of each architecture, summed over all usages, are
 *   charged through the monthly tiers as if the run were one month (duration on provisioned environments is
 *   never tiered). With `options.freeTier`, 1M requests and 400,000 GB-s of on-demand duration are free, taken
 *   only from usages with no provisioned concurrency (AWS: the free tier "does not apply to functions that
 *   have Provisioned Concurrency enabled"), x86_64 duration first, then arm64 ({@link FREE_TIER_ORDER});
 *   free GB-s come off the first tier. Other lines are the sums of the items.
 * - `rounded`: each line of `exact` rounded up to the cent; its total is the sum of those.
 * All money is computed exactly in BigInt (see `money.ts`). @throws BillingError for invalid usages.
 */
export function computeRunCost(usages: BillableUsage[], options: BillingOptions): RunCost {
  checkUsages(usages);
  const itemAmounts = usages.map(listPriceAmounts);
  const exact: AmountLines = { requests: 0n, duration: 0n, tenantEnvironments: 0n, provisionedConcurrency: 0n, ephemeralStorage: 0n };
  for (const a of itemAmounts) {
    exact.tenantEnvironments += a.tenantEnvironments;
    exact.provisionedConcurrency += a.provisionedConcurrency;
    exact.ephemeralStorage += a.ephemeralStorage;
  }
  exact.requests = requestsAmount(billableRequests(usages, options.freeTier));
  exact.duration = onDemandDurationAmount(usages, options) +
    usages.reduce((s, u) => s + provisionedDurationAmount(u), 0n);
  const billedMbMs = usages.reduce((s, u) => s + BigInt(u.billedMs + u.provisionedBilledMs) * BigInt(u.memoryMb), 0n);
  return {
    exact: toCostLines(exact),
    rounded: toRoundedCostLines(exact),
    items: itemAmounts.map(toCostLines),
    billedGbSeconds: mbMsToGbSeconds(billedMbMs),
  };
}

const freeTierEligible = (u: BillableUsage): boolean => u.provisionedConcurrency === 0;

/** Requests left to bill after the free tier (if on). */
function billableRequests(usages: readonly BillableUsage[], freeTier: boolean): bigint {
  let eligible = 0n;
  let other = 0n;
  for (const u of usages) {
    if (freeTier && freeTierEligible(u)) eligible += BigInt(u.requests);
    else other += BigInt(u.requests);
  }
  const free = BigInt(FREE_TIER.requests);
  return other + (eligible > free ? eligible - free : 0n);
}

/** On-demand duration of all usages, free tier and tiers applied as `options` say, as an Amount. */
function onDemandDurationAmount(usages: readonly BillableUsage[], options: BillingOptions): bigint {
  let freeLeft = options.freeTier ? BigInt(FREE_TIER.gbSeconds) * MB_MS_PER_GB_S : 0n;
  let amount = 0n;
  for (const arch of FREE_TIER_ORDER) {
    let total = 0n;
    let eligible = 0n;
    for (const u of usages) {
      if (u.architecture !== arch) continue;
      total += onDemandMbMs(u);
      if (freeTierEligible(u)) eligible += onDemandMbMs(u);
    }
    const free = eligible < freeLeft ? eligible : freeLeft;
    freeLeft -= free;
    const billable = total - free;
    amount += options.tiers ? tieredAmount(billable, DURATION_TIERS[arch]) : firstTierAmount(billable, arch);
  }
  return amount;
}
