/**
 * A 4-ary min-heap of events keyed by (time, order), where order = priority * 2^40 + sequence. Equal times
 * therefore run by priority, then in scheduling order. Each event carries two integers: a kind and a datum.
 * No objects are allocated per event.
 *
 * Layout (speed): the heap itself is two parallel typed arrays, the times and a slot number per event; an
 * event's order, kind and datum sit side by side in its slot, which does not move while the event is
 * pending. Sifting an event up or down thus moves two numbers per level instead of four, and compares
 * times only (orders are read on a tie). Slots are recycled through a free stack; slot 0 is a sentinel
 * whose order is Infinity, the slot of the empty heap, whose time is Infinity too, so that peeking needs no
 * test (a test there made V8 box the time it returned).
 *
 * Comparisons test `a <= b` first and look at the tie only then (speed: one comparison where most pairs
 * differ; times are never NaN, so this is the same test as `a < b || (a === b && ...)`).
 *
 * Four children per node (speed: half the levels of a binary heap, and the four times side by side, so a
 * pop, the costlier operation, walks fewer levels and reads fewer lines; the order of events is the same
 * whatever the arity, as (time, order) keys are unique). Cost: push and pop O(log n); memory 48 bytes per
 * pending event (8 for its time, 4 for its slot number, 32 for its slot, 4 on the free stack), grown by doubling.
 */
/** A slot's fields: order, kind, datum (and one spare, so that a slot is 32 bytes). */
const SLOT_STRIDE = 4;

export class EventQueue {
  /** Heap order: the time and the slot of each pending event. */
  private times: Float64Array;
  private slots: Int32Array;
  /** Per slot: order, kind and datum, SLOT_STRIDE apart. */
  private payload: Float64Array;
  /** Free slots, a stack; slots never used yet are numbered from `fresh` up. */
  private free: Int32Array;
  private freeTop = 0;
  private fresh = 1;
  /** Number of pending events. */
  size = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(1, initialCapacity);
    this.times = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.payload = new Float64Array((cap + 1) * SLOT_STRIDE);
    this.free = new Int32Array(cap);
    this.times[0] = Infinity;
    this.payload[0] = Infinity;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.times[0];
  }

  /** Order key of the earliest event; Infinity when empty. */
  peekOrder(): number {
    return this.payload[this.slots[0] * SLOT_STRIDE];
  }

  /** Kind of the earliest event (undefined content when empty). */
  peekKind(): number {
    return this.payload[this.slots[0] * SLOT_STRIDE + 1] | 0;
  }

  /** Datum of the earliest event (undefined content when empty). */
  peekDatum(): number {
    return this.payload[this.slots[0] * SLOT_STRIDE + 2] | 0;
  }

  /** Adds an event. `order` must come from {@link orderKey}. */
  push(time: number, order: number, kind: number, datum: number): void {
    if (this.size === this.times.length) this.grow();
    const s = this.freeTop > 0 ? this.free[--this.freeTop] : this.fresh++;
    const payload = this.payload;
    payload[s * SLOT_STRIDE] = order;
    payload[s * SLOT_STRIDE + 1] = kind;
    payload[s * SLOT_STRIDE + 2] = datum;
    const times = this.times;
    const slots = this.slots;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p];
      if (pt <= time && (pt < time || payload[slots[p] * SLOT_STRIDE] < order)) break;
      times[i] = pt;
      slots[i] = slots[p];
      i = p;
    }
    times[i] = time;
    slots[i] = s;
  }

  /** Removes the earliest event; read it first with the peek methods. */
  pop(): void {
    const times = this.times;
    const slots = this.slots;
    this.free[this.freeTop++] = slots[0];
    const n = --this.size;
    if (n === 0) {
      times[0] = Infinity;
      slots[0] = 0;
      return;
    }
    const payload = this.payload;
    const t = times[n];
    const s = slots[n];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children: a node with all four compares them in straight-line code (speed:
      // no loop and its checks per child; the same comparisons in the same order as the loop for the others).
      let c = first;
      let ct = times[c];
      if (first + 4 <= n) {
        let rt = times[first + 1];
        if (rt <= ct && (rt < ct || payload[slots[first + 1] * SLOT_STRIDE] < payload[slots[c] * SLOT_STRIDE])) {
          c = first + 1;
          ct = rt;
        }
        rt = times[first + 2];
        if (rt <= ct && (rt < ct || payload[slots[first + 2] * SLOT_STRIDE] < payload[slots[c] * SLOT_STRIDE])) {
          c = first + 2;
          ct = rt;
        }
        rt = times[first + 3];
        if (rt <= ct && (rt < ct || payload[slots[first + 3] * SLOT_STRIDE] < payload[slots[c] * SLOT_STRIDE])) {
          c = first + 3;
          ct = rt;
        }
      } else {
        for (let r = first + 1; r < n; r++) {
          const rt = times[r];
          if (rt <= ct && (rt < ct || payload[slots[r] * SLOT_STRIDE] < payload[slots[c] * SLOT_STRIDE])) {
            c = r;
            ct = rt;
          }
        }
      }
      if (ct >= t && (ct > t || payload[slots[c] * SLOT_STRIDE] > payload[s * SLOT_STRIDE])) break;
      times[i] = ct;
      slots[i] = slots[c];
      i = c;
    }
    times[i] = t;
    slots[i] = s;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    this.times = t;
    const sl = new Int32Array(cap);
    sl.set(this.slots);
    this.slots = sl;
    const p = new Float64Array((cap + 1) * SLOT_STRIDE);
    p.set(this.payload);
    this.payload = p;
    const f = new Int32Array(cap);
    f.set(this.free.subarray(0, this.freeTop));
    this.free = f;
  }
}

/** Sequence numbers stay below 2^40 (about 1.1e12 events), so priority * 2^40 + sequence is exact. Kept in
 *  a module-local constant for `orderKey` (speed: V8 folds it, where an exported one is read at every use). */
const SEQUENCES = 2 ** 40;
export const MAX_SEQUENCE = SEQUENCES;

/** The tie-break key of an event: lower priority first, then earlier sequence. Priority 0..8191. */
export function orderKey(priority: number, sequence: number): number {
  return priority * SEQUENCES + sequence;
}
