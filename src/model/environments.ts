/**
 * Execution environments in typed arrays, recycled through a free list so that memory follows the number
 * of live environments, not the number ever created. An environment is FREE (slot unused), BUSY
 * (initializing or running one request) or IDLE (warm, in its pool's idle list).
 *
 * Idle environments of one pool form an intrusive doubly linked list, oldest-freed at the head and
 * most-recently-freed at the tail, so taking the MRU or LRU one and removing an expired one are O(1).
 *
 * Layout: each environment is one 64-byte block of one buffer, its integer fields in the first half and its
 * times in the second, read through two views as `ints[e * EnvInt.STRIDE + EnvInt.POOL]` and
 * `times[e * EnvTime.STRIDE + EnvTime.CREATED_AT]` (speed: touching an environment costs one cache line, or
 * two adjacent ones, instead of one per field, which matters with tens of thousands of live environments).
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
}

/** Integer fields (32-bit words 0 to 7 of the block): pool, function, state, flags, previous and next idle
 *  environment of the pool (-1 = none), and (BUSY) the (function, tenant) cell of the current request. */
export const enum EnvInt {
  POOL = 0,
  FN = 1,
  STATE = 2,
  FLAGS = 3,
  PREV = 4,
  NEXT = 5,
  CELL = 6,
  /** 32-bit words per block. */
  STRIDE = 16,
}

/** Time fields (ms; 64-bit words 4 to 7 of the block): (BUSY) first arrival of the current request and its
 *  billed duration; (IDLE) when the keep-alive ends; when the environment was created. */
export const enum EnvTime {
  ARRIVED_AT = 4,
  BILLED_MS = 5,
  EXPIRES_AT = 6,
  CREATED_AT = 7,
  /** 64-bit words per block. */
  STRIDE = 8,
}

export class Environments {
  ints = new Int32Array(0);
  times = new Float64Array(0);
  /** Creation order of the environment in the run (0, 1, ...); slots are reused, serials never. */
  serial = new Float64Array(0);
  private freeList: number[] = [];
  private used = 0;

  /** Environment slots ever held at once (array capacity in use). */
  get highWater(): number {
    return this.used;
  }

  /** A slot for a new environment (state left EnvState.FREE for the caller to set). */
  alloc(): number {
    const reused = this.freeList.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.serial.length) this.grow(Math.max(1024, this.used * 2));
    return this.used++;
  }

  /** Returns slot `e` to the free list. */
  release(e: number): void {
    this.ints[e * EnvInt.STRIDE + EnvInt.STATE] = EnvState.FREE;
    this.ints[e * EnvInt.STRIDE + EnvInt.FLAGS] = 0;
    this.freeList.push(e);
  }

  /** State of environment `e`. */
  state(e: number): number {
    return this.ints[e * EnvInt.STRIDE + EnvInt.STATE];
  }

  /** Function index of environment `e`. */
  fn(e: number): number {
    return this.ints[e * EnvInt.STRIDE + EnvInt.FN];
  }

  private grow(cap: number): void {
    const times = new Float64Array(cap * EnvTime.STRIDE);
    times.set(this.times);
    this.times = times;
    this.ints = new Int32Array(times.buffer); // the same blocks, as 32-bit words
    const serial = new Float64Array(cap);
    serial.set(this.serial);
    this.serial = serial;
  }
}
