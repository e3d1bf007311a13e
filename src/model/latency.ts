/**
 * Latency recording, owned here: every completed invocation's latency (first arrival to completion) goes to
 * the account's and its function's quantile recorders and to its tenant's log histogram. Nothing per
 * invocation is kept beyond a batch.
 */
import { GroupHistograms } from '../engine/group-histograms.js';
import { QuantileRecorder, type QuantileState, SKETCH_KEYS } from '../engine/quantiles.js';

/** Latencies a recorder keeps exactly before its sketch (for readers of a recorder's state). */
export { EXACT_LIMIT } from '../engine/quantiles.js';
import { Block } from './blocks.js';
import type { Environments } from './environments.js';
import type { LatencyStats } from './record.js';

/** Latencies recorded per batch. */
const BATCH = 4096;

/** What a {@link LatencyRecorder} holds. */
export interface LatencyState {
  account: QuantileState;
  /** Null with one function (its latencies are the account's). */
  functions: QuantileState[] | null;
  tenants: number[][];
}

export class LatencyRecorder {
  private account = new QuantileRecorder();
  private functions: QuantileRecorder[];
  /** Whether the only function shares the account's recorder. Tested with === (speed: V8 tests a boolean
   *  field with a full ToBoolean otherwise). */
  private readonly single: boolean;
  /** Latency per tenant column (all functions together), for per-tenant percentiles. */
  private readonly tenants: GroupHistograms;
  /** Tenant columns: tenants + 1 (column 0 is traffic without a tenant id). */
  private readonly width: number;
  /** Latencies waiting to be recorded, with their sketch keys and functions, fed to the account and function
   *  recorders a batch at a time (speed: the sketch's work runs in one tight loop; the values and their
   *  order are unchanged). */
  private readonly pendingLatency = new Float64Array(BATCH);
  private readonly pendingFunction = new Int32Array(BATCH);
  private readonly pendingKey = new Int32Array(BATCH);
  private pending = 0;

  /**
   * @param blocks the cells' blocks: each tenant's histogram offset is kept in the block of its first-function
   *   cell, which its requests to that function have just touched (speed: see Block.TENANT_LATENCY)
   * @param clock the simulation's clock, and `environments` its environments: {@link completed} reads the time
   *   and the request's first arrival there (speed: only integers cross that call, where V8 boxes a double
   *   passed to a function it does not inline)
   */
  constructor(
    functionCount: number,
    tenantCount: number,
    blocks: Float64Array,
    private readonly clock: { readonly now: number },
    private readonly environments: Environments,
  ) {
    this.single = functionCount === 1; // with one function, its latencies are the account's (speed: half the work)
    this.functions = Array.from({ length: functionCount }, () => (this.single ? this.account : new QuantileRecorder()));
    this.width = tenantCount + 1;
    this.tenants = new GroupHistograms(this.width, { slots: blocks, stride: Block.STRIDE, field: Block.TENANT_LATENCY });
  }

  /** The request of function `f` and cell `cell` in environment `e` completes now. */
  completed(f: number, cell: number, e: number): void {
    const latencyMs = this.clock.now - this.environments.arrivedAt(e);
    // The tenant's histogram now, while its block is in cache; the account's and function's a batch at a time.
    const key = SKETCH_KEYS.key(latencyMs) | 0; // an integer; `| 0` keeps it in an int32 register for the uses below (speed)
    this.tenants.addKeyed(cell < this.width ? cell : cell % this.width, latencyMs, key); // the first function's cells need no division (speed)
    const n = this.pending++;
    this.pendingLatency[n] = latencyMs;
    this.pendingKey[n] = key;
    this.pendingFunction[n] = f;
    if (n + 1 === BATCH) this.flush();
  }

  private flush(): void {
    const n = this.pending;
    const lat = this.pendingLatency;
    const keys = this.pendingKey;
    const account = this.account;
    for (let i = 0; i < n; i++) account.addKeyed(lat[i], keys[i]);
    if (this.single === false) for (let i = 0; i < n; i++) this.functions[this.pendingFunction[i]].addKeyed(lat[i], keys[i]);
    this.pending = 0;
  }

  /** Adds what `other` (a recorder of the same functions and tenants) recorded. */
  merge(other: LatencyRecorder): void {
    this.flush();
    other.flush();
    this.account.merge(other.account);
    if (this.single === false) this.functions.forEach((q, f) => q.merge(other.functions[f]));
    this.tenants.merge(other.tenants);
  }

  /** Everything it holds, as plain numbers (for a file; see {@link restore}). */
  state(): LatencyState {
    this.flush();
    return { account: this.account.state(), functions: this.single ? null : this.functions.map((q) => q.state()), tenants: this.tenants.state() };
  }

  /** Takes `s` (from {@link state} of a recorder of the same functions and tenants) as its own; a new recorder only. */
  restore(s: LatencyState): void {
    if (this.account.count > 0 || (s.functions === null) !== this.single || (s.functions !== null && s.functions.length !== this.functions.length)) throw new Error('a latency state of other functions');
    this.account = QuantileRecorder.fromState(s.account);
    this.functions = this.single ? [this.account] : (s.functions as QuantileState[]).map((q) => QuantileRecorder.fromState(q));
    this.tenants.addState(s.tenants);
  }

  /** The statistics: the account's, each function's, and the per-tenant histograms. */
  finish(): { account: LatencyStats; functions: LatencyStats[]; tenants: GroupHistograms } {
    this.flush();
    return { account: latencyStats(this.account), functions: this.functions.map(latencyStats), tenants: this.tenants };
  }
}

function latencyStats(q: QuantileRecorder): LatencyStats {
  return { count: q.count, mean: q.mean(), p50: q.quantile(0.5), p90: q.quantile(0.9), p99: q.quantile(0.99), max: q.max, exact: q.isExact() };
}
