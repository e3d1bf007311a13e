/**
 * Execution environments in typed arrays, recycled through a free list so that memory follows the number
 * of live environments, not the number ever created. An environment is `FREE` (slot unused), `BUSY`
 * (initializing or running one request) or `IDLE` (warm, in its pool's idle list).
 *
 * Idle environments of one pool form an intrusive doubly linked list, oldest-freed at the head and
 * most-recently-freed at the tail, so taking the MRU or LRU one and removing an expired one are O(1).
 *
 * Layout: each environment's integer fields sit together in `ints` (INT_STRIDE per environment) and its
 * times together in `times` (TIME_STRIDE per environment), read as `ints[e * INT_STRIDE + POOL]`
 * (speed: touching an environment costs two cache lines instead of one per field, which matters with
 * tens of thousands of live environments).
 */
export const FREE = 0;
export const BUSY = 1;
export const IDLE = 2;

/** Flag: a provisioned-concurrency environment (never expires, never counted as a cold start). */
export const PROVISIONED = 1;
/** Flag: a RETIRE event at the end of its maximum lifetime is pending (one is enough: see Simulation). */
export const RETIRE_PENDING = 2;

/** Integer fields: pool, function, state, flags, previous and next idle environment of the pool (-1 =
 *  none), and (BUSY) the (function, tenant) cell of the current request. */
export const POOL = 0;
export const FN = 1;
export const STATE = 2;
export const FLAGS = 3;
export const PREV = 4;
export const NEXT = 5;
export const CELL = 6;
export const INT_STRIDE = 8;

/** Time fields (ms): (BUSY) first arrival of the current request and its billed duration; (IDLE) when
 *  the keep-alive ends; when the environment was created. */
export const ARRIVED_AT = 0;
export const BILLED_MS = 1;
export const EXPIRES_AT = 2;
export const CREATED_AT = 3;
export const TIME_STRIDE = 4;

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

  /** A slot for a new environment (state left FREE for the caller to set). */
  alloc(): number {
    const reused = this.freeList.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.serial.length) this.grow(Math.max(1024, this.used * 2));
    return this.used++;
  }

  /** Returns slot `e` to the free list. */
  release(e: number): void {
    this.ints[e * INT_STRIDE + STATE] = FREE;
    this.ints[e * INT_STRIDE + FLAGS] = 0;
    this.freeList.push(e);
  }

  /** State of environment `e`. */
  state(e: number): number {
    return this.ints[e * INT_STRIDE + STATE];
  }

  /** Function index of environment `e`. */
  fn(e: number): number {
    return this.ints[e * INT_STRIDE + FN];
  }

  private grow(cap: number): void {
    const ints = new Int32Array(cap * INT_STRIDE);
    ints.set(this.ints);
    this.ints = ints;
    const times = new Float64Array(cap * TIME_STRIDE);
    times.set(this.times);
    this.times = times;
    const serial = new Float64Array(cap);
    serial.set(this.serial);
    this.serial = serial;
  }
}
