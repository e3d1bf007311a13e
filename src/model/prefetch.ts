/**
 * Arrivals generated ahead on a second thread (speed: about a fifth of an invocation's work is drawing its
 * time, tenant and handler duration, none of which depends on the simulation's state, so a worker thread
 * draws them while this thread simulates).
 *
 * A traffic entry's arrivals (times, tenants, routes and handler durations) are a function of its own random
 * streams only (see streams.ts). Traces are never generated ahead. The worker builds the same source (see
 * createSources) from the same seed and writes, per arrival, what the simulation's thread would have
 * computed at that arrival: its time, tenant (or SKIPPED), function and handler duration. Results are
 * identical with and without it.
 *
 * Each generated entry has a ring of CAPACITY arrivals in shared memory. The worker publishes how many it
 * has written, the simulation how many it has read, both as int32 counters that wrap; either side sleeps on
 * the other's counter (Atomics.wait) only when the ring is full or empty, so in a steady run neither side
 * waits and the two meet once per PUBLISH or CHUNK arrivals.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { SKIPPED, type Source } from './arrivals.js';
import type { ScenarioConfig } from './config.js';
import { expectedArrivals } from './estimate.js';
import { controlInts, FAILED, NEW, read, reportFailure, RUNNING, SLEEPING, STATE, STOPPED, WAITING, WAKE, written } from './prefetch-layout.js';
import { createSources } from './sources.js';
import { declaredTenants } from './tenants.js';

/** Arrivals a ring holds (a power of two): 24 bytes each, 1.5 MB per generated entry. */
const CAPACITY = 1 << 16;
/** Arrivals the worker writes between two publications of its counter. */
const PUBLISH = 1 << 10;
/** Arrivals the simulation reads between two publications of its counter. */
const CHUNK = 1 << 13;
/** Expected arrivals from which `auto` generates an entry ahead: starting the worker costs about 60 ms, what
 *  some 700,000 arrivals generated ahead save. */
export const PREFETCH_MIN_ARRIVALS = 1_000_000;
/** How long the simulation waits for an arrival before it gives up on the worker (ms): a live worker writes
 *  to a ring with room in every pass, within milliseconds, so this much silence means it is gone. */
const SILENCE_MS = 30_000;

/** The compiled worker entry, beside this module in dist/. */
export const PREFETCH_WORKER_URL = new URL('./prefetch-worker.js', import.meta.url);

/** When to generate arrivals ahead (see {@link SimulateOptions}). Whether a second thread is worth it on
 *  this machine (cores, the compiled worker, a sweep's workers) is the caller's choice: see src/run.ts. */
export interface PrefetchOptions {
  /** true: every eligible entry; 'large': eligible entries expected to bring at least
   *  {@link PREFETCH_MIN_ARRIVALS} arrivals; false: none. Default: false. */
  prefetch?: boolean | 'large';
  /** The worker entry module. Default: {@link PREFETCH_WORKER_URL}. */
  prefetchWorkerUrl?: URL;
  /** For tests: the first value of the rings' counters (int32s that wrap; default 0). */
  prefetchCounterStart?: number;
}

/** What the worker is given. */
export interface WorkerInput {
  config: ScenarioConfig;
  /** The traffic entries it generates, in ring order. */
  entries: number[];
  control: SharedArrayBuffer;
  rings: RingBuffers[];
  port: MessagePort;
  /** The counters' first value. */
  start: number;
}

export interface RingBuffers {
  times: SharedArrayBuffer;
  handlers: SharedArrayBuffer;
  tenants: SharedArrayBuffer;
  fns: SharedArrayBuffer;
}

function ringBuffers(): RingBuffers {
  return {
    times: new SharedArrayBuffer(CAPACITY * 8),
    handlers: new SharedArrayBuffer(CAPACITY * 8),
    tenants: new SharedArrayBuffer(CAPACITY * 4),
    fns: new SharedArrayBuffer(CAPACITY * 4),
  };
}

/**
 * The traffic entries whose arrivals can be generated on another thread: all but traces (their data is
 * loaded in this thread). Every entry draws its times, tenants, routes and handler durations from its own
 * streams (see streams.ts), so the worker computes exactly what the simulation would.
 */
export function prefetchableEntries(config: ScenarioConfig): number[] {
  return config.traffic.flatMap((t, i) => (t.pattern.type === 'trace' ? [] : [i]));
}

/** The traffic entries `options` has generated ahead (none: all in the simulation's thread). */
export function entriesToPrefetch(config: ScenarioConfig, options: PrefetchOptions): number[] {
  const mode = options.prefetch ?? false;
  if (mode === false) return [];
  const eligible = prefetchableEntries(config);
  if (mode === true) return eligible;
  return eligible.filter((i) => expectedArrivals(config.traffic[i], declaredTenants(config.tenants).count, config.horizonMs) >= PREFETCH_MIN_ARRIVALS);
}

/**
 * The generated arrivals of one traffic entry, read in order. `pos` is the arrival the simulation is at:
 * read its tenant, function and handler duration at `pos & mask`, then `advance()` to the next.
 */
export class ArrivalRing {
  readonly times: Float64Array;
  readonly handlers: Float64Array;
  readonly tenants: Int32Array;
  readonly fns: Int32Array;
  readonly mask = CAPACITY - 1;
  /** Arrivals read so far (an int32 that wraps). */
  pos: number;
  /** Arrivals sent so far (skipped ones not included), kept by the simulation. */
  emitted = 0;
  /** Where `refill` must run next: the end of what is written, or of the chunk the simulation reads before it
   *  publishes its counter. */
  private limit: number;

  constructor(
    buffers: RingBuffers,
    private readonly control: Int32Array,
    private readonly ring: number,
    private readonly owner: ArrivalPrefetch,
    start: number,
  ) {
    this.pos = start;
    this.limit = start;
    this.times = new Float64Array(buffers.times);
    this.handlers = new Float64Array(buffers.handlers);
    this.tenants = new Int32Array(buffers.tenants);
    this.fns = new Int32Array(buffers.fns);
  }

  /** Time of the arrival at `pos` (Infinity after the last one), waiting for it if need be. */
  current(): number {
    if (this.pos === this.limit) this.refill();
    return this.times[this.pos & this.mask];
  }

  /** Moves to the next arrival and returns its time (Infinity after the last one). */
  advance(): number {
    const p = (this.pos + 1) | 0;
    this.pos = p;
    if (p === this.limit) this.refill();
    return this.times[p & this.mask];
  }

  /** Makes the next `advance` go through `refill`, which then reports that the worker was stopped. */
  stop(): void {
    this.limit = (this.pos + 1) | 0;
  }

  /** Publishes what was read (waking the worker if it sleeps on a full ring) and waits until the arrival at
   *  `pos` is written. */
  private refill(): void {
    const c = this.control;
    const pos = this.pos;
    Atomics.store(c, read(this.ring), pos);
    if (Atomics.load(c, SLEEPING) !== 0) {
      Atomics.add(c, WAKE, 1);
      Atomics.notify(c, WAKE);
    }
    const since = Date.now();
    for (;;) {
      const state = Atomics.load(c, STATE);
      if (state === FAILED || state === STOPPED) throw this.owner.failure();
      const w = Atomics.load(c, written(this.ring));
      const ahead = (w - pos) | 0;
      if (ahead > 0) {
        this.limit = ahead > CHUNK ? (pos + CHUNK) | 0 : w;
        return;
      }
      if (Date.now() - since > SILENCE_MS) {
        throw new Error(`the arrival worker ${state === NEW ? 'did not start' : 'stopped writing arrivals'} (nothing for ${SILENCE_MS / 1000} s)`);
      }
      Atomics.store(c, WAITING, 1);
      Atomics.wait(c, written(this.ring), w, 1000);
      Atomics.store(c, WAITING, 0);
    }
  }
}

/** The worker and the rings of one simulation run. */
export class ArrivalPrefetch {
  /** Per traffic entry: its ring, or null for an entry the simulation generates itself. */
  readonly rings: (ArrivalRing | null)[];
  /** Settles when the worker thread has exited. */
  readonly exited: Promise<void>;
  private readonly control: Int32Array;
  private readonly port: MessagePort;
  private worker: Worker | null;
  /** The worker's error, from its message (or its 'error' event, when this thread got to handle it). */
  private reason: string | null = null;

  private constructor(config: ScenarioConfig, entries: number[], url: URL, start: number) {
    const controlBuffer = new SharedArrayBuffer(controlInts(entries.length) * 4);
    this.control = new Int32Array(controlBuffer);
    entries.forEach((_, j) => {
      this.control[written(j)] = start;
      this.control[read(j)] = start;
    });
    const buffers = entries.map(ringBuffers);
    this.rings = config.traffic.map(() => null);
    entries.forEach((e, j) => (this.rings[e] = new ArrivalRing(buffers[j], this.control, j, this, start)));
    const channel = new MessageChannel();
    this.port = channel.port1;
    const input: WorkerInput = { config: withoutTraceData(config), entries, control: controlBuffer, rings: buffers, port: channel.port2, start };
    const worker = new Worker(url, { workerData: input, transferList: [channel.port2] });
    this.worker = worker;
    // Without a listener, an 'error' event (a worker that failed to load, say) would end the process.
    worker.on('error', (e: Error) => void (this.reason ??= e.message));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.unref(); // never what keeps the process alive
    this.port.unref();
  }

  /** Starts a worker for the entries `options` selects, or returns null when there are none. */
  static start(config: ScenarioConfig, options: PrefetchOptions): ArrivalPrefetch | null {
    const entries = entriesToPrefetch(config, options);
    if (entries.length === 0) return null;
    return new ArrivalPrefetch(config, entries, options.prefetchWorkerUrl ?? PREFETCH_WORKER_URL, options.prefetchCounterStart ?? 0);
  }

  /** Why the worker stopped: stopped by `close`, or its own error when it failed. */
  failure(): Error {
    if (Atomics.load(this.control, STATE) === STOPPED) return new Error('the arrival worker was stopped');
    const m = this.worker !== null ? (receiveMessageOnPort(this.port)?.message as { error?: string } | undefined) : undefined;
    if (m?.error !== undefined) this.reason = m.error;
    return new Error(`the arrival worker failed: ${this.reason ?? 'no reason given'}`);
  }

  /** Stops the worker (idempotent); the rings then refuse to go further. */
  close(): void {
    if (this.worker === null) return;
    const c = this.control;
    if (Atomics.load(c, STATE) !== FAILED) Atomics.store(c, STATE, STOPPED);
    Atomics.add(c, WAKE, 1);
    Atomics.notify(c, WAKE);
    for (const r of this.rings) r?.stop();
    void this.worker.terminate();
    this.worker = null;
    this.port.close();
  }
}

/** The config without loaded trace data (not needed by the worker, and not all of it can be cloned). */
function withoutTraceData(config: ScenarioConfig): ScenarioConfig {
  return {
    ...config,
    traffic: config.traffic.map((t) => (t.pattern.type === 'trace' ? { ...t, pattern: { ...t.pattern, trace: { ...t.pattern.trace, data: null } } } : t)),
  };
}

/** One entry's producer in the worker. */
interface Producer {
  source: Source;
  times: Float64Array;
  handlers: Float64Array;
  tenants: Int32Array;
  fns: Int32Array;
  /** Arrivals written (an int32 that wraps) and the reader's count last seen. */
  written: number;
  read: number;
  /** Time of the next arrival to write (Infinity: the end marker). */
  next: number;
  done: boolean;
}

/**
 * The worker's loop: fills every ring as far as the reader allows, publishing its count every PUBLISH
 * arrivals, and sleeps when all rings are full, until the simulation has read a chunk or stops it. Each
 * arrival is computed as the simulation's `arrival` computes it: the source's `take` and `nextTime`, then,
 * unless skipped, its function and handler duration.
 */
export function runProducer(input: WorkerInput): void {
  const c = new Int32Array(input.control);
  try {
    const { config } = input;
    const wanted = new Set(input.entries);
    const sources = createSources(config, (i) => wanted.has(i));
    const producers: Producer[] = input.entries.map((e, j) => {
      const b = input.rings[j];
      const source = sources[e]!;
      return {
        source,
        times: new Float64Array(b.times),
        handlers: new Float64Array(b.handlers),
        tenants: new Int32Array(b.tenants),
        fns: new Int32Array(b.fns),
        written: input.start,
        read: input.start,
        next: source.firstTime(),
        done: false,
      };
    });
    if (Atomics.compareExchange(c, STATE, NEW, RUNNING) !== NEW) return; // stopped before it started
    for (;;) {
      if (Atomics.load(c, STATE) !== RUNNING) return;
      let progressed = false;
      let open = 0;
      for (let j = 0; j < producers.length; j++) {
        const p = producers[j];
        if (p.done) continue;
        open++;
        let room = CAPACITY - ((p.written - p.read) | 0);
        if (room < PUBLISH) {
          p.read = Atomics.load(c, read(j));
          room = CAPACITY - ((p.written - p.read) | 0);
        }
        if (room === 0) continue;
        produce(p, room < PUBLISH ? room : PUBLISH);
        Atomics.store(c, written(j), p.written);
        if (Atomics.load(c, WAITING) !== 0) Atomics.notify(c, written(j));
        progressed = true;
      }
      if (open === 0) return;
      if (!progressed) {
        const wake = Atomics.load(c, WAKE);
        Atomics.store(c, SLEEPING, 1);
        const freed = producers.some((p, j) => !p.done && Atomics.load(c, read(j)) !== p.read);
        if (!freed && Atomics.load(c, STATE) === RUNNING) Atomics.wait(c, WAKE, wake);
        Atomics.store(c, SLEEPING, 0);
        producers.forEach((p, j) => (p.read = Atomics.load(c, read(j))));
      }
    }
  } catch (e) {
    reportFailure(input.control, input.port, e);
  } finally {
    input.port.close();
  }
}

/** Writes up to `n` arrivals of `p` (fewer when it reaches its end marker). */
function produce(p: Producer, n: number): void {
  const s = p.source;
  const mask = CAPACITY - 1;
  let w = p.written;
  let t = p.next;
  for (let k = 0; k < n; k++) {
    const at = w & mask;
    p.times[at] = t;
    w = (w + 1) | 0;
    if (t === Infinity) {
      p.done = true;
      break;
    }
    const tenant = s.take(t);
    const next = s.nextTime(t);
    p.tenants[at] = tenant;
    if (tenant !== SKIPPED) {
      p.fns[at] = s.fn;
      p.handlers[at] = s.handlerMs;
    }
    t = next;
  }
  p.written = w;
  p.next = t;
}
