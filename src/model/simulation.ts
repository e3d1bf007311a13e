/**
 * The platform model: replays a scenario's traffic through Lambda's execution environments, pools and
 * limits on the discrete-event kernel and returns a {@link RunRecord}.
 *
 * Events at one instant run in this order (kernel priority, then scheduling order):
 *  0. COMPLETE: a request ends; its environment becomes idle (or is reclaimed) and is usable by an
 *     arrival at the same instant.
 *  1. ARRIVAL and RETRY: an invocation (or a retry of a throttled one) looks for an environment.
 *  2. EXPIRE and RETIRE: keep-alive and maximum-lifetime ends. An environment whose keep-alive ends exactly
 *     at t is still usable by an arrival at t; one whose maximum lifetime ends at t is too.
 *
 * Maximum lifetime needs no event per environment: a completion past it reclaims the environment, and an
 * idle environment whose lifetime ends before its keep-alive gets one RETIRE event at that time. Only the
 * first such completion schedules it: later ones would schedule the same event, and at that instant the
 * first one decides for all (completions and arrivals run before it, and the events of its priority only
 * reclaim, so the environment's state cannot change between them).
 *
 * Keep-alive is checked per pool, not per invocation: each pool with idle environments has one pending
 * EXPIRE event at (or before) its earliest keep-alive end. When it fires it reclaims every idle environment
 * whose keep-alive has ended and schedules the next check. A busy pool's check therefore fires about once
 * per keep-alive period, however many requests it serves (speed: one event per invocation saved).
 */
import { createSampler, type Sampler } from '../engine/distributions.js';
import { Kernel } from '../engine/kernel.js';
import { StreamTable } from '../engine/random.js';
import { billedDurationMs } from '../billing/index.js';
import { type FunctionTables, resolveFunctions } from './function-tables.js';
import type { ReusePolicy, ScenarioConfig } from './config.js';
import { NO_TENANT, SKIPPED, type Source } from './arrivals.js';
import { EnvFlag, Environments, EnvState } from './environments.js';
import { createBlocks } from './blocks.js';
import { Capacity } from './capacity.js';
import { Pools } from './pools.js';
import { type DeploymentPeaks, Recorder, type RecorderState } from './recorder.js';
import type { RunRecord } from './record.js';
import type { LimitName } from './platform.js';
import { Retries } from './retries.js';
import { type PoolStreamPurpose, poolStream } from './streams.js';
import { ColdCause, type EndCause, PoolHistory } from './cold-causes.js';
import { IdleQueue } from './idle-queue.js';
import { createSources } from './sources.js';
import { ArrivalPrefetch, type ArrivalRing, type PrefetchOptions } from './prefetch.js';
import { resolveUnits, type UnitTables, unitOf } from './tiers.js';
import { createWarmers, type Warmer } from './warmers.js';
import { shardOfColumn, shardProblems, type TenantShard, validShard } from './shards.js';

/** What a run recorded, before the statistics are computed (see Simulation.finishParts). */
export interface RunParts {
  recorder: Recorder;
  horizonMs: number;
  events: number;
  /** Per function: requests running or waiting for a retry at the end. */
  inFlight: number[];
  deployment: DeploymentPeaks;
}

/** The record of a run from its parts. */
export function recordOf(parts: RunParts): RunRecord {
  return parts.recorder.finish(parts.horizonMs, parts.events, parts.inFlight, parts.deployment);
}

/**
 * The parts of one run from those of its shards (simulate's `shard` option, every shard of one `count`, each
 * once, of one variant): counters, integrals, latency and events add up to the whole run's exactly; peaks
 * (of the account, of each function, of each deployed function serving tenants of several shards) to the
 * sum of the shards', an upper bound of the whole run's. The first shard's parts are reused.
 */
export function mergeParts(shards: readonly RunParts[]): RunParts {
  const [first, ...rest] = shards;
  for (const p of rest) {
    if (p.horizonMs !== first.horizonMs) throw new Error('shards of runs of different lengths do not merge');
    first.recorder.merge(p.recorder, first.horizonMs);
    first.events += p.events;
    p.inFlight.forEach((n, f) => (first.inFlight[f] += n));
    p.deployment.peakBusy.forEach((n, u) => (first.deployment.peakBusy[u] += n));
    p.deployment.peakLive.forEach((n, u) => (first.deployment.peakLive[u] += n));
  }
  return first;
}

/** What {@link RunParts} hold, as plain numbers (for a shard's file). */
export interface RunPartsState {
  horizonMs: number;
  events: number;
  inFlight: number[];
  /** Per deployed function (unit, see tiers.ts). */
  peakBusy: number[];
  peakLive: number[];
  recorder: RecorderState;
}

/** `parts` as plain numbers. */
export function partsState(parts: RunParts): RunPartsState {
  const { deployment } = parts;
  return {
    horizonMs: parts.horizonMs, events: parts.events, inFlight: [...parts.inFlight],
    peakBusy: Array.from(deployment.peakBusy), peakLive: Array.from(deployment.peakLive), recorder: parts.recorder.state(parts.horizonMs),
  };
}

/** The parts of variant `variant` of `config` that `s` describes. @throws Error when `s` does not fit them. */
export function partsFromState(config: ScenarioConfig, variant: string, s: RunPartsState): RunParts {
  const units = resolveUnits(config);
  const F = config.functions.length;
  if (s.inFlight.length !== F || s.peakBusy.length !== units.count || s.peakLive.length !== units.count) throw new Error('parts of another scenario');
  if (s.horizonMs !== config.horizonMs) throw new Error(`a run of ${s.horizonMs} ms, where the scenario's horizon is ${config.horizonMs} ms`);
  const recorder = new Recorder(variant, config, createBlocks(F * (config.tenants.count + 1)), { now: s.horizonMs }, new Environments()); // a block per cell: no pools
  recorder.restore(s.recorder, s.horizonMs);
  return { recorder, horizonMs: s.horizonMs, events: s.events, inFlight: [...s.inFlight], deployment: { units, peakBusy: Int32Array.from(s.peakBusy), peakLive: Int32Array.from(s.peakLive) } };
}

/** Stops a worker thread of a simulation dropped without `finish` or `close`. */
const closeWhenCollected = new FinalizationRegistry<ArrivalPrefetch>((p) => p.close());

/** Events per call of the event loop (see `run`). */
const CHUNK = 1 << 16;

const COMPLETE = 0;
const ARRIVAL = 1;
const RETRY = 2;
const EXPIRE = 3;
const RETIRE = 4;
const PING = 5;
/** Priority of each kind at one instant (lower first); a const enum, written into the code by tsc (speed). */
const enum Priority {
  COMPLETE = 0,
  ARRIVAL = 1,
  RETRY = 1,
  PING = 1,
  EXPIRE = 2,
  RETIRE = 2,
}

/** Async retry backoff: 1 s doubling to 5 min (docs invocation-async-error-handling). */
const ASYNC_BACKOFF_MIN_MS = 1_000;
const ASYNC_BACKOFF_MAX_MS = 300_000;

/** Sees every invocation attempt (for tests and per-invocation traces). */
export interface InvocationObserver {
  /**
   * An invocation starts running.
   * @param arrivedAt its first arrival (earlier than `now` after retries)
   * @param environment serial number of the environment (0, 1, ... in creation order; never reused)
   * @param cell the (function, tenant) cell, as in {@link RunRecord.cells}
   * @param runMs how long the handler runs (its duration, cut at the timeout)
   * @param busyMs how long the environment will be busy (init included when cold)
   * @param entry the traffic entry the invocation came from (index in the config's traffic)
   */
  started(now: number, arrivedAt: number, environment: number, cell: number, cold: boolean, runMs: number, busyMs: number, billedMs: number, entry: number): void;
  /** An attempt is refused by `limit`; `final` when it will not be retried. */
  throttled?(now: number, arrivedAt: number, cell: number, limit: LimitName, final: boolean, entry: number): void;
  /** A function that requires a tenant id is invoked without one. */
  rejected?(now: number, cell: number, entry: number): void;
  /** Environment `old` (a serial) reached its maximum lifetime and was replaced by `environment`, initialized in
   *  the background for cell `cell` (its last request's), billed `billedMs`. */
  replaced?(now: number, old: number, environment: number, cell: number, billedMs: number): void;
  /** A warmer's ping (warmer `warmer`, index in the config's warmers) starts running, or with `throttled`
   *  is refused; `cell` is its target's (column 0 for a shared pool). */
  pinged?(now: number, warmer: number, cell: number, cold: boolean, billedMs: number, throttled: boolean): void;
}

/** Options of {@link simulate}; `prefetch` decides whether traffic is generated ahead on a worker thread
 *  (results are the same either way; see prefetch.ts). */
export interface SimulateOptions extends PrefetchOptions {
  /** Default: none. */
  observer?: InvocationObserver;
  /** Simulate this share of the tenants only (see shards.ts); default: all. Every entry still draws all its
   *  arrivals. @throws Error when the scenario cannot be split (shardProblems). */
  shard?: TenantShard | null;
}

/** Runs one variant of a scenario and returns what it recorded. Deterministic for a given config. */
export function simulate(config: ScenarioConfig, variant = config.name, options: SimulateOptions = {}): RunRecord {
  const sim = new Simulation(config, variant, options);
  try {
    return sim.finish();
  } finally {
    sim.close();
  }
}


/**
 * The invocation an attempt is about: one object, refilled for each attempt (speed: no object per
 * invocation, and V8 keeps its times unboxed in the object, where doubles passed to a call it does not
 * inline are boxed).
 */
class Invocation {
  fn = 0;
  /** Its (function, tenant) cell. */
  cell = 0;
  /** Its first arrival, ms. */
  arrivedAt = 0;
  /** Its handler duration, ms (drawn at arrival). */
  handlerMs = 0;
  /** 1 for the first attempt, then 2, 3, ... for retries. */
  attempt = 1;
  /** The traffic entry it came from; for a ping, the warmer. */
  entry = 0;
  /** The deployed function (unit, see tiers.ts) it goes to. */
  unit = 0;
  /** 1 for a warmer's ping (recorded apart, never retried), else 0. */
  ping = 0;
}

/**
 * One variant's run, advanced in steps so that a caller can report progress or stop between them:
 * `while (!sim.step(100_000)) report(sim.now)`, then `sim.finish()`. The result does not depend on the
 * step sizes.
 */
export class Simulation {
  private readonly k = new Kernel();
  private readonly envs = new Environments();
  private readonly pools: Pools;
  private readonly rec: Recorder;
  private readonly capacity: Capacity;
  private readonly retries = new Retries();
  private readonly sources: Source[];
  /** Per traffic source: its arrivals generated ahead by a worker thread, or null (see prefetch.ts). */
  private readonly rings: (ArrivalRing | null)[];
  private readonly prefetch: ArrivalPrefetch | null;
  private readonly fx: FunctionTables;
  /** The deployed functions and how an invocation finds its own. */
  private readonly units: UnitTables;
  private readonly warmers: Warmer[];
  private readonly warmerSlots: number[];
  private readonly T: number;
  private readonly F: number;
  private readonly reuse: ReusePolicy;
  /** The reuse policy takes the tail of a pool's idle list: `mru`, the default, or `newest`, whose lists are
   *  kept in creation order (speed: the take is inlined). Tested with === (speed: V8 tests a boolean field
   *  with a full ToBoolean otherwise). */
  private readonly takeTail: boolean;
  /** The reuse policy is `newest`: idle lists in creation order (Pools.insertBySerial). */
  private readonly newest: boolean;
  /** Idle lists are in keep-alive order (a fixed keep-alive, lists in the order freed): an expiry check
   *  stops at the first environment still alive. */
  private readonly expiryOrdered: boolean;
  /** Per pool: the `random` reuse policy's choices (see streams.ts, poolStream). */
  private readonly reuseRng: StreamTable;
  private readonly keepAlive: Sampler;
  private readonly keepAliveFixed: number | null;
  /** Per pool: random keep-alive periods. */
  private readonly keepAliveRng: StreamTable;
  /** Keep-alive checks out of time order (rescheduled ones, random keep-alives): a heap of their own, apart
   *  from completions, so that both heaps stay small. */
  private readonly checkHeap: number;
  /** Maximum-lifetime ends (RETIRE): a heap of their own, so that the completion heap, used twice per
   *  invocation, holds only what is in flight (speed: with many idle environments near the end of their
   *  lifetime it would hold thousands). */
  private readonly retireHeap: number;
  /** First checks of a pool under a fixed keep-alive, due at now + keepAlive, hence in time order: a lane
   *  (speed: O(1) for the pools that see one request per keep-alive period, most of them with many tenants). */
  private readonly checkLane: number;
  /** One slot per traffic source: it has one next arrival at a time. */
  private readonly arrivalSlots: number[];
  private readonly maxLifetimeMs: number;
  /** `lifetimeReplacement: background`: an environment at its maximum lifetime is replaced in place. */
  private readonly replaceInBackground: boolean;
  /** Per pool: the init draws of its cold starts, of its background replacements and of the environments
   *  created by warmers' pings (streams of their own). */
  private readonly initRng: StreamTable;
  private readonly replacementRng: StreamTable;
  private readonly pingInitRng: StreamTable;
  /** Per pool: live environments and how the last one ended (the causes of cold starts). */
  private readonly history: PoolHistory;
  /** `capPolicy: reclaim-idle`: per unit with an environment cap, its idle environments in the order they
   *  became idle; null otherwise (then nothing is queued). */
  private readonly idleQueues: (IdleQueue | null)[];
  private activeSources = 0;
  /** Per tenant column: 1 when this run simulates it (its shard's tenants; all without a shard). */
  private readonly mine: Uint8Array;
  /** Simulating a shard other than the first, which counts the arrivals no tenant receives. */
  private readonly laterShard: boolean;
  /** Arrival events of tenants outside the shard (and, in a later shard, of none), not counted as its own. */
  private foreignArrivals = 0;
  /** The invocation being attempted. */
  private readonly inv = new Invocation();
  private readonly observer: InvocationObserver | null;
  private readonly horizon: number;
  private end = 0;
  private done = false;

  constructor(
    private readonly config: ScenarioConfig,
    variant: string,
    options: SimulateOptions = {},
  ) {
    this.observer = options.observer ?? null;
    const shard = options.shard ?? null;
    if (shard !== null) {
      if (!validShard(shard)) throw new Error(`shard ${shard.index}/${shard.count}: expected i/n with 1 <= i <= n`);
      const problems = shardProblems(config);
      if (problems.length > 0) throw new Error(`${variant} cannot be split into tenant shards: ${problems.join('; ')}`);
    }
    this.mine = Uint8Array.from({ length: config.tenants.count + 1 }, (_, c) => (shard === null || shardOfColumn(c, shard.count) === shard.index ? 1 : 0));
    this.laterShard = shard !== null && shard.index > 1;
    this.horizon = config.horizonMs ?? Infinity;
    const { platform, functions, tenants } = config;
    this.T = tenants.count;
    this.F = functions.length;
    // One block per pool: a cell's counters share its pool's cache line (speed); shared and provisioned pools after the cells.
    const blocks = createBlocks(this.F * (this.T + 1) + 2 * this.F);
    this.pools = new Pools(blocks, this.envs);
    this.rec = new Recorder(variant, config, blocks, this.k, this.envs);
    this.units = resolveUnits(config);
    this.capacity = new Capacity(config, this.units);
    this.fx = resolveFunctions(config);
    this.reuse = platform.reuse;
    this.newest = platform.reuse === 'newest';
    this.takeTail = platform.reuse === 'mru' || this.newest;
    this.reuseRng = this.poolStreams('reuse', platform.reuse === 'random');
    this.keepAlive = createSampler(platform.keepAlive);
    this.keepAliveFixed = platform.keepAlive.type === 'constant' ? platform.keepAlive.value : null;
    this.expiryOrdered = this.keepAliveFixed !== null && !this.newest;
    this.keepAliveRng = this.poolStreams('keepAlive', this.keepAliveFixed === null);
    this.checkHeap = this.k.addHeap();
    this.retireHeap = this.k.addHeap();
    this.checkLane = this.k.addLane();
    this.arrivalSlots = config.traffic.map(() => this.k.addSlot());
    this.maxLifetimeMs = platform.maxLifetimeMs;
    this.replaceInBackground = platform.lifetimeReplacement === 'background';
    this.initRng = this.poolStreams('init', true);
    this.replacementRng = this.poolStreams('replacementInit', this.replaceInBackground);
    this.pingInitRng = this.poolStreams('pingInit', config.warmers.length > 0);
    this.history = new PoolHistory(this.F * (this.T + 1) + 2 * this.F);
    this.idleQueues = Array.from(this.units.cap, (cap, u) => (platform.capPolicy === 'reclaim-idle' && cap !== Infinity ? new IdleQueue(this.envs, u) : null));
    this.warmers = createWarmers(config, this.units);
    this.warmerSlots = this.warmers.map(() => this.k.addSlot());
    this.sources = createSources(config) as Source[];
    if (config.horizonMs === null && this.sources.some((s) => s.openEnded)) {
      throw new Error('open-ended traffic needs a horizon');
    }
    this.provision();
    this.prefetch = ArrivalPrefetch.start(config, options);
    this.rings = this.prefetch?.rings ?? config.traffic.map(() => null);
    if (this.prefetch !== null) closeWhenCollected.register(this, this.prefetch, this);
    try {
      this.sources.forEach((s, i) => {
        const ring = this.rings[i];
        const t = ring !== null ? ring.current() : s.firstTime();
        if (t !== Infinity) {
          this.k.scheduleSlot(this.arrivalSlots[i], t, Priority.ARRIVAL, ARRIVAL, i);
          this.activeSources++;
        }
      });
      this.warmers.forEach((w, i) => {
        const t = w.nextTime();
        if (t !== Infinity) this.k.scheduleSlot(this.warmerSlots[i], t, Priority.PING, PING, i);
      });
    } catch (e) {
      this.close(); // no one else can: the simulation is never returned
      throw e;
    }
  }

  /** Simulated time reached (ms). */
  get now(): number {
    return this.k.now;
  }

  /** Events processed so far. */
  get events(): number {
    return this.k.delivered;
  }

  /** Arrivals so far (all traffic entries). */
  get arrivals(): number {
    let n = 0;
    this.sources.forEach((s, i) => (n += this.rings[i]?.emitted ?? s.emitted));
    return n;
  }

  /** Processes up to `maxEvents` events; returns true when the run is over. */
  step(maxEvents = Infinity): boolean {
    if (this.done) return true;
    const stop = this.k.delivered + maxEvents;
    for (;;) {
      const left = stop - this.k.delivered;
      if (!(left > 0)) return false;
      if (this.run(left < CHUNK ? left : CHUNK)) break;
    }
    this.end = this.k.now;
    this.done = true;
    return true;
  }

  /**
   * The event loop: processes up to `n` events (a small integer) and returns true when the run is over.
   * Called in chunks, and handlers read the time from the kernel (speed: the loop is then optimized as a
   * plain function, where one long call ran in on-stack-replaced code that kept its numbers boxed, and no
   * time is boxed per event to be passed).
   */
  private run(n: number): boolean {
    const k = this.k;
    const horizon = this.horizon;
    for (let i = 0; i < n; i++) {
      if (!k.next(horizon)) return true;
      const d = k.datum;
      switch (k.kind) {
        case COMPLETE:
          this.complete(d);
          break;
        case ARRIVAL:
          this.arrival(d);
          break;
        case RETRY:
          this.retry(d);
          break;
        case EXPIRE:
          this.expire(d);
          break;
        case RETIRE:
          this.retire(d);
          break;
        case PING:
          this.ping(d);
          break;
      }
      if (horizon === Infinity && this.activeSources === 0 && this.capacity.busy === 0 && this.retries.size === 0) return true;
    }
    return false;
  }

  /** Closes the statistics and returns the record (runs any remaining events first). */
  finish(): RunRecord {
    return recordOf(this.finishParts());
  }

  /** Runs any remaining events and returns what the run recorded, before the statistics are computed: what
   *  the runs of the shards of one run add up (mergeParts), which recordOf turns into the record. */
  finishParts(): RunParts {
    this.step();
    this.close();
    const horizonMs = this.horizon === Infinity ? this.end : this.horizon;
    const cap = this.capacity;
    const inFlight = this.retries.countByFunction(this.F);
    const envs = this.envs;
    for (let e = 0; e < envs.highWater; e++) if (envs.state(e) === EnvState.BUSY) inFlight[envs.fn(e)]++;
    return {
      recorder: this.rec, horizonMs, events: this.k.delivered - this.foreignArrivals, inFlight,
      deployment: { units: this.units, peakBusy: Int32Array.from(cap.peakBusy), peakLive: Int32Array.from(cap.peakLive) },
    };
  }

  /** Stops the worker thread generating arrivals, if any; for a run abandoned before `finish` (which calls it).
   *  A step that reaches an arrival of a generated entry afterwards throws. */
  close(): void {
    if (this.prefetch === null) return;
    this.prefetch.close();
    closeWhenCollected.unregister(this);
  }

  /** Creates every function's provisioned environments, idle and warm, at time 0; they never expire. */
  private provision(): void {
    this.config.functions.forEach((fn, f) => {
      const u = this.unitOf(f, f * (this.T + 1)); // the base tier's (see tiers.ts)
      if (u < 0 || this.units.provisioned[u] === 0) return; // its own tier serves no one: nothing deployed to provision
      for (let i = 0; i < fn.provisionedConcurrency; i++) {
        const e = this.envs.create(f, u, this.provisionedPool(f), Infinity, EnvFlag.PROVISIONED);
        this.capacity.provisioned(u);
        this.pools.pushIdle(this.provisionedPool(f), e);
        this.rec.environmentCreated(0, f, -1, true);
      }
    });
  }

  /** An arrival of traffic entry `i`: its tenant, function and handler duration come from the entry's source
   *  (or its ring, generated ahead), then the invocation is attempted. */
  private arrival(i: number): void {
    const now = this.k.now;
    const ring = this.rings[i];
    const inv = this.inv;
    let tenant: number;
    let next: number;
    if (ring !== null) {
      // Generated ahead by the worker, as the source below would have (see prefetch.ts).
      const at = ring.pos & ring.mask;
      tenant = ring.tenants[at];
      inv.fn = ring.fns[at];
      inv.handlerMs = ring.handlers[at];
      next = ring.advance();
    } else {
      const s = this.sources[i];
      tenant = s.take(now);
      next = s.nextTime(now);
      inv.fn = s.fn;
      inv.handlerMs = s.handlerMs; // drawn by the source from its entry's stream, whatever becomes of the invocation
    }
    if (next !== Infinity) this.k.rearm(this.arrivalSlots[i], next); // as scheduled in the constructor: ARRIVAL, i
    else this.activeSources--;
    if (tenant === SKIPPED) {
      if (this.laterShard === true) this.foreignArrivals++; // counted by the first shard
      return; // its tenant is asleep or not onboarded yet: nothing is sent
    }
    if (ring !== null) ring.emitted++;
    if (this.mine[tenant + 1] === 0) {
      this.foreignArrivals++; // another shard's tenant (or, tenant-less, the first shard's)
      return;
    }
    const cell = inv.fn * (this.T + 1) + tenant + 1;
    this.rec.arrival(now, cell);
    if (tenant === NO_TENANT && this.fx.requiresTenantId[inv.fn] === 1) {
      this.rec.rejected(cell); // InvalidParameterValueException: not run, not billed
      this.observer?.rejected?.(now, cell, i);
      return;
    }
    inv.cell = cell;
    inv.arrivedAt = now;
    inv.attempt = 1;
    inv.entry = i;
    inv.unit = this.unitOf(inv.fn, cell);
    inv.ping = 0;
    this.attempt(inv);
  }

  /** The unit of function `f`'s calls of cell `cell`. */
  private unitOf(f: number, cell: number): number {
    return unitOf(this.units, f, cell - f * (this.T + 1));
  }

  /** One ping of warmer `w` to its current target (none before the target's tenant joins): a round is
   *  `concurrency` pings at the same instant, each an event of its own; then the next target is scheduled.
   *  The run's user traffic ending (without a horizon) ends the pings too. */
  private ping(w: number): void {
    const now = this.k.now;
    const warmer = this.warmers[w];
    const j = warmer.target(now);
    let done = true;
    if (j >= 0) {
      const inv = this.inv;
      inv.fn = warmer.fn;
      inv.cell = warmer.cells[j];
      inv.unit = warmer.units[j];
      inv.arrivedAt = now;
      inv.attempt = 1;
      inv.entry = w;
      inv.ping = 1;
      inv.handlerMs = warmer.durationMs();
      this.rec.pingSent(inv.cell);
      this.attempt(inv);
      done = warmer.pinged();
    }
    if (!done) return this.k.rearm(this.warmerSlots[w], now); // the round's next ping, at the same instant
    warmer.advance();
    if (this.horizon === Infinity && this.activeSources === 0) return;
    this.k.rearm(this.warmerSlots[w], warmer.nextTime());
  }

  private retry(r: number): void {
    const rs = this.retries;
    const inv = this.inv;
    inv.fn = rs.fn[r];
    inv.cell = rs.cell[r];
    inv.arrivedAt = rs.arrivedAt[r];
    inv.handlerMs = rs.handlerMs[r];
    inv.attempt = rs.attempt[r] + 1;
    inv.entry = rs.source[r];
    inv.unit = this.unitOf(inv.fn, inv.cell);
    inv.ping = 0;
    rs.release(r);
    this.attempt(inv);
  }

  /**
   * One attempt to run an invocation: the concurrency limit first; then an idle environment of its pool
   * (provisioned ones first), or a new one if the scaling rate and the environment cap allow (a cold
   * start); else a 429.
   */
  private attempt(inv: Invocation): void {
    const now = this.k.now;
    const f = inv.fn;
    const u = inv.unit;
    const cap = this.capacity;
    if (cap.concurrencyFull(u)) return this.throttle(cap.isReserved(u) ? 'reserved' : 'account', inv);
    const fx = this.fx;
    const units = this.units;
    const pool = units.poolPerTenant[u] === 1 ? inv.cell : this.sharedPool(f);
    let e = units.provisioned[u] === 1 ? this.pools.takeLast(this.provisionedPool(f)) : -1;
    if (e < 0) e = this.takeTail === true ? this.pools.takeLast(pool) : this.pools.take(pool, this.reuse, this.reuseRng.at(pool));
    const handlerMs = inv.ping === 1 ? inv.handlerMs : inv.handlerMs * fx.speed[f]; // as drawn, scaled to the function's memory (x 1 by default; a ping's duration is the warmer's)
    const timedOut = handlerMs > fx.timeoutMs[f];
    const runMs = timedOut ? fx.timeoutMs[f] : handlerMs;
    let busyMs = runMs;
    let billed: number;
    const cold = e < 0;
    if (!cold) {
      billed = billedDurationMs(runMs, 0, false);
    } else {
      if (!cap.canScale(now, u)) return this.throttle('scalingRate', inv);
      if (cap.capReached(u) && !this.reclaimIdleFor(u, pool)) return this.throttle('tenantEnvironmentCap', inv);
      const cause = this.history.causeIn(pool);
      e = this.createEnvironment(now, f, u, pool, inv.cell, inv.ping);
      if (inv.ping === 0) this.rec.coldStart(now, inv.cell, cause);
      // a ping's init is drawn from a stream of its own, so that warmers leave the users' init draws alone
      const initMs = fx.init[f].sample((inv.ping === 1 ? this.pingInitRng : this.initRng).at(pool)) * fx.initSpeed[f];
      busyMs += initMs;
      billed = billedDurationMs(runMs, initMs, fx.initBilled[f] === 1);
    }
    this.envs.setBusy(e, inv.cell, inv.arrivedAt, billed);
    if (inv.ping === 1) {
      this.envs.setFlags(e, this.envs.flags(e) | EnvFlag.PING); // recorded apart when it ends; a ping's timeout is not a user's
      this.observer?.pinged?.(now, inv.entry, inv.cell, cold, billed, false);
    } else {
      if (timedOut) this.envs.setFlags(e, this.envs.flags(e) | EnvFlag.TIMED_OUT); // counted when it happens, at the end
      if (this.observer !== null) this.observer.started(now, inv.arrivedAt, this.envs.serial(e), inv.cell, cold, runMs, busyMs, billed, inv.entry);
    }
    cap.busyStarted(u);
    this.rec.started(now, f);
    this.k.schedule(now + busyMs, Priority.COMPLETE, COMPLETE, e);
  }

  /** A 429 from `limit`: retried (async: by Lambda's queue, within the event's maximum age; sync: by the
   *  caller, if its traffic entry says so), or the invocation is throttled for good. */
  private throttle(limit: LimitName, inv: Invocation): void {
    const now = this.k.now;
    const f = inv.fn;
    if (inv.ping === 1) {
      // a ping refused is not retried, and is not a user's 429
      this.rec.pingThrottled(inv.cell);
      this.observer?.pinged?.(now, inv.entry, inv.cell, false, 0, true);
      return;
    }
    this.rec.limitHit(now, f, this.units.tier[inv.unit], limit);
    let delay = -1;
    if (this.fx.async[f] === 1) {
      const d = Math.min(ASYNC_BACKOFF_MIN_MS * 2 ** (inv.attempt - 1), ASYNC_BACKOFF_MAX_MS);
      if (now + d - inv.arrivedAt <= this.fx.maxEventAgeMs[f]) delay = d;
      else this.rec.asyncDropped(f);
    } else {
      const cr = this.config.traffic[inv.entry].clientRetries;
      if (cr !== null && inv.attempt < cr.maxAttempts) delay = Math.min(cr.backoffMs * 2 ** (inv.attempt - 1), cr.maxBackoffMs);
    }
    this.observer?.throttled?.(now, inv.arrivedAt, inv.cell, limit, delay < 0, inv.entry);
    if (delay < 0) {
      this.rec.throttled(inv.cell);
      return;
    }
    const r = this.retries.add(f, inv.cell, inv.arrivedAt, inv.handlerMs, inv.attempt, inv.entry);
    this.rec.retryScheduled(f);
    this.k.schedule(now + delay, Priority.RETRY, RETRY, r);
  }

  /** A request ends: its environment goes back to its pool, idle, with a keep-alive, or is reclaimed when
   *  its maximum lifetime is over. */
  private complete(e: number): void {
    const now = this.k.now;
    const envs = this.envs;
    const f = envs.fn(e);
    let flags = envs.flags(e);
    const provisioned = (flags & EnvFlag.PROVISIONED) !== 0;
    const u = envs.unit(e);
    this.capacity.busyEnded(u);
    if ((flags & EnvFlag.PING) !== 0) {
      flags &= ~EnvFlag.PING;
      envs.setFlags(e, flags);
      this.rec.pingCompleted(f, envs.cell(e), e);
    } else {
      if ((flags & EnvFlag.TIMED_OUT) !== 0) {
        flags &= ~EnvFlag.TIMED_OUT;
        envs.setFlags(e, flags);
        this.rec.timedOut(envs.cell(e));
      }
      this.rec.completed(f, envs.cell(e), e, provisioned);
    }
    if (provisioned) {
      this.pools.pushIdle(this.provisionedPool(f), e);
      return;
    }
    if (now > envs.lifeEnd(e)) {
      // past its maximum lifetime: replaced in the background, or reclaimed as its request ends
      if (this.replaceInBackground === false) return this.reclaim(now, e, ColdCause.LIFETIME);
      this.replace(now, e);
      flags = envs.flags(e);
    }
    const lifeEnd = envs.lifeEnd(e);
    const p = envs.pool(e);
    if (this.newest === true) this.pools.insertBySerial(p, e);
    else this.pools.pushIdle(p, e);
    const fixed = this.keepAliveFixed;
    const t = now + (fixed !== null ? fixed : this.keepAlive.sample(this.keepAliveRng.at(p)));
    envs.setExpiresAt(e, t);
    const queue = this.idleQueues[u];
    if (queue !== null) queue.push(e, t);
    const pending = this.pools.checkAt(p);
    if (pending < 0 || t < pending) this.scheduleCheck(p, t, fixed !== null);
    // Lifetime ends while idle, before the keep-alive does: reclaim it then, unless it is busy again. One
    // pending RETIRE per environment is enough, as every one would be at lifeEnd and the first decides
    // (speed: a busy environment's last keep-alive period no longer fills the heap with thousands).
    if (lifeEnd < t && (flags & EnvFlag.RETIRE_PENDING) === 0) {
      envs.setFlags(e, flags | EnvFlag.RETIRE_PENDING);
      this.k.scheduleIn(this.retireHeap, lifeEnd, Priority.RETIRE, RETIRE, e);
    }
  }

  /** Keep-alive check of pool `p`: reclaims its expired idle environments and schedules the next check. */
  private expire(p: number): void {
    const now = this.k.now;
    const pools = this.pools;
    if (pools.checkAt(p) !== now) return; // superseded by an earlier check
    pools.setCheckAt(p, -1);
    const envs = this.envs;
    for (let e = pools.head(p); e >= 0; ) {
      const next = envs.next(e);
      if (envs.expiresAt(e) <= now) {
        pools.remove(p, e);
        this.reclaim(now, e, ColdCause.KEEP_ALIVE);
      } else if (this.expiryOrdered === true) break; // freed in order, so the rest end later
      e = next;
    }
    const t = pools.earliestExpiry(p, this.expiryOrdered);
    if (t !== Infinity) this.scheduleCheck(p, t, false);
  }

  /** @param inOrder `t` is now + the fixed keep-alive, so it can go in the lane */
  private scheduleCheck(p: number, t: number, inOrder: boolean): void {
    this.pools.setCheckAt(p, t);
    this.k.scheduleIn(inOrder ? this.checkLane : this.checkHeap, t, Priority.EXPIRE, EXPIRE, p);
  }

  /** End of an idle environment's maximum lifetime, scheduled at its `lifeEnd`. A busy one is left to its
   *  completion, which reclaims it; a recycled slot (another environment, whose lifetime ends later) is left
   *  alone. */
  private retire(e: number): void {
    const envs = this.envs;
    const now = this.k.now;
    if (envs.state(e) !== EnvState.IDLE || envs.lifeEnd(e) !== now) return;
    if (this.replaceInBackground === false) {
      this.pools.remove(envs.pool(e), e);
      this.reclaim(now, e, ColdCause.LIFETIME);
      return;
    }
    this.replace(now, e); // idle with the keep-alive it had, where it was (or, under `newest`, last: created now)
    if (this.newest === true) {
      this.pools.remove(envs.pool(e), e);
      this.pools.insertBySerial(envs.pool(e), e);
    }
    const lifeEnd = envs.lifeEnd(e);
    if (lifeEnd < envs.expiresAt(e)) {
      envs.setFlags(e, envs.flags(e) | EnvFlag.RETIRE_PENDING);
      this.k.scheduleIn(this.retireHeap, lifeEnd, Priority.RETIRE, RETIRE, e);
    }
  }

  /**
   * Environment `e`, at the end of its maximum lifetime, is replaced by one initialized in the background
   * (off the request path): a new environment in its place, created now, its init billed as on-demand init
   * (to the cell of the old one's last request) and, for an isolated function, charged as an environment.
   * Not limited by the scaling rate, and neutral for the cap (one ends as the other starts).
   */
  private replace(now: number, e: number): void {
    const envs = this.envs;
    const f = envs.fn(e);
    const fx = this.fx;
    const initMs = fx.init[f].sample(this.replacementRng.at(envs.pool(e))) * fx.initSpeed[f];
    const old = envs.serial(e);
    envs.renew(e, now + this.maxLifetimeMs);
    const billed = billedDurationMs(0, initMs, fx.initBilled[f] === 1);
    this.rec.replaced(f, envs.cell(e), billed);
    this.observer?.replaced?.(now, old, envs.serial(e), envs.cell(e), billed);
  }

  /** `capPolicy: reclaim-idle` with the cap of unit `u` (an isolated function) full: ends the least recently
   *  used idle environment of another tenant's pool (not `pool`); false when there is none (or the policy is
   *  off). */
  private reclaimIdleFor(u: number, pool: number): boolean {
    const queue = this.idleQueues[u];
    if (queue === null) return false;
    const e = queue.take(pool);
    if (e < 0) return false;
    this.pools.remove(this.envs.pool(e), e);
    this.reclaim(this.k.now, e, ColdCause.CAP_RECLAIM);
    return true;
  }

  /** A new on-demand environment of function `f` (unit `u`) in pool `pool`, for cell `cell` (a ping's when
   *  `ping` is 1). */
  private createEnvironment(now: number, f: number, u: number, pool: number, cell: number, ping: number): number {
    const e = this.envs.create(f, u, pool, now + this.maxLifetimeMs, 0);
    this.capacity.created(u);
    this.history.created(pool);
    if (ping === 1) this.rec.pingEnvironmentCreated(now, f, cell, this.units.charged[u]);
    else this.rec.environmentCreated(now, f, cell, false);
    return e;
  }

  private reclaim(now: number, e: number, cause: EndCause): void {
    const f = this.envs.fn(e);
    this.capacity.ended(this.envs.unit(e));
    this.history.ended(this.envs.pool(e), cause);
    this.rec.environmentReclaimed(now, f);
    this.envs.release(e);
  }

  private sharedPool(f: number): number {
    return this.F * (this.T + 1) + f;
  }

  private provisionedPool(f: number): number {
    return this.F * (this.T + 1) + this.F + f;
  }

  /** The pools' streams of `purpose` (see poolStream): a tenant's pool (a cell) is named by its function and
   *  tenant column, a function's shared pool by its function; provisioned pools draw nothing. Empty when the
   *  run makes no such draw (`used` false). */
  private poolStreams(purpose: PoolStreamPurpose, used: boolean): StreamTable {
    const names = this.config.functions.map((fn) => fn.name);
    const cells = this.F * (this.T + 1);
    const name = (p: number) => (p < cells ? poolStream(purpose, names[Math.floor(p / (this.T + 1))], p % (this.T + 1)) : poolStream(purpose, names[p - cells], null));
    return new StreamTable(this.config.seed, name, used ? cells + this.F : 0);
  }
}
