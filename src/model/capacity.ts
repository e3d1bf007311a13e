/**
 * The platform's limits as the run goes (docs/model.md, "Limits"; each rule in platform.ts): busy
 * environments per function and in the account's unreserved concurrency, live environments per function
 * against its environment cap, and each function's scaling bucket. Owned here; the simulation asks.
 */
import type { ScenarioConfig } from './config.js';
import { environmentCap, unreservedConcurrency } from './platform.js';

export class Capacity {
  /** Each function's reservation; -1 = it draws on the unreserved concurrency. */
  private readonly reserved: Int32Array;
  /** Each function's cap on live environments (Infinity: none). */
  private readonly cap: Float64Array;
  private readonly busyByFunction: Int32Array;
  private readonly liveByFunction: Int32Array;
  private readonly unreservedLimit: number;
  private unreservedBusy = 0;
  /** Busy environments in the account. */
  busy = 0;
  /** Scaling: a token bucket per function of `burst` new environments, refilled continuously. */
  private readonly tokens: Float64Array;
  private readonly tokensAt: Float64Array;
  private readonly burst: number;
  private readonly refillPerMs: number;

  constructor(config: ScenarioConfig) {
    const { functions, platform } = config;
    this.reserved = Int32Array.from(functions, (f) => f.reservedConcurrency ?? -1);
    this.cap = Float64Array.from(functions, (f) => environmentCap(platform, f));
    this.busyByFunction = new Int32Array(functions.length);
    this.liveByFunction = new Int32Array(functions.length);
    this.unreservedLimit = unreservedConcurrency(platform, functions);
    this.burst = platform.scalingBurst;
    this.refillPerMs = platform.scalingBurst / platform.scalingWindowMs;
    this.tokens = new Float64Array(functions.length).fill(this.burst);
    this.tokensAt = new Float64Array(functions.length);
  }

  /** Whether function `f` reserves concurrency (else it shares the account's unreserved concurrency). */
  isReserved(f: number): boolean {
    return this.reserved[f] >= 0;
  }

  /** Whether one more busy environment of function `f` is refused by its concurrency limit: its
   *  reservation, or the account's unreserved concurrency (see {@link isReserved} for which). */
  concurrencyFull(f: number): boolean {
    const r = this.reserved[f];
    return r >= 0 ? this.busyByFunction[f] >= r : this.unreservedBusy >= this.unreservedLimit;
  }

  /** Whether function `f`'s scaling bucket holds a new environment now (refilled up to `now`, not banked
   *  beyond the burst). */
  canScale(now: number, f: number): boolean {
    const t = Math.min(this.burst, this.tokens[f] + (now - this.tokensAt[f]) * this.refillPerMs);
    this.tokensAt[f] = now;
    this.tokens[f] = t;
    return t >= 1;
  }

  /** Whether function `f`'s live environments have reached its environment cap. */
  capReached(f: number): boolean {
    return this.liveByFunction[f] >= this.cap[f];
  }

  /** An on-demand environment of function `f` is created: it takes a token of the bucket (only an
   *  environment actually created uses the scaling rate) and counts against the cap. */
  created(f: number): void {
    this.tokens[f]--;
    this.liveByFunction[f]++;
  }

  /** A provisioned environment of function `f` is created (before the run: no token). */
  provisioned(f: number): void {
    this.liveByFunction[f]++;
  }

  /** An environment of function `f` ends. */
  ended(f: number): void {
    this.liveByFunction[f]--;
  }

  /** An environment of function `f` starts a request. */
  busyStarted(f: number): void {
    this.busyByFunction[f]++;
    if (this.reserved[f] < 0) this.unreservedBusy++;
    this.busy++;
  }

  /** An environment of function `f` finishes its request. */
  busyEnded(f: number): void {
    this.busyByFunction[f]--;
    if (this.reserved[f] < 0) this.unreservedBusy--;
    this.busy--;
  }
}
