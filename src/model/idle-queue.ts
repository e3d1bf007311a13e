/**
 * Idle environments of one function in the order they became idle, across all its pools: what
 * `capPolicy: reclaim-idle` takes the least recently used one from. Lazy: an entry is added each time an
 * environment becomes idle and is checked only when taken (it is stale if the environment has been used,
 * ended or made idle again since), so a request costs one push. Stale entries are dropped when the queue
 * has grown to twice what the last clean-up kept (and at least 1,024 more), which bounds its memory by
 * the idle environments and keeps the work per push constant on average.
 */
import { EnvState, type Environments } from './environments.js';

export class IdleQueue {
  private envs: number[] = [];
  private stamps: number[] = [];
  private head = 0;
  private limit = 1024;

  /** @param f the unit (deployed function, see tiers.ts) whose environments it queues */
  constructor(
    private readonly environments: Environments,
    private readonly f: number,
  ) {}

  /** `e` became idle; `stamp` (its keep-alive end) tells this entry from a later one of the same environment. */
  push(e: number, stamp: number): void {
    this.envs.push(e);
    this.stamps.push(stamp);
    if (this.envs.length - this.head > this.limit) this.compact();
    else if (this.head > 4096 && this.head * 2 > this.envs.length) {
      // entries taken off the front are dropped once they are half of the arrays
      this.envs = this.envs.slice(this.head);
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }

  /** Removes and returns the least recently idle environment still idle in a pool other than `except`, or -1. */
  take(except: number): number {
    while (this.head < this.envs.length) {
      const e = this.envs[this.head];
      const stamp = this.stamps[this.head];
      this.head++;
      if (this.valid(e, stamp) && this.environments.pool(e) !== except) return e;
    }
    return -1;
  }

  /** Entries waiting, stale ones included (for tests). */
  get size(): number {
    return this.envs.length - this.head;
  }

  private valid(e: number, stamp: number): boolean {
    const env = this.environments;
    return env.state(e) === EnvState.IDLE && env.unit(e) === this.f && env.expiresAt(e) === stamp;
  }

  /** Keeps the valid entries, in order. */
  private compact(): void {
    const envs: number[] = [];
    const stamps: number[] = [];
    const seen = new Set<number>();
    // from the back: an environment's latest entry is the valid one
    for (let i = this.envs.length - 1; i >= this.head; i--) {
      const e = this.envs[i];
      if (seen.has(e) || !this.valid(e, this.stamps[i])) continue;
      seen.add(e);
      envs.push(e);
      stamps.push(this.stamps[i]);
    }
    this.envs = envs.reverse();
    this.stamps = stamps.reverse();
    this.head = 0;
    this.limit = 2 * this.envs.length + 1024;
  }
}
