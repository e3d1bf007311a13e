/**
 * A variant's cost projected to a 30-day month, line by line with its arithmetic, the way AWS's pricing
 * examples show it. Each volume of the run (billed requests, on-demand GB-s per architecture, tenant
 * environments per memory size, ephemeral-storage seconds) is multiplied by 30 days / the simulated horizon,
 * rounded to whole units, and priced with the billing module's list prices: the monthly duration tiers are
 * applied to the projected volume (AWS tiers by month), the free tier only when the scenario asks for it.
 * Functions with provisioned concurrency are scaled linearly (their on-demand and provisioned GB-s are not
 * told apart in the results). See docs/reports.md.
 */
import { amountToUsd, MB_MS_PER_GB_S } from '../billing/money.js';
import {
  DURATION_TIERS, EPHEMERAL_STORAGE_PRICE, FREE_EPHEMERAL_STORAGE_MB, FREE_TIER, type ListPrice,
  PROVISIONED_CONCURRENCY_PRICE, REQUEST_PRICE, TENANT_ENVIRONMENT_PRICE,
} from '../billing/prices.js';
import { FREE_TIER_ORDER } from '../billing/run-cost.js';
import type { ReportCostLines, ReportFunction, ReportVariant, ReportVariantConfig } from './report-data.js';
import { durationText, int, priceText, qty, usd } from './report-format.js';

/** A 30-day month, ms. */
export const MONTH_MS = 30 * 86_400_000;

/** The cost line items, in report order. */
export const COST_ITEMS = ['requests', 'duration', 'tenantEnvironments', 'provisionedConcurrency', 'ephemeralStorage'] as const;
/** One of {@link COST_ITEMS}. */
export type CostItem = (typeof COST_ITEMS)[number];
/** How each line item is called in the report. */
export const COST_ITEM_LABELS: Record<CostItem, string> = {
  requests: 'requests', duration: 'duration', tenantEnvironments: 'tenant environments',
  provisionedConcurrency: 'provisioned concurrency', ephemeralStorage: 'ephemeral storage',
};

/** One line of the projection. */
export interface ProjectionLine {
  item: CostItem;
  /** What the line prices, e.g. `Duration (x86_64)`. */
  label: string;
  /** The arithmetic, e.g. `3,456,748 requests x (30 d / 1 d) = 103,702,440 requests x $0.20 per 1M requests = $20.74`. */
  arithmetic: string;
  /** Exact monthly USD. */
  usd: number;
}

/** A variant's projected month. */
export interface MonthlyProjection {
  variant: string;
  /** 30 days / the simulated horizon. */
  factor: number;
  lines: ProjectionLine[];
  /** Exact monthly USD per line item (the lines summed). */
  byItem: Record<CostItem, number>;
  /** Exact monthly USD, the sum of the lines. */
  total: number;
  /** Whether the free tier was subtracted (the scenario's `billing.freeTier`). */
  freeTier: boolean;
  /** Functions scaled linearly because they have provisioned concurrency. */
  linearFunctions: string[];
}

/** `(30 d / 1 d)`: the projection factor as a fraction of durations. */
const factorText = (horizonMs: number): string => `(30 d / ${durationText(horizonMs)})`;

/** Whether a function has provisioned concurrency: from config.json, else from its cost. */
function isProvisioned(f: ReportFunction, config: ReportVariantConfig | null): boolean {
  const c = config?.functions.find((x) => x.name === f.name);
  return c !== undefined ? c.provisionedConcurrency > 0 : f.costUsdExact.provisionedConcurrency > 0;
}

/** Integer billed ms of a function (summary.json gives GB-s rounded to 6 decimals, finer than 1 ms). */
const billedMsOf = (f: ReportFunction): number => Math.round((f.billedGbSeconds * 1_024_000) / f.memoryMb);

/** One tier's part of a duration charge. */
interface TierPart {
  mbMs: bigint;
  price: ListPrice;
  amount: bigint;
}

/** `mbMs` on-demand MB-ms of `arch` split over the monthly tiers (only the tiers used). */
function tierParts(mbMs: bigint, arch: 'x86_64' | 'arm64'): TierPart[] {
  let left = mbMs;
  const parts: TierPart[] = [];
  for (const tier of DURATION_TIERS[arch]) {
    if (left === 0n) break;
    const size = tier.sizeGbSeconds === null ? left : BigInt(tier.sizeGbSeconds) * MB_MS_PER_GB_S;
    const used = left < size ? left : size;
    parts.push({ mbMs: used, price: tier.price, amount: used * BigInt(tier.price.e10Usd) });
    left -= used;
  }
  return parts;
}

/** `x $0.0000166667 per GB-s = $96.58`, or each tier's part when the volume reaches a second tier. */
function pricedText(parts: TierPart[], amount: bigint, arch: 'x86_64' | 'arm64'): string {
  if (parts.length === 0) return `x ${priceText(DURATION_TIERS[arch][0].price)} = ${usd(0)}`;
  if (parts.length === 1) return `x ${priceText(parts[0].price)} = ${usd(amountToUsd(amount))}`;
  const each = parts.map((p, i) => `${i === 0 ? 'first' : i === parts.length - 1 ? 'then' : 'next'} ${qty(Number(p.mbMs) / 1_024_000)} GB-s x ${priceText(p.price)} = ${usd(amountToUsd(p.amount))}`);
  return `through the monthly tiers: ${each.join('; ')}; together ${usd(amountToUsd(amount))}`;
}

/** The requests line over the functions priced exactly. */
function requestsLine(requests: number, k: number, h: string, freeTier: boolean): ProjectionLine {
  const projected = Math.round(requests * k);
  const billable = freeTier ? Math.max(0, projected - FREE_TIER.requests) : projected;
  const amount = BigInt(REQUEST_PRICE.e10Usd) * MB_MS_PER_GB_S * BigInt(billable);
  const free = freeTier ? ` requests - ${int(FREE_TIER.requests)} free = ${int(billable)} requests` : ' requests';
  return {
    item: 'requests', label: 'Requests', usd: amountToUsd(amount),
    arithmetic: `${int(requests)} billed requests x ${h} = ${int(projected)}${free} x ${priceText(REQUEST_PRICE)} = ${usd(amountToUsd(amount))}`,
  };
}

/** The on-demand duration lines, one per architecture used, tiers and free tier applied. */
function durationLines(fns: ReportFunction[], k: number, h: string, freeTier: boolean): ProjectionLine[] {
  let freeLeft = freeTier ? BigInt(FREE_TIER.gbSeconds) * MB_MS_PER_GB_S : 0n;
  const lines: ProjectionLine[] = [];
  for (const arch of FREE_TIER_ORDER) {
    const mine = fns.filter((f) => f.architecture === arch);
    if (mine.length === 0) continue;
    const mbMs = mine.reduce((s, f) => s + billedMsOf(f) * f.memoryMb, 0);
    const projected = BigInt(Math.round(mbMs * k));
    const free = projected < freeLeft ? projected : freeLeft;
    freeLeft -= free;
    const parts = tierParts(projected - free, arch);
    const amount = parts.reduce((a, p) => a + p.amount, 0n);
    const freeText = free > 0n ? ` GB-s - ${qty(Number(free) / 1_024_000)} free GB-s = ${qty(Number(projected - free) / 1_024_000)} GB-s` : ' GB-s';
    lines.push({
      item: 'duration', label: `Duration (${arch})`, usd: amountToUsd(amount),
      arithmetic: `${qty(mbMs / 1_024_000)} GB-s x ${h} = ${qty(Number(projected) / 1_024_000)}${freeText} ${pricedText(parts, amount, arch)}`,
    });
  }
  return lines;
}

/** Memory sizes shown one line each; more are summed into one line. */
const MAX_MEMORY_LINES = 3;

/** Tenant-environment lines, one per memory size of the isolated functions (one in all beyond {@link MAX_MEMORY_LINES} sizes). */
function environmentLines(fns: ReportFunction[], k: number, h: string): ProjectionLine[] {
  const byMemory = new Map<number, number>();
  for (const f of fns) if (f.tenancy === 'isolated') byMemory.set(f.memoryMb, (byMemory.get(f.memoryMb) ?? 0) + f.environmentsCreated);
  const sizes = [...byMemory.entries()].sort((a, b) => a[0] - b[0]).map(([memoryMb, envs]) => {
    const projected = Math.round(envs * k);
    return { memoryMb, envs, projected, amount: BigInt(TENANT_ENVIRONMENT_PRICE.e10Usd) * BigInt(memoryMb) * 1_000n * BigInt(projected) };
  });
  if (sizes.length > MAX_MEMORY_LINES) {
    const sum = (key: 'envs' | 'projected') => sizes.reduce((s, x) => s + x[key], 0);
    const amount = sizes.reduce((s, x) => s + x.amount, 0n);
    const gb = sizes.reduce((s, x) => s + (x.projected * x.memoryMb) / 1024, 0);
    return [{
      item: 'tenantEnvironments', label: `Tenant environments (${int(sizes.length)} memory sizes, ${int(sizes[0].memoryMb)} to ${int(sizes[sizes.length - 1].memoryMb)} MB)`, usd: amountToUsd(amount),
      arithmetic: `${int(sum('envs'))} environments created x ${h} = ${int(sum('projected'))} environments, ${qty(gb)} GB in all (each at its function's memory) x ${priceText(TENANT_ENVIRONMENT_PRICE)} = ${usd(amountToUsd(amount))}`,
    }];
  }
  return sizes.map(({ memoryMb, envs, projected, amount }) => ({
    item: 'tenantEnvironments' as const, label: `Tenant environments (${int(memoryMb)} MB)`, usd: amountToUsd(amount),
    arithmetic: `${int(envs)} environments created x ${h} = ${int(projected)} environments x ${qty(memoryMb / 1024, 7)} GB x ${priceText(TENANT_ENVIRONMENT_PRICE)} = ${usd(amountToUsd(amount))}`,
  }));
}

/** Ephemeral-storage lines of functions configured above 512 MB (from config.json, else scaled linearly). */
function storageLines(fns: ReportFunction[], config: ReportVariantConfig | null, k: number, h: string): ProjectionLine[] {
  const lines: ProjectionLine[] = [];
  for (const f of fns) {
    const c = config?.functions.find((x) => x.name === f.name);
    if (c === undefined) {
      if (f.costUsdExact.ephemeralStorage === 0) continue;
      const monthly = f.costUsdExact.ephemeralStorage * k;
      lines.push({ item: 'ephemeralStorage', label: `Ephemeral storage (${f.name})`, usd: monthly, arithmetic: `${usd(f.costUsdExact.ephemeralStorage)} in the run x ${h} = ${usd(monthly)} (no config.json: scaled linearly)` });
      continue;
    }
    const extraMb = c.ephemeralStorageMb - FREE_EPHEMERAL_STORAGE_MB;
    if (extraMb <= 0) continue;
    const ms = billedMsOf(f);
    const projected = Math.round(ms * k);
    const amount = BigInt(EPHEMERAL_STORAGE_PRICE.e10Usd) * BigInt(extraMb) * BigInt(projected);
    lines.push({
      item: 'ephemeralStorage', label: `Ephemeral storage (${f.name}, ${int(c.ephemeralStorageMb)} MB)`, usd: amountToUsd(amount),
      arithmetic: `${qty(ms / 1000)} billed s x ${h} = ${qty(projected / 1000)} s x ${qty(extraMb / 1024, 7)} GB above ${FREE_EPHEMERAL_STORAGE_MB} MB x ${priceText(EPHEMERAL_STORAGE_PRICE)} = ${usd(amountToUsd(amount))}`,
    });
  }
  return lines;
}

/** Lines of a function with provisioned concurrency: the standing charge for a whole month, the rest linear. */
function provisionedLines(f: ReportFunction, config: ReportVariantConfig | null, k: number, h: string): ProjectionLine[] {
  const c = config?.functions.find((x) => x.name === f.name);
  const run: ReportCostLines = f.costUsdExact;
  const usage = run.requests + run.duration + run.ephemeralStorage;
  const lines: ProjectionLine[] = [{
    item: 'duration', label: `Requests, duration and storage (${f.name}, provisioned concurrency)`, usd: usage * k,
    arithmetic: `${usd(usage)} in the run x ${h} = ${usd(usage * k)} (scaled linearly: the results do not split its GB-s between provisioned and on-demand environments)`,
  }];
  if (c === undefined) {
    lines.push({ item: 'provisionedConcurrency', label: `Provisioned concurrency (${f.name})`, usd: run.provisionedConcurrency * k, arithmetic: `${usd(run.provisionedConcurrency)} in the run x ${h} = ${usd(run.provisionedConcurrency * k)}` });
    return lines;
  }
  const price = PROVISIONED_CONCURRENCY_PRICE[c.architecture];
  const amount = BigInt(price.e10Usd) * BigInt(c.provisionedConcurrency) * BigInt(c.memoryMb) * BigInt(MONTH_MS);
  lines.push({
    item: 'provisionedConcurrency', label: `Provisioned concurrency (${f.name})`, usd: amountToUsd(amount),
    arithmetic: `${int(c.provisionedConcurrency)} environments x ${qty(c.memoryMb / 1024, 7)} GB x 2,592,000 s (30 d) = ${qty((c.provisionedConcurrency * c.memoryMb * 2_592_000) / 1024)} GB-s x ${priceText(price)} = ${usd(amountToUsd(amount))}`,
  });
  return lines;
}

/**
 * Projects `variant`'s cost to a 30-day month: volumes x (30 d / `horizonMs`), priced line by line.
 * `config` (from config.json) gives ephemeral storage, provisioned concurrency and the free-tier option;
 * without it, storage above 512 MB and provisioned concurrency are scaled linearly and the free tier is off.
 */
export function projectMonth(variant: ReportVariant, horizonMs: number, config: ReportVariantConfig | null): MonthlyProjection {
  const k = MONTH_MS / horizonMs;
  const h = factorText(horizonMs);
  const freeTier = config?.billing.freeTier ?? false;
  const linear = variant.functions.filter((f) => isProvisioned(f, config));
  const exact = variant.functions.filter((f) => !isProvisioned(f, config));
  const lines: ProjectionLine[] = [];
  if (exact.length > 0) {
    lines.push(requestsLine(exact.reduce((s, f) => s + f.completed, 0), k, h, freeTier));
    lines.push(...durationLines(exact, k, h, freeTier), ...environmentLines(exact, k, h), ...storageLines(exact, config, k, h));
  }
  for (const f of linear) lines.push(...provisionedLines(f, config, k, h));
  const byItem = Object.fromEntries(COST_ITEMS.map((i) => [i, lines.filter((l) => l.item === i).reduce((s, l) => s + l.usd, 0)])) as Record<CostItem, number>;
  return {
    variant: variant.name, factor: k, lines, byItem, total: lines.reduce((s, l) => s + l.usd, 0), freeTier,
    linearFunctions: linear.map((f) => f.name),
  };
}
