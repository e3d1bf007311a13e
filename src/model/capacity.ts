/**
 * The platform's limits as the run goes (docs/model.md, "Limits"; each rule in platform.ts): busy
 * environments per deployed function ("unit", see tiers.ts: a function, a tier of a hybrid function, or one
 * tenant's function) and in the account's unreserved concurrency, live environments per unit against its
 * environment cap, and each unit's scaling bucket. Owned here; the simulation asks.
 */
import type { ScenarioConfig } from './config.js';
import type { UnitTables } from './tiers.js';

export class Capacity {
  /** Each unit's reservation; -1 = it draws on the unreserved concurrency. */
  private readonly reserved: Int32Array;
  /** Each unit's cap on live environments (Infinity: none). */
  private readonly cap: Float64Array;
  private readonly busyByUnit: Int32Array;
  private readonly liveByUnit: Int32Array;
  /** Each unit's peak busy and live environments. */
  readonly peakBusy: Int32Array;
  readonly peakLive: Int32Array;
  private readonly unreservedLimit: number;
  private unreservedBusy = 0;
  /** Busy environments in the account. */
  busy = 0;
  /** Scaling: a token bucket per unit of `burst` new environments, refilled continuously. */
  private readonly tokens: Float64Array;
  private readonly tokensAt: Float64Array;
  private readonly burst: number;
  private readonly refillPerMs: number;

  constructor(config: ScenarioConfig, units: UnitTables) {
    const { platform } = config;
    const n = units.count;
    this.reserved = units.reserved;
    this.cap = units.cap;
    this.busyByUnit = new Int32Array(n);
    this.liveByUnit = new Int32Array(n);
    this.peakBusy = new Int32Array(n);
    this.peakLive = new Int32Array(n);
    this.unreservedLimit = units.unreserved;
    this.burst = platform.scalingBurst;
    this.refillPerMs = platform.scalingBurst / platform.scalingWindowMs;
    this.tokens = new Float64Array(n).fill(this.burst);
    this.tokensAt = new Float64Array(n);
  }

  /** Whether unit `u` reserves concurrency (else it shares the account's unreserved concurrency). */
  isReserved(u: number): boolean {
    return this.reserved[u] >= 0;
  }

  /** Whether one more busy environment of unit `u` is refused by its concurrency limit: its reservation, or
   *  the account's unreserved concurrency (see {@link isReserved} for which). */
  concurrencyFull(u: number): boolean {
    const r = this.reserved[u];
    return r >= 0 ? this.busyByUnit[u] >= r : this.unreservedBusy >= this.unreservedLimit;
  }

  /** Whether unit `u`'s scaling bucket holds a new environment now (refilled up to `now`, not banked beyond
   *  the burst). */
  canScale(now: number, u: number): boolean {
    const t = Math.min(this.burst, this.tokens[u] + (now - this.tokensAt[u]) * this.refillPerMs);
    this.tokensAt[u] = now;
    this.tokens[u] = t;
    return t >= 1;
  }

  /** Whether unit `u`'s live environments have reached its environment cap. */
  capReached(u: number): boolean {
    return this.liveByUnit[u] >= this.cap[u];
  }

  /** An on-demand environment of unit `u` is created: it takes a token of the bucket (only an environment
   *  actually created uses the scaling rate) and counts against the cap. */
  created(u: number): void {
    this.tokens[u]--;
    this.provisioned(u);
  }

  /** A provisioned environment of unit `u` is created (before the run: no token). */
  provisioned(u: number): void {
    const n = ++this.liveByUnit[u];
    if (n > this.peakLive[u]) this.peakLive[u] = n;
  }

  /** An environment of unit `u` ends. */
  ended(u: number): void {
    this.liveByUnit[u]--;
  }

  /** An environment of unit `u` starts a request. */
  busyStarted(u: number): void {
    const n = ++this.busyByUnit[u];
    if (n > this.peakBusy[u]) this.peakBusy[u] = n;
    if (this.reserved[u] < 0) this.unreservedBusy++;
    this.busy++;
  }

  /** An environment of unit `u` finishes its request. */
  busyEnded(u: number): void {
    this.busyByUnit[u]--;
    if (this.reserved[u] < 0) this.unreservedBusy--;
    this.busy--;
  }
}
