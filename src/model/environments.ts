/**
 * Execution environments: their state, owned here and read and changed only through the methods below.
 * An environment is FREE (slot unused), BUSY (initializing or running one request) or IDLE (warm, in its
 * pool's idle list). Slots are recycled through a free list, so memory follows the number of live
 * environments, not the number ever created; serial numbers are never reused.
 *
 * Layout (speed: touching an environment costs one cache line, or two adjacent ones, instead of one per
 * field, which matters with tens of thousands of live environments): each environment is one 64-byte block
 * of one buffer, its integer fields in 32-bit words 0 to 7 and its times in 64-bit words 4 to 7, read
 * through two views. The accessors are small enough for V8 to inline.
 */

/** States of an environment. These layouts and codes are const enums: tsc writes their values into the
 *  code that uses them (speed: V8 reads an exported `const` through a cell, with checks, at every use). */
export const enum EnvState {
  FREE = 0,
  BUSY = 1,
  IDLE = 2,
}

export const enum EnvFlag {
  /** A provisioned-concurrency environment (never expires, never counted as a cold start). */
  PROVISIONED = 1,
  /** A RETIRE event at the end of its maximum lifetime is pending (one is enough: see Simulation). */
  RETIRE_PENDING = 2,
  /** (BUSY) its request runs into the function's timeout: counted as a timeout when it ends. */
  TIMED_OUT = 4,
  /** (BUSY) its request is a warmer's ping: recorded apart from user traffic. */
  PING = 8,
}

/** Integer fields (32-bit words 0 to 7 of the block). */
const enum Int {
  POOL = 0,
  FN = 1,
  STATE = 2,
  FLAGS = 3,
  /** Previous and next idle environment of the pool (-1 = none). */
  PREV = 4,
  NEXT = 5,
  /** (BUSY) the (function, tenant) cell of the current request. */
  CELL = 6,
  /** The deployed function (unit, see tiers.ts) whose limits it counts against. */
  UNIT = 7,
  STRIDE = 16,
}

/** Time fields (ms; 64-bit words 4 to 7 of the block). */
const enum Time {
  /** (BUSY) first arrival of the current request. */
  ARRIVED_AT = 4,
  /** (BUSY) billed duration of the current request. */
  BILLED_MS = 5,
  /** (IDLE) when its keep-alive ends. */
  EXPIRES_AT = 6,
  /** When its maximum lifetime ends (creation + maxLifetime; Infinity for provisioned ones). */
  LIFE_END = 7,
  STRIDE = 8,
}

export class Environments {
  private ints = new Int32Array(0);
  private times = new Float64Array(0);
  /** Creation order of each slot's environment in the run (0, 1, ...). */
  private serials = new Float64Array(0);
  private freeList: number[] = [];
  private used = 0;
  private created = 0;

  /** Environment slots ever held at once (array capacity in use). */
  get highWater(): number {
    return this.used;
  }

  /**
   * A new environment of function `fn` (deployed as unit `unit`) in pool `pool`, created at `now` and ended by
   * its maximum lifetime at `lifeEnd`; its state is left for the caller to set (see {@link setBusy},
   * Pools.pushIdle).
   */
  create(fn: number, unit: number, pool: number, lifeEnd: number, flags: number): number {
    let e = this.freeList.pop();
    if (e === undefined) {
      if (this.used === this.serials.length) this.grow(Math.max(1024, this.used * 2));
      e = this.used++;
    }
    const ints = this.ints;
    ints[e * Int.STRIDE + Int.FN] = fn;
    ints[e * Int.STRIDE + Int.UNIT] = unit;
    ints[e * Int.STRIDE + Int.POOL] = pool;
    ints[e * Int.STRIDE + Int.FLAGS] = flags;
    this.times[e * Time.STRIDE + Time.LIFE_END] = lifeEnd;
    this.serials[e] = this.created++;
    return e;
  }

  /**
   * Environment `e` is replaced, in place, by a new one whose maximum lifetime ends at `lifeEnd`: a new
   * serial number; its pool, state and place in the pool's idle list are the old one's (a replacement
   * initialized in the background takes over where the old one was).
   */
  renew(e: number, lifeEnd: number): void {
    this.ints[e * Int.STRIDE + Int.FLAGS] &= ~EnvFlag.RETIRE_PENDING;
    this.times[e * Time.STRIDE + Time.LIFE_END] = lifeEnd;
    this.serials[e] = this.created++;
  }

  /** Ends environment `e` and frees its slot. */
  release(e: number): void {
    this.ints[e * Int.STRIDE + Int.STATE] = EnvState.FREE;
    this.ints[e * Int.STRIDE + Int.FLAGS] = 0;
    this.freeList.push(e);
  }

  /** `e` now runs a request of cell `cell`, first arrived at `arrivedAt`, billed `billedMs`. */
  setBusy(e: number, cell: number, arrivedAt: number, billedMs: number): void {
    this.ints[e * Int.STRIDE + Int.STATE] = EnvState.BUSY;
    this.ints[e * Int.STRIDE + Int.CELL] = cell;
    this.times[e * Time.STRIDE + Time.ARRIVED_AT] = arrivedAt;
    this.times[e * Time.STRIDE + Time.BILLED_MS] = billedMs;
  }

  /** `e` is idle in its pool's list, between `prev` and `next` (-1 = none). */
  setIdle(e: number, prev: number, next: number): void {
    this.ints[e * Int.STRIDE + Int.STATE] = EnvState.IDLE;
    this.ints[e * Int.STRIDE + Int.PREV] = prev;
    this.ints[e * Int.STRIDE + Int.NEXT] = next;
  }

  state(e: number): number {
    return this.ints[e * Int.STRIDE + Int.STATE];
  }

  fn(e: number): number {
    return this.ints[e * Int.STRIDE + Int.FN];
  }

  unit(e: number): number {
    return this.ints[e * Int.STRIDE + Int.UNIT];
  }

  pool(e: number): number {
    return this.ints[e * Int.STRIDE + Int.POOL];
  }

  /** (BUSY) the cell of its request. */
  cell(e: number): number {
    return this.ints[e * Int.STRIDE + Int.CELL];
  }

  flags(e: number): number {
    return this.ints[e * Int.STRIDE + Int.FLAGS];
  }

  setFlags(e: number, flags: number): void {
    this.ints[e * Int.STRIDE + Int.FLAGS] = flags;
  }

  /** Serial number: the environment's creation order in the run. */
  serial(e: number): number {
    return this.serials[e];
  }

  /** (BUSY) first arrival of its request, ms. */
  arrivedAt(e: number): number {
    return this.times[e * Time.STRIDE + Time.ARRIVED_AT];
  }

  /** (BUSY) billed duration of its request, ms. */
  billedMs(e: number): number {
    return this.times[e * Time.STRIDE + Time.BILLED_MS];
  }

  /** (IDLE) when its keep-alive ends, ms. */
  expiresAt(e: number): number {
    return this.times[e * Time.STRIDE + Time.EXPIRES_AT];
  }

  setExpiresAt(e: number, t: number): void {
    this.times[e * Time.STRIDE + Time.EXPIRES_AT] = t;
  }

  /** When its maximum lifetime ends, ms (in creation order for on-demand environments). */
  lifeEnd(e: number): number {
    return this.times[e * Time.STRIDE + Time.LIFE_END];
  }

  /** (IDLE) the idle environment before and after it in its pool's list (-1 = none). */
  prev(e: number): number {
    return this.ints[e * Int.STRIDE + Int.PREV];
  }

  next(e: number): number {
    return this.ints[e * Int.STRIDE + Int.NEXT];
  }

  setPrev(e: number, prev: number): void {
    this.ints[e * Int.STRIDE + Int.PREV] = prev;
  }

  setNext(e: number, next: number): void {
    this.ints[e * Int.STRIDE + Int.NEXT] = next;
  }

  private grow(cap: number): void {
    const times = new Float64Array(cap * Time.STRIDE);
    times.set(this.times);
    this.times = times;
    this.ints = new Int32Array(times.buffer); // the same blocks, as 32-bit words
    const serials = new Float64Array(cap);
    serials.set(this.serials);
    this.serials = serials;
  }
}
