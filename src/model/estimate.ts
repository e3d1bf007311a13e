/**
 * Up-front size of a run, so that a long one can say so before it starts and report progress while it runs.
 */
import type { ScenarioConfig, TrafficConfig } from './config.js';

/** Expected arrivals of one traffic entry (exact for constant and sequential, the mean for Poisson). */
export function expectedArrivals(t: TrafficConfig, tenantCount: number, horizonMs: number | null): number {
  const p = t.pattern;
  if (p.type === 'sequential') return Math.min(t.count ?? Infinity, p.rounds * (t.tenant === null ? tenantCount : 1));
  const end = Math.min(t.endMs ?? Infinity, horizonMs ?? Infinity);
  return Math.min(t.count ?? Infinity, Math.max(0, end - t.startMs) * p.ratePerMs);
}

/** Expected invocations of one variant: the sum over its traffic. */
export function expectedInvocations(config: ScenarioConfig): number {
  return config.traffic.reduce((s, t) => s + expectedArrivals(t, config.tenants.count, config.horizonMs), 0);
}
