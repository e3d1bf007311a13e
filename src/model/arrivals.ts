/**
 * Arrival sources: one per traffic entry. Each keeps exactly one pending arrival in the event queue; when it
 * is delivered the source picks the tenant and computes the time of the next one. Times and tenants come
 * from the source's own named streams (`arrivals/<i>`, `tenants/<i>`), so they are identical in every
 * variant of a scenario.
 */
import type { AliasTable } from '../engine/alias-table.js';
import { forkStream, type RandomStream } from '../engine/random.js';
import type { TrafficConfig } from './config.js';

/** Tenant index meaning "invoked without a tenant id". */
export const NO_TENANT = -1;

export class ArrivalSource {
  /** Arrivals delivered so far. */
  emitted = 0;
  private readonly timeRng: RandomStream;
  private readonly tenantRng: RandomStream;
  private readonly endMs: number;
  private readonly maxCount: number;

  /**
   * @param fixedTenant index of the named tenant, or null to choose by popularity
   * @param horizonMs run end (arrivals at or after it are not generated); null = none
   */
  constructor(
    readonly config: TrafficConfig,
    readonly functionIndex: number,
    index: number,
    seed: number,
    private readonly tenantCount: number,
    private readonly popularity: AliasTable,
    private readonly fixedTenant: number | null,
    horizonMs: number | null,
  ) {
    this.timeRng = forkStream(seed, `arrivals/${index}`);
    this.tenantRng = forkStream(seed, `tenants/${index}`);
    this.endMs = Math.min(config.endMs ?? Infinity, horizonMs ?? Infinity);
    const p = config.pattern;
    const finite = p.type === 'sequential' ? p.rounds * (fixedTenant === null ? tenantCount : 1) : Infinity;
    this.maxCount = Math.min(finite, config.count ?? Infinity);
  }

  /** Whether the source can never end by itself (needs a horizon). */
  get openEnded(): boolean {
    return this.maxCount === Infinity && this.endMs === Infinity;
  }

  /** Time of the first arrival, or Infinity when there is none. */
  firstTime(): number {
    return this.timeOf(0, this.config.startMs);
  }

  /** Takes the arrival just delivered at `now`: returns its tenant index (or {@link NO_TENANT}). */
  take(): number {
    const n = this.emitted++;
    if (this.config.noTenant) return NO_TENANT;
    if (this.fixedTenant !== null) return this.fixedTenant;
    if (this.config.pattern.type === 'sequential') return n % this.tenantCount;
    return this.popularity.sample(this.tenantRng);
  }

  /** Time of the next arrival after the one taken at `now`, or Infinity when the source is done. */
  nextTime(now: number): number {
    return this.timeOf(this.emitted, now);
  }

  private timeOf(n: number, now: number): number {
    if (n >= this.maxCount) return Infinity;
    const p = this.config.pattern;
    const start = this.config.startMs;
    let t: number;
    switch (p.type) {
      case 'poisson':
        t = (n === 0 ? start : now) - Math.log(1 - this.timeRng()) / p.ratePerMs;
        break;
      case 'constant':
        t = start + n / p.ratePerMs; // from the start, not from the previous arrival, to avoid drift
        break;
      case 'sequential':
        t = start + n * p.intervalMs;
        break;
    }
    return t < this.endMs ? t : Infinity;
  }
}
