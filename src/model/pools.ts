/**
 * Pools of idle environments: one per (function, tenant) where the tenancy keeps environments per tenant,
 * one per function where it shares them, and one per function for provisioned concurrency. Each pool is a
 * doubly linked list threaded through {@link Environments} (head = least recently freed, tail = most
 * recently freed), so taking the most or least recently used one and removing an expired one are O(1).
 * Under the `newest` reuse policy the simulation keeps the lists in creation order instead
 * ({@link insertBySerial}): the tail is then the environment created last.
 */
import type { RandomStream } from '../engine/random.js';
import type { ReusePolicy } from './config.js';
import { Block } from './blocks.js';
import type { Environments } from './environments.js';

export class Pools {
  /** @param d the pools' blocks (see {@link Block}), shared with the cell counters */
  constructor(
    private readonly d: Float64Array,
    private readonly envs: Environments,
  ) {}

  /** Idle environments of pool `p`, least recently freed first: the head of its list (-1 = none). */
  head(p: number): number {
    return this.d[p * Block.STRIDE + Block.HEAD];
  }

  /** Time of pool `p`'s pending keep-alive check, or -1 when none is scheduled. */
  checkAt(p: number): number {
    return this.d[p * Block.STRIDE + Block.CHECK_AT];
  }

  /** Records pool `p`'s pending keep-alive check (-1 = none). */
  setCheckAt(p: number, t: number): void {
    this.d[p * Block.STRIDE + Block.CHECK_AT] = t;
  }

  /** Appends idle environment `e` at the most-recently-freed end of pool `p`. */
  pushIdle(p: number, e: number): void {
    const tail = this.d[p * Block.STRIDE + Block.TAIL];
    this.envs.setIdle(e, tail, -1);
    if (tail >= 0) this.envs.setNext(tail, e);
    else this.d[p * Block.STRIDE + Block.HEAD] = e;
    this.d[p * Block.STRIDE + Block.TAIL] = e;
  }

  /** Unlinks idle environment `e` from pool `p` (state is left for the caller to set). */
  remove(p: number, e: number): void {
    const { envs } = this;
    const a = envs.prev(e);
    const b = envs.next(e);
    if (a >= 0) envs.setNext(a, b);
    else this.d[p * Block.STRIDE + Block.HEAD] = b;
    if (b >= 0) envs.setPrev(b, a);
    else this.d[p * Block.STRIDE + Block.TAIL] = a;
  }

  /** Takes the most recently freed idle environment of pool `p` (policy `mru`) and unlinks it; -1 when the
   *  pool has none. The same as `take(p, 'mru', rng)`, in a body small enough to be inlined (speed). */
  takeLast(p: number): number {
    const d = this.d;
    const e = d[p * Block.STRIDE + Block.TAIL];
    if (e < 0) return -1;
    const prev = this.envs.prev(e);
    if (prev >= 0) this.envs.setNext(prev, -1);
    else d[p * Block.STRIDE + Block.HEAD] = -1;
    d[p * Block.STRIDE + Block.TAIL] = prev;
    return e;
  }

  /**
   * Takes an idle environment of pool `p` by `policy` and unlinks it; -1 when the pool has none.
   * `mru` and `lru` are O(1); `newest` and `random` walk the pool's idle list (O(idle in that pool)).
   */
  take(p: number, policy: ReusePolicy, rng: RandomStream): number {
    if (this.d[p * Block.STRIDE + Block.TAIL] < 0) return -1;
    let e: number;
    switch (policy) {
      case 'mru':
        e = this.d[p * Block.STRIDE + Block.TAIL];
        break;
      case 'lru':
        e = this.d[p * Block.STRIDE + Block.HEAD];
        break;
      case 'newest': // lists in creation order (insertBySerial): the tail was created last
        e = this.d[p * Block.STRIDE + Block.TAIL];
        break;
      case 'random': {
        let k = Math.floor(rng() * this.idleCount(p));
        e = this.d[p * Block.STRIDE + Block.HEAD];
        while (k-- > 0) e = this.envs.next(e);
        break;
      }
    }
    this.remove(p, e);
    return e;
  }

  /** Idle environments of pool `p`, counted along its list (only the `random` policy needs the count, and it
   *  walks the list anyway: no count is kept, which leaves a word of the pool's block free). */
  idleCount(p: number): number {
    let n = 0;
    for (let e = this.d[p * Block.STRIDE + Block.HEAD]; e >= 0; e = this.envs.next(e)) n++;
    return n;
  }

  /**
   * Earliest keep-alive end among pool `p`'s idle environments (Infinity when none). When every idle
   * environment got the same keep-alive (`sorted`), the head, freed first, ends first: O(1); otherwise the
   * idle list is walked.
   */
  earliestExpiry(p: number, sorted: boolean): number {
    const { envs } = this;
    const h = this.d[p * Block.STRIDE + Block.HEAD];
    if (h < 0) return Infinity;
    if (sorted) return envs.expiresAt(h);
    let t = Infinity;
    for (let e = h; e >= 0; e = envs.next(e)) if (envs.expiresAt(e) < t) t = envs.expiresAt(e);
    return t;
  }

  /**
   * Inserts idle environment `e` into pool `p` in creation order (serial numbers ascending from the head), so
   * that the tail is the one created last: the `newest` reuse policy's lists. The walk starts at the tail:
   * under that policy the environments freed are mostly the newest, as they are the ones taken (speed: SimFaaS
   * case 3, about 13 idle, spent 2 s per 10 million requests walking the list at every take; this walks
   * about one step per free).
   */
  insertBySerial(p: number, e: number): void {
    const envs = this.envs;
    const serial = envs.serial(e);
    let after = this.d[p * Block.STRIDE + Block.TAIL];
    while (after >= 0 && envs.serial(after) > serial) after = envs.prev(after);
    const before = after >= 0 ? envs.next(after) : this.d[p * Block.STRIDE + Block.HEAD];
    envs.setIdle(e, after, before);
    if (after >= 0) envs.setNext(after, e);
    else this.d[p * Block.STRIDE + Block.HEAD] = e;
    if (before >= 0) envs.setPrev(before, e);
    else this.d[p * Block.STRIDE + Block.TAIL] = e;
  }
}
