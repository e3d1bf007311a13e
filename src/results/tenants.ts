/**
 * The per-tenant and per-group rows of one variant (tenants.csv, groups.csv) and how concentrated the cost
 * is: each (function, tenant) cell's usage priced by the billing module and given its share of the run's
 * exact cost, then summed per tenant over the functions, and per group over its tenants.
 */
import { attributeCosts, LINE_KEYS, type RunCost } from '../billing/index.js';
import type { ScenarioConfig } from '../model/config.js';
import { CELL_COUNTERS, type CellCounter, cellUsage, pingUsage, type RunRecord, WARMER_COUNTERS, type WarmerCounter } from '../model/record.js';
import { groupOf, tenantIdOf } from '../model/tenants.js';
import { causeCells, failureCells, type GroupRow, type TenantRow, WARMER_COLUMNS } from './columns.js';
import { COLD_START_CAUSES } from '../model/cold-causes.js';
import type { CreationCauses } from '../model/record.js';
import { rate, round, roundUsd } from './round.js';
import { type CostConcentration, type Rows, rowsOf } from './types.js';

/** The tenant column of tenants.csv for traffic without a tenant id. */
export const NO_TENANT = '(none)';

/** A sum per tenant column (0 is traffic without a tenant id, t is tenant t - 1). */
type Columns = Float64Array;

/** Every tenant column's totals over the functions: the cell counters, exact billed GB-s and the cost
 *  lines of its share of the run's cost (columns, not an object per tenant: speed and memory with 100,000
 *  tenants). */
interface Totals {
  counts: Record<CellCounter, Columns>;
  /** Warmers' pings per column (see WARMER_COUNTERS; zero without warmers) and their cost share. */
  pings: Record<WarmerCounter, Columns>;
  pingUsd: Columns;
  gbSeconds: Columns;
  /** The share of each cost line, and the total. */
  cost: Record<(typeof LINE_KEYS)[number] | 'total', Columns>;
}

/**
 * Each tenant column's totals, with its exact share of the run cost (the provisioned-concurrency standing
 * charge belongs to no tenant and is left out).
 */
function tenantTotals(record: RunRecord, cost: RunCost): Totals {
  const c = record.cells;
  const width = record.tenantCount + 1;
  const zero = () => new Float64Array(width);
  const totals: Totals = {
    counts: Object.fromEntries(CELL_COUNTERS.map((k) => [k, zero()])) as Totals['counts'],
    pings: Object.fromEntries(WARMER_COUNTERS.map((k) => [k, zero()])) as Totals['pings'],
    pingUsd: zero(),
    gbSeconds: zero(),
    cost: Object.fromEntries([...LINE_KEYS, 'total'].map((k) => [k, zero()])) as Totals['cost'],
  };
  // every cell with usage: a cell without invocations may still have some (an environment a ping used last,
  // replaced in the background, bills its init to that cell), and a cell left out would have its cost spread
  // over the others
  const used: number[] = [];
  for (let i = 0; i < c.invocations.length; i++) if (c.invocations[i] > 0 || c.billedMs[i] > 0 || c.environmentsCreated[i] > 0) used.push(i);
  // pings' usage is a part of the run's too: attributed with the cells', so that each gets its own share
  const w = record.warmerCells;
  const pinged: number[] = [];
  if (w !== null) for (let i = 0; i < w.pings.length; i++) if (w.pings[i] > 0) pinged.push(i);
  const all = attributeCosts([...used.map((i) => cellUsage(record, i)), ...pinged.map((i) => pingUsage(record, i))], cost);
  const shares = all.slice(0, used.length);
  pinged.forEach((i, j) => {
    const t = i % width;
    for (const k of WARMER_COUNTERS) totals.pings[k][t] += (w as Record<WarmerCounter, Float64Array>)[k][i];
    totals.pingUsd[t] += all[used.length + j].total;
  });
  used.forEach((i, j) => {
    const t = i % width;
    for (const k of CELL_COUNTERS) totals.counts[k][t] += c[k][i];
    totals.gbSeconds[t] += ((c.billedMs[i] + c.provisionedBilledMs[i]) * record.functions[(i - t) / width].usage.memoryMb) / 1024 / 1000;
    for (const k of [...LINE_KEYS, 'total'] as const) totals.cost[k][t] += shares[j][k];
  });
  return totals;
}

/** The causes of the environments created for tenant columns `from` to `to` - 1, all functions together. */
function causesOf(record: RunRecord, from: number, to: number): CreationCauses {
  const sum = (values: Float64Array) => {
    let s = 0;
    for (let t = from; t < to; t++) s += values[t];
    return s;
  };
  const tc = record.tenantCauses;
  return { coldStarts: Object.fromEntries(COLD_START_CAUSES.map((c) => [c, sum(tc.coldStarts[c])])) as CreationCauses['coldStarts'], replacements: sum(tc.replacements) };
}

/** The p50 and p99 latency of tenant columns `from` to `to` - 1 together (first arrival to completion,
 *  retries included; within 5 %); null without completed requests. */
function groupLatency(record: RunRecord, from: number, to: number): { latencyP50Ms: number | null; latencyP99Ms: number | null } {
  const [p50, p99] = record.tenantLatency.quantilesOfRange(from, to, [0.5, 0.99]);
  return { latencyP50Ms: latencyCell(p50), latencyP99Ms: latencyCell(p99) };
}

/** The group name of each tenant column (0 = no tenant). */
function groupName(config: ScenarioConfig, column: number): string {
  return column === 0 ? NO_TENANT : config.tenants.groups[groupOf(config.tenants, column - 1)].name;
}

/** A per-tenant latency: null when the tenant has no completed invocation. */
const latencyCell = (ms: number): number | null => (Number.isNaN(ms) ? null : round(ms, 3));

/** The rows of tenants.csv and groups.csv of one variant, and its cost concentration. */
export interface TenantResults {
  /** Made anew from the per-tenant columns each time they are read (a row object per tenant of a million
   *  is never held). */
  tenants: Rows<TenantRow>;
  groups: GroupRow[];
  concentration: CostConcentration;
}

/** Per-tenant and per-group rows of one variant's run, costs shared out of `cost` (the run's). */
export function tenantResults(record: RunRecord, config: ScenarioConfig, cost: RunCost): TenantResults {
  const totals = tenantTotals(record, cost);
  const { counts, cost: usd } = totals;
  const latency = record.tenantLatency;
  const variant = record.variant;
  const tenants = rowsOf(function* (): Generator<TenantRow> {
    for (let t = 0; t < counts.invocations.length; t++) {
      const n = counts.invocations[t];
      if (n === 0 && totals.pings.pings[t] === 0 && usd.total[t] === 0) continue;
      const [p50, p99] = latency.quantiles(t, [0.5, 0.99]);
      yield {
        variant, tenant: t === 0 ? NO_TENANT : tenantIdOf(config.tenants, t - 1), group: groupName(config, t),
        invocations: n, completed: counts.completed[t], throttled: counts.throttled[t], rejected: counts.rejected[t], timeouts: counts.timeouts[t],
        ...failureCells({ invocations: n, throttled: counts.throttled[t], rejected: counts.rejected[t], timeouts: counts.timeouts[t] }),
        coldStarts: counts.coldStarts[t], coldStartRate: rate(counts.coldStarts[t], n), environmentsCreated: counts.environmentsCreated[t],
        ...causeCells(causesOf(record, t, t + 1)),
        latencyP50Ms: latencyCell(p50), latencyP99Ms: latencyCell(p99), billedGbSeconds: round(totals.gbSeconds[t], 6),
        requestsUsdExact: roundUsd(usd.requests[t]), durationUsdExact: roundUsd(usd.duration[t]),
        tenantEnvironmentsUsdExact: roundUsd(usd.tenantEnvironments[t]), totalUsdExact: roundUsd(usd.total[t]),
        usdPer1000Invocations: n > 0 ? roundUsd((usd.total[t] / n) * 1000) : 0,
        usdPer1000Completed: counts.completed[t] > 0 ? roundUsd((usd.total[t] / counts.completed[t]) * 1000) : null,
        ...warmerCells(totals, t, t + 1),
      };
    }
  });
  return { tenants, groups: groupRows(record, config, totals), concentration: concentrationOf(totals) };
}

/** groups.csv's rows: the traffic without a tenant id (if any), then every group in order. */
function groupRows(record: RunRecord, config: ScenarioConfig, totals: Totals): GroupRow[] {
  const { counts } = totals;
  const groups = config.tenants.groups;
  const sum = (values: Columns, from: number, to: number) => {
    let s = 0;
    for (let t = from; t < to; t++) s += values[t];
    return s;
  };
  const row = (name: string, tenants: number, from: number, to: number): GroupRow => {
    let active = 0;
    for (let t = Math.max(1, from); t < to; t++) if (counts.invocations[t] > 0) active++;
    const n = sum(counts.invocations, from, to);
    const usd = sum(totals.cost.total, from, to);
    const coldStarts = sum(counts.coldStarts, from, to);
    const completed = sum(counts.completed, from, to);
    const failures = { invocations: n, throttled: sum(counts.throttled, from, to), rejected: sum(counts.rejected, from, to), timeouts: sum(counts.timeouts, from, to) };
    return {
      variant: record.variant, group: name, tenants, activeTenants: active, invocations: n, completed,
      throttled: failures.throttled, rejected: failures.rejected, timeouts: failures.timeouts, ...failureCells(failures),
      ...groupLatency(record, from, to), coldStarts, coldStartRate: rate(coldStarts, n),
      environmentsCreated: sum(counts.environmentsCreated, from, to), ...causeCells(causesOf(record, from, to)), billedGbSeconds: round(sum(totals.gbSeconds, from, to), 6),
      totalUsdExact: roundUsd(usd), usdPer1000Invocations: n > 0 ? roundUsd((usd / n) * 1000) : 0,
      usdPer1000Completed: completed > 0 ? roundUsd((usd / completed) * 1000) : null,
      ...warmerCells(totals, from, to),
    };
  };
  // Tenant t is column t + 1; a group's tenants are consecutive (see TenantGroupConfig.first).
  const rows = groups.map((g) => row(g.name, g.count, g.first + 1, g.first + 1 + g.count));
  return counts.invocations[0] > 0 || totals.pings.pings[0] > 0 || totals.cost.total[0] > 0 ? [row(NO_TENANT, 0, 0, 1), ...rows] : rows;
}

/** The warmer columns of tenant columns `from` to `to` - 1 together. */
function warmerCells(totals: Totals, from: number, to: number): { [K in keyof typeof WARMER_COLUMNS]: number } {
  const sum = (values: Columns) => {
    let s = 0;
    for (let t = from; t < to; t++) s += values[t];
    return s;
  };
  const p = totals.pings;
  return { warmerPings: sum(p.pings), warmerThrottled: sum(p.throttled), warmerColdStarts: sum(p.coldStarts), warmerUsdExact: roundUsd(sum(totals.pingUsd)) };
}

/** The share of the tenants' cost carried by their costliest 1 % and 10 % (each at least one tenant). */
function concentrationOf(totals: Totals): CostConcentration {
  const costs: number[] = [];
  for (let t = 1; t < totals.counts.invocations.length; t++) if (totals.counts.invocations[t] > 0) costs.push(totals.cost.total[t]);
  costs.sort((a, b) => b - a);
  const total = costs.reduce((s, c) => s + c, 0);
  const share = (percent: number) => {
    if (costs.length === 0 || !(total > 0)) return 0;
    const k = Math.max(1, Math.ceil((costs.length * percent) / 100)); // integers: 700 x 1 % is 7, not 8
    return round(costs.slice(0, k).reduce((s, c) => s + c, 0) / total, 6);
  };
  return { tenants: costs.length, top1PercentShare: share(1), top10PercentShare: share(10) };
}
