/**
 * The per-tenant view of one variant, from tenants.csv: how concentrated the cost is, how cold-start rates
 * spread over tenants, and what a tenant's requests cost. Traffic sent without a tenant id (`(none)`) is
 * not a tenant and is left out.
 */
import { NO_TENANT, type TenantRow } from '../results/index.js';


/** Quantiles shown of per-tenant distributions. */
export const TENANT_QUANTILES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1] as const;

/** The share of the cost carried by the costliest tenants. */
export interface Concentration {
  /** Tenants counted: the top `fraction` of the tenants, at least 1 (rounded up). */
  count: number;
  fraction: number;
  /** Their share of the tenants' total cost, 0 to 1 (0 when that total is 0). */
  share: number;
}

/** The per-tenant numbers of one variant. */
export interface TenantStats {
  variant: string;
  /** Tenants that sent traffic. */
  tenants: number;
  /** Invocations sent without a tenant id. */
  noTenantInvocations: number;
  top1: Concentration;
  top10: Concentration;
  /** Per-tenant cold-start rates (cold starts / requests), ascending. */
  coldStartRates: number[];
  /** Per-tenant cost per 1,000 requests (USD, of the run), ascending. */
  costPer1000: number[];
  /** Cost per 1,000 requests of all tenants together (USD). */
  costPer1000All: number;
  /** Sum of the tenants' costs in the run (USD; excludes provisioned-concurrency standing charges). */
  totalUsd: number;
  /** The costliest tenants, most expensive first (ties by id), at most 5. */
  costliest: TenantRow[];
  /** The worst-served tenants: those whose requests failed (throttled, rejected, timed out), the largest
   *  failed share first (ties: more requests first, then by id), at most 5; empty when none failed. */
  worstServed: TenantRow[];
}

/**
 * The q-quantile of an ascending, non-empty sample by linear interpolation between order statistics
 * (Hyndman and Fan type 7, as the simulator's latency percentiles). @example quantile([10, 20, 30, 40], 0.5) // 25
 */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The costliest `fraction` of `byCostDesc` (at least one tenant) and their share of `total`. */
function concentration(byCostDesc: readonly TenantRow[], fraction: number, total: number): Concentration {
  const count = Math.max(1, Math.ceil(byCostDesc.length * fraction - 1e-9));
  const top = byCostDesc.slice(0, count).reduce((s, t) => s + t.totalUsdExact, 0);
  return { count, fraction, share: total > 0 ? top / total : 0 };
}

/** The per-tenant numbers of `variant` from its rows of tenants.csv; null when no tenant sent traffic. */
export function tenantStats(variant: string, rows: Iterable<TenantRow>): TenantStats | null {
  const mine: TenantRow[] = [];
  for (const r of rows) if (r.variant === variant) mine.push(r);
  const tenants = mine.filter((r) => r.tenant !== NO_TENANT);
  if (tenants.length === 0) return null;
  const byCost = [...tenants].sort((a, b) => b.totalUsdExact - a.totalUsdExact || (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0));
  const totalUsd = tenants.reduce((s, t) => s + t.totalUsdExact, 0);
  const invocations = tenants.reduce((s, t) => s + t.invocations, 0);
  const asc = (xs: number[]) => xs.sort((a, b) => a - b);
  return {
    variant,
    tenants: tenants.length,
    noTenantInvocations: mine.filter((r) => r.tenant === NO_TENANT).reduce((s, r) => s + r.invocations, 0),
    top1: concentration(byCost, 0.01, totalUsd),
    top10: concentration(byCost, 0.1, totalUsd),
    coldStartRates: asc(tenants.map((t) => (t.invocations > 0 ? t.coldStarts / t.invocations : 0))),
    costPer1000: asc(tenants.map((t) => (t.invocations > 0 ? (t.totalUsdExact / t.invocations) * 1000 : 0))),
    costPer1000All: invocations > 0 ? (totalUsd / invocations) * 1000 : 0,
    totalUsd,
    costliest: byCost.slice(0, 5),
    worstServed: tenants.filter((t) => t.failedShare > 0)
      .sort((a, b) => b.failedShare - a.failedShare || b.invocations - a.invocations || (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0))
      .slice(0, 5),
  };
}
