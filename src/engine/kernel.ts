/**
 * The discrete-event kernel: a clock, a heap of future events and any number of FIFO lanes for events
 * scheduled in time order, merged into one total order by (time, priority, sequence).
 *
 * Order at one instant: the lower priority number runs first; within a priority, events run in the order
 * they were scheduled (their sequence number), whichever queue or lane holds them. The kernel knows nothing
 * of what events mean: a kind and an integer datum are all it carries.
 *
 * Usage, with no closure or promise per event:
 * ```ts
 * const k = new Kernel();
 * k.schedule(5, 0, KIND_A, 42);
 * while (k.next(untilMs)) { switch (k.kind) { case KIND_A: handle(k.now, k.datum); } }
 * ```
 */
import { EventQueue, MAX_SEQUENCE, orderKey } from './event-queue.js';
import { FifoLane } from './fifo-lane.js';

export class Kernel {
  /** Current simulated time (ms). Starts at 0 and never decreases. */
  now = 0;
  /** Kind of the event that `next` delivered. */
  kind = -1;
  /** Datum of the event that `next` delivered. */
  datum = -1;
  /** Events delivered so far. */
  delivered = 0;
  private readonly heap = new EventQueue();
  private readonly lanes: FifoLane[] = [];
  private sequence = 0;

  /** Pending events in the heap and all lanes. */
  get pending(): number {
    let n = this.heap.size;
    for (const lane of this.lanes) n += lane.size;
    return n;
  }

  /** Creates a FIFO lane and returns its index, for use with {@link scheduleInLane}. */
  addLane(): number {
    this.lanes.push(new FifoLane());
    return this.lanes.length - 1;
  }

  /**
   * Schedules an event at absolute time `time` (>= now).
   * @throws RangeError for a time in the past or not a number.
   */
  schedule(time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, now is ${this.now}`);
    this.heap.push(time, this.nextOrder(priority), kind, datum);
  }

  /**
   * Schedules an event in lane `lane`; times appended to one lane must not decrease.
   * @throws RangeError for a time in the past or earlier than the lane's last event.
   */
  scheduleInLane(lane: number, time: number, priority: number, kind: number, datum: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, now is ${this.now}`);
    this.lanes[lane].push(time, this.nextOrder(priority), kind, datum);
  }

  /**
   * Delivers the next event with time <= `until` into `now`, `kind` and `datum`, and returns true; returns
   * false (leaving the event pending and `now` unchanged) when there is none.
   */
  next(until = Infinity): boolean {
    const heap = this.heap;
    let bestTime = heap.peekTime();
    let bestOrder = heap.peekOrder();
    let best = -1; // -1 = heap, i >= 0 = lane i
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const t = lanes[i].peekTime();
      if (t < bestTime || (t === bestTime && t !== Infinity && lanes[i].peekOrder() < bestOrder)) {
        bestTime = t;
        bestOrder = lanes[i].peekOrder();
        best = i;
      }
    }
    if (bestTime === Infinity || bestTime > until) return false;
    if (best < 0) {
      this.kind = heap.peekKind();
      this.datum = heap.peekDatum();
      heap.pop();
    } else {
      const lane = lanes[best];
      this.kind = lane.peekKind();
      this.datum = lane.peekDatum();
      lane.pop();
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
