/**
 * The discrete-event kernel: a clock and several queues of future events (binary heaps, and FIFO lanes for
 * events scheduled in time order), merged into one total order by (time, priority, sequence). Splitting
 * events by kind into queues keeps each heap small (speed: a heap operation costs log of its size).
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
import { Slot } from './slot.js';

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
  private readonly queues: Array<EventQueue | FifoLane | Slot> = [this.heap];
  /** Each queue's head time and order, kept up to date by `scheduleIn` and `next` (speed: choosing the
   *  next event scans two small typed arrays instead of calling every queue). */
  private headTimes = new Float64Array([Infinity]);
  private headOrders = new Float64Array([Infinity]);
  private sequence = 0;

  /** Pending events in all queues. */
  get pending(): number {
    let n = 0;
    for (const q of this.queues) n += q.size;
    return n;
  }

  /** Creates another heap and returns its queue id, for use with {@link scheduleIn}. */
  addHeap(): number {
    return this.addQueue(new EventQueue());
  }

  /** Creates a FIFO lane (events must be scheduled in delivery order) and returns its queue id. */
  addLane(): number {
    return this.addQueue(new FifoLane());
  }

  /** Creates a slot, a queue of at most one event (for a source with one pending event at a time). */
  addSlot(): number {
    return this.addQueue(new Slot());
  }

  private addQueue(q: EventQueue | FifoLane | Slot): number {
    const n = this.queues.push(q);
    const times = new Float64Array(n).fill(Infinity);
    const orders = new Float64Array(n).fill(Infinity);
    times.set(this.headTimes);
    orders.set(this.headOrders);
    this.headTimes = times;
    this.headOrders = orders;
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
    this.noteHead(0, time, order);
  }

  /**
   * Schedules an event in queue `queue` (from {@link addHeap} or {@link addLane}).
   * @throws RangeError for a time in the past, or, in a lane, before the lane's last event.
   */
  scheduleIn(queue: number, time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, now is ${this.now}`);
    const order = this.nextOrder(priority);
    this.queues[queue].push(time, order, kind, datum);
    this.noteHead(queue, time, order);
  }

  /** After a push: the pushed event is the queue's new head if it sorts first. */
  private noteHead(queue: number, time: number, order: number): void {
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
    const best = this.queues[b];
    this.kind = best.peekKind();
    this.datum = best.peekDatum();
    best.pop();
    times[b] = best.peekTime();
    orders[b] = best.peekOrder();
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
