/**
 * Tenant shards: a deterministic share of the tenants, simulated alone. Tenant columns go round robin (tenant
 * t, 0-based, to shard t mod n + 1), so that each shard gets a share of the busy and of the quiet tenants
 * under Zipf popularity; traffic without a tenant id goes to shard 1. Every traffic entry still draws all its
 * arrivals (common random numbers: arrival times, tenants and durations are the whole run's), and a shard
 * runs those of its tenants only. With each pool's platform draws its own (streams.ts, poolStream), a shard's
 * tenants then see exactly what they see in the whole run, as long as nothing couples them to the other
 * tenants: a pool shared between tenants, warmers (whose pings draw in turn across tenants), or a limit that
 * binds (the account's concurrency, a function's reserved concurrency, scaling rate or environment cap). The
 * first two are refused here; whether a limit could have bound is for whoever combines the shards.
 */
import type { ScenarioConfig } from './config.js';
import { LIMITS, TENANCY } from './platform.js';
import type { RunRecord } from './record.js';
import type { RunParts } from './simulation.js';
import { resolveUnits } from './tiers.js';

/** The `index`-th (1-based) of `count` shards. */
export interface TenantShard {
  index: number;
  count: number;
}

/** Whether `s` is a shard: whole numbers, 1 <= index <= count (a sweep's shards of points too). */
export function validShard(s: TenantShard): boolean {
  return Number.isSafeInteger(s.index) && Number.isSafeInteger(s.count) && s.count >= 1 && s.index >= 1 && s.index <= s.count;
}

/** The shard (1-based) of tenant column `column` (0 = traffic without a tenant id, then 1 + tenant index). */
export function shardOfColumn(column: number, count: number): number {
  return column === 0 ? 1 : ((column - 1) % count) + 1;
}

/** Why `config` cannot be split into tenant shards (empty when it can). */
export function shardProblems(config: ScenarioConfig): string[] {
  const problems: string[] = [];
  if (config.horizonMs === null) problems.push('it has no horizon: every shard must cover the same time, so set `horizon`');
  if (config.warmers.length > 0) problems.push('it has warmers: their pings draw in turn across tenants');
  const units = resolveUnits(config);
  config.functions.forEach((fn, f) => {
    for (let u = 0; u < units.count; u++) {
      if (units.fn[u] !== f) continue;
      const tier = units.tiers[f][units.tier[u]];
      // a tier that serves only traffic without a tenant id (shard 1's) couples no tenants
      if (!tier.inUse || tier.tenants === 0) continue;
      if (units.poolPerTenant[u] === 0) problems.push(`function ${fn.name} has a ${tier.tenancy} tier: its pool is shared between its tenants`);
      if (units.provisioned[u] === 1) problems.push(`function ${fn.name} has provisioned concurrency: its environments serve every tenant`);
    }
  });
  return [...new Set(problems)];
}

/**
 * Why the merge of a run's shards might not be the whole run (empty when it is): a limit that could have
 * bound had the shards' tenants run together. From the merged parts, whose peaks bound the whole run's from
 * above (the sum of the shards' in each bucket, see Level.merge), and whose counts are the whole run's:
 * - a limit hit in a shard (but a function per tenant's own: reserved concurrency, scaling rate);
 * - the account's unreserved concurrency: the busy environments of the functions without a reservation (the
 *   sum of their shards' peaks, or the account's bound when it is lower) above what the account leaves
 *   unreserved: one more request than that would have been refused;
 * - a function's reserved concurrency, or its environment cap, below the sum of its shards' peaks;
 * - a function's scaling rate: more cold starts in the two buckets of the scaling window's width that a
 *   window can touch (all functions' together, a bound of each one's) than the burst.
 * A function per tenant's limits are its tenant's, all in one shard, where the shard's own run applied them.
 */
export function mergedLimitProblems(config: ScenarioConfig, parts: RunParts, record: RunRecord): string[] {
  const problems: string[] = [];
  const { units, peakBusy, peakLive } = parts.deployment;
  // hits of a function per tenant's own limits happened within one shard, as in the whole run; the
  // account's, and those of a deployed function serving tenants of several shards, might not have
  for (const limit of LIMITS) {
    let hits = limit.name === 'account' ? record.account.limitHits.account : 0;
    if (limit.name !== 'account') {
      for (const fn of record.functions) for (const tier of fn.tiers) if (!TENANCY[tier.tenancy].functionPerTenant) hits += tier.limitHits[limit.name];
    }
    if (hits > 0) problems.push(`${limit.label}: the shards themselves were refused ${hits.toLocaleString('en-US')} times by it`);
  }
  const name = (u: number) => {
    const f = units.fn[u];
    return units.tiers[f].length > 1 ? `${config.functions[f].name} (${units.tiers[f][units.tier[u]].tenancy} tier)` : config.functions[f].name;
  };
  const spans = (u: number) => !TENANCY[units.tiers[units.fn[u]][units.tier[u]].tenancy].functionPerTenant;
  let unreservedBusy = 0;
  for (let u = 0; u < units.count; u++) if (units.reserved[u] < 0) unreservedBusy += peakBusy[u];
  const accountBound = Math.min(unreservedBusy, record.account.concurrency.peak);
  if (accountBound > units.unreserved) {
    problems.push(`account concurrency: up to ${accountBound.toLocaleString('en-US')} requests could have run at once, above the ${units.unreserved.toLocaleString('en-US')} the account leaves unreserved`);
  }
  const { bucketMs, counts: colds } = parts.recorder.scalingWindowColds();
  const window = Math.ceil(config.platform.scalingWindowMs / bucketMs) + 1; // the buckets a window can touch
  let burst = 0;
  for (let i = 0; i < colds.length; i++) {
    let n = 0;
    for (let j = i; j < Math.min(colds.length, i + window); j++) n += colds[j];
    burst = Math.max(burst, n);
  }
  for (let u = 0; u < units.count; u++) {
    if (!spans(u)) continue;
    if (units.reserved[u] >= 0 && peakBusy[u] > units.reserved[u]) {
      problems.push(`reserved concurrency of ${name(u)}: up to ${peakBusy[u].toLocaleString('en-US')} requests could have run at once, above its ${units.reserved[u].toLocaleString('en-US')}`);
    }
    if (units.cap[u] !== Infinity && peakLive[u] > units.cap[u]) {
      problems.push(`tenant environment cap of ${name(u)}: up to ${peakLive[u].toLocaleString('en-US')} environments could have been live at once, above its ${units.cap[u].toLocaleString('en-US')}`);
    }
    if (burst > config.platform.scalingBurst) {
      problems.push(`scaling rate of ${name(u)}: up to ${burst.toLocaleString('en-US')} environments could have been created within ${config.platform.scalingWindowMs / 1000} s, above its ${config.platform.scalingBurst.toLocaleString('en-US')}`);
    }
  }
  return problems;
}
