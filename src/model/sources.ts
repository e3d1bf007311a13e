/**
 * The traffic sources of a run, one per traffic entry, built the same way wherever they run: in the
 * simulation's thread, or in the arrival worker that generates a source's arrivals ahead (see prefetch.ts).
 * Each draws from the streams of its entry's key only (see streams.ts): its times, tenants, routes and
 * handler durations are the same whatever else the variant runs.
 */
import { AliasTable } from '../engine/alias-table.js';
import { createSampler } from '../engine/distributions.js';
import { forkStream } from '../engine/random.js';
import type { ScenarioConfig, TrafficConfig } from './config.js';
import { ArrivalSource, type Source, type TenantChoice, TraceSource } from './arrivals.js';
import { entryStreams, trafficKeys } from './streams.js';
import { Availability, declaredTenants, groupSampler, hasAvailability, popularitySampler, tenantIndexById } from './tenants.js';

/** Whether traffic entry `t` is sent to the routes (it names no function and is not a trace): its function
 *  and handler duration then come from the route chosen for each arrival. */
export function sentToRoutes(config: ScenarioConfig, t: TrafficConfig): boolean {
  return config.routes.length > 0 && t.function === null && t.pattern.type !== 'trace';
}

/** The sampler of a choice of one tenant (never drawn from). */
const ONE = new AliasTable([1]);

/**
 * One source per traffic entry of `config`, with its tenant choice, availability and (for traces) id maps;
 * null for the entries `wanted` leaves out (those are not built at all, so a trace that is not loaded may be
 * left out). Every source draws from its own named streams, so building some and not others changes none.
 * @throws Error for a traffic entry that names an unknown function, tenant or group, or a trace not loaded
 */
export function createSources(config: ScenarioConfig, wanted: (entry: number) => boolean = () => true): (Source | null)[] {
  const { functions, tenants, seed } = config;
  const availability = hasAvailability(tenants) ? new Availability(tenants) : null;
  const fnIndex = (name: string, i: number): number => {
    const f = functions.findIndex((fn) => fn.name === name);
    if (f < 0) throw new Error(`traffic ${i} names unknown function ${name}`);
    return f;
  };
  const needIds = config.traffic.some((t, i) => wanted(i) && (t.tenant !== null || t.pattern.type === 'trace'));
  const ids = needIds ? tenantIndexById(tenants) : new Map<string, number>();
  let all: TenantChoice | undefined;
  const routes = config.routes;
  const routeFn = Int32Array.from(routes, (r) => fnIndex(r.function, -1));
  const routeDuration = routes.map((r) => createSampler(r.duration));
  const byShare = routes.length > 0 ? new AliasTable(routes.map((r) => r.share)) : null;
  const fnDuration = functions.map((f) => createSampler(f.duration));
  const keys = trafficKeys(config.traffic);
  return config.traffic.map((t, i): Source | null => {
    if (!wanted(i)) return null;
    const streams = entryStreams(keys[i]);
    const durationRng = forkStream(seed, streams.durations);
    const p = t.pattern;
    if (p.type === 'trace') {
      const data = p.trace.data;
      if (data === null) throw new Error(`traffic ${i}: trace ${p.trace.spec.file} was not loaded`);
      const tenantMap = Int32Array.from(data.tenants, (id) => {
        const index = ids.get(id);
        if (index === undefined) throw new Error(`traffic ${i}: trace tenant ${id} is not in the population`);
        return index;
      });
      const names = p.trace.functionNames;
      const functionMap = Int32Array.from(data.functions, (name, k) => fnIndex(names !== null ? names[k] : (t.function ?? name), i));
      return new TraceSource(t, data.cursor(forkStream(seed, streams.trace)), tenantMap, functionMap, availability, config.horizonMs, { duration: fnDuration, rng: durationRng });
    }
    const routed = sentToRoutes(config, t);
    const f = routed ? 0 : fnIndex(t.function ?? '', i);
    const routeChoice = routed
      ? { sampler: t.route === null ? byShare : null, fixed: routes.findIndex((r) => r.name === t.route), fn: routeFn, duration: routeDuration, rng: forkStream(seed, streams.routes) }
      : null;
    let choice: TenantChoice;
    if (t.tenant !== null) {
      const fixed = ids.get(t.tenant);
      if (fixed === undefined) throw new Error(`traffic ${i} names unknown tenant ${t.tenant}`);
      choice = { count: 1, offset: fixed, sampler: ONE, fixed };
    } else if (t.group !== null) {
      const g = tenants.groups.find((x) => x.name === t.group);
      if (g === undefined) throw new Error(`traffic ${i} names unknown tenant group ${t.group}`);
      choice = { count: g.count, offset: g.first, sampler: groupSampler(g), fixed: null };
    } else {
      const declared = declaredTenants(tenants);
      choice = all ??= { count: declared.count, offset: 0, sampler: popularitySampler(declared), fixed: null };
    }
    const timeRng = forkStream(seed, streams.arrivals);
    const tenantRng = forkStream(seed, streams.tenants);
    return new ArrivalSource(t, f, { time: timeRng, tenant: tenantRng, duration: durationRng }, fnDuration[f], choice, availability, config.horizonMs, routeChoice);
  });
}
