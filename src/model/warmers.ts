/**
 * Warmers: scheduled pings that keep environments warm, as serverless-plugin-warmup does (lambda-model
 * section 7). A warmer pings each target every `everyMs`: each tenant it names whose tier keeps pools per
 * tenant, and once the shared pool when some of them are in a shared tier. Each target starts at a phase drawn
 * from the warmer's own stream (draw 0 for the shared pool, draw 1 + t for tenant t, whichever tenants are
 * targeted), so a warmer changes no other draw of the run, and two warmers' targets do not move each other.
 * A ping to a tenant before it joins (onboarding) is not sent.
 */
import { createSampler, type Sampler } from '../engine/distributions.js';
import { forkStream, type RandomStream } from '../engine/random.js';
import type { ScenarioConfig, WarmerConfig } from './config.js';
import { joinTime, tenantIndexById } from './tenants.js';
import { type UnitTables, unitOf } from './tiers.js';
import { warmerKeys, warmerStream } from './streams.js';

/** The tenants (indexes) a warmer names. */
export function warmerTenants(w: WarmerConfig, config: Pick<ScenarioConfig, 'tenants'>): number[] {
  const { tenants } = config;
  const t = w.tenants;
  if (t.type === 'all') return Array.from({ length: tenants.count }, (_, i) => i);
  if (t.type === 'group') {
    const g = tenants.groups.find((x) => x.name === t.name);
    return g === undefined ? [] : Array.from({ length: g.count }, (_, i) => g.first + i);
  }
  const byId = tenantIndexById(tenants);
  return [...new Set(t.ids.map((id) => byId.get(id)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
}

/** One warmer's schedule: its targets in the order they fire within a period. */
export class Warmer {
  readonly fn: number;
  readonly everyMs: number;
  readonly concurrency: number;
  /** Per target, in firing order: the cell its pings are recorded in (column 0 for the shared pool), the
   *  unit they count against, the phase (ms into each period) and the time it joins. */
  readonly cells: Int32Array;
  readonly units: Int32Array;
  private readonly phases: Float64Array;
  private readonly joins: Float64Array;
  private readonly duration: Sampler;
  private readonly rng: RandomStream;
  private j = 0;
  private round = 0;
  /** Pings of the current target's round sent so far (one per event, up to `concurrency`). */
  private inRound = 0;

  constructor(w: WarmerConfig, key: string, config: ScenarioConfig, units: UnitTables) {
    const f = config.functions.findIndex((x) => x.name === w.function);
    if (f < 0) throw new Error(`warmer of unknown function ${w.function}`);
    this.fn = f;
    this.everyMs = w.everyMs;
    this.concurrency = w.concurrency;
    this.rng = forkStream(config.seed, warmerStream(key));
    this.duration = createSampler(w.duration);
    const T = config.tenants.count;
    const names = warmerTenants(w, config); // in tenant order
    // draw 0 for the shared pool, draw 1 + t for tenant t: drawn in order up to the last tenant named, and
    // only the targets' kept (memory follows the targets, not the population)
    const sharedPhase = this.rng() * w.everyMs;
    let drawn = 0;
    const phaseOf = (t: number) => {
      let x = 0;
      while (drawn <= t) {
        x = this.rng() * w.everyMs;
        drawn++;
      }
      return x;
    };
    type Target = { cell: number; unit: number; phase: number; join: number };
    const targets: Target[] = [];
    let shared: Target | null = null;
    const groups = config.tenants.groups;
    let g = 0;
    for (const t of names) {
      while (g + 1 < groups.length && groups[g + 1].first <= t) g++;
      const column = t + 1;
      const u = unitOf(units, f, column);
      const phase = phaseOf(t);
      if (units.poolPerTenant[u] === 1) {
        targets.push({ cell: f * (T + 1) + column, unit: u, phase, join: joinTime(groups[g], t - groups[g].first) });
      } else if (shared === null) {
        shared = { cell: f * (T + 1), unit: u, phase: sharedPhase, join: 0 };
        targets.push(shared);
      }
    }
    targets.sort((a, b) => a.phase - b.phase || a.cell - b.cell);
    this.cells = Int32Array.from(targets, (x) => x.cell);
    this.units = Int32Array.from(targets, (x) => x.unit);
    this.phases = Float64Array.from(targets, (x) => x.phase);
    this.joins = Float64Array.from(targets, (x) => x.join);
  }

  /** Time of the next ping round of the current target; Infinity without targets. */
  nextTime(): number {
    return this.phases.length === 0 ? Infinity : this.phases[this.j] + this.round * this.everyMs;
  }

  /** The current target (an index into `cells` and `units`), or -1 when it has not joined yet at `now`. */
  target(now: number): number {
    return now >= this.joins[this.j] ? this.j : -1;
  }

  /** One ping of the current round sent: true when the round has `concurrency` of them (then call
   *  {@link advance}); each ping is an event of its own, so that a round of many cannot hold up a step. */
  pinged(): boolean {
    if (++this.inRound < this.concurrency) return false;
    this.inRound = 0;
    return true;
  }

  /** Moves to the next target (the first of the next period after the last). */
  advance(): void {
    if (++this.j === this.phases.length) {
      this.j = 0;
      this.round++;
    }
  }

  /** A ping's handler duration, ms. */
  durationMs(): number {
    return this.duration.sample(this.rng);
  }
}

/** The warmers of a run, each with its stream key. */
export function createWarmers(config: ScenarioConfig, units: UnitTables): Warmer[] {
  const keys = warmerKeys(config.warmers);
  return config.warmers.map((w, i) => new Warmer(w, keys[i], config, units));
}
