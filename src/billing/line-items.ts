/**
 * List-price line items of one usage as exact Amounts, input validation, and conversion of Amounts to
 * {@link CostLines}.
 */
import type { Architecture } from './types.js';
import { billedDurationMs } from './duration.js';
import { amountToCentsUp, amountToUsd, ceilDiv, MB_MS_PER_GB_S } from './money.js';
import {
  DURATION_TIERS, EPHEMERAL_STORAGE_PRICE, FREE_EPHEMERAL_STORAGE_MB, PROVISIONED_CONCURRENCY_PRICE,
  PROVISIONED_DURATION_PRICE, PROVISIONED_STEP_MS, REQUEST_PRICE, TENANT_ENVIRONMENT_PRICE,
} from './prices.js';
import { type BillableUsage, type CostLines, LINE_KEYS } from './types.js';

export { LINE_KEYS };

/** The five line items as exact Amounts (see `money.ts`). */
export interface AmountLines {
  requests: bigint;
  duration: bigint;
  tenantEnvironments: bigint;
  provisionedConcurrency: bigint;
  ephemeralStorage: bigint;
}


/** Thrown for invalid usages; `problems` lists every one found (all in one pass). */
export class BillingError extends RangeError {
  override name = 'BillingError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const INTEGER_FIELDS = [
  ['memoryMb', 1], ['ephemeralStorageMb', 0], ['requests', 0], ['billedMs', 0], ['provisionedBilledMs', 0],
  ['tenantEnvironments', 0], ['provisionedConcurrency', 0],
] as const;

/** Checks every usage; @throws BillingError listing all problems. */
export function checkUsages(usages: readonly BillableUsage[], name = 'usages'): void {
  const problems: string[] = [];
  usages.forEach((u, i) => {
    if (u.architecture !== 'x86_64' && u.architecture !== 'arm64') {
      problems.push(`${name}[${i}].architecture must be x86_64 or arm64, got ${String(u.architecture)}`);
    }
    for (const [field, min] of INTEGER_FIELDS) {
      const v = u[field];
      if (!Number.isSafeInteger(v) || v < min) problems.push(`${name}[${i}].${field} must be an integer >= ${min}, got ${v}`);
    }
    if (!Number.isFinite(u.provisionedMs) || u.provisionedMs < 0) {
      problems.push(`${name}[${i}].provisionedMs must be a finite number >= 0, got ${u.provisionedMs}`);
    }
  });
  if (problems.length > 0) throw new BillingError(problems);
}

/** Configured provisioned-concurrency time rounded up to whole 5-minute steps, ms (301 s -> 600 s). */
export function provisionedBilledConfigMs(u: BillableUsage): bigint {
  if (u.provisionedConcurrency === 0) return 0n;
  const step = BigInt(PROVISIONED_STEP_MS);
  return ceilDiv(BigInt(billedDurationMs(u.provisionedMs, 0, false)), step) * step;
}

/** On-demand billed duration of a usage, MB-ms. */
export const onDemandMbMs = (u: BillableUsage): bigint => BigInt(u.billedMs) * BigInt(u.memoryMb);

/** Duration on provisioned environments, as an Amount (never tiered, never free). */
export function provisionedDurationAmount(u: BillableUsage): bigint {
  return BigInt(PROVISIONED_DURATION_PRICE[u.architecture].e10Usd) * BigInt(u.provisionedBilledMs) * BigInt(u.memoryMb);
}

/** Price of `mbMs` of on-demand duration at the first-tier rate of `architecture`, as an Amount. */
export const firstTierAmount = (mbMs: bigint, architecture: Architecture): bigint =>
  BigInt(DURATION_TIERS[architecture][0].price.e10Usd) * mbMs;

/** Price of `requests` requests, as an Amount. */
export const requestsAmount = (requests: bigint): bigint => BigInt(REQUEST_PRICE.e10Usd) * MB_MS_PER_GB_S * requests;

/** The exact list-price line items of one usage: first-tier duration, no free tier. */
export function listPriceAmounts(u: BillableUsage): AmountLines {
  const memoryMb = BigInt(u.memoryMb);
  const extraStorageMb = BigInt(Math.max(0, u.ephemeralStorageMb - FREE_EPHEMERAL_STORAGE_MB));
  return {
    requests: requestsAmount(BigInt(u.requests)),
    duration: firstTierAmount(onDemandMbMs(u), u.architecture) + provisionedDurationAmount(u),
    // price per GB x MB / 1,024 = price x MB x 1,000 Amounts
    tenantEnvironments: BigInt(TENANT_ENVIRONMENT_PRICE.e10Usd) * memoryMb * 1_000n * BigInt(u.tenantEnvironments),
    provisionedConcurrency: BigInt(PROVISIONED_CONCURRENCY_PRICE[u.architecture].e10Usd) *
      BigInt(u.provisionedConcurrency) * memoryMb * provisionedBilledConfigMs(u),
    // storage is billed over the invocations' billed duration, on-demand and provisioned
    ephemeralStorage: BigInt(EPHEMERAL_STORAGE_PRICE.e10Usd) * extraStorageMb * BigInt(u.billedMs + u.provisionedBilledMs),
  };
}

/** Sum of the five lines. */
export const totalAmount = (a: AmountLines): bigint =>
  a.requests + a.duration + a.tenantEnvironments + a.provisionedConcurrency + a.ephemeralStorage;

/** Exact lines in USD; `total` is the exact sum converted once. */
export function toCostLines(a: AmountLines): CostLines {
  return {
    requests: amountToUsd(a.requests), duration: amountToUsd(a.duration),
    tenantEnvironments: amountToUsd(a.tenantEnvironments), provisionedConcurrency: amountToUsd(a.provisionedConcurrency),
    ephemeralStorage: amountToUsd(a.ephemeralStorage), total: amountToUsd(totalAmount(a)),
  };
}

/** Each line rounded up to whole cents on the integers; `total` is the sum of the rounded lines. */
export function toRoundedCostLines(a: AmountLines): CostLines {
  const c = LINE_KEYS.map((k) => amountToCentsUp(a[k]));
  const usd = (cents: bigint): number => Number(cents) / 100;
  return {
    requests: usd(c[0]), duration: usd(c[1]), tenantEnvironments: usd(c[2]), provisionedConcurrency: usd(c[3]),
    ephemeralStorage: usd(c[4]), total: usd(c.reduce((s, x) => s + x, 0n)),
  };
}
