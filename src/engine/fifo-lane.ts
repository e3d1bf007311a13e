/**
 * A first-in-first-out event lane for events that are scheduled in non-decreasing time order, such as
 * timeouts that are always "now + the same constant". It costs O(1) per event instead of the heap's
 * O(log n), and the kernel merges its head with the heap by the same (time, order) key.
 * Ring buffer in typed arrays, grown by doubling.
 */
export class FifoLane {
  private times: Float64Array;
  private orders: Float64Array;
  private kinds: Int32Array;
  private data: Int32Array;
  private head = 0;
  private lastTime = -Infinity;
  private lastOrder = -Infinity;
  /** Number of pending events. */
  size = 0;

  /** `initialCapacity` is rounded up to a power of two (the ring index is masked). */
  constructor(initialCapacity = 1024) {
    const cap = 2 ** Math.ceil(Math.log2(Math.max(2, initialCapacity)));
    this.times = new Float64Array(cap);
    this.orders = new Float64Array(cap);
    this.kinds = new Int32Array(cap);
    this.data = new Int32Array(cap);
  }

  /** Time of the first event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[this.head] : Infinity;
  }

  /** Order key of the first event; Infinity when empty. */
  peekOrder(): number {
    return this.size > 0 ? this.orders[this.head] : Infinity;
  }

  peekKind(): number {
    return this.kinds[this.head];
  }

  peekDatum(): number {
    return this.data[this.head];
  }

  /**
   * Appends an event.
   * @throws RangeError if (`time`, `order`) sorts before the last appended event: a lane's events must
   *   arrive in delivery order (in practice: one priority per lane, non-decreasing times).
   */
  push(time: number, order: number, kind: number, datum: number): void {
    if (time < this.lastTime || (time === this.lastTime && order < this.lastOrder)) {
      throw new RangeError(`FifoLane: event (${time}, ${order}) is before the last (${this.lastTime}, ${this.lastOrder})`);
    }
    this.lastTime = time;
    this.lastOrder = order;
    if (this.size === this.times.length) this.grow();
    const cap = this.times.length;
    const i = (this.head + this.size) & (cap - 1);
    this.times[i] = time;
    this.orders[i] = order;
    this.kinds[i] = kind;
    this.data[i] = datum;
    this.size++;
  }

  /** Removes the first event. */
  pop(): void {
    this.head = (this.head + 1) & (this.times.length - 1);
    this.size--;
  }

  private grow(): void {
    const old = this.times.length;
    const cap = old * 2;
    const unwrap = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
      for (let j = 0; j < this.size; j++) b[j] = a[(this.head + j) & (old - 1)];
      return b;
    };
    this.times = unwrap(this.times, new Float64Array(cap));
    this.orders = unwrap(this.orders, new Float64Array(cap));
    this.kinds = unwrap(this.kinds, new Int32Array(cap));
    this.data = unwrap(this.data, new Int32Array(cap));
    this.head = 0;
  }
}
