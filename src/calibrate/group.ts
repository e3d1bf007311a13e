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

/** The key of the memory sizes counted together once {@link KEYS_KEPT} are known (a logged size is above 0). */
export const OTHER_SIZES = 0;

/**
 * Adds `by` to `key` in `map`, or to `others` when `map` already holds {@link KEYS_KEPT} other keys: a map of
 * strings from the logs never grows past KEYS_KEPT + 1 keys.
 */
export function countKey<K>(map: Map<K, number>, key: K, by = 1, others: K = OTHERS as K): void {
  bump(map, map.has(key) || map.size < KEYS_KEPT ? key : others, by);
}

/** An empty map for groups that have not needed one. */
const NONE: ReadonlyMap<never, number> = new Map<never, number>();

export class ReportGroup {
  /** Reports seen. */
  invocations = 0;
  /** Reports with an init duration. */
  coldStarts = 0;
  /** Handler durations (ms), one per report. */
  readonly durationsMs = new SampleBuffer();
  /** Init durations (ms), one per cold start. */
  readonly initDurationsMs = new SampleBuffer();
  /** Max Memory Used (MB), one per report; none in a tenant's group. */
  readonly maxMemoryUsedMb = new SampleBuffer();
  /** Maps made on first use: a tenant's group is kept small, since an export may have many of them. */
  private sizes: Map<number, number> | null = null;
  private statusCounts: Map<string, number> | null = null;
  /** Reports with a timestamp. */
  timed = 0;
  /** Earliest and latest report timestamps (Unix ms); Infinity and -Infinity while none. */
  firstMs = Infinity;
  lastMs = -Infinity;

  /**
   * @param perTenant whether this is a tenant's group, which keeps neither memory sizes nor Max Memory Used
   * (a function's are analyzed, not a tenant's), so that the many tenants of an export cost little.
   */
  constructor(readonly perTenant = false) {}

  /** Reports by configured memory size (MB): {@link KEYS_KEPT} sizes, the rest under {@link OTHER_SIZES}; none in a tenant's group. */
  get memorySizesMb(): ReadonlyMap<number, number> {
    return this.sizes ?? NONE;
  }

  /** Reports by status (`success`, `timeout`, ...): {@link KEYS_KEPT} of them, the rest as {@link OTHERS}. */
  get statuses(): ReadonlyMap<string, number> {
    return this.statusCounts ?? NONE;
  }

  private countSize(mb: number, by = 1): void {
    countKey((this.sizes ??= new Map()), mb, by, OTHER_SIZES);
  }

  private countStatus(status: string, by = 1): void {
    countKey((this.statusCounts ??= new Map()), status, by);
  }

  /** Counts one report. */
  add(r: InvocationReport): void {
    this.invocations++;
    this.durationsMs.push(r.durationMs);
    if (!this.perTenant) this.maxMemoryUsedMb.push(r.maxMemoryUsedMb);
    if (r.initDurationMs !== undefined) {
      this.coldStarts++;
      this.initDurationsMs.push(r.initDurationMs);
    }
    if (!this.perTenant) this.countSize(r.memorySizeMb);
    this.countStatus(r.status);
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
    for (const [k, v] of other.memorySizesMb) this.countSize(k, v);
    for (const [k, v] of other.statuses) this.countStatus(k, v);
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
  /** Init lines / events by runtime version (`nodejs:22.v48`): {@link KEYS_KEPT} of them, the rest as {@link OTHERS}. */
  readonly runtimeVersions = new Map<string, number>();
  /** Reports without a tenant id (only listed as a tenant when others have one). */
  readonly untenanted = new ReportGroup();

  /** Counts one report. */
  add(r: InvocationReport): void {
    this.total.add(r);
    if (r.tenantId === undefined) return this.untenanted.add(r);
    let group = this.tenants.get(r.tenantId);
    if (group === undefined) this.tenants.set(r.tenantId, (group = new ReportGroup(true)));
    group.add(r);
  }

  /** Counts one init line or event's runtime version. */
  addRuntime(version: string): void {
    countKey(this.runtimeVersions, version);
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
    for (const [k, v] of other.runtimeVersions) countKey(this.runtimeVersions, k, v);
  }
}

/** How reports without a tenant id are listed beside tenants, as in tenants.csv. */
export const NO_TENANT = '(none)';
