/**
 * What the simulation records, fed as it runs: the cells' counters (cells.ts), latency (latency.ts), levels
 * of busy and live environments, per-function counts and per-minute series. Nothing per invocation is kept.
 */
import { BucketCounter } from '../engine/bucket-counter.js';
import { Level, type LevelState } from '../engine/level.js';
import { SeriesWidth } from '../engine/series-width.js';
import { Cells } from './cells.js';
import type { ScenarioConfig } from './config.js';
import type { Environments } from './environments.js';
import { LatencyRecorder, type LatencyState } from './latency.js';
import { type LimitName, noLimitHits } from './platform.js';
import { CELL_COUNTERS, type CellCounter, type CellTotals, type CreationCauses, type FunctionRun, type LevelStats, type RunRecord, type TierRun, WARMER_COUNTERS, type WarmerCounter } from './record.js';
import { tierUnits, type UnitTables } from './tiers.js';
import { ColdCause, COLD_START_CAUSES, type ColdStartCause } from './cold-causes.js';

/** Width of the time-series buckets: one minute, ... */
export const BUCKET_MS = 60_000;
/** ... unless a series would need more than this many (91 days of minutes): then twice as wide, as often as
 *  needed (ten years: 64 minutes), so that memory and timeseries.csv stay bounded. */
export const MAX_SERIES_BUCKETS = 1 << 17;

/** What is kept per function besides its cells' counters. */
interface FunctionAccumulators {
  busy: Level;
  envs: Level;
  limitHits: Record<LimitName, number>;
  provisionedEnvironments: number;
  /** Cold starts by cause (indexed by ColdCause). */
  causes: Float64Array;
  replacements: number;
  asyncDropped: number;
  retries: number;
  /** Limit hits per tier (see tiers.ts). */
  tierHits: Record<LimitName, number>[];
}

/** What a {@link Recorder} holds, as plain numbers (see Recorder.state). */
export interface RecorderState {
  /** The series' bucket width at the end. */
  bucketMs: number;
  cells: Record<CellCounter, number[]>;
  latency: LatencyState;
  functions: {
    /** Null with one function (its levels are the account's). */
    busy: LevelState | null;
    envs: LevelState | null;
    limitHits: Record<LimitName, number>;
    provisionedEnvironments: number;
    causes: number[];
    replacements: number;
    asyncDropped: number;
    retries: number;
    tierHits: Record<LimitName, number>[];
  }[];
  busy: LevelState;
  envs: LevelState;
  limitHits: Record<LimitName, number>;
  arrivals: number[];
  colds: number[];
  /** Cold starts per scaling window (see {@link Recorder.scalingWindowColds}) and that width. */
  windowColds: number[];
  windowMs: number;
  throttles: number[];
  lastArrivalMs: number;
  tenantCauses: number[];
  tenantReplacements: number[];
}

/** The deployed functions of a run and their peaks, from the simulation's Capacity. */
export interface DeploymentPeaks {
  units: UnitTables;
  peakBusy: Int32Array;
  peakLive: Int32Array;
}

export class Recorder {
  private readonly cells: Cells;
  private readonly latency: LatencyRecorder;
  private readonly fns: FunctionAccumulators[];
  /** Whether the only function shares the account's statistics objects. Tested with === (speed: V8 tests a
   *  boolean field with a full ToBoolean otherwise). */
  private readonly single: boolean;
  /** The series' shared bucket width. */
  private readonly width = new SeriesWidth(BUCKET_MS, MAX_SERIES_BUCKETS);
  private readonly busy = new Level(this.width);
  private readonly envs = new Level(this.width);
  private readonly limitHits = noLimitHits();
  private readonly arrivals = new BucketCounter(this.width);
  private readonly colds = new BucketCounter(this.width);
  /** Cold starts (environments created on demand, which take the scaling rate's tokens) per bucket of the
   *  platform's scaling window, at most 4 x MAX_SERIES_BUCKETS of them (60 days of 10 s; wider past that): what bounds the
   *  scaling rate when shards are merged (shards.ts). */
  private readonly windowWidth: SeriesWidth;
  private readonly windowColds: BucketCounter;
  private readonly throttles = new BucketCounter(this.width);
  /** Time of the last arrival (ms). */
  private lastArrivalMs = 0;
  /** Tenant columns (tenants + 1). */
  private readonly columns: number;
  /** Cold starts per (tenant column, cause): column * ColdCause.COUNT + cause. */
  private readonly tenantCauses: Float64Array;
  private readonly tenantReplacements: Float64Array;
  /** Warmers' counters per cell (see WARMER_COUNTERS), one array each; null without warmers. */
  private readonly warm: Record<WarmerCounter, Float64Array> | null;

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
    const F = config.functions.length;
    this.cells = new Cells(blocks, F * (config.tenants.count + 1));
    this.columns = config.tenants.count + 1;
    this.windowWidth = new SeriesWidth(config.platform.scalingWindowMs, 4 * MAX_SERIES_BUCKETS);
    this.windowColds = new BucketCounter(this.windowWidth);
    this.tenantCauses = new Float64Array(this.columns * ColdCause.COUNT);
    this.tenantReplacements = new Float64Array(this.columns);
    this.latency = new LatencyRecorder(F, config.tenants.count, blocks, clock, environments);
    // With one function, its levels and limit hits are the account's: share them (speed: half the recording work).
    this.single = F === 1;
    this.fns = config.functions.map(() => ({
      // bucketed like the account's, so that each bucket's integral stays an exact integer (see Level)
      busy: this.single ? this.busy : new Level(this.width),
      envs: this.single ? this.envs : new Level(this.width),
      limitHits: this.single ? this.limitHits : noLimitHits(),
      provisionedEnvironments: 0, causes: new Float64Array(ColdCause.COUNT), replacements: 0, asyncDropped: 0, retries: 0,
      tierHits: [noLimitHits(), noLimitHits(), noLimitHits()],
    }));
    const cells = F * (config.tenants.count + 1);
    this.warm = config.warmers.length === 0 ? null : (Object.fromEntries(WARMER_COUNTERS.map((k) => [k, new Float64Array(cells)])) as Record<WarmerCounter, Float64Array>);
  }

  /** A warmer pings cell `cell`'s pool. */
  pingSent(cell: number): void {
    (this.warm as Record<WarmerCounter, Float64Array>).pings[cell]++;
  }

  /** A ping of cell `cell` is refused by a limit (not retried). */
  pingThrottled(cell: number): void {
    (this.warm as Record<WarmerCounter, Float64Array>).throttled[cell]++;
  }

  /** A ping of cell `cell` finds no idle environment: one of function `f` is created for it, `charged` (1) the
   *  per-environment fee or not (0). */
  pingEnvironmentCreated(now: number, f: number, cell: number, charged: number): void {
    const w = this.warm as Record<WarmerCounter, Float64Array>;
    w.coldStarts[cell]++;
    w.environmentsCharged[cell] += charged;
    if (this.single === false) this.fns[f].envs.change(now, 1);
    this.envs.change(now, 1);
  }

  /** The ping of cell `cell` running in environment `e` of function `f` ends now. */
  pingCompleted(f: number, cell: number, e: number): void {
    const w = this.warm as Record<WarmerCounter, Float64Array>;
    w.completed[cell]++;
    w.billedMs[cell] += this.environments.billedMs(e);
    if (this.single === false) this.fns[f].busy.change(this.clock.now, -1);
    this.busy.change(this.clock.now, -1);
  }

  arrival(now: number, cell: number): void {
    this.cells.arrival(cell);
    this.lastArrivalMs = now;
    this.arrivals.add(now);
  }

  rejected(cell: number): void {
    this.cells.rejected(cell);
  }

  throttled(cell: number): void {
    this.cells.throttled(cell);
  }

  /** A new environment of function `f`: on demand for cell `cell`, or provisioned (then `cell` is unused). */
  environmentCreated(now: number, f: number, cell: number, provisioned: boolean): void {
    if (provisioned) this.fns[f].provisionedEnvironments++;
    else this.cells.environmentCreated(cell);
    if (this.single === false) this.fns[f].envs.change(now, 1);
    this.envs.change(now, 1);
  }

  /** An invocation of cell `cell` waits for a new environment, created for `cause`. */
  coldStart(now: number, cell: number, cause: ColdCause): void {
    this.cells.coldStart(cell);
    this.colds.add(now);
    this.windowColds.add(now);
    const column = cell % this.columns;
    this.tenantCauses[column * ColdCause.COUNT + cause]++;
    this.fns[(cell - column) / this.columns].causes[cause]++;
  }

  /** An environment of function `f` last used by cell `cell` is replaced in the background at the end of its
   *  maximum lifetime: a new environment (for the cell), whose init is billed `billedMs`. */
  replaced(f: number, cell: number, billedMs: number): void {
    this.cells.environmentCreated(cell);
    this.cells.billedWithoutRequest(cell, billedMs);
    this.fns[f].replacements++;
    this.tenantReplacements[cell % this.columns]++;
  }

  environmentReclaimed(now: number, f: number): void {
    if (this.single === false) this.fns[f].envs.change(now, -1);
    this.envs.change(now, -1);
  }

  started(now: number, f: number): void {
    if (this.single === false) this.fns[f].busy.change(now, 1);
    this.busy.change(now, 1);
  }

  /** The request of cell `cell` is cut off at its timeout (now, as it ends). */
  timedOut(cell: number): void {
    this.cells.timedOut(cell);
  }

  /** The request of cell `cell` running in environment `e` (BUSY) of function `f` ends now. */
  completed(f: number, cell: number, e: number, provisioned: boolean): void {
    const now = this.clock.now;
    const env = this.environments;
    this.cells.completed(cell, env.billedMs(e), provisioned);
    if (this.single === false) this.fns[f].busy.change(now, -1);
    this.busy.change(now, -1);
    this.latency.completed(f, cell, e);
  }

  /** A user's attempt at function `f`, tier `tier` (its index among the function's tiers), is refused by `limit`. */
  limitHit(now: number, f: number, tier: number, limit: LimitName): void {
    this.fns[f].tierHits[tier][limit]++;
    if (this.single === false) this.fns[f].limitHits[limit]++;
    this.limitHits[limit]++;
    this.throttles.add(now);
  }

  asyncDropped(f: number): void {
    this.fns[f].asyncDropped++;
  }

  retryScheduled(f: number): void {
    this.fns[f].retries++;
  }

  /**
   * Adds what `other` recorded: a recorder of the same variant run over another share of its tenants (see
   * shards.ts), both at their end, `horizonMs`. Counters, integrals and latency add up to the whole run's
   * exactly; peaks to an upper bound of the whole's (see Level.merge).
   */
  merge(other: Recorder, horizonMs: number): void {
    if (this.warm !== null || other.warm !== null) throw new Error('runs with warmers are not split into shards (see shards.ts)');
    for (const r of [this, other]) for (const level of r.levels()) level.bucketsTo(horizonMs);
    this.cells.merge(other.cells);
    this.latency.merge(other.latency);
    this.fns.forEach((fa, f) => {
      const o = other.fns[f];
      if (this.single === false) {
        fa.busy.merge(o.busy);
        fa.envs.merge(o.envs);
        addHits(fa.limitHits, o.limitHits);
      }
      fa.provisionedEnvironments += o.provisionedEnvironments;
      fa.causes.forEach((_, c) => (fa.causes[c] += o.causes[c]));
      fa.replacements += o.replacements;
      fa.asyncDropped += o.asyncDropped;
      fa.retries += o.retries;
      fa.tierHits.forEach((hits, k) => addHits(hits, o.tierHits[k]));
    });
    this.busy.merge(other.busy);
    this.envs.merge(other.envs);
    addHits(this.limitHits, other.limitHits);
    this.arrivals.merge(other.arrivals);
    this.colds.merge(other.colds);
    // one shard may have had a cold start late enough to widen its buckets, another not: the wider wins
    while (this.windowWidth.ms < other.windowWidth.ms) this.windowWidth.double();
    while (other.windowWidth.ms < this.windowWidth.ms) other.windowWidth.double();
    this.windowColds.merge(other.windowColds);
    this.throttles.merge(other.throttles);
    this.lastArrivalMs = Math.max(this.lastArrivalMs, other.lastArrivalMs);
    this.tenantCauses.forEach((_, i) => (this.tenantCauses[i] += other.tenantCauses[i]));
    this.tenantReplacements.forEach((_, i) => (this.tenantReplacements[i] += other.tenantReplacements[i]));
  }

  /** Everything it recorded, closed at `horizonMs`, as plain numbers (for a shard's file; see {@link restore}). */
  state(horizonMs: number): RecorderState {
    for (const level of this.levels()) level.bucketsTo(horizonMs);
    const totals = this.cells.totals();
    return {
      bucketMs: this.width.ms,
      cells: Object.fromEntries(CELL_COUNTERS.map((k) => [k, Array.from(totals[k])])) as Record<CellCounter, number[]>,
      latency: this.latency.state(),
      functions: this.fns.map((fa) => ({
        busy: this.single ? null : fa.busy.state(), envs: this.single ? null : fa.envs.state(), limitHits: { ...fa.limitHits },
        provisionedEnvironments: fa.provisionedEnvironments, causes: Array.from(fa.causes), replacements: fa.replacements,
        asyncDropped: fa.asyncDropped, retries: fa.retries, tierHits: fa.tierHits.map((h) => ({ ...h })),
      })),
      busy: this.busy.state(), envs: this.envs.state(), limitHits: { ...this.limitHits },
      arrivals: this.arrivals.state(), colds: this.colds.state(), throttles: this.throttles.state(),
      windowColds: this.windowColds.state(), windowMs: this.windowWidth.ms,
      lastArrivalMs: this.lastArrivalMs, tenantCauses: Array.from(this.tenantCauses), tenantReplacements: Array.from(this.tenantReplacements),
    };
  }

  /** Takes `s` (from {@link state} of a recorder of the same variant, closed at `horizonMs`) as what it
   *  recorded; a new recorder only, without warmers. @throws Error when `s` does not fit the variant: its
   *  widths are not the ones a run of `horizonMs` ends with (which also bounds every series' length). */
  restore(s: RecorderState, horizonMs: number): void {
    const F = this.config.functions.length;
    if (this.warm !== null) throw new Error('a run with warmers is not restored');
    if (s.functions.length !== F || s.tenantCauses.length !== this.tenantCauses.length || s.tenantReplacements.length !== this.columns) throw new Error('a recorder state of another scenario');
    const widthOf = (base: number, max: number, buckets: number) => {
      let w = base;
      while (Math.ceil(horizonMs / w) > max) w *= 2; // as wide as a run of this length makes them, at most
      return buckets <= max && (s.bucketMs === w || s.bucketMs === w / 2);
    };
    if (!widthOf(BUCKET_MS, MAX_SERIES_BUCKETS, s.arrivals.length) || s.busy.areas.length > MAX_SERIES_BUCKETS) throw new Error(`series of ${s.bucketMs} ms buckets, not those of a run of ${horizonMs} ms`);
    let window = this.config.platform.scalingWindowMs;
    while (window < s.windowMs && window < horizonMs) window *= 2;
    if (window !== s.windowMs || s.windowColds.length > 4 * MAX_SERIES_BUCKETS) throw new Error(`cold starts per ${s.windowMs} ms, not per scaling window`);
    this.width.ms = s.bucketMs;
    this.cells.addTotals(s.cells);
    this.latency.restore(s.latency);
    this.busy.restore(s.busy);
    this.envs.restore(s.envs);
    Object.assign(this.limitHits, s.limitHits);
    this.arrivals.restore(s.arrivals);
    this.colds.restore(s.colds);
    this.windowWidth.ms = s.windowMs;
    this.windowColds.restore(s.windowColds);
    this.throttles.restore(s.throttles);
    this.lastArrivalMs = s.lastArrivalMs;
    this.tenantCauses.set(s.tenantCauses);
    this.tenantReplacements.set(s.tenantReplacements);
    this.fns.forEach((fa, f) => {
      const o = s.functions[f];
      if (this.single === false) {
        if (o.busy === null || o.envs === null) throw new Error('a recorder state without a function\'s levels');
        fa.busy.restore(o.busy);
        fa.envs.restore(o.envs);
        Object.assign(fa.limitHits, o.limitHits);
      }
      if (o.causes.length !== ColdCause.COUNT || o.tierHits.length !== fa.tierHits.length) throw new Error('a recorder state of another scenario');
      fa.provisionedEnvironments = o.provisionedEnvironments;
      fa.causes.set(o.causes);
      fa.replacements = o.replacements;
      fa.asyncDropped = o.asyncDropped;
      fa.retries = o.retries;
      o.tierHits.forEach((h, k) => Object.assign(fa.tierHits[k], h));
    });
  }

  /** Cold starts per bucket of the scaling window (or wider, in a very long run), all functions together. */
  scalingWindowColds(): { bucketMs: number; counts: number[] } {
    return { bucketMs: this.windowWidth.ms, counts: this.windowColds.state() };
  }

  /** The account's levels and each function's (the same objects with one function). */
  private levels(): Level[] {
    return [...new Set([this.busy, this.envs, ...this.fns.flatMap((fa) => [fa.busy, fa.envs])])];
  }

  /**
   * Closes every statistic at `horizonMs` and builds the run record.
   * @param inFlight per function, requests running or waiting for a retry at the end
   */
  finish(horizonMs: number, events: number, inFlight: readonly number[], deployment: DeploymentPeaks): RunRecord {
    const latency = this.latency.finish();
    const width = this.config.tenants.count + 1;
    const cells = this.cells.totals();
    const { units } = deployment;
    const warm = this.warm;
    const functions = this.config.functions.map((fn, f): FunctionRun => {
      const fa = this.fns[f];
      const counts = functionCounts(cells, f, width);
      const columns = units.columnUnits[f];
      const chargedColumns = columns === null ? null : Uint8Array.from(columns, (u) => (u >= 0 ? units.charged[u] : 0));
      let charged = 0;
      for (let i = f * width; i < (f + 1) * width; i++) {
        if (chargedColumns !== null ? chargedColumns[i - f * width] === 1 : units.charged[units.fixedUnit[f]] === 1) charged += cells.environmentsCreated[i];
      }
      // provisioned concurrency serves the function's own tier, when that tier is deployed
      const provisioned = units.tiers[f].some((t) => t.base && t.inUse) ? fn.provisionedConcurrency : 0;
      const warmer = warm === null ? null : (Object.fromEntries(WARMER_COUNTERS.map((k) => [k, sumRange(warm[k], f * width, (f + 1) * width)])) as Record<WarmerCounter, number>);
      const tiers = units.tiers[f].map((spec, k): TierRun => {
        let peakConcurrency = 0;
        let peakEnvironments = 0;
        let first = -1;
        for (let u = 0; u < units.count; u++) {
          if (units.fn[u] !== f || units.tier[u] !== k) continue;
          if (first < 0) first = u;
          peakConcurrency = Math.max(peakConcurrency, deployment.peakBusy[u]);
          peakEnvironments = Math.max(peakEnvironments, deployment.peakLive[u]);
        }
        return {
          tenancy: spec.tenancy, tenants: spec.tenants, deployed: tierUnits(spec), // 0 for a tier not in use
          reservedConcurrency: first >= 0 && units.reserved[first] >= 0 ? units.reserved[first] : null,
          environmentCap: first >= 0 && units.cap[first] !== Infinity ? units.cap[first] : null,
          peakConcurrency, peakEnvironments, limitHits: fa.tierHits[k],
        };
      });
      return {
        name: fn.name, tenancy: fn.tenancy, ...counts, inFlight: inFlight[f],
        provisionedEnvironments: fa.provisionedEnvironments, asyncDropped: fa.asyncDropped, retries: fa.retries,
        causes: creationCauses((c) => fa.causes[c], fa.replacements),
        limitHits: fa.limitHits, concurrency: levelStats(fa.busy, horizonMs), environments: levelStats(fa.envs, horizonMs), latency: latency.functions[f],
        usage: {
          architecture: fn.architecture, memoryMb: fn.memoryMb, ephemeralStorageMb: fn.ephemeralStorageMb, requests: counts.completed + (warmer?.completed ?? 0),
          billedMs: counts.billedMs + (warmer?.billedMs ?? 0), provisionedBilledMs: counts.provisionedBilledMs,
          tenantEnvironments: charged + (warmer?.environmentsCharged ?? 0),
          provisionedConcurrency: provisioned, provisionedMs: provisioned > 0 ? horizonMs : 0,
        },
        tiers, chargedColumns, warmer,
      };
    });
    return {
      variant: this.variant, horizonMs, periodMs: this.config.horizonMs ?? this.lastArrivalMs, eventsProcessed: events,
      tenantCount: this.config.tenants.count, cells, functions,
      account: {
        concurrency: levelStats(this.busy, horizonMs), environments: levelStats(this.envs, horizonMs), latency: latency.account, limitHits: this.limitHits,
      },
      timeseries: this.series(horizonMs),
      tenantCauses: {
        coldStarts: Object.fromEntries(COLD_START_CAUSES.map((name, c) => [name, Float64Array.from({ length: this.columns }, (_, t) => this.tenantCauses[t * ColdCause.COUNT + c])])) as Record<ColdStartCause, Float64Array>,
        replacements: this.tenantReplacements,
      },
      tenantLatency: latency.tenants,
      warmerCells: warm,
    };
  }

  private series(horizonMs: number): RunRecord['timeseries'] {
    this.busy.bucketsTo(horizonMs); // closes the buckets up to the horizon first, which may widen them all
    this.envs.bucketsTo(horizonMs);
    const busy = this.busy.bucketsTo(horizonMs);
    const envs = this.envs.bucketsTo(horizonMs);
    const w = this.width.ms;
    const n = Math.max(1, Math.ceil(horizonMs / w));
    const width = (i: number) => Math.min(w, horizonMs - i * w);
    const mean = (areas: number[]) => areas.slice(0, n).map((a, i) => (width(i) > 0 ? a / width(i) : 0));
    return {
      bucketMs: w,
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

/** Function `f`'s sums of the cell counters (its cells are f * width to (f + 1) * width - 1). */
function functionCounts(cells: CellTotals, f: number, width: number): Record<(typeof CELL_COUNTERS)[number], number> {
  const sums = {} as Record<(typeof CELL_COUNTERS)[number], number>;
  for (const k of CELL_COUNTERS) {
    let s = 0;
    for (let i = f * width; i < (f + 1) * width; i++) s += cells[k][i];
    sums[k] = s;
  }
  return sums;
}

function addHits(to: Record<LimitName, number>, from: Record<LimitName, number>): void {
  for (const k of Object.keys(to) as LimitName[]) to[k] += from[k];
}

function sumRange(values: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  return s;
}

function levelStats(level: Level, horizonMs: number): LevelStats {
  const area = level.integralTo(horizonMs);
  return { peak: level.peak, mean: horizonMs > 0 ? area / horizonMs : 0 };
}

/** The causes as named counts, from `count(cause)` (a ColdCause) and the replacements. */
function creationCauses(count: (c: ColdCause) => number, replacements: number): CreationCauses {
  return { coldStarts: Object.fromEntries(COLD_START_CAUSES.map((name, c) => [name, count(c as ColdCause)])) as Record<ColdStartCause, number>, replacements };
}
