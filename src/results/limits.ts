/**
 * How close one run came to each platform limit that throttles (docs/model.md, "Limits"): peak concurrency
 * against the account's concurrency and each reservation, peak environments of each function with an
 * environment cap against it, and the 429s each limit returned, the scaling rate's included. The sweep
 * aggregates these facts and the report shows them.
 */
import type { ScenarioConfig } from '../model/config.js';
import { TENANCY } from '../model/platform.js';
import type { RunRecord } from '../model/record.js';
import type { LimitFact } from './types.js';

/** `1,000 new environments per 10 s`: a function's scaling rate in words. */
function scalingText(config: ScenarioConfig): string {
  const p = config.platform;
  return `${p.scalingBurst.toLocaleString('en-US')} new environments per ${p.scalingWindowMs / 1000} s`;
}

/** The limits of one variant's run, in a fixed order: the account, then per function and tier (see
 *  model/tiers.ts) its reservation, its environment cap and its scaling rate. A function-per-tenant tier's
 *  limits apply to each tenant's function: its peaks are the highest of them. */
export function limitFacts(record: RunRecord, config: ScenarioConfig): LimitFact[] {
  const p = config.platform;
  const facts: LimitFact[] = [{
    kind: 'account', function: null, limit: 'account concurrency', value: p.accountConcurrency, measure: 'peak concurrency',
    peak: record.account.concurrency.peak, throttles: record.account.limitHits.account,
  }];
  record.functions.forEach((f) => {
    const several = f.tiers.length > 1;
    for (const tier of f.tiers) {
      if (tier.deployed === 0) continue;
      const perTenant = TENANCY[tier.tenancy].functionPerTenant;
      // `api`, `api (isolated tier)`, or `each tenant function of api` (the highest peak of them)
      const of = perTenant ? `each tenant function of ${f.name}` : several ? `${f.name} (${tier.tenancy} tier)` : f.name;
      if (tier.reservedConcurrency !== null) {
        facts.push({
          kind: 'reserved', function: f.name, limit: `reserved concurrency of ${of}`, value: tier.reservedConcurrency,
          measure: `peak concurrency of ${of}`, peak: several || perTenant ? tier.peakConcurrency : f.concurrency.peak, throttles: tier.limitHits.reserved,
        });
      }
      if (tier.environmentCap !== null) {
        facts.push({
          kind: 'tenantEnvironmentCap', function: f.name, limit: `isolated environments of ${of}`, value: tier.environmentCap,
          measure: `peak environments of ${of}`, peak: several ? tier.peakEnvironments : f.environments.peak, throttles: tier.limitHits.tenantEnvironmentCap,
        });
      }
      facts.push({
        kind: 'scalingRate', function: f.name, limit: `scaling rate of ${of} (${scalingText(config)})`, value: null, measure: null,
        peak: null, throttles: tier.limitHits.scalingRate,
      });
    }
  });
  return facts;
}

/** Headroom in percent: (value - peak) / value x 100; null when either is unknown or the limit is 0. */
export function headroomPct(value: number | null, peak: number | null): number | null {
  if (value === null || peak === null || value <= 0) return null;
  return ((value - peak) / value) * 100;
}

/** peak / value, or null when either is unknown or the value is 0. */
export const usedShare = (f: LimitFact): number | null => (f.value === null || f.peak === null || f.value === 0 ? null : f.peak / f.value);

/** The smallest headroom among the facts of `kinds`, or null when none has one. */
export function leastHeadroomPct(facts: readonly LimitFact[], kinds: readonly LimitFact['kind'][]): number | null {
  let least: number | null = null;
  for (const f of facts) {
    if (!kinds.includes(f.kind)) continue;
    const h = headroomPct(f.value, f.peak);
    if (h !== null && (least === null || h < least)) least = h;
  }
  return least;
}
