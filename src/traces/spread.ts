/**
 * Replaying per-minute counts (Azure 2019) as arrivals. The cursor works one minute at a time: it places that
 * minute's arrivals of every function, draws their durations, sorts them, and hands them out, so memory is
 * bounded by the busiest minute, not by the day.
 *
 * - `uniform`: a count n gives exactly n arrivals at independent uniform times in the minute.
 * - `poisson`: arrivals of a Poisson process of rate n per minute, i.e. Poisson(n) arrivals at independent
 *   uniform times (the count varies, the mean is n).
 *
 * Times are kept to 1/1024 ms inside the minute (exactly representable); arrivals at the same time come in
 * the order they were placed (by function, then by draw).
 */
import type { Sampler } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { TraceCursor } from './types.js';

const MINUTE_MS = 60_000;
/** Time resolution inside a minute: 1/1024 ms. */
const TICKS_PER_MS = 1024;
/**
 * Sort keys pack (tick, slot) into one double as tick * 2^26 + slot: ticks < 60,000 * 1024 < 2^26, so keys
 * stay below 2^52 and are exact. A minute may hold up to 2^26 arrivals; the loader allows counts summing to
 * at most {@link MAX_MINUTE_ARRIVALS}, far enough below that a Poisson draw never reaches it.
 */
const SLOT = 2 ** 26;

/** Most invocations one minute of a counts trace may hold (summed over functions). */
export const MAX_MINUTE_ARRIVALS = 2 ** 24;

/** What the cursor replays. */
export interface SpreadInput {
  /** Counts, function-major: the counts of trace function `f` start at `rowOf[f] * width`. */
  counts: Int32Array;
  width: number;
  rowOf: Int32Array;
  /** Tenant of each trace function. */
  fnTenant: Int32Array;
  /** Duration distribution of each trace function, null when the trace has none (durations are NaN). */
  samplers: (Sampler | null)[];
  poisson: boolean;
}

/** A cursor over counts spread within their minutes, drawing from `rng`. */
export class SpreadCursor implements TraceCursor {
  timeMs = NaN;
  tenant = -1;
  fn = -1;
  durationMs = NaN;
  private minute = -1;
  private pos = 0;
  private len = 0;
  private keys = new Float64Array(1024);
  private fns = new Int32Array(1024);
  private durations = new Float64Array(1024);

  constructor(
    private readonly input: SpreadInput,
    private readonly rng: RandomStream,
  ) {}

  next(): boolean {
    while (this.pos >= this.len) {
      if (++this.minute >= this.input.width) return false;
      this.fill();
    }
    const key = this.keys[this.pos++];
    const tick = Math.floor(key / SLOT);
    const slot = key - tick * SLOT;
    this.timeMs = this.minute * MINUTE_MS + tick / TICKS_PER_MS;
    this.fn = this.fns[slot];
    this.tenant = this.input.fnTenant[this.fn];
    this.durationMs = this.durations[slot];
    return true;
  }

  /** Places the current minute's arrivals and sorts them. */
  private fill(): void {
    const { counts, width, rowOf, samplers, poisson } = this.input;
    const rng = this.rng;
    this.len = 0;
    this.pos = 0;
    for (let f = 0; f < rowOf.length; f++) {
      const n = counts[rowOf[f] * width + this.minute];
      if (n === 0) continue;
      const sampler = samplers[f];
      if (!poisson) {
        for (let k = 0; k < n; k++) this.add(f, rng() * MINUTE_MS, sampler);
        continue;
      }
      const meanGapMs = MINUTE_MS / n;
      for (let t = -Math.log(1 - rng()) * meanGapMs; t < MINUTE_MS; t += -Math.log(1 - rng()) * meanGapMs) this.add(f, t, sampler);
    }
    // A native numeric sort of packed keys: several times faster than sorting indices with a comparator.
    this.keys.subarray(0, this.len).sort();
  }

  private add(f: number, t: number, sampler: Sampler | null): void {
    if (this.len === this.keys.length) this.grow();
    const slot = this.len++;
    this.keys[slot] = Math.floor(t * TICKS_PER_MS) * SLOT + slot;
    this.fns[slot] = f;
    this.durations[slot] = sampler === null ? NaN : sampler.sample(this.rng);
  }

  private grow(): void {
    const n = this.keys.length * 2;
    if (n > SLOT) throw new RangeError(`more than ${SLOT} arrivals in one minute`);
    const keys = new Float64Array(n);
    keys.set(this.keys);
    const fns = new Int32Array(n);
    fns.set(this.fns);
    const durations = new Float64Array(n);
    durations.set(this.durations);
    [this.keys, this.fns, this.durations] = [keys, fns, durations];
  }
}
