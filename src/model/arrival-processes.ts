/**
 * Arrival processes: each turns uniform random numbers into the time of the next arrival. One object per
 * traffic entry holds the process's state (the current phase, burst state); {@link ArrivalSource} adds counts,
 * end times and the choice of tenant.
 */
import type { RandomStream } from '../engine/random.js';
import type { ArrivalPattern, PhaseConfig } from './config.js';
import { DAY_MS, WEEK_MS } from './tenants.js';

const HOUR_MS = 3_600_000;

/** The time of the next arrival of a process. */
export interface ArrivalProcess {
  /**
   * Time of the next arrival after one at `now` (or, for the first call, the first arrival at or after
   * `now`, the entry's start). Infinity when the process has no more arrivals.
   */
  next(now: number, first: boolean): number;
}

/** An exponential gap with the given rate (per ms), by inversion: one uniform. */
function exponential(rng: RandomStream, ratePerMs: number): number {
  return -Math.log(1 - rng()) / ratePerMs;
}

/** Poisson arrivals: exponential gaps with mean 1 / rate. */
export class PoissonProcess implements ArrivalProcess {
  constructor(
    private readonly ratePerMs: number,
    private readonly rng: RandomStream,
  ) {}
  next(now: number): number {
    return now - Math.log(1 - this.rng()) / this.ratePerMs;
  }
}

/**
 * The time `t` at which a rate ramping linearly from `a` (at 0) with slope `b` has accumulated `y` expected
 * arrivals: the root of a t + b t^2 / 2 = y, in a form that is exact for b = 0 and stable for small b.
 * NaN when the rate runs out (reaches zero) before `y`.
 */
export function rampInverse(a: number, b: number, y: number): number {
  if (y === 0) return 0;
  const disc = a * a + 2 * b * y;
  if (!(disc >= 0)) return NaN;
  const denom = a + Math.sqrt(disc);
  return denom > 0 ? (2 * y) / denom : NaN;
}

/** Expected arrivals of a phase in its first `t` ms. */
export function rampCount(phase: PhaseConfig, t: number): number {
  const b = phase.durationMs > 0 ? (phase.toPerMs - phase.fromPerMs) / phase.durationMs : 0;
  return phase.fromPerMs * t + (b * t * t) / 2;
}

/**
 * Artillery-style phases in series, from the entry's start. `uniform` spaces a phase's arrivals evenly in its
 * cumulative rate (a constant rate r gives arrivals at 0, 1/r, 2/r, ... from the phase start, as Artillery
 * does; a ramp gives gaps that shrink or grow linearly with the rate). `poisson` draws a non-homogeneous
 * Poisson process with the same rate, by inverting the cumulative rate.
 */
export class PhasesProcess implements ArrivalProcess {
  private phase = 0;
  /** Arrivals placed in the current phase (uniform mode). */
  private k = 0;
  /** Expected arrivals of the current phase up to the last arrival (Poisson mode). */
  private mass = 0;
  private readonly starts: number[];

  constructor(
    private readonly phases: readonly PhaseConfig[],
    private readonly mode: 'uniform' | 'poisson',
    startMs: number,
    private readonly rng: RandomStream,
  ) {
    this.starts = [];
    let t = startMs;
    for (const p of phases) {
      this.starts.push(t);
      t += p.durationMs;
    }
  }

  next(): number {
    while (this.phase < this.phases.length) {
      const p = this.phases[this.phase];
      const b = p.durationMs > 0 ? (p.toPerMs - p.fromPerMs) / p.durationMs : 0;
      let y: number;
      if (this.mode === 'uniform') {
        // a ramp from zero has no arrival at its very start: its first is where one arrival is due
        if (this.k === 0 && p.fromPerMs === 0) this.k = 1;
        y = this.k++;
      } else {
        y = this.mass += -Math.log(1 - this.rng());
      }
      const t = p.fromPerMs === 0 && p.toPerMs === 0 ? NaN : rampInverse(p.fromPerMs, b, y);
      if (t < p.durationMs) return this.starts[this.phase] + t;
      this.phase++; // NaN or past the end: the phase is over (a Poisson gap restarts there, memoryless)
      this.k = 0;
      this.mass = 0;
    }
    return Infinity;
  }
}

/** Rate of a diurnal pattern at time `t` (per ms): a cosine from trough to peak and back over a day. */
export function diurnalRate(p: Extract<ArrivalPattern, { type: 'diurnal' }>, t: number): number {
  const hour = (((t % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const r = p.troughPerMs + ((p.peakPerMs - p.troughPerMs) * (1 + Math.cos((2 * Math.PI * (hour - p.peakHour)) / 24))) / 2;
  const weekend = ((t % WEEK_MS) + WEEK_MS) % WEEK_MS >= 5 * DAY_MS;
  return weekend ? r * p.weekendFactor : r;
}

/**
 * A daily cycle as a non-homogeneous Poisson process, by thinning (Lewis and Shedler): candidates at the
 * highest rate, each kept with probability rate(t) / highest rate. Two uniforms per candidate.
 */
export class DiurnalProcess implements ArrivalProcess {
  private readonly maxPerMs: number;
  constructor(
    private readonly pattern: Extract<ArrivalPattern, { type: 'diurnal' }>,
    private readonly endMs: number,
    private readonly rng: RandomStream,
  ) {
    this.maxPerMs = Math.max(pattern.peakPerMs, pattern.troughPerMs) * Math.max(1, pattern.weekendFactor);
  }
  next(now: number): number {
    let t = now;
    for (;;) {
      t += exponential(this.rng, this.maxPerMs);
      if (t >= this.endMs) return Infinity;
      if (this.rng() * this.maxPerMs < diurnalRate(this.pattern, t)) return t;
    }
  }
}

/**
 * On/off traffic: a two-state Markov-modulated Poisson process. The state alternates between base (mean
 * length `meanBetweenMs`) and burst (mean length `meanBurstMs`), both exponential; arrivals are Poisson at
 * the state's rate. The first state is drawn from the stationary distribution, so the process is in a burst a
 * share meanBurst / (meanBetween + meanBurst) of the time from the start.
 */
export class BurstsProcess implements ArrivalProcess {
  /** Whether the process is in a burst (public for tests and reports). */
  inBurst = false;
  /** When the current state ends. */
  stateEnd = NaN;
  /** Told of every state change (for tests and reports); null = nobody listens. */
  onSwitch: ((t: number, inBurst: boolean) => void) | null = null;

  constructor(
    private readonly pattern: Extract<ArrivalPattern, { type: 'bursts' }>,
    private readonly endMs: number,
    private readonly rng: RandomStream,
  ) {}

  next(now: number, first: boolean): number {
    const p = this.pattern;
    let t = now;
    if (first) {
      this.inBurst = this.rng() * (p.meanBetweenMs + p.meanBurstMs) < p.meanBurstMs;
      this.stateEnd = t + exponential(this.rng, 1 / (this.inBurst ? p.meanBurstMs : p.meanBetweenMs));
      this.onSwitch?.(t, this.inBurst);
    }
    for (;;) {
      const rate = this.inBurst ? p.burstPerMs : p.basePerMs;
      const candidate = rate > 0 ? t + exponential(this.rng, rate) : Infinity;
      if (candidate < this.stateEnd) return candidate < this.endMs ? candidate : Infinity;
      // the state ends first: switch, and draw afresh from there (the exponential gap is memoryless)
      t = this.stateEnd;
      if (t >= this.endMs) return Infinity;
      this.inBurst = !this.inBurst;
      this.stateEnd = t + exponential(this.rng, 1 / (this.inBurst ? p.meanBurstMs : p.meanBetweenMs));
      this.onSwitch?.(t, this.inBurst);
    }
  }
}
