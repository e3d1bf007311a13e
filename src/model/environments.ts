/**
 * Execution environments in parallel typed arrays, recycled through a free list so that memory follows the
 * number of live environments, not the number ever created. An environment is `FREE` (slot unused),
 * `BUSY` (initializing or running one request) or `IDLE` (warm, in its pool's idle list).
 *
 * Idle environments of one pool form an intrusive doubly linked list, oldest-freed at the head and
 * most-recently-freed at the tail, so taking the MRU or LRU one and removing an expired one are O(1).
 */
export const FREE = 0;
export const BUSY = 1;
export const IDLE = 2;

/** Flag: a provisioned-concurrency environment (never expires, never counted as a cold start). */
export const PROVISIONED = 1;
/** Flag: past its maximum lifetime; reclaimed when its current request ends. */
export const RETIRING = 2;

export class Environments {
  pool = new Int32Array(0);
  fn = new Int32Array(0);
  state = new Uint8Array(0);
  flags = new Uint8Array(0);
  createdAt = new Float64Array(0);
  /** Creation order of the environment in the run (0, 1, ...); slots are reused, serials never. */
  serial = new Float64Array(0);
  /** IDLE: when the keep-alive ends. */
  expiresAt = new Float64Array(0);
  prev = new Int32Array(0);
  next = new Int32Array(0);
  /** BUSY: the (function, tenant) cell of the current request. */
  cell = new Int32Array(0);
  /** BUSY: first arrival time of the current request (for its latency). */
  arrivedAt = new Float64Array(0);
  /** BUSY: billed duration (ms) of the current request. */
  billedMs = new Float64Array(0);
  private freeList: number[] = [];
  private used = 0;

  /** Environments ever held at once (array capacity in use). */
  get highWater(): number {
    return this.used;
  }

  /** A slot for a new environment (state left FREE for the caller to set). */
  alloc(): number {
    const reused = this.freeList.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.state.length) this.grow(Math.max(1024, this.used * 2));
    return this.used++;
  }

  /** Returns slot `e` to the free list. */
  release(e: number): void {
    this.state[e] = FREE;
    this.flags[e] = 0;
    this.freeList.push(e);
  }

  private grow(cap: number): void {
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    const i32 = (n: number) => new Int32Array(n);
    const f64 = (n: number) => new Float64Array(n);
    const u8 = (n: number) => new Uint8Array(n);
    this.pool = g(this.pool, i32);
    this.fn = g(this.fn, i32);
    this.state = g(this.state, u8);
    this.flags = g(this.flags, u8);
    this.createdAt = g(this.createdAt, f64);
    this.serial = g(this.serial, f64);
    this.expiresAt = g(this.expiresAt, f64);
    this.prev = g(this.prev, i32);
    this.next = g(this.next, i32);
    this.cell = g(this.cell, i32);
    this.arrivedAt = g(this.arrivedAt, f64);
    this.billedMs = g(this.billedMs, f64);
  }
}
