/**
 * Running totals of one group of invocation reports (a function, or one tenant of a function): counts, the
 * duration samples to fit, memory, outcomes and the observed time span. Groups merge, so reports can be
 * collected before the function they belong to is known.
 */
import { SampleBuffer } from './samples.js';
import type { InvocationReport } from './types.js';

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Distinct strings from the logs (statuses, platform event types) counted apart; the rest are counted as {@link OTHERS}. */
export const KEYS_KEPT = 20;
/** The key of the strings counted together once {@link KEYS_KEPT} are known. */
export const OTHERS = '(others)';

/** Adds `by` to `key` in `map`, or to {@link OTHERS} when `map` already holds {@link KEYS_KEPT} other keys. */
export function countKey(map: Map<string, number>, key: string, by = 1): void {
  bump(map, map.has(key) || map.size < KEYS_KEPT ? key : OTHERS, by);
}

export class ReportGroup {
  /** Reports seen. */
  invocations = 0;
  /** Reports with an init duration. */
  coldStarts = 0;
  /** Handler durations (ms), one per report. */
  readonly durationsMs = new SampleBuffer();
  /** Init durations (ms), one per cold start. */
  readonly initDurationsMs = new SampleBuffer();
  /** Max Memory Used (MB), one per report. */
  readonly maxMemoryUsedMb = new SampleBuffer();
  /** Reports by configured memory size (MB). */
  readonly memorySizesMb = new Map<number, number>();
  /** Reports by status (`success`, `timeout`, ...): {@link KEYS_KEPT} of them, the rest as {@link OTHERS}. */
  readonly statuses = new Map<string, number>();
  /** Reports with a timestamp. */
  timed = 0;
  /** Earliest and latest report timestamps (Unix ms); Infinity and -Infinity while none. */
  firstMs = Infinity;
  lastMs = -Infinity;

  /** Counts one report. */
  add(r: InvocationReport): void {
    this.invocations++;
    this.durationsMs.push(r.durationMs);
    this.maxMemoryUsedMb.push(r.maxMemoryUsedMb);
    if (r.initDurationMs !== undefined) {
      this.coldStarts++;
      this.initDurationsMs.push(r.initDurationMs);
    }
    bump(this.memorySizesMb, r.memorySizeMb);
    countKey(this.statuses, r.status);
    if (r.timeMs !== undefined) {
      this.timed++;
      if (r.timeMs < this.firstMs) this.firstMs = r.timeMs;
      if (r.timeMs > this.lastMs) this.lastMs = r.timeMs;
    }
  }

  /** Adds everything `other` holds. */
  merge(other: ReportGroup): void {
    this.invocations += other.invocations;
    this.coldStarts += other.coldStarts;
    this.durationsMs.append(other.durationsMs);
    this.initDurationsMs.append(other.initDurationsMs);
    this.maxMemoryUsedMb.append(other.maxMemoryUsedMb);
    for (const [k, v] of other.memorySizesMb) bump(this.memorySizesMb, k, v);
    for (const [k, v] of other.statuses) countKey(this.statuses, k, v);
    this.timed += other.timed;
    this.firstMs = Math.min(this.firstMs, other.firstMs);
    this.lastMs = Math.max(this.lastMs, other.lastMs);
  }
}

/** The reports of one function: its totals, one group per tenant, and the runtime versions its inits logged. */
export class FunctionReports {
  readonly total = new ReportGroup();
  /** Groups by tenant id; reports without one are under {@link NO_TENANT} once some report has one. */
  readonly tenants = new Map<string, ReportGroup>();
  /** Init lines / events by runtime version (`nodejs:22.v48`). */
  readonly runtimeVersions = new Map<string, number>();
  /** Reports without a tenant id (only listed as a tenant when others have one). */
  readonly untenanted = new ReportGroup();

  /** Counts one report. */
  add(r: InvocationReport): void {
    this.total.add(r);
    if (r.tenantId === undefined) return this.untenanted.add(r);
    let group = this.tenants.get(r.tenantId);
    if (group === undefined) this.tenants.set(r.tenantId, (group = new ReportGroup()));
    group.add(r);
  }

  /** Counts one init line or event's runtime version. */
  addRuntime(version: string): void {
    bump(this.runtimeVersions, version);
  }

  /** Adds everything `other` holds. */
  merge(other: FunctionReports): void {
    this.total.merge(other.total);
    this.untenanted.merge(other.untenanted);
    for (const [id, g] of other.tenants) {
      const mine = this.tenants.get(id);
      if (mine) mine.merge(g);
      else this.tenants.set(id, g);
    }
    for (const [k, v] of other.runtimeVersions) bump(this.runtimeVersions, k, v);
  }
}

/** How reports without a tenant id are listed beside tenants, as in tenants.csv. */
export const NO_TENANT = '(none)';
