/**
 * The discrete-event kernel: a clock and several queues of future events (binary heaps, FIFO lanes for
 * events scheduled in time order, and one-event slots), merged into one total order by (time, priority,
 * sequence). Splitting events by kind into queues keeps each heap small (speed: a heap operation costs log
 * of its size).
 *
 * Order at one instant: the lower priority number runs first; within a priority, events run in the order
 * they were scheduled (their sequence number), whichever queue or lane holds them. The kernel knows nothing
 * of what events mean: a kind and an integer datum are all it carries.
 *
 * Usage, with no closure or promise per event:
 * ```ts
 * const k = new Kernel();
 * k.schedule(5, 0, KIND_A, 42);           // default heap
 * const lane = k.addLane();
 * k.scheduleIn(lane, 7, 0, KIND_B, 1);    // a FIFO lane
 * while (k.next(untilMs)) { switch (k.kind) { case KIND_A: handle(k.now, k.datum); } }
 * ```
 */
import { EventQueue, MAX_SEQUENCE, orderKey } from './event-queue.js';
import { FifoLane } from './fifo-lane.js';

/** Queue types, by queue id. */
const HEAP = 0;
const LANE = 1;
const SLOT = 2;

export class Kernel {
  /** Current simulated time (ms). Starts at 0 and never decreases. */
  now = 0;
  /** Kind of the event that `next` delivered. */
  kind = -1;
  /** Datum of the event that `next` delivered. */
  datum = -1;
  /** Events delivered so far. */
  delivered = 0;
  /** Queue 0 is the default heap, also held by its own type for `schedule` (speed: a monomorphic call). */
  private readonly heap = new EventQueue();
  /** Heaps and lanes in arrays of their own type, found through `index` (speed: every call on a queue is
   *  monomorphic, so it can be inlined, where one array of mixed queue types made each call megamorphic). */
  private readonly heaps: EventQueue[] = [this.heap];
  private readonly lanes: FifoLane[] = [];
  /** Per queue id: its type, its index in `heaps` or `lanes`, and, for a slot, its event's kind and datum
   *  (a slot is nothing but these and its head: speed, an arrival costs a few writes). */
  private types = new Int32Array([HEAP]);
  private index = new Int32Array([0]);
  private slotKinds = new Int32Array(1);
  private slotData = new Int32Array(1);
  /** Each queue's head time and order (Infinity when empty), kept up to date by `scheduleIn` and `next`
   *  (speed: choosing the next event scans two small typed arrays instead of calling every queue). */
  private headTimes = new Float64Array([Infinity]);
  private headOrders = new Float64Array([Infinity]);
  private sequence = 0;

  /** Pending events in all queues. */
  get pending(): number {
    let n = 0;
    for (const q of this.heaps) n += q.size;
    for (const q of this.lanes) n += q.size;
    for (let i = 0; i < this.types.length; i++) if (this.types[i] === SLOT && this.headTimes[i] !== Infinity) n++;
    return n;
  }

  /** Creates another heap and returns its queue id, for use with {@link scheduleIn}. */
  addHeap(): number {
    return this.addQueue(HEAP, this.heaps.push(new EventQueue()) - 1);
  }

  /** Creates a FIFO lane (events must be scheduled in delivery order) and returns its queue id. */
  addLane(): number {
    return this.addQueue(LANE, this.lanes.push(new FifoLane()) - 1);
  }

  /** Creates a slot, a queue of at most one event (for a source with one pending event at a time). */
  addSlot(): number {
    return this.addQueue(SLOT, 0);
  }

  private addQueue(type: number, index: number): number {
    const n = this.types.length + 1;
    const grow = <T extends Float64Array | Int32Array>(a: T, b: T, last: number): T => {
      b.set(a);
      b[n - 1] = last;
      return b;
    };
    this.types = grow(this.types, new Int32Array(n), type);
    this.index = grow(this.index, new Int32Array(n), index);
    this.slotKinds = grow(this.slotKinds, new Int32Array(n), 0);
    this.slotData = grow(this.slotData, new Int32Array(n), 0);
    this.headTimes = grow(this.headTimes, new Float64Array(n), Infinity);
    this.headOrders = grow(this.headOrders, new Float64Array(n), Infinity);
    return n - 1;
  }

  /**
   * Schedules an event at absolute time `time` (>= now) in the default heap.
   * @throws RangeError for a time in the past or not a number.
   */
  schedule(time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, now is ${this.now}`);
    const order = this.nextOrder(priority);
    this.heap.push(time, order, kind, datum);
    const ht = this.headTimes[0];
    if (time < ht || (time === ht && order < this.headOrders[0])) {
      this.headTimes[0] = time;
      this.headOrders[0] = order;
    }
  }

  /**
   * Schedules an event in queue `queue` (from {@link addHeap}, {@link addLane} or {@link addSlot}).
   * @throws RangeError for a time in the past, in a lane before the lane's last event, or in a slot that
   *   holds an event already.
   */
  scheduleIn(queue: number, time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, now is ${this.now}`);
    const type = this.types[queue];
    if (type === SLOT) {
      if (this.headTimes[queue] !== Infinity) throw new RangeError('a slot holds one event at a time');
      this.headTimes[queue] = time;
      this.headOrders[queue] = this.nextOrder(priority);
      this.slotKinds[queue] = kind;
      this.slotData[queue] = datum;
      return;
    }
    const order = this.nextOrder(priority);
    if (type === HEAP) this.heaps[this.index[queue]].push(time, order, kind, datum);
    else this.lanes[this.index[queue]].push(time, order, kind, datum);
    const ht = this.headTimes[queue];
    if (time < ht || (time === ht && order < this.headOrders[queue])) {
      this.headTimes[queue] = time;
      this.headOrders[queue] = order;
    }
  }

  /**
   * Delivers the next event with time <= `until` into `now`, `kind` and `datum`, and returns true; returns
   * false (leaving the event pending and `now` unchanged) when there is none.
   */
  next(until = Infinity): boolean {
    const times = this.headTimes;
    const orders = this.headOrders;
    let b = 0;
    let bestTime = times[0];
    for (let i = 1; i < times.length; i++) {
      const t = times[i];
      if (t < bestTime || (t === bestTime && orders[i] < orders[b])) {
        bestTime = t;
        b = i;
      }
    }
    if (bestTime === Infinity || bestTime > until) return false;
    const type = this.types[b];
    if (type === SLOT) {
      this.kind = this.slotKinds[b];
      this.datum = this.slotData[b];
      times[b] = Infinity;
      orders[b] = Infinity;
    } else if (type === HEAP) {
      const q = this.heaps[this.index[b]];
      this.kind = q.peekKind();
      this.datum = q.peekDatum();
      q.pop();
      times[b] = q.peekTime();
      orders[b] = q.peekOrder();
    } else {
      const q = this.lanes[this.index[b]];
      this.kind = q.peekKind();
      this.datum = q.peekDatum();
      q.pop();
      times[b] = q.peekTime();
      orders[b] = q.peekOrder();
    }
    this.now = bestTime;
    this.delivered++;
    return true;
  }

  /** Moves the clock forward to `time` without delivering anything (e.g. to a horizon). */
  advanceTo(time: number): void {
    if (time > this.now) this.now = time;
  }

  private nextOrder(priority: number): number {
    const seq = this.sequence++;
    if (seq >= MAX_SEQUENCE) throw new RangeError('event sequence exhausted');
    return orderKey(priority, seq);
  }
}
