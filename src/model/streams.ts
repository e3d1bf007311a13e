/**
 * The names of the run's random streams, each forked from the scenario seed (see engine/random.ts), in one
 * place. Common random numbers: every traffic entry draws its arrival times, tenants, routes and handler
 * durations (and a trace its spreading) from streams named by the entry's key, so adding, removing or
 * changing one entry in one variant leaves every other entry's draws identical. Platform draws (init
 * durations, keep-alive, reuse) come from each pool's own streams ({@link poolStream}), made as the
 * platform needs them. See docs/model.md, "Random numbers".
 */
import { createHash } from 'node:crypto';
import type { TrafficConfig, WarmerConfig } from './config.js';

/** The streams of one traffic entry, by its key. */
export const entryStreams = (key: string) => ({
  arrivals: `arrivals/${key}`,
  tenants: `tenants/${key}`,
  routes: `routes/${key}`,
  durations: `durations/${key}`,
  trace: `trace/${key}`,
});

/**
 * The platform's draws, each pool from streams of its own: init durations of its cold starts (`init`), of
 * the environments that replace one at its maximum lifetime (`replacementInit`, apart so that the lifetime
 * settings leave the cold starts' draws alone) and of those that warmers' pings create (`pingInit`, apart
 * so that warmers leave the users' draws alone), random keep-alive periods (`keepAlive`) and the `random`
 * reuse policy's choices (`reuse`). A pool's draws depend on nothing but its own history, so a variant that
 * changes one tenant's traffic leaves every other tenant's platform draws identical, and a share of the
 * tenants simulated alone (run --shard) draws exactly what they draw in the whole run.
 */
export type PoolStreamPurpose = 'init' | 'replacementInit' | 'pingInit' | 'keepAlive' | 'reuse';

/** The stream of `purpose` for a function's shared pool (`column` null), `<purpose>/<function>`, or for a
 *  tenant's pool of it, `<purpose>/<function>/<tenant column>` (1 to the tenant count; 0 for calls without a
 *  tenant id). */
export function poolStream(purpose: PoolStreamPurpose, fn: string, column: number | null): string {
  return column === null ? `${purpose}/${fn}` : `${purpose}/${fn}/${column}`;
}

/** A warmer's draws: the phase of each of its targets, then its pings' durations. */
export const warmerStream = (key: string): string => `warmer/${key}`;

/** What decides an entry's draws: everything but its name and its client retries (retries draw nothing).
 *  Trace data loaded from the file is left out (the spec names it). */
function drawDefinition(t: TrafficConfig): unknown {
  const pattern = t.pattern.type === 'trace' ? { type: 'trace', spec: t.pattern.trace.spec, splitFunctions: t.pattern.trace.splitFunctions } : t.pattern;
  return [t.function, pattern, t.startMs, t.endMs, t.count, t.tenant, t.group, t.route, t.noTenant];
}

/** The key an entry without a name gets: what it invokes, its pattern and a digest of what decides its draws. */
export function generatedKey(t: TrafficConfig): string {
  const digest = createHash('sha256').update(JSON.stringify(drawDefinition(t))).digest('hex').slice(0, 8);
  return `${t.function ?? t.route ?? 'routes'}-${t.pattern.type}-${digest}`;
}

/**
 * The stream key of each traffic entry: its `name` when it has one; else what it invokes, its pattern and a
 * digest of what decides its draws (function or route, pattern, window, count, tenant choice), e.g.
 * `api-poisson-3f2a9c1b`. Identical keys get `#2`, `#3`, ... in order, so two identical entries draw
 * differently, and removing one leaves the other with the first one's draws.
 * @example trafficKeys([poissonApi, poissonApi]) // ['api-poisson-3f2a9c1b', 'api-poisson-3f2a9c1b#2']
 */
export function trafficKeys(traffic: readonly TrafficConfig[]): string[] {
  const seen = new Map<string, number>();
  return traffic.map((t) => {
    const base = t.name ?? generatedKey(t);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** The stream key of each warmer: its `name`, else `<function>-warmer-<digest of its definition>`, with `#2`,
 *  `#3`, ... for identical ones (as {@link trafficKeys}). */
export function warmerKeys(warmers: readonly WarmerConfig[]): string[] {
  const seen = new Map<string, number>();
  return warmers.map((w) => {
    const { name, ...definition } = w;
    const base = name ?? `${w.function}-warmer-${createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 8)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
