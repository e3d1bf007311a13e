/**
 * The per-tenant and per-group rows of one variant (tenants.csv, groups.csv) and how concentrated the cost
 * is: each (function, tenant) cell's usage priced by the billing module and given its share of the run's
 * exact cost, then summed per tenant over the functions, and per group over its tenants.
 */
import { attributeCosts, type CostLines, type RunCost } from '../billing/index.js';
import type { ScenarioConfig } from '../model/config.js';
import { CELL_COUNTERS, type CellCounter, cellUsage, type RunRecord } from '../model/record.js';
import { groupOf, tenantIdOf } from '../model/tenants.js';
import type { GroupRow, TenantRow } from './columns.js';
import { rate, round, roundUsd } from './round.js';
import type { CostConcentration } from './types.js';

/** The tenant column of tenants.csv for traffic without a tenant id. */
export const NO_TENANT = '(none)';

/** One tenant's totals over the functions. */
interface Totals {
  counts: Record<CellCounter, number>;
  /** Exact billed GB-s (unrounded). */
  gbSeconds: number;
  cost: CostLines;
}

const zeroCost = (): CostLines => ({ requests: 0, duration: 0, tenantEnvironments: 0, provisionedConcurrency: 0, ephemeralStorage: 0, total: 0 });

/**
 * Each tenant column's totals (columns with any traffic, ascending: 0 is traffic without a tenant id, t is
 * tenant t - 1), with its exact share of the run cost (the provisioned-concurrency standing charge belongs
 * to no tenant and is left out).
 */
function tenantTotals(record: RunRecord, cost: RunCost): Map<number, Totals> {
  const c = record.cells;
  const width = record.tenantCount + 1;
  const used: number[] = [];
  for (let i = 0; i < c.invocations.length; i++) if (c.invocations[i] > 0) used.push(i);
  const shares = attributeCosts(used.map((i) => cellUsage(record, i)), cost);
  const byColumn = new Map<number, Totals>();
  used.forEach((i, j) => {
    const t = i % width;
    let totals = byColumn.get(t);
    if (totals === undefined) {
      totals = { counts: Object.fromEntries(CELL_COUNTERS.map((k) => [k, 0])) as Record<CellCounter, number>, gbSeconds: 0, cost: zeroCost() };
      byColumn.set(t, totals);
    }
    for (const k of CELL_COUNTERS) totals.counts[k] += c[k][i];
    totals.gbSeconds += ((c.billedMs[i] + c.provisionedBilledMs[i]) * record.functions[(i - t) / width].usage.memoryMb) / 1024 / 1000;
    for (const k of Object.keys(totals.cost) as (keyof CostLines)[]) totals.cost[k] += shares[j][k];
  });
  return new Map([...byColumn].sort((a, b) => a[0] - b[0]));
}

/** The group name of a tenant column (0 = no tenant). */
function groupName(config: ScenarioConfig, column: number): string {
  return column === 0 ? NO_TENANT : config.tenants.groups[groupOf(config.tenants, column - 1)].name;
}

/** A per-tenant latency: null when the tenant has no completed invocation. */
const latencyCell = (ms: number): number | null => (Number.isNaN(ms) ? null : round(ms, 3));

/** The rows of tenants.csv and groups.csv of one variant, and its cost concentration. */
export interface TenantResults {
  tenants: TenantRow[];
  groups: GroupRow[];
  concentration: CostConcentration;
}

/** Per-tenant and per-group rows of one variant's run, costs shared out of `cost` (the run's). */
export function tenantResults(record: RunRecord, config: ScenarioConfig, cost: RunCost): TenantResults {
  const totals = tenantTotals(record, cost);
  const tenants: TenantRow[] = [];
  for (const [t, v] of totals) {
    const [p50, p99] = record.tenantLatency.quantiles(t, [0.5, 0.99]);
    const n = v.counts.invocations;
    tenants.push({
      variant: record.variant, tenant: t === 0 ? NO_TENANT : tenantIdOf(config.tenants, t - 1), group: groupName(config, t),
      invocations: n, completed: v.counts.completed, throttled: v.counts.throttled, rejected: v.counts.rejected,
      coldStarts: v.counts.coldStarts, coldStartRate: rate(v.counts.coldStarts, n), environmentsCreated: v.counts.environmentsCreated,
      latencyP50Ms: latencyCell(p50), latencyP99Ms: latencyCell(p99), billedGbSeconds: round(v.gbSeconds, 6),
      requestsUsdExact: roundUsd(v.cost.requests), durationUsdExact: roundUsd(v.cost.duration),
      tenantEnvironmentsUsdExact: roundUsd(v.cost.tenantEnvironments), totalUsdExact: roundUsd(v.cost.total),
      usdPer1000Invocations: n > 0 ? roundUsd((v.cost.total / n) * 1000) : 0,
    });
  }
  return { tenants, groups: groupRows(record, config, totals), concentration: concentrationOf(totals) };
}

/** groups.csv's rows: the traffic without a tenant id (if any), then every group in order. */
function groupRows(record: RunRecord, config: ScenarioConfig, totals: Map<number, Totals>): GroupRow[] {
  const byGroup = new Map<string, { tenants: number; active: number; counts: Record<CellCounter, number>; gbSeconds: number; usd: number }>();
  const empty = (tenants: number) => ({ tenants, active: 0, counts: Object.fromEntries(CELL_COUNTERS.map((k) => [k, 0])) as Record<CellCounter, number>, gbSeconds: 0, usd: 0 });
  if (totals.has(0)) byGroup.set(NO_TENANT, empty(0));
  for (const g of config.tenants.groups) byGroup.set(g.name, empty(g.count));
  for (const [t, v] of totals) {
    const entry = byGroup.get(groupName(config, t))!;
    if (t > 0) entry.active++;
    for (const k of CELL_COUNTERS) entry.counts[k] += v.counts[k];
    entry.gbSeconds += v.gbSeconds;
    entry.usd += v.cost.total;
  }
  return [...byGroup].map(([name, g]) => ({
    variant: record.variant, group: name, tenants: g.tenants, activeTenants: g.active, invocations: g.counts.invocations,
    completed: g.counts.completed, throttled: g.counts.throttled, coldStarts: g.counts.coldStarts,
    coldStartRate: rate(g.counts.coldStarts, g.counts.invocations), environmentsCreated: g.counts.environmentsCreated,
    billedGbSeconds: round(g.gbSeconds, 6), totalUsdExact: roundUsd(g.usd),
    usdPer1000Invocations: g.counts.invocations > 0 ? roundUsd((g.usd / g.counts.invocations) * 1000) : 0,
  }));
}

/** The share of the tenants' cost carried by their costliest 1 % and 10 % (each at least one tenant). */
function concentrationOf(totals: Map<number, Totals>): CostConcentration {
  const costs = [...totals].filter(([t]) => t > 0).map(([, v]) => v.cost.total).sort((a, b) => b - a);
  const total = costs.reduce((s, c) => s + c, 0);
  const share = (percent: number) => {
    if (costs.length === 0 || !(total > 0)) return 0;
    const k = Math.max(1, Math.ceil((costs.length * percent) / 100)); // integers: 700 x 1 % is 7, not 8
    return round(costs.slice(0, k).reduce((s, c) => s + c, 0) / total, 6);
  };
  return { tenants: costs.length, top1PercentShare: share(1), top10PercentShare: share(10) };
}
