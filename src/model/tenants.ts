/**
 * Tenant ids, popularity and availability. Tenants are numbered 0..count-1 inside the model, group after
 * group; ids come from each group's pattern (or its explicit ids) only when a record is written or a named
 * tenant is looked up.
 */
import { AliasTable } from '../engine/alias-table.js';
import type { Popularity, TenantGroupConfig, TenantsConfig } from './config.js';

/** Milliseconds in a day and in a week (time 0 is a Monday, 00:00). */
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * The id made by `pattern` for the tenant at 0-based `index` in its group: `{i}` becomes index + 1, `{i:N}`
 * the same zero-padded to N digits.
 * @example tenantId('acme-{i:3}', 4) // 'acme-005'
 */
export function tenantId(pattern: string, index: number): string {
  return pattern.replace(/\{i(?::(\d+))?\}/g, (_m, width: string | undefined) => {
    const n = String(index + 1);
    return width === undefined ? n : n.padStart(Number(width), '0');
  });
}

/** One group holding every tenant: the population a scenario without `groups` describes. */
export function singleGroup(count: number, idPattern = 'tenant-{i}', popularity: Popularity = { type: 'uniform' }): TenantsConfig {
  return {
    count,
    grouped: false,
    groups: [{ name: 'all', count, first: 0, share: 1, idPattern, ids: null, popularity, activeHours: null, onboarding: null, tenancy: null }],
  };
}

/** Index of the group holding tenant `index` (binary search over the groups' first tenants). */
export function groupOf(config: TenantsConfig, index: number): number {
  const g = config.groups;
  let lo = 0;
  let hi = g.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g[mid].first <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The id of tenant `index` of the population. */
export function tenantIdOf(config: TenantsConfig, index: number): string {
  const g = config.groups[groupOf(config, index)];
  const i = index - g.first;
  return g.ids !== null ? g.ids[i] : tenantId(g.idPattern, i);
}

/**
 * The tenants traffic sent "to all tenants" reaches: the declared groups, without the tenants found in traces
 * (a group with explicit ids, after the declared ones), which receive their traces' traffic only. So a
 * variant that adds a trace naming new tenants leaves every other entry's tenant draws as they were.
 */
export function declaredTenants(config: TenantsConfig): TenantsConfig {
  const groups = config.groups.filter((g) => g.ids === null);
  if (groups.length === config.groups.length) return config;
  return { ...config, groups, count: groups.reduce((s, g) => s + g.count, 0) };
}

/** Map from tenant id to index, for traffic that names a tenant. */
export function tenantIndexById(config: TenantsConfig): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < config.count; i++) map.set(tenantIdOf(config, i), i);
  return map;
}

/** Relative weights of a group's tenants, in group order (not normalized). */
export function groupWeights(group: TenantGroupConfig): Float64Array {
  const w = new Float64Array(group.count);
  const p = group.popularity;
  if (p.type === 'weights') {
    w.set(p.weights);
    return w;
  }
  const s = p.type === 'zipf' ? p.exponent : 0;
  for (let i = 0; i < w.length; i++) w[i] = s === 0 ? 1 : 1 / Math.pow(i + 1, s);
  return w;
}

/**
 * Popularity weights over the whole population: each group's weights scaled to its share of the traffic.
 * With one group, the group's own weights (uniform, or Zipf with exponent s: tenant i, 0-based, has weight
 * 1 / (i + 1)^s, so the first tenant is the most popular).
 */
export function popularityWeights(config: TenantsConfig): Float64Array {
  if (config.groups.length === 1) return groupWeights(config.groups[0]);
  const w = new Float64Array(config.count);
  for (const g of config.groups) {
    const gw = groupWeights(g);
    let max = 0;
    for (let i = 0; i < gw.length; i++) if (gw[i] > max) max = gw[i];
    let total = 0; // relative to the largest weight, so that the sum cannot overflow
    for (let i = 0; i < gw.length; i++) total += gw[i] / max;
    if (max > 0 && total > 0) for (let i = 0; i < gw.length; i++) w[g.first + i] = (g.share * (gw[i] / max)) / total;
  }
  return w;
}

/** An O(1) sampler of tenant indices by popularity over the population. */
export function popularitySampler(config: TenantsConfig): AliasTable {
  return new AliasTable(popularityWeights(config));
}

/** An O(1) sampler of a group's tenants by the group's popularity (indices within the group). */
export function groupSampler(group: TenantGroupConfig): AliasTable {
  return new AliasTable(groupWeights(group));
}

/** Whether any tenant is ever unavailable (asleep or not yet onboarded); if not, no check is needed. */
export function hasAvailability(config: TenantsConfig): boolean {
  return config.groups.some((g) => g.activeHours !== null || g.onboarding !== null);
}

/** The time tenant `i` (0-based in its group) joins: 0 for the first `initial`, then one every 1 / rate. */
export function joinTime(group: TenantGroupConfig, i: number): number {
  const o = group.onboarding;
  if (o === null || i < o.initial) return 0;
  return (i - o.initial + 1) / o.ratePerMs;
}

/** Whether `timeMs` falls in the group's active hours (always true without them). */
export function isAwake(group: TenantGroupConfig, timeMs: number): boolean {
  const a = group.activeHours;
  if (a === null) return true;
  if (a.days === 'weekdays' && ((timeMs % WEEK_MS) + WEEK_MS) % WEEK_MS >= 5 * DAY_MS) return false;
  const ofDay = ((timeMs % DAY_MS) + DAY_MS) % DAY_MS;
  return a.fromMs <= a.toMs ? ofDay >= a.fromMs && ofDay < a.toMs : ofDay >= a.fromMs || ofDay < a.toMs;
}

/**
 * Whether each tenant can send traffic at a given time: onboarded and within its group's active hours.
 * Traffic chosen for an unavailable tenant is not sent (thinning), so a group's rate falls to zero while it
 * sleeps and grows as its tenants join.
 */
export class Availability {
  /** Group of each tenant. */
  private readonly groupIndex: Uint16Array | Uint32Array;
  /** Join time of each tenant (ms). */
  private readonly joins: Float64Array;

  constructor(private readonly config: TenantsConfig) {
    this.groupIndex = config.groups.length < 65_536 ? new Uint16Array(config.count) : new Uint32Array(config.count);
    this.joins = new Float64Array(config.count);
    config.groups.forEach((g, gi) => {
      for (let i = 0; i < g.count; i++) {
        this.groupIndex[g.first + i] = gi;
        this.joins[g.first + i] = joinTime(g, i);
      }
    });
  }

  /** Whether tenant `index` may send a request at `timeMs`. */
  available(index: number, timeMs: number): boolean {
    return timeMs >= this.joins[index] && isAwake(this.config.groups[this.groupIndex[index]], timeMs);
  }
}
