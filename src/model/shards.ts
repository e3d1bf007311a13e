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
import { resolveUnits } from './tiers.js';

/** The `index`-th (1-based) of `count` shards. */
export interface TenantShard {
  index: number;
  count: number;
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
