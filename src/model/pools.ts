/**
 * Pools of idle environments: one per (function, tenant) for isolated functions, one per function for
 * shared ones, and one per function for provisioned concurrency. Each pool is a linked list threaded
 * through {@link Environments} (head = least recently freed, tail = most recently freed).
 */
import type { RandomStream } from '../engine/random.js';
import type { ReusePolicy } from './config.js';
import { Block } from './blocks.js';
import { EnvInt, type Environments, EnvState, EnvTime } from './environments.js';

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
    const { envs } = this;
    envs.ints[e * EnvInt.STRIDE + EnvInt.STATE] = EnvState.IDLE;
    envs.ints[e * EnvInt.STRIDE + EnvInt.PREV] = this.d[p * Block.STRIDE + Block.TAIL];
    envs.ints[e * EnvInt.STRIDE + EnvInt.NEXT] = -1;
    const tail = this.d[p * Block.STRIDE + Block.TAIL];
    if (tail >= 0) envs.ints[tail * EnvInt.STRIDE + EnvInt.NEXT] = e;
    else this.d[p * Block.STRIDE + Block.HEAD] = e;
    this.d[p * Block.STRIDE + Block.TAIL] = e;
  }

  /** Unlinks idle environment `e` from pool `p` (state is left for the caller to set). */
  remove(p: number, e: number): void {
    const { envs } = this;
    const a = envs.ints[e * EnvInt.STRIDE + EnvInt.PREV];
    const b = envs.ints[e * EnvInt.STRIDE + EnvInt.NEXT];
    if (a >= 0) envs.ints[a * EnvInt.STRIDE + EnvInt.NEXT] = b;
    else this.d[p * Block.STRIDE + Block.HEAD] = b;
    if (b >= 0) envs.ints[b * EnvInt.STRIDE + EnvInt.PREV] = a;
    else this.d[p * Block.STRIDE + Block.TAIL] = a;
  }

  /** Takes the most recently freed idle environment of pool `p` (policy `mru`) and unlinks it; -1 when the
   *  pool has none. The same as `take(p, 'mru', rng)`, in a body small enough to be inlined (speed). */
  takeLast(p: number): number {
    const d = this.d;
    const e = d[p * Block.STRIDE + Block.TAIL];
    if (e < 0) return -1;
    const ints = this.envs.ints;
    const prev = ints[e * EnvInt.STRIDE + EnvInt.PREV];
    if (prev >= 0) ints[prev * EnvInt.STRIDE + EnvInt.NEXT] = -1;
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
        while (k-- > 0) e = this.envs.ints[e * EnvInt.STRIDE + EnvInt.NEXT];
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
    for (let e = this.d[p * Block.STRIDE + Block.HEAD]; e >= 0; e = this.envs.ints[e * EnvInt.STRIDE + EnvInt.NEXT]) n++;
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
    if (sorted) return envs.times[h * EnvTime.STRIDE + EnvTime.EXPIRES_AT];
    let t = Infinity;
    for (let e = h; e >= 0; e = envs.ints[e * EnvInt.STRIDE + EnvInt.NEXT]) if (envs.times[e * EnvTime.STRIDE + EnvTime.EXPIRES_AT] < t) t = envs.times[e * EnvTime.STRIDE + EnvTime.EXPIRES_AT];
    return t;
  }

  /** The idle environment of pool `p` created last (ties: the most recently freed). */
  private newest(p: number): number {
    const { envs } = this;
    let best = this.d[p * Block.STRIDE + Block.TAIL];
    for (let e = envs.ints[best * EnvInt.STRIDE + EnvInt.PREV]; e >= 0; e = envs.ints[e * EnvInt.STRIDE + EnvInt.PREV]) {
      if (envs.times[e * EnvTime.STRIDE + EnvTime.CREATED_AT] > envs.times[best * EnvTime.STRIDE + EnvTime.CREATED_AT]) best = e;
    }
    return best;
  }
}
