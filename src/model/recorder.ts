/**
 * Streaming accumulators fed by the simulation: counters per (function, tenant) cell, levels of busy and
 * live environments, latency quantiles and per-minute series. Nothing per invocation is stored.
 */
import { BucketCounter } from '../engine/bucket-counter.js';
import { GroupHistograms } from '../engine/group-histograms.js';
import { Level } from '../engine/level.js';
import { QuantileRecorder, SKETCH_KEYS } from '../engine/quantiles.js';
import { Block } from './blocks.js';
import type { ScenarioConfig } from './config.js';
import { type Environments, EnvState, EnvTime } from './environments.js';
import { type CellTotals, type FunctionRun, type LatencyStats, type LevelStats, type RunRecord } from './record.js';
import { chargedEnvironments, type LimitName, noLimitHits } from './platform.js';
import type { Retries } from './retries.js';

/** Width of the time-series buckets: one minute. */
export const BUCKET_MS = 60_000;

/** Latencies recorded per batch. */
const LATENCY_BATCH = 4096;

interface FunctionAccumulators {
  busy: Level;
  envs: Level;
  latency: QuantileRecorder;
  limitHits: Record<LimitName, number>;
  provisionedEnvironments: number;
  timeouts: number;
  asyncDropped: number;
  retries: number;
}

export class Recorder {
  /** The counters every invocation changes, in the cells' blocks (see {@link Block}: shared with the pools,
   *  speed). */
  private readonly blocks: Float64Array;
  /** The other cell counters, RARE_STRIDE per cell (throttled, rejected, billed ms on provisioned
   *  environments). */
  private readonly rare: Float64Array;
  /** Number of cells. */
  private readonly cellCount: number;
  private readonly fns: FunctionAccumulators[];
  private readonly busy = new Level(BUCKET_MS);
  private readonly envs = new Level(BUCKET_MS);
  private readonly latency = new QuantileRecorder();
  private readonly limitHits = noLimitHits();
  private readonly arrivals = new BucketCounter(BUCKET_MS);
  private readonly colds = new BucketCounter(BUCKET_MS);
  private readonly throttles = new BucketCounter(BUCKET_MS);

  /**
   * @param blocks at least one block per cell (see createBlocks in blocks.ts), whose counters it keeps
   * @param clock the simulation's clock, and `environments` its environments: `completed` reads the time and the
   *   request's arrival and billed duration there (speed: only integers cross that call, where V8 boxes a
   *   double passed to a function it does not inline)
   */
  constructor(
    private readonly variant: string,
    private readonly config: ScenarioConfig,
    blocks: Float64Array,
    private readonly clock: { readonly now: number },
    private readonly environments: Environments,
  ) {
    this.cellCount = config.functions.length * (config.tenants.count + 1);
    if (blocks.length < this.cellCount * Block.STRIDE) throw new RangeError('fewer blocks than cells');
    this.blocks = blocks;
    this.rare = new Float64Array(this.cellCount * RARE_STRIDE);
    // With one function, its statistics are the account's: share them (speed: half the recording work).
    const single = config.functions.length === 1;
    this.fns = config.functions.map(() => ({
      busy: single ? this.busy : new Level(),
      envs: single ? this.envs : new Level(),
      latency: single ? this.latency : new QuantileRecorder(),
      limitHits: single ? this.limitHits : noLimitHits(),
      provisionedEnvironments: 0, timeouts: 0, asyncDropped: 0, retries: 0,
    }));
    this.shared = single;
    this.width = config.tenants.count + 1;
    // Each tenant's histogram offset in the block of its first-function cell (speed: see Block.TENANT_LATENCY).
    this.tenantLatency = new GroupHistograms(this.width, { slots: blocks, stride: Block.STRIDE, field: Block.TENANT_LATENCY });
  }

  /** Whether the only function shares the account's statistics objects. Tested with === (speed: V8 tests a
   *  boolean field with a full ToBoolean otherwise). */
  private readonly shared: boolean;
  /** Latencies waiting to be recorded, with their sketch keys and functions, fed to the account and function
   *  recorders a batch at a time (speed: the sketch's work runs in one tight loop; the values and their
   *  order are unchanged). */
  private readonly pendingLatency = new Float64Array(LATENCY_BATCH);
  private readonly pendingFunction = new Int32Array(LATENCY_BATCH);
  private readonly pendingKey = new Int32Array(LATENCY_BATCH);
  private pending = 0;
  /** Latency per tenant column (all functions together), for per-tenant percentiles. */
  private readonly tenantLatency: GroupHistograms;

  /** Time of the last arrival (ms). */
  private lastArrivalMs = 0;

  arrival(now: number, cell: number): void {
    this.blocks[cell * Block.STRIDE + Block.INVOCATIONS]++;
    this.lastArrivalMs = now;
    this.arrivals.add(now);
  }

  rejected(cell: number): void {
    this.rare[cell * RARE_STRIDE + REJECTED]++;
  }

  throttled(cell: number): void {
    this.rare[cell * RARE_STRIDE + THROTTLED]++;
  }

  /** A new environment: a cold start unless provisioned (then `cell` is unused). */
  environmentCreated(now: number, f: number, cell: number, provisioned: boolean): void {
    if (provisioned) this.fns[f].provisionedEnvironments++;
    else {
      this.blocks[cell * Block.STRIDE + Block.ENVIRONMENTS]++; // each one a cold start
      this.colds.add(now);
    }
    if (this.shared === false) this.fns[f].envs.change(now, 1);
    this.envs.change(now, 1);
  }

  environmentReclaimed(now: number, f: number): void {
    if (this.shared === false) this.fns[f].envs.change(now, -1);
    this.envs.change(now, -1);
  }

  started(now: number, f: number, timedOut: boolean): void {
    if (this.shared === false) this.fns[f].busy.change(now, 1);
    this.busy.change(now, 1);
    if (timedOut) this.fns[f].timeouts++;
  }

  /** The request of cell `cell` running in environment `e` (BUSY) of function `f` ends now. */
  completed(f: number, cell: number, e: number, provisioned: boolean): void {
    const now = this.clock.now;
    const times = this.environments.times;
    const latencyMs = now - times[e * EnvTime.STRIDE + EnvTime.ARRIVED_AT];
    const billedMs = times[e * EnvTime.STRIDE + EnvTime.BILLED_MS];
    const at = cell * Block.STRIDE;
    this.blocks[at + Block.COMPLETED]++;
    if (provisioned) this.rare[cell * RARE_STRIDE + PROVISIONED_BILLED] += billedMs;
    else this.blocks[at + Block.BILLED_MS] += billedMs;
    if (this.shared === false) this.fns[f].busy.change(now, -1);
    this.busy.change(now, -1);
    // The tenant's histogram now, while its block is in cache; the account's and function's a batch at a time.
    const key = SKETCH_KEYS.key(latencyMs) | 0; // an integer; `| 0` keeps it in an int32 register for the uses below (speed)
    this.tenantLatency.addKeyed(cell < this.width ? cell : cell % this.width, latencyMs, key); // the first function's cells need no division (speed)
    const n = this.pending++;
    this.pendingLatency[n] = latencyMs;
    this.pendingKey[n] = key;
    this.pendingFunction[n] = f;
    if (n + 1 === LATENCY_BATCH) this.flushLatency();
  }

  /** Tenant columns: tenants + 1 (column 0 is traffic without a tenant id). */
  private readonly width: number;

  private flushLatency(): void {
    const n = this.pending;
    const lat = this.pendingLatency;
    const keys = this.pendingKey;
    const account = this.latency;
    for (let i = 0; i < n; i++) account.addKeyed(lat[i], keys[i]);
    if (this.shared === false) for (let i = 0; i < n; i++) this.fns[this.pendingFunction[i]].latency.addKeyed(lat[i], keys[i]);
    this.pending = 0;
  }

  limitHit(now: number, f: number, limit: LimitName): void {
    if (this.shared === false) this.fns[f].limitHits[limit]++;
    this.limitHits[limit]++;
    this.throttles.add(now);
  }

  asyncDropped(f: number): void {
    this.fns[f].asyncDropped++;
  }

  retryScheduled(f: number): void {
    this.fns[f].retries++;
  }

  /** Closes every statistic at `horizonMs` and builds the run record. */
  finish(horizonMs: number, events: number, retries: Retries, envs: Environments): RunRecord {
    this.flushLatency();
    const F = this.config.functions.length;
    const width = this.config.tenants.count + 1;
    const waiting = retries.countByFunction(F);
    const running = new Array<number>(F).fill(0);
    for (let e = 0; e < envs.highWater; e++) if (envs.state(e) === EnvState.BUSY) running[envs.fn(e)]++;
    const sum = (a: Float64Array, f: number) => {
      let s = 0;
      for (let i = f * width; i < (f + 1) * width; i++) s += a[i];
      return s;
    };
    const c = this.cellColumns();
    const functions: FunctionRun[] = this.config.functions.map((fn, f) => {
      const fa = this.fns[f];
      const completed = sum(c.completed, f);
      const billedMs = sum(c.billedMs, f);
      const provisionedBilledMs = sum(c.provisionedBilledMs, f);
      const environmentsCreated = sum(c.environmentsCreated, f);
      return {
        name: fn.name,
        tenancy: fn.tenancy,
        invocations: sum(c.invocations, f),
        completed,
        throttled: sum(c.throttled, f),
        rejected: sum(c.rejected, f),
        inFlight: running[f] + waiting[f],
        coldStarts: sum(c.coldStarts, f),
        environmentsCreated,
        provisionedEnvironments: fa.provisionedEnvironments,
        timeouts: fa.timeouts,
        asyncDropped: fa.asyncDropped,
        retries: fa.retries,
        limitHits: fa.limitHits,
        concurrency: levelStats(fa.busy, horizonMs),
        environments: levelStats(fa.envs, horizonMs),
        latency: latencyStats(fa.latency),
        billedMs,
        provisionedBilledMs,
        usage: {
          architecture: fn.architecture,
          memoryMb: fn.memoryMb,
          ephemeralStorageMb: fn.ephemeralStorageMb,
          requests: completed,
          billedMs,
          provisionedBilledMs,
          tenantEnvironments: chargedEnvironments(fn.tenancy, environmentsCreated),
          provisionedConcurrency: fn.provisionedConcurrency,
          provisionedMs: fn.provisionedConcurrency > 0 ? horizonMs : 0,
        },
      };
    });
    return {
      variant: this.variant,
      horizonMs,
      periodMs: this.config.horizonMs ?? this.lastArrivalMs,
      eventsProcessed: events,
      tenantCount: this.config.tenants.count,
      cells: c,
      functions,
      account: {
        concurrency: levelStats(this.busy, horizonMs),
        environments: levelStats(this.envs, horizonMs),
        latency: latencyStats(this.latency),
        limitHits: this.limitHits,
      },
      timeseries: this.series(horizonMs),
      tenantLatency: this.tenantLatency,
    };
  }

  /** The cell counters as one array per counter. */
  private cellColumns(): CellTotals {
    const n = this.cellCount;
    const column = (array: Float64Array, stride: number, k: number) => {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = array[i * stride + k];
      return col;
    };
    const environments = column(this.blocks, Block.STRIDE, Block.ENVIRONMENTS);
    return {
      invocations: column(this.blocks, Block.STRIDE, Block.INVOCATIONS),
      completed: column(this.blocks, Block.STRIDE, Block.COMPLETED),
      throttled: column(this.rare, RARE_STRIDE, THROTTLED),
      rejected: column(this.rare, RARE_STRIDE, REJECTED),
      coldStarts: environments,
      environmentsCreated: environments.slice(),
      billedMs: column(this.blocks, Block.STRIDE, Block.BILLED_MS),
      provisionedBilledMs: column(this.rare, RARE_STRIDE, PROVISIONED_BILLED),
    };
  }

  private series(horizonMs: number): RunRecord['timeseries'] {
    const n = Math.max(1, Math.ceil(horizonMs / BUCKET_MS));
    const busy = this.busy.bucketsTo(horizonMs);
    const envs = this.envs.bucketsTo(horizonMs);
    const width = (i: number) => Math.min(BUCKET_MS, horizonMs - i * BUCKET_MS);
    const mean = (areas: number[]) => areas.slice(0, n).map((a, i) => (width(i) > 0 ? a / width(i) : 0));
    return {
      bucketMs: BUCKET_MS,
      arrivals: this.arrivals.toArray(n),
      coldStarts: this.colds.toArray(n),
      throttles: this.throttles.toArray(n),
      peakConcurrency: busy.peaks.slice(0, n),
      meanConcurrency: mean(busy.areas),
      peakEnvironments: envs.peaks.slice(0, n),
      meanEnvironments: mean(envs.areas),
    };
  }
}

/** Rare cell counters, RARE_STRIDE per cell. */
const THROTTLED = 0;
const REJECTED = 1;
const PROVISIONED_BILLED = 2;
const RARE_STRIDE = 4;

function levelStats(level: Level, horizonMs: number): LevelStats {
  const area = level.integralTo(horizonMs);
  return { peak: level.peak, mean: horizonMs > 0 ? area / horizonMs : 0 };
}

function latencyStats(q: QuantileRecorder): LatencyStats {
  return {
    count: q.count,
    mean: q.mean(),
    p50: q.quantile(0.5),
    p90: q.quantile(0.9),
    p99: q.quantile(0.99),
    max: q.max,
    exact: q.isExact(),
  };
}
