/**
 * Throttled invocations waiting for a retry (async queue retries and client retries), in parallel arrays
 * recycled through a free list. Memory follows the number waiting at once.
 */
export class Retries {
  fn: number[] = [];
  cell: number[] = [];
  arrivedAt: number[] = [];
  handlerMs: number[] = [];
  attempt: number[] = [];
  source: number[] = [];
  private freeList: number[] = [];
  /** Invocations waiting now. */
  size = 0;

  /** Stores a waiting invocation and returns its slot. `attempt` is the attempt that was just throttled. */
  add(fn: number, cell: number, arrivedAt: number, handlerMs: number, attempt: number, source: number): number {
    const r = this.freeList.pop() ?? this.fn.length;
    this.fn[r] = fn;
    this.cell[r] = cell;
    this.arrivedAt[r] = arrivedAt;
    this.handlerMs[r] = handlerMs;
    this.attempt[r] = attempt;
    this.source[r] = source;
    this.size++;
    return r;
  }

  /** Frees slot `r` once its retry has been attempted. */
  release(r: number): void {
    this.fn[r] = -1;
    this.freeList.push(r);
    this.size--;
  }

  /** Waiting invocations per function. */
  countByFunction(functionCount: number): number[] {
    const out = new Array<number>(functionCount).fill(0);
    for (const f of this.fn) if (f >= 0) out[f]++;
    return out;
  }
}
