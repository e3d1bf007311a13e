/**
 * The cost of a whole run: list price per usage, then the run's billing options (tiers, free tier), line by
 * line with the arithmetic (the volume, the part of it that is free and each price applied), so that every
 * figure shown anywhere comes from here.
 */
import {
  checkUsages, listPriceAmounts, onDemandMbMs, provisionedBilledConfigMs, toCostLines, toRoundedCostLines, type AmountLines,
} from './line-items.js';
import { amountToUsd, MB_MS_PER_GB_S, mbMsToGbSeconds } from './money.js';
import {
  DURATION_TIERS, EPHEMERAL_STORAGE_PRICE, FREE_EPHEMERAL_STORAGE_MB, FREE_TIER, type ListPrice, PROVISIONED_CONCURRENCY_PRICE,
  PROVISIONED_DURATION_PRICE, REQUEST_PRICE, TENANT_ENVIRONMENT_PRICE,
} from './prices.js';
import type { Architecture, BillableUsage, BillingOptions, BillLine, LineKey, PricedPart, RunCost } from './types.js';

/** Order in which the free 400,000 GB-s are taken: x86_64 first (AWS does not say; x86 has the dearer
 *  rate, so this gives the smallest bill). Also the order of the duration lines. */
export const FREE_TIER_ORDER: readonly Architecture[] = ['x86_64', 'arm64'];

const freeTierEligible = (u: BillableUsage): boolean => u.provisionedConcurrency === 0;

/** `1,024 MB`: a size as a line's detail. */
const mb = (megabytes: number): string => `${megabytes.toLocaleString('en-US')} MB`;

/** A line being built: its parts as exact Amounts. */
interface Draft {
  item: LineKey;
  detail: string;
  quantity: number;
  unit: BillLine['unit'];
  free: number;
  parts: { quantity: number; price: ListPrice; amount: bigint }[];
}

const lineAmount = (d: Draft): bigint => d.parts.reduce((s, p) => s + p.amount, 0n);

/** `mbMs` MB-ms charged at `tiers` in order (the monthly volume tiers), or all at the first when not `tiered`. */
function durationParts(mbMs: bigint, arch: Architecture, tiered: boolean): Draft['parts'] {
  const tiers = DURATION_TIERS[arch];
  if (!tiered) return [{ quantity: mbMsToGbSeconds(mbMs), price: tiers[0].price, amount: mbMs * BigInt(tiers[0].price.e10Usd) }];
  const parts: Draft['parts'] = [];
  let left = mbMs;
  for (const tier of tiers) {
    const size = tier.sizeGbSeconds === null ? left : BigInt(tier.sizeGbSeconds) * MB_MS_PER_GB_S;
    const used = left < size ? left : size;
    if (used > 0n || parts.length === 0) parts.push({ quantity: mbMsToGbSeconds(used), price: tier.price, amount: used * BigInt(tier.price.e10Usd) });
    left -= used;
    if (left === 0n) break;
  }
  return parts;
}

/** The requests line: every billed request, the free tier taken from those of functions without provisioned concurrency. */
function requestsLine(usages: readonly BillableUsage[], freeTier: boolean): Draft {
  let eligible = 0;
  let all = 0;
  for (const u of usages) {
    all += u.requests;
    if (freeTier && freeTierEligible(u)) eligible += u.requests;
  }
  const free = Math.min(eligible, freeTier ? FREE_TIER.requests : 0);
  const billable = BigInt(all - free);
  return {
    item: 'requests', detail: '', quantity: all, unit: 'requests', free,
    parts: [{ quantity: all - free, price: REQUEST_PRICE, amount: BigInt(REQUEST_PRICE.e10Usd) * MB_MS_PER_GB_S * billable }],
  };
}

/** On-demand duration, one line per architecture used: free GB-s (x86_64 first), then the tiers or the first tier. */
function onDemandLines(usages: readonly BillableUsage[], options: BillingOptions): Draft[] {
  let freeLeft = options.freeTier ? BigInt(FREE_TIER.gbSeconds) * MB_MS_PER_GB_S : 0n;
  const lines: Draft[] = [];
  for (const arch of FREE_TIER_ORDER) {
    const mine = usages.filter((u) => u.architecture === arch);
    if (!mine.some((u) => u.billedMs > 0)) continue;
    const total = mine.reduce((s, u) => s + onDemandMbMs(u), 0n);
    const eligible = mine.filter(freeTierEligible).reduce((s, u) => s + onDemandMbMs(u), 0n);
    const free = eligible < freeLeft ? eligible : freeLeft;
    freeLeft -= free;
    lines.push({
      item: 'duration', detail: arch, quantity: mbMsToGbSeconds(total), unit: 'GB-s', free: mbMsToGbSeconds(free),
      parts: durationParts(total - free, arch, options.tiers),
    });
  }
  return lines;
}

/** Lines that add up usages grouped by `key` (in order of first appearance), skipping groups of zero volume. */
function grouped(usages: readonly BillableUsage[], key: (u: BillableUsage) => string | null, make: (detail: string, group: BillableUsage[]) => Draft | null): Draft[] {
  const groups = new Map<string, BillableUsage[]>();
  for (const u of usages) {
    const k = key(u);
    if (k === null) continue;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [u]);
    else g.push(u);
  }
  return [...groups].flatMap(([detail, group]) => make(detail, group) ?? []);
}

/** Duration on provisioned environments, per architecture: never tiered, never free. */
function provisionedDurationLines(usages: readonly BillableUsage[]): Draft[] {
  return FREE_TIER_ORDER.flatMap((arch) => {
    const mbMs = usages.filter((u) => u.architecture === arch).reduce((s, u) => s + BigInt(u.provisionedBilledMs) * BigInt(u.memoryMb), 0n);
    if (mbMs === 0n) return [];
    const price = PROVISIONED_DURATION_PRICE[arch];
    const gbS = mbMsToGbSeconds(mbMs);
    return [{ item: 'duration' as const, detail: `${arch}, on provisioned concurrency`, quantity: gbS, unit: 'GB-s' as const, free: 0, parts: [{ quantity: gbS, price, amount: BigInt(price.e10Usd) * mbMs }] }];
  });
}

/** Tenant-isolated environments, one line per memory size: $0.000167 per GB per environment created. */
function environmentLines(usages: readonly BillableUsage[]): Draft[] {
  return grouped(usages, (u) => (u.tenantEnvironments > 0 ? mb(u.memoryMb) : null), (detail, group) => {
    const memoryMb = group[0].memoryMb;
    const envs = group.reduce((s, u) => s + u.tenantEnvironments, 0);
    // price per GB x MB / 1,024 = price x MB x 1,000 Amounts
    const amount = BigInt(TENANT_ENVIRONMENT_PRICE.e10Usd) * BigInt(memoryMb) * 1_000n * BigInt(envs);
    return { item: 'tenantEnvironments', detail, quantity: envs, unit: 'environments', free: 0, parts: [{ quantity: (envs * memoryMb) / 1024, price: TENANT_ENVIRONMENT_PRICE, amount }] };
  });
}

/** Provisioned concurrency configured, per (architecture, memory): concurrency x GB x time in 5-minute steps. */
function provisionedConcurrencyLines(usages: readonly BillableUsage[]): Draft[] {
  return grouped(usages, (u) => (u.provisionedConcurrency > 0 ? `${u.architecture}, ${mb(u.memoryMb)}` : null), (detail, group) => {
    const price = PROVISIONED_CONCURRENCY_PRICE[group[0].architecture];
    const mbMs = group.reduce((s, u) => s + BigInt(u.provisionedConcurrency) * BigInt(u.memoryMb) * provisionedBilledConfigMs(u), 0n);
    const gbS = mbMsToGbSeconds(mbMs);
    return { item: 'provisionedConcurrency', detail, quantity: gbS, unit: 'GB-s', free: 0, parts: [{ quantity: gbS, price, amount: BigInt(price.e10Usd) * mbMs }] };
  });
}

/** Ephemeral storage above the free 512 MB, per configured size, over the billed duration (on-demand and provisioned). */
function storageLines(usages: readonly BillableUsage[]): Draft[] {
  return grouped(usages, (u) => (u.ephemeralStorageMb > FREE_EPHEMERAL_STORAGE_MB ? mb(u.ephemeralStorageMb) : null), (detail, group) => {
    const extraMb = BigInt(group[0].ephemeralStorageMb - FREE_EPHEMERAL_STORAGE_MB);
    const ms = group.reduce((s, u) => s + BigInt(u.billedMs + u.provisionedBilledMs), 0n);
    if (ms === 0n) return null;
    const gbS = mbMsToGbSeconds(extraMb * ms);
    return { item: 'ephemeralStorage', detail, quantity: gbS, unit: 'GB-s', free: 0, parts: [{ quantity: gbS, price: EPHEMERAL_STORAGE_PRICE, amount: BigInt(EPHEMERAL_STORAGE_PRICE.e10Usd) * extraMb * ms }] };
  });
}

/**
 * The cost of a run.
 * - `lines`: the bill line by line, in report order: requests; on-demand duration per architecture (x86_64,
 *   arm64) and duration on provisioned environments; tenant environments per memory size; provisioned
 *   concurrency; ephemeral storage. Each gives its volume, the free part and each price applied.
 * - `exact`: the lines summed per line item. With `options.tiers`, on-demand duration MB-ms of each
 *   architecture, summed over all usages, are charged through the monthly tiers as if the usage were one month
 *   (duration on provisioned environments is never tiered). With `options.freeTier`, 1M requests and 400,000
 *   GB-s of on-demand duration are free, taken only from usages with no provisioned concurrency (AWS: the free
 *   tier "does not apply to functions that have Provisioned Concurrency enabled"), x86_64 duration first, then
 *   arm64 ({@link FREE_TIER_ORDER}); free GB-s come off the first tier.
 * - `rounded`: each line item of `exact` rounded up to the cent; its total is the sum of those.
 * - `items[i]`: list price of `usages[i]` (first-tier duration rate, no free tier).
 * All money is computed exactly in BigInt (see `money.ts`). @throws BillingError for invalid usages.
 */
export function computeRunCost(usages: BillableUsage[], options: BillingOptions): RunCost {
  checkUsages(usages);
  const drafts = [
    requestsLine(usages, options.freeTier), ...onDemandLines(usages, options), ...provisionedDurationLines(usages),
    ...environmentLines(usages), ...provisionedConcurrencyLines(usages), ...storageLines(usages),
  ];
  const exact: AmountLines = { requests: 0n, duration: 0n, tenantEnvironments: 0n, provisionedConcurrency: 0n, ephemeralStorage: 0n };
  for (const d of drafts) exact[d.item] += lineAmount(d);
  const billedMbMs = usages.reduce((s, u) => s + BigInt(u.billedMs + u.provisionedBilledMs) * BigInt(u.memoryMb), 0n);
  return {
    exact: toCostLines(exact),
    rounded: toRoundedCostLines(exact),
    lines: drafts.map((d): BillLine => ({
      item: d.item, detail: d.detail, quantity: d.quantity, unit: d.unit, free: d.free, usd: amountToUsd(lineAmount(d)),
      parts: d.parts.map((p): PricedPart => ({ quantity: p.quantity, price: p.price, usd: amountToUsd(p.amount) })),
    })),
    items: usages.map((u) => toCostLines(listPriceAmounts(u))),
    billedGbSeconds: mbMsToGbSeconds(billedMbMs),
  };
}
