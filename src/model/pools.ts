/**
 * Pools of idle environments: one per (function, tenant) for isolated functions, one per function for
 * shared ones, and one per function for provisioned concurrency. Each pool is a linked list threaded
 * through {@link Environments} (head = least recently freed, tail = most recently freed).
 */
import type { RandomStream } from '../engine/random.js';
import type { ReusePolicy } from './config.js';
import { CREATED_AT, type Environments, EXPIRES_AT, IDLE, INT_STRIDE, NEXT, PREV, STATE, TIME_STRIDE } from './environments.js';

export class Pools {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly idle: Int32Array;
  /** Time of the pool's pending keep-alive check, or -1 when none is scheduled. */
  readonly checkAt: Float64Array;

  constructor(
    count: number,
    private readonly envs: Environments,
  ) {
    this.head = new Int32Array(count).fill(-1);
    this.tail = new Int32Array(count).fill(-1);
    this.idle = new Int32Array(count);
    this.checkAt = new Float64Array(count).fill(-1);
  }

  /** Appends idle environment `e` at the most-recently-freed end of pool `p`. */
  pushIdle(p: number, e: number): void {
    const { envs } = this;
    envs.ints[e * INT_STRIDE + STATE] = IDLE;
    envs.ints[e * INT_STRIDE + PREV] = this.tail[p];
    envs.ints[e * INT_STRIDE + NEXT] = -1;
    const tail = this.tail[p];
    if (tail >= 0) envs.ints[tail * INT_STRIDE + NEXT] = e;
    else this.head[p] = e;
    this.tail[p] = e;
    this.idle[p]++;
  }

  /** Unlinks idle environment `e` from pool `p` (state is left for the caller to set). */
  remove(p: number, e: number): void {
    const { envs } = this;
    const a = envs.ints[e * INT_STRIDE + PREV];
    const b = envs.ints[e * INT_STRIDE + NEXT];
    if (a >= 0) envs.ints[a * INT_STRIDE + NEXT] = b;
    else this.head[p] = b;
    if (b >= 0) envs.ints[b * INT_STRIDE + PREV] = a;
    else this.tail[p] = a;
    this.idle[p]--;
  }

  /**
   * Takes an idle environment of pool `p` by `policy` and unlinks it; -1 when the pool has none.
   * `mru` and `lru` are O(1); `newest` and `random` walk the pool's idle list (O(idle in that pool)).
   */
  take(p: number, policy: ReusePolicy, rng: RandomStream): number {
    if (this.idle[p] === 0) return -1;
    let e: number;
    switch (policy) {
      case 'mru':
        e = this.tail[p];
        break;
      case 'lru':
        e = this.head[p];
        break;
      case 'newest':
        e = this.newest(p);
        break;
      case 'random': {
        let k = Math.floor(rng() * this.idle[p]);
        e = this.head[p];
        while (k-- > 0) e = this.envs.ints[e * INT_STRIDE + NEXT];
        break;
      }
    }
    this.remove(p, e);
    return e;
  }

  /**
   * Earliest keep-alive end among pool `p`'s idle environments (Infinity when none). When every idle
   * environment got the same keep-alive (`sorted`), the head, freed first, ends first: O(1); otherwise the
   * idle list is walked.
   */
  earliestExpiry(p: number, sorted: boolean): number {
    const { envs } = this;
    const h = this.head[p];
    if (h < 0) return Infinity;
    if (sorted) return envs.times[h * TIME_STRIDE + EXPIRES_AT];
    let t = Infinity;
    for (let e = h; e >= 0; e = envs.ints[e * INT_STRIDE + NEXT]) if (envs.times[e * TIME_STRIDE + EXPIRES_AT] < t) t = envs.times[e * TIME_STRIDE + EXPIRES_AT];
    return t;
  }

  /** The idle environment of pool `p` created last (ties: the most recently freed). */
  private newest(p: number): number {
    const { envs } = this;
    let best = this.tail[p];
    for (let e = envs.ints[best * INT_STRIDE + PREV]; e >= 0; e = envs.ints[e * INT_STRIDE + PREV]) {
      if (envs.times[e * TIME_STRIDE + CREATED_AT] > envs.times[best * TIME_STRIDE + CREATED_AT]) best = e;
    }
    return best;
  }
}
