import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventQueue, orderKey } from '../../src/engine/event-queue.js';
import { FifoLane } from '../../src/engine/fifo-lane.js';
import { Kernel } from '../../src/engine/kernel.js';

describe('Kernel', () => {
  test('delivers by time, then priority, then scheduling order, across heaps and lanes', () => {
    const k = new Kernel();
    const lane = k.addLane();
    const log: string[] = [];
    k.schedule(10, 1, 1, 0); // arrival at 10
    k.scheduleIn(lane, 10, 2, 2, 0); // expiry at 10 (lane)
    k.schedule(10, 0, 0, 0); // completion at 10, scheduled last but priority 0
    k.schedule(5, 2, 3, 0);
    k.scheduleIn(lane, 10, 2, 4, 0); // same priority as the lane's first, scheduled after it
    const other = k.addHeap();
    k.scheduleIn(other, 10, 2, 5, 0); // another heap, same priority, scheduled after both
    expect(() => k.scheduleIn(lane, 10, 1, 6, 0)).toThrow(RangeError); // would overtake the lane's head
    while (k.next()) log.push(`${k.now}:${k.kind}`);
    expect(log).toEqual(['5:3', '10:0', '10:1', '10:2', '10:4', '10:5']);
    expect(k.delivered).toBe(6);
  });

  test('next(until) leaves later events pending and the clock unchanged', () => {
    const k = new Kernel();
    k.schedule(3, 0, 7, 42);
    k.schedule(8, 0, 7, 43);
    expect(k.next(5)).toBe(true);
    expect([k.now, k.datum]).toEqual([3, 42]);
    expect(k.next(5)).toBe(false);
    expect(k.now).toBe(3);
    expect(k.pending).toBe(1);
  });

  test('refuses to schedule in the past or out of order in a lane', () => {
    const k = new Kernel();
    const lane = k.addLane();
    k.schedule(5, 0, 0, 0);
    k.next();
    expect(() => k.schedule(4, 0, 0, 0)).toThrow(RangeError);
    expect(() => k.schedule(Number.NaN, 0, 0, 0)).toThrow(RangeError);
    k.scheduleIn(lane, 9, 0, 0, 0);
    expect(() => k.scheduleIn(lane, 8, 0, 0, 0)).toThrow(RangeError);
  });

  test('property: any schedule comes out sorted by (time, priority, sequence)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 })), { maxLength: 300 }), (evs) => {
        const k = new Kernel();
        evs.forEach(([t, p], i) => k.schedule(t, p, 0, i));
        const out: number[] = [];
        while (k.next()) out.push(k.datum);
        const expected = evs.map((e, i) => ({ t: e[0], p: e[1], i })).sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i).map((e) => e.i);
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe('EventQueue and FifoLane', () => {
  test('property: pushes and pops interleaved give the earliest (time, order) every time', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 })), { freq: 3 }), { maxLength: 400 }), (ops) => {
        const q = new EventQueue(1);
        const pending: Array<{ t: number; o: number; d: number }> = [];
        let seq = 0;
        ops.forEach((op, d) => {
          if (op !== null) {
            const o = orderKey(op[1], seq++);
            q.push(op[0], o, 0, d);
            pending.push({ t: op[0], o, d });
          } else if (pending.length > 0) {
            pending.sort((a, b) => a.t - b.t || a.o - b.o);
            const want = pending.shift()!;
            expect([q.peekTime(), q.peekOrder(), q.peekDatum()]).toEqual([want.t, want.o, want.d]);
            q.pop();
          }
        });
        expect(q.size).toBe(pending.length);
      }),
    );
  });

  test('the heap grows past its initial capacity and stays ordered', () => {
    const q = new EventQueue(2);
    for (let i = 100; i > 0; i--) q.push(i, orderKey(0, 100 - i), 0, i);
    const times: number[] = [];
    while (q.size > 0) {
      times.push(q.peekTime());
      q.pop();
    }
    expect(times).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  test('the lane keeps FIFO order through wrap-around and growth', () => {
    const lane = new FifoLane(4);
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let j = 0; j < (round % 7) + 1; j++) lane.push(next, 0, 0, next++);
      for (let j = 0; j < (round % 5) + 1 && lane.size > 0; j++) {
        out.push(lane.peekDatum());
        lane.pop();
      }
    }
    while (lane.size > 0) {
      out.push(lane.peekDatum());
      lane.pop();
    }
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });
});

describe('BucketCounter', () => {
  test('counts per bucket, in order or not', async () => {
    const { BucketCounter } = await import('../../src/engine/bucket-counter.js');
    const c = new BucketCounter(60_000);
    for (const t of [0, 59_999.9, 60_000, 120_001, 30_000, 600_000]) c.add(t);
    expect(c.toArray(12)).toEqual([3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  });
});

describe('Slot', () => {
  test('holds one event, merged in order with the other queues', () => {
    const k = new Kernel();
    const slot = k.addSlot();
    k.schedule(5, 1, 0, 0);
    k.scheduleIn(slot, 5, 1, 1, 0); // same time and priority, scheduled later
    expect(() => k.scheduleIn(slot, 6, 0, 1, 0)).toThrow(RangeError);
    const log: number[] = [];
    while (k.next()) {
      log.push(k.kind);
      if (k.kind === 1 && log.length < 4) k.scheduleIn(slot, k.now + 1, 1, 1, 0);
    }
    expect(log).toEqual([0, 1, 1, 1]);
  });

  test('scheduleSlot orders and refuses exactly as scheduleIn does', () => {
    const run = (viaSlot: boolean) => {
      const k = new Kernel();
      const lane = k.addLane();
      const slot = k.addSlot();
      const put = (t: number, p: number, kind: number) => (viaSlot ? k.scheduleSlot(slot, t, p, kind, 0) : k.scheduleIn(slot, t, p, kind, 0));
      k.schedule(5, 1, 0, 0);
      k.scheduleIn(lane, 5, 0, 2, 0);
      put(5, 1, 1);
      expect(() => put(6, 0, 1)).toThrow(RangeError); // full
      expect(() => k.scheduleSlot(lane, 6, 0, 1, 0)).toThrow(RangeError); // not a slot
      const log: number[] = [];
      while (k.next()) {
        log.push(k.kind, k.now);
        if (k.kind === 1 && log.length < 12) put(k.now + 1, 1, 1);
      }
      expect(() => put(k.now - 1, 1, 1)).toThrow(RangeError); // in the past
      return log;
    };
    expect(run(true)).toEqual(run(false));
    expect(run(true)).toEqual([2, 5, 0, 5, 1, 5, 1, 6, 1, 7, 1, 8]); // lane (priority 0) first, then by scheduling order
  });

  test('rearm schedules the slot\'s last event again: the same order as scheduleSlot with its priority, kind and datum', () => {
    const run = (rearm: boolean) => {
      const k = new Kernel();
      const slot = k.addSlot();
      expect(() => k.rearm(slot, 1)).toThrow(RangeError); // has held no event
      k.scheduleSlot(slot, 2, 1, 7, 42);
      expect(() => k.rearm(slot, 3)).toThrow(RangeError); // holds one
      k.schedule(4, 1, 0, 0); // same time and priority as the slot's second event, scheduled earlier
      const log: number[] = [];
      while (k.next()) {
        log.push(k.kind, k.datum, k.now);
        if (k.kind === 7 && log.length < 12) {
          if (rearm) k.rearm(slot, k.now + 2);
          else k.scheduleSlot(slot, k.now + 2, 1, 7, 42);
        }
      }
      expect(() => k.rearm(slot, k.now - 1)).toThrow(RangeError); // in the past
      return log;
    };
    expect(run(true)).toEqual(run(false));
    expect(run(true)).toEqual([7, 42, 2, 0, 0, 4, 7, 42, 4, 7, 42, 6]);
    const k = new Kernel();
    expect(() => k.rearm(k.addLane(), 1)).toThrow(RangeError); // not a slot
  });
});
