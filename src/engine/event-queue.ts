/**
 * A binary min-heap of events in parallel typed arrays, keyed by (time, order), where
 * order = priority * 2^40 + sequence. Equal times therefore run by priority, then in scheduling order.
 * Each event carries two integers: a kind and a datum. No objects are allocated per event.
 *
 * Cost: push and pop O(log n); memory 24 bytes per pending event, grown by doubling.
 */
export class EventQueue {
  private times: Float64Array;
  private orders: Float64Array;
  private kinds: Int32Array;
  private data: Int32Array;
  /** Number of pending events. */
  size = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.orders = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.data = new Int32Array(initialCapacity);
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0] : Infinity;
  }

  /** Order key of the earliest event; Infinity when empty. */
  peekOrder(): number {
    return this.size > 0 ? this.orders[0] : Infinity;
  }

  /** Kind of the earliest event (undefined content when empty). */
  peekKind(): number {
    return this.kinds[0];
  }

  /** Datum of the earliest event (undefined content when empty). */
  peekDatum(): number {
    return this.data[0];
  }

  /** Adds an event. `order` must come from {@link orderKey}. */
  push(time: number, order: number, kind: number, datum: number): void {
    if (this.size === this.times.length) this.grow();
    const { times, orders, kinds, data } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && orders[p] < order)) break;
      times[i] = pt;
      orders[i] = orders[p];
      kinds[i] = kinds[p];
      data[i] = data[p];
      i = p;
    }
    times[i] = time;
    orders[i] = order;
    kinds[i] = kind;
    data[i] = datum;
  }

  /** Removes the earliest event; read it first with the peek methods. */
  pop(): void {
    const { times, orders, kinds, data } = this;
    const n = --this.size;
    if (n === 0) return;
    const t = times[n];
    const o = orders[n];
    const k = kinds[n];
    const d = data[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (times[r] < times[c] || (times[r] === times[c] && orders[r] < orders[c]))) c = r;
      if (times[c] > t || (times[c] === t && orders[c] > o)) break;
      times[i] = times[c];
      orders[i] = orders[c];
      kinds[i] = kinds[c];
      data[i] = data[c];
      i = c;
    }
    times[i] = t;
    orders[i] = o;
    kinds[i] = k;
    data[i] = d;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    this.times = t;
    const o = new Float64Array(cap);
    o.set(this.orders);
    this.orders = o;
    const k = new Int32Array(cap);
    k.set(this.kinds);
    this.kinds = k;
    const d = new Int32Array(cap);
    d.set(this.data);
    this.data = d;
  }
}

/** Sequence numbers stay below 2^40 (about 1.1e12 events), so priority * 2^40 + sequence is exact. */
export const MAX_SEQUENCE = 2 ** 40;

/** The tie-break key of an event: lower priority first, then earlier sequence. Priority 0..8191. */
export function orderKey(priority: number, sequence: number): number {
  return priority * MAX_SEQUENCE + sequence;
}
