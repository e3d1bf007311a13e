/**
 * Walker's alias method (with Vose's construction): draws an index with probability proportional to its
 * weight in O(1), from one 53-bit uniform per draw: its integer part (times the size) is the column and its
 * fraction the coin. A 32-bit uniform would leave the coin 32 - log2(size) bits: 12 bits with a million
 * tenants, enough to sample rare tenants 0.3 % off; 53 bits leave 33.
 *
 * Cost: O(n) time and 12 bytes per index to build.
 * @example new AliasTable([1, 1, 2]).sample(rng) // 2 with probability 0.5
 */
import type { RandomStream } from './random.js';

export class AliasTable {
  /** prob[i] and alias[i] side by side at 2i and 2i + 1 (speed: one cache line per draw in large tables). */
  private readonly table: Float64Array;
  readonly size: number;

  /** @throws RangeError if there are no weights, or a weight is negative or not finite, or all are 0. */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new RangeError('AliasTable needs at least one weight');
    let max = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} must be finite and >= 0, got ${w}`);
      if (w > max) max = w;
    }
    if (!(max > 0)) throw new RangeError('weights must not all be 0');
    // Weights are taken relative to the largest, so that their sum cannot overflow (three weights of 1e308).
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] / max;
    this.size = n;
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = ((weights[i] / max) * n) / total;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) prob[i] = 1;
    for (const i of small) prob[i] = 1; // rounding leftovers
    this.table = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      this.table[2 * i] = prob[i];
      this.table[2 * i + 1] = alias[i];
    }
  }

  /** One index in 0..size-1. */
  sample(rng: RandomStream): number {
    const x = rng.double() * this.size;
    const i = x | 0; // one 53-bit uniform gives both the column and the coin
    return (x - i < this.table[2 * i] ? i : this.table[2 * i + 1]) | 0; // an index (the alias is stored as a double): int32 for V8 (speed)
  }
}
