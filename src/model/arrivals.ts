/**
 * Arrival sources: one per traffic entry. Each keeps exactly one pending arrival in the event queue; when it
 * is delivered the source picks the tenant, the route and the handler duration, and computes the time of the
 * next one. All come from the entry's own named streams (see streams.ts), so they are identical in every
 * variant of a scenario that has the entry.
 */
import type { AliasTable } from '../engine/alias-table.js';
import type { Sampler } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { TraceCursor } from '../traces/types.js';
import { type ArrivalProcess, BurstsProcess, DiurnalProcess, PhasesProcess, PoissonProcess } from './arrival-processes.js';
import type { TrafficConfig } from './config.js';
import type { Availability } from './tenants.js';

/** Tenant index meaning "invoked without a tenant id". */
export const NO_TENANT = -1;
/** What {@link Source.take} returns for an arrival that is not sent: its tenant is asleep or not onboarded. */
export const SKIPPED = -2;

/** Where the arrivals of one traffic entry come from. */
export interface Source {
  /** Arrivals delivered so far (skipped ones not included). */
  readonly emitted: number;
  /** Whether the source can never end by itself (needs a horizon). */
  readonly openEnded: boolean;
  /** Function of the arrival last taken. */
  readonly fn: number;
  /** Handler duration of the arrival last taken (ms; unchanged by a skipped arrival). */
  readonly handlerMs: number;
  /** Time of the first arrival, or Infinity when there is none. */
  firstTime(): number;
  /** Takes the arrival due at `now`: its tenant index, {@link NO_TENANT} or {@link SKIPPED}. */
  take(now: number): number;
  /** Time of the next arrival after the one taken at `now`, or Infinity when the source is done. */
  nextTime(now: number): number;
}

/** How a source picks tenants: one tenant, or by popularity among `offset + sampler.sample()`. */
export interface TenantChoice {
  /** Tenants the entry can reach (for `sequential`). */
  count: number;
  /** Index of the first of them in the population. */
  offset: number;
  sampler: AliasTable;
  /** A named tenant, or null to choose. */
  fixed: number | null;
}

/** How a source picks the route of each arrival (with routes): its function and handler duration. */
export interface RouteChoice {
  /** By share, or null for a fixed route. */
  sampler: AliasTable | null;
  fixed: number;
  /** Function of each route. */
  fn: Int32Array;
  /** Handler duration of each route (drawn from the entry's duration stream: the same in every deployment). */
  duration: Sampler[];
  /** The entry's route stream. */
  rng: RandomStream;
}

/** The streams an {@link ArrivalSource} draws from: its entry's (see streams.ts). */
export interface EntryRandom {
  time: RandomStream;
  tenant: RandomStream;
  duration: RandomStream;
}

/** Where an {@link ArrivalSource}'s times come from. */
const enum Timing {
  PROCESS,
  CONSTANT,
  SEQUENTIAL,
  NONE,
}

/** How an {@link ArrivalSource} picks each arrival's tenant. */
const enum Choosing {
  SAMPLED,
  NONE,
  FIXED,
  ROUND_ROBIN,
}

/** A source generated from an arrival pattern. */
export class ArrivalSource implements Source {
  emitted = 0;
  fn: number;
  handlerMs = NaN;
  /** Candidates drawn so far, sent or skipped (the index that spaces constant and sequential arrivals). */
  private drawn = 0;
  private readonly tenantRng: RandomStream;
  private readonly durationRng: RandomStream;
  private readonly endMs: number;
  private readonly maxDrawn: number;
  private readonly maxCount: number;
  private readonly process: ArrivalProcess | null;
  /** How the pattern and the tenant are found, decided once (speed: no walk through the config and no
   *  string comparison per arrival). */
  private readonly timing: Timing;
  private readonly choosing: Choosing;
  /** Tenants sampled by popularity, all always available, no routes: the case `take` handles in a few
   *  bytes. Tested with === (speed: V8 tests a boolean field with a full ToBoolean otherwise). */
  private readonly plain: boolean;
  /** For a plain source with an arrival process: the draws after which `timeOf` takes over (its count
   *  limits); -1 for the others. */
  private readonly plainLimit: number;
  private readonly sampler: AliasTable;
  private readonly offset: number;
  private readonly startMs: number;
  /** Gap of constant (1 / rate) and sequential (interval) arrivals. */
  private readonly gapMs: number;
  private readonly constantRatePerMs: number;
  /** Infinity, read from a field (speed: the global `Infinity` in a branch that has not run yet is loaded
   *  generically, which made V8 box every next time it returned). */
  private readonly never = Infinity;

  /**
   * @param fn the function invoked (unused with routes)
   * @param random the entry's streams
   * @param duration handler duration of `fn`
   * @param availability which tenants may send at a time; null = all, always
   * @param horizonMs run end (arrivals at or after it are not generated); null = none
   * @param routes how each arrival's route is chosen; null = every arrival invokes `fn`
   */
  constructor(
    readonly config: TrafficConfig,
    fn: number,
    random: EntryRandom,
    private readonly duration: Sampler,
    private readonly tenants: TenantChoice,
    private readonly availability: Availability | null,
    horizonMs: number | null,
    private readonly routes: RouteChoice | null = null,
  ) {
    this.fn = fn;
    const timeRng = random.time;
    this.tenantRng = random.tenant;
    this.durationRng = random.duration;
    this.endMs = Math.min(config.endMs ?? Infinity, horizonMs ?? Infinity);
    const p = config.pattern;
    this.maxDrawn = p.type === 'sequential' ? p.rounds * (tenants.fixed === null ? tenants.count : 1) : Infinity;
    this.maxCount = config.count ?? Infinity;
    switch (p.type) {
      case 'poisson':
        this.process = new PoissonProcess(p.ratePerMs, timeRng);
        break;
      case 'phases':
        this.process = new PhasesProcess(p.phases, p.mode, config.startMs, timeRng);
        break;
      case 'diurnal':
        this.process = new DiurnalProcess(p, this.endMs, timeRng);
        break;
      case 'bursts':
        this.process = new BurstsProcess(p, this.endMs, timeRng);
        break;
      default:
        this.process = null; // constant and sequential are computed from the index
    }
    this.timing = p.type === 'constant' ? Timing.CONSTANT : p.type === 'sequential' ? Timing.SEQUENTIAL : this.process === null ? Timing.NONE : Timing.PROCESS;
    this.constantRatePerMs = p.type === 'constant' ? p.ratePerMs : 0;
    this.gapMs = p.type === 'sequential' ? p.intervalMs : 0;
    this.startMs = config.startMs;
    this.choosing = config.noTenant ? Choosing.NONE : tenants.fixed !== null ? Choosing.FIXED : p.type === 'sequential' ? Choosing.ROUND_ROBIN : Choosing.SAMPLED;
    this.plain = this.choosing === Choosing.SAMPLED && availability === null && routes === null;
    // A plain source emits every candidate it draws, so `emitted` equals `drawn` and one test covers both limits.
    this.plainLimit = this.plain && this.timing === Timing.PROCESS ? Math.min(this.maxCount, this.maxDrawn) : -1;
    this.sampler = tenants.sampler;
    this.offset = tenants.offset;
  }

  get openEnded(): boolean {
    const p = this.config.pattern;
    return p.type !== 'phases' && this.maxDrawn === Infinity && this.maxCount === Infinity && this.endMs === Infinity;
  }

  firstTime(): number {
    return this.timeOf(this.config.startMs, true);
  }

  take(now: number): number {
    // The common case first, in a few bytes (speed: arrival() inlines this with the samplers it calls, within
    // V8's inlining budget); every other case in takeOther.
    if (this.plain === true) {
      this.drawn++;
      this.emitted++;
      this.handlerMs = this.duration.sample(this.durationRng);
      return this.offset + this.sampler.sample(this.tenantRng);
    }
    return this.takeOther(now);
  }

  private takeOther(now: number): number {
    const n = this.drawn++;
    const choosing = this.choosing;
    let tenant: number;
    if (choosing === Choosing.SAMPLED) tenant = this.offset + this.sampler.sample(this.tenantRng);
    else if (choosing === Choosing.NONE) tenant = NO_TENANT;
    else if (choosing === Choosing.FIXED) tenant = this.tenants.fixed!;
    else tenant = this.offset + (n % this.tenants.count);
    if (tenant >= 0 && this.availability !== null && !this.availability.available(tenant, now)) return SKIPPED;
    this.emitted++;
    const r = this.routes;
    if (r !== null) {
      const route = r.sampler === null ? r.fixed : r.sampler.sample(r.rng);
      this.fn = r.fn[route];
      this.handlerMs = r.duration[route].sample(this.durationRng);
    } else {
      this.handlerMs = this.duration.sample(this.durationRng);
    }
    return tenant;
  }

  nextTime(now: number): number {
    // A plain source's next time from its process, in a few bytes (speed: as in take); the rest in timeOf.
    if (this.drawn < this.plainLimit) {
      const t = this.process!.next(now, false);
      return t < this.endMs ? t : this.never;
    }
    return this.timeOf(now, false);
  }

  private timeOf(now: number, first: boolean): number {
    if (this.emitted >= this.maxCount || this.drawn >= this.maxDrawn) return Infinity;
    let t: number;
    const timing = this.timing;
    if (timing === Timing.PROCESS) t = this.process!.next(now, first);
    else if (timing === Timing.CONSTANT) t = this.startMs + this.drawn / this.constantRatePerMs; // from the start, not from the previous arrival, to avoid drift
    else if (timing === Timing.SEQUENTIAL) t = this.startMs + this.drawn * this.gapMs;
    else t = Infinity;
    return t < this.endMs ? t : Infinity;
  }
}

/**
 * A source replaying a trace: times from the trace (shifted by the entry's start), tenants and functions
 * mapped to the scenario's, handler durations from the trace when it has them, else drawn from the
 * function's distribution with the entry's duration stream.
 */
export class TraceSource implements Source {
  emitted = 0;
  fn = 0;
  handlerMs = NaN;
  readonly openEnded = false;
  private readonly endMs: number;

  /**
   * @param tenantMap population index of each trace tenant
   * @param functionMap scenario function of each trace function
   * @param durations each scenario function's handler duration, and the entry's duration stream, for rows
   *   that give none
   */
  constructor(
    readonly config: TrafficConfig,
    private readonly cursor: TraceCursor,
    private readonly tenantMap: Int32Array,
    private readonly functionMap: Int32Array,
    private readonly availability: Availability | null,
    horizonMs: number | null,
    private readonly durations: { duration: Sampler[]; rng: RandomStream },
  ) {
    this.endMs = Math.min(config.endMs ?? Infinity, horizonMs ?? Infinity);
  }

  firstTime(): number {
    return this.advance();
  }

  take(now: number): number {
    const c = this.cursor;
    const tenant = this.config.noTenant || c.tenant < 0 ? NO_TENANT : this.tenantMap[c.tenant];
    if (tenant >= 0 && this.availability !== null && !this.availability.available(tenant, now)) return SKIPPED;
    this.emitted++;
    const f = this.functionMap[c.fn];
    this.fn = f;
    const traced = c.durationMs;
    this.handlerMs = traced === traced ? traced : this.durations.duration[f].sample(this.durations.rng);
    return tenant;
  }

  nextTime(): number {
    return this.advance();
  }

  /** Moves the cursor to the next row at or after the entry's start; its time, or Infinity at the end. */
  private advance(): number {
    if (this.emitted >= (this.config.count ?? Infinity)) return Infinity;
    const c = this.cursor;
    if (!c.next()) return Infinity;
    const t = this.config.startMs + c.timeMs;
    return t < this.endMs ? t : Infinity;
  }
}
