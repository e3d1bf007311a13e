/**
 * Up-front size of a run, so that a long one can say so before it starts and report progress while it runs.
 * Tenants asleep or not yet onboarded are not taken into account (an upper bound then).
 */
import { rampCount } from './arrival-processes.js';
import type { ScenarioConfig, TrafficConfig } from './config.js';
import { DAY_MS, declaredTenants, WEEK_MS } from './tenants.js';

/** Integral of a diurnal pattern's rate over [a, b) (ms), in closed form per day. */
export function diurnalIntegral(p: Extract<TrafficConfig['pattern'], { type: 'diurnal' }>, a: number, b: number): number {
  if (!(b > a)) return 0;
  const mean = (p.peakPerMs + p.troughPerMs) / 2;
  const amp = (p.peakPerMs - p.troughPerMs) / 2;
  const w = (2 * Math.PI) / DAY_MS;
  const phase = p.peakHour * 3_600_000;
  // the integral of mean + amp cos(w (t - phase)) on [x, y)
  const base = (x: number, y: number) => mean * (y - x) + (amp / w) * (Math.sin(w * (y - phase)) - Math.sin(w * (x - phase)));
  if (p.weekendFactor === 1) return base(a, b);
  // split at day boundaries so weekend days get their factor
  let total = 0;
  for (let x = a; x < b; ) {
    const y = Math.min(b, (Math.floor(x / DAY_MS) + 1) * DAY_MS);
    const weekend = ((x % WEEK_MS) + WEEK_MS) % WEEK_MS >= 5 * DAY_MS;
    total += base(x, y) * (weekend ? p.weekendFactor : 1);
    x = y;
  }
  return total;
}

/** Expected arrivals of one traffic entry (exact for constant, sequential and uniform phases, the mean otherwise). */
export function expectedArrivals(t: TrafficConfig, tenantCount: number, horizonMs: number | null): number {
  const p = t.pattern;
  if (p.type === 'sequential') return Math.min(t.count ?? Infinity, p.rounds * (t.tenant === null ? tenantCount : 1));
  const end = Math.min(t.endMs ?? Infinity, horizonMs ?? Infinity);
  const span = Math.max(0, end - t.startMs);
  let n: number;
  switch (p.type) {
    case 'poisson':
    case 'constant':
      n = span * p.ratePerMs;
      break;
    case 'phases': {
      n = 0;
      let at = t.startMs;
      for (const ph of p.phases) {
        const within = Math.max(0, Math.min(ph.durationMs, end - at));
        const mass = rampCount(ph, within);
        // uniform: arrivals where the cumulative rate is 0, 1, 2, ... below `mass` (from 1 for a ramp from zero)
        n += p.mode === 'uniform' ? Math.max(0, Math.ceil(mass - 1e-9) - (ph.fromPerMs === 0 ? 1 : 0)) : mass;
        at += ph.durationMs;
      }
      break;
    }
    case 'diurnal':
      n = diurnalIntegral(p, t.startMs, end);
      break;
    case 'bursts': {
      const cycle = p.meanBetweenMs + p.meanBurstMs;
      n = span * ((p.basePerMs * p.meanBetweenMs + p.burstPerMs * p.meanBurstMs) / cycle);
      break;
    }
    case 'trace':
      n = p.trace.data === null ? 0 : p.trace.data.arrivals;
      break;
  }
  return Math.min(t.count ?? Infinity, n);
}

/** When an entry's traffic ends at the latest (ms); Infinity when open-ended (then a horizon bounds it). */
function trafficEnd(t: TrafficConfig, tenantCount: number): number {
  const p = t.pattern;
  if (t.endMs !== null) return t.endMs;
  switch (p.type) {
    case 'sequential':
      return t.startMs + p.intervalMs * p.rounds * (t.tenant === null ? tenantCount : 1);
    case 'phases':
      return t.startMs + p.phases.reduce((s, ph) => s + ph.durationMs, 0);
    case 'trace':
      return p.trace.data === null ? t.startMs : t.startMs + p.trace.data.endMs;
    case 'poisson':
    case 'constant':
      return t.count === null ? Infinity : t.startMs + (2 * t.count) / p.ratePerMs; // twice the mean span: a bound, not an exact end
    default:
      return Infinity;
  }
}

/** Expected pings of a variant's warmers: each target every `every` until the horizon (or, without one, until
 *  the traffic's end, estimated from above), times its concurrency. Targets: every named tenant (an upper
 *  bound: tenants of a shared tier share one). */
export function expectedPings(config: ScenarioConfig): number {
  if (config.warmers.length === 0) return 0;
  const span = config.horizonMs ?? Math.max(0, ...config.traffic.map((t) => trafficEnd(t, declaredTenants(config.tenants).count)));
  return config.warmers.reduce((s, w) => {
    const g = w.tenants.type === 'group' ? config.tenants.groups.find((x) => x.name === (w.tenants as { name: string }).name) : undefined;
    const targets = w.tenants.type === 'all' ? Math.max(1, config.tenants.count) : w.tenants.type === 'ids' ? w.tenants.ids.length : (g?.count ?? 0);
    return s + targets * w.concurrency * Math.ceil(span / w.everyMs);
  }, 0);
}

/** Expected invocations of one variant: the sum over its traffic. */
export function expectedInvocations(config: ScenarioConfig): number {
  return config.traffic.reduce((s, t) => s + expectedArrivals(t, declaredTenants(config.tenants).count, config.horizonMs), 0);
}
