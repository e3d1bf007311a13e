/**
 * The discrete-event kernel: a clock and several queues of future events (4-ary heaps, FIFO lanes for
 * events scheduled in time order, and one-event slots), merged into one total order by (time, priority,
 * sequence). Splitting events by kind into queues keeps each heap small (speed: a heap operation costs log
 * of its size).
 *
 * Comparisons of (time, order) test `a <= b` first and look at the orders only then (speed: one comparison
 * where the times differ; times are never NaN).
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
import { EventQueue, MAX_SEQUENCE } from './event-queue.js';
import { FifoLane } from './fifo-lane.js';

/** Module-local copy of MAX_SEQUENCE (speed: V8 folds a module's own constant, not an imported one). */
const SEQUENCES = MAX_SEQUENCE;

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
  /** Per slot: priority * SEQUENCES of the event it last held, for `rearm`; -1 for a slot that has held none
   *  and for the other queues. */
  private slotBases = new Float64Array([-1]);
  /** Each queue's head time and order (Infinity when empty), kept up to date by `scheduleIn` and `next`. */
  private headTimes = new Float64Array([Infinity]);
  private headOrders = new Float64Array([Infinity]);
  /**
   * The default heap and the slots are compared at every `next`; the other heaps and the lanes ("cold":
   * keep-alive checks and the like, seldom at the front) only through `coldBest`, the one of them with the
   * earliest head (-1 when all are empty), recomputed when one of them is pushed or popped (speed: choosing
   * the next event costs a comparison per slot and two more, instead of a scan of every queue).
   */
  private slotIds = new Int32Array(0);
  private coldIds = new Int32Array(0);
  private coldBest = -1;
  private sequence = 0;

  /** Pending events in all queues. */
  get pending(): number {
    let n = 0;
    for (const q of this.heaps) n += q.size;
    for (const q of this.lanes) n += q.size;
    for (const i of this.slotIds) if (this.headTimes[i] !== Infinity) n++;
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
      b[b.length - 1] = last;
      return b;
    };
    this.types = grow(this.types, new Int32Array(n), type);
    this.index = grow(this.index, new Int32Array(n), index);
    this.slotKinds = grow(this.slotKinds, new Int32Array(n), 0);
    this.slotData = grow(this.slotData, new Int32Array(n), 0);
    this.slotBases = grow(this.slotBases, new Float64Array(n), -1);
    this.headTimes = grow(this.headTimes, new Float64Array(n), Infinity);
    this.headOrders = grow(this.headOrders, new Float64Array(n), Infinity);
    if (type === SLOT) this.slotIds = grow(this.slotIds, new Int32Array(this.slotIds.length + 1), n - 1);
    else this.coldIds = grow(this.coldIds, new Int32Array(this.coldIds.length + 1), n - 1);
    return n - 1;
  }

  /**
   * Schedules an event at absolute time `time` (>= now) in the default heap.
   * @throws RangeError for a time in the past or not a number.
   */
  schedule(time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now)) throw pastTime(time, this.now);
    // The order key (see orderKey), computed here rather than in a method (speed: a call that returns a
    // double that is not inlined boxes it, and schedule runs once per invocation at least).
    const seq = this.sequence++;
    if (seq >= SEQUENCES) throw exhausted();
    const order = priority * SEQUENCES + seq;
    this.heap.push(time, order, kind, datum);
    const ht = this.headTimes[0];
    if (time <= ht && (time < ht || order < this.headOrders[0])) {
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
    const type = this.types[queue];
    if (type === SLOT) return this.scheduleSlot(queue, time, priority, kind, datum);
    if (!(time >= this.now)) throw pastTime(time, this.now);
    const times = this.headTimes;
    const orders = this.headOrders;
    const seq = this.sequence++; // the order key, as in schedule
    if (seq >= SEQUENCES) throw exhausted();
    const order = priority * SEQUENCES + seq;
    if (type === HEAP) this.heaps[this.index[queue]].push(time, order, kind, datum);
    else this.lanes[this.index[queue]].push(time, order, kind, datum);
    const ht = times[queue];
    if (time <= ht && (time < ht || order < orders[queue])) {
      times[queue] = time;
      orders[queue] = order;
      if (queue === 0) return;
      const c = this.coldBest;
      if (c < 0 || time < times[c] || (time === times[c] && order < orders[c])) this.coldBest = queue;
    }
  }

  /**
   * Schedules the event of slot `slot` (from {@link addSlot}); `scheduleIn` comes here for a slot. Sets the
   * slot's kind, datum and priority, then schedules it as {@link rearm} does.
   * @throws RangeError for a time in the past, or when the slot holds an event already.
   */
  scheduleSlot(slot: number, time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now) || this.types[slot] !== SLOT || this.headTimes[slot] !== Infinity) throw this.slotError(slot, time);
    this.slotKinds[slot] = kind;
    this.slotData[slot] = datum;
    this.slotBases[slot] = priority * SEQUENCES;
    this.rearm(slot, time);
  }

  /**
   * Schedules slot `slot`'s event again, at `time`, with the priority, kind and datum of the event it last
   * held: the same as `scheduleSlot(slot, time, ...)` with those (speed: a traffic source re-arms its slot at
   * every arrival, and this smaller body leaves room in its caller's inlining budget).
   * @throws RangeError as scheduleSlot does, and for a slot that has held no event yet
   */
  rearm(slot: number, time: number): void {
    const seq = this.sequence;
    if (!(time >= this.now) || this.headTimes[slot] !== Infinity || !(this.slotBases[slot] >= 0) || seq >= SEQUENCES) throw this.slotError(slot, time);
    this.sequence = seq + 1;
    this.headTimes[slot] = time;
    this.headOrders[slot] = this.slotBases[slot] + seq;
  }

  /** Why `scheduleSlot(slot, time, ...)` is refused. */
  private slotError(slot: number, time: number): RangeError {
    if (!(time >= this.now)) return pastTime(time, this.now);
    if (this.types[slot] !== SLOT || this.headTimes[slot] !== Infinity) return notEmptySlot();
    if (!(this.slotBases[slot] >= 0)) return new RangeError('a slot can be re-armed only after it has held an event');
    return exhausted();
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
    const slots = this.slotIds;
    for (let j = 0; j < slots.length; j++) {
      const i = slots[j];
      const t = times[i];
      if (t <= bestTime && (t < bestTime || orders[i] < orders[b])) {
        bestTime = t;
        b = i;
      }
    }
    const c = this.coldBest;
    if (c >= 0) {
      const t = times[c];
      if (t <= bestTime && (t < bestTime || orders[c] < orders[b])) {
        bestTime = t;
        b = c;
      }
    }
    if (bestTime === Infinity || bestTime > until) return false;
    if (b === 0) {
      const q = this.heap;
      this.kind = q.peekKind();
      this.datum = q.peekDatum();
      q.pop();
      times[0] = q.peekTime();
      orders[0] = q.peekOrder();
    } else if (b !== c) {
      this.kind = this.slotKinds[b];
      this.datum = this.slotData[b];
      times[b] = Infinity;
      orders[b] = Infinity;
    } else {
      this.popCold(b);
    }
    this.now = bestTime;
    this.delivered++;
    return true;
  }

  /** Delivers the head of cold queue `b` into `kind` and `datum` and finds the new `coldBest`. */
  private popCold(b: number): void {
    const times = this.headTimes;
    const orders = this.headOrders;
    if (this.types[b] === HEAP) {
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
    let best = -1;
    let bestTime = Infinity;
    for (const i of this.coldIds) {
      const t = times[i];
      if (t <= bestTime && (t < bestTime || t !== Infinity && orders[i] < orders[best])) {
        bestTime = t;
        best = i;
      }
    }
    this.coldBest = best;
  }

  /** Moves the clock forward to `time` without delivering anything (e.g. to a horizon). */
  advanceTo(time: number): void {
    if (time > this.now) this.now = time;
  }
}

/** The errors `schedule` and `scheduleIn` throw, built out of line (speed: a smaller method body is inlined
 *  into its callers more often). */
function pastTime(time: number, now: number): RangeError {
  return new RangeError(`cannot schedule at ${time}, now is ${now}`);
}

function notEmptySlot(): RangeError {
  return new RangeError('not a slot, or a slot that holds an event already: a slot holds one event at a time');
}

function exhausted(): RangeError {
  return new RangeError('event sequence exhausted');
}
