/**
 * How close one run came to each platform limit that throttles (docs/model.md, "Limits"): peak concurrency
 * against the account's concurrency and each reservation, peak environments of each isolated function
 * against its environment cap, and the 429s each limit returned, scaling rate included.
 */
import type { ScenarioConfig } from '../model/config.js';
import { environmentCap, TENANCY } from '../model/platform.js';
import type { VariantSummary } from '../report/summary.js';

/** Which limit a row is about. */
export type LimitKind = 'account' | 'reserved' | 'environmentCap' | 'scalingRate';

/** One limit in one run. */
export interface LimitFact {
  kind: LimitKind;
  /** In words, e.g. `account concurrency`, `isolated environments of api`. */
  limit: string;
  /** The limit (busy or live environments); null for the scaling rate, which is a rate. */
  value: number | null;
  /** The peak measured against it; null for the scaling rate. */
  peak: number | null;
  /** 429s it returned (every refusal, retried or not). */
  throttles: number;
}


/** The limits of one variant's run, in a fixed order: the account, then per function reserved, cap, scaling rate. */
export function limitFacts(summary: VariantSummary, config: ScenarioConfig): LimitFact[] {
  const p = config.platform;
  const rows: LimitFact[] = [{ kind: 'account', limit: 'account concurrency', value: p.accountConcurrency, peak: summary.peakConcurrency, throttles: summary.limitHits.account }];
  for (const [i, f] of summary.functions.entries()) {
    const fn = config.functions[i];
    if (fn.reservedConcurrency !== null) {
      rows.push({ kind: 'reserved', limit: `reserved concurrency of ${f.name}`, value: fn.reservedConcurrency, peak: f.peakConcurrency, throttles: f.limitHits.reserved });
    }
    if (TENANCY[fn.tenancy].environmentCap) {
      rows.push({ kind: 'environmentCap', limit: `isolated environments of ${f.name}`, value: environmentCap(p, fn), peak: f.peakEnvironments, throttles: f.limitHits.tenantEnvironmentCap });
    }
    rows.push({ kind: 'scalingRate', limit: `scaling rate of ${f.name}`, value: null, peak: null, throttles: f.limitHits.scalingRate });
  }
  return rows;
}

/** Headroom in percent: (value - peak) / value x 100; null when either is unknown or the limit is 0. */
export function headroomPct(value: number | null, peak: number | null): number | null {
  if (value === null || peak === null || value <= 0) return null;
  return ((value - peak) / value) * 100;
}

/** The smallest headroom among the facts of `kinds`, or null when none has one. */
export function leastHeadroomPct(facts: readonly LimitFact[], kinds: readonly LimitKind[]): number | null {
  let least: number | null = null;
  for (const f of facts) {
    if (!kinds.includes(f.kind)) continue;
    const h = headroomPct(f.value, f.peak);
    if (h !== null && (least === null || h < least)) least = h;
  }
  return least;
}
