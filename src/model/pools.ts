/**
 * Pools of idle environments: one per (function, tenant) where the tenancy keeps environments per tenant,
 * one per function where it shares them, and one per function for provisioned concurrency. Each pool is a
 * doubly linked list threaded through {@link Environments} (head = least recently freed, tail = most
 * recently freed), so taking the most or least recently used one and removing an expired one are O(1).
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
      case 'newest':
        e = this.newest(p);
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

  /** The idle environment of pool `p` created last: the highest serial number (a background replacement
   *  gets a new one, as it is a new environment). Serials, not lifetime ends: without a maximum lifetime
   *  every environment's ends at Infinity, which would make this the most recently freed one. */
  private newest(p: number): number {
    const { envs } = this;
    let best = this.d[p * Block.STRIDE + Block.TAIL];
    let serial = envs.serial(best);
    for (let e = envs.prev(best); e >= 0; e = envs.prev(e)) {
      const s = envs.serial(e);
      if (s > serial) {
        best = e;
        serial = s;
      }
    }
    return best;
  }
}
