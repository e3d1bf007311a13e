/**
 * Limits headroom: how close each variant came to the platform limits that throttle (account concurrency,
 * reserved concurrency, the isolated-environment cap), and how many 429s each limit caused. The limits come
 * from config.json; without it only the peaks and the 429s are known.
 */
import type { ReportVariant, ReportVariantConfig } from './report-data.js';
import { durationText, int } from './report-format.js';
import { environmentCap, TENANCY, type Tenancy } from '../model/platform.js';

/** One limit of one variant. */
export interface LimitRow {
  variant: string;
  /** Which limit, in words, e.g. `account concurrency` or `isolated environments of api`. */
  limit: string;
  /** The limit's value; null when unknown (no config.json) or not a count. */
  value: number | null;
  /** What the limit is measured against, e.g. `peak concurrency`. */
  measure: string;
  /** The peak reached; null when the results do not record it (the scaling rate). */
  peak: number | null;
  /** 429s this limit returned (every refusal, retried or not), from `limitHits`. */
  throttles: number;
}

/** peak / value, or null when either is unknown or the value is 0. */
export const usedShare = (r: LimitRow): number | null => (r.value === null || r.peak === null || r.value === 0 ? null : r.peak / r.value);


/** The limit rows of one variant: the account, then each function's reserved concurrency and environment cap, then the scaling rate if it throttled. */
export function limitRows(v: ReportVariant, config: ReportVariantConfig | null): LimitRow[] {
  const rows: LimitRow[] = [{
    variant: v.name, limit: 'account concurrency', value: config?.platform.accountConcurrency ?? null,
    measure: 'peak concurrency', peak: v.peakConcurrency, throttles: v.limitHits.account ?? 0,
  }];
  for (const f of v.functions) {
    const c = config?.functions.find((x) => x.name === f.name) ?? null;
    const reserved = c?.reservedConcurrency ?? null;
    if (reserved !== null || (f.limitHits.reserved ?? 0) > 0) {
      rows.push({ variant: v.name, limit: `reserved concurrency of ${f.name}`, value: reserved, measure: `peak concurrency of ${f.name}`, peak: f.peakConcurrency, throttles: f.limitHits.reserved ?? 0 });
    }
    if (TENANCY[c?.tenancy ?? (f.tenancy as Tenancy)]?.environmentCap === true) {
      rows.push({
        variant: v.name, limit: `isolated environments of ${f.name}`, value: config === null || c === null ? null : environmentCap(config.platform, c),
        measure: `peak environments of ${f.name}`, peak: f.peakEnvironments, throttles: f.limitHits.tenantEnvironmentCap ?? 0,
      });
    }
  }
  if ((v.limitHits.scalingRate ?? 0) > 0) {
    const p = config?.platform;
    const rate = p?.scalingBurst !== undefined && p.scalingWindowMs !== undefined ? ` (${int(p.scalingBurst)} new environments per ${durationText(p.scalingWindowMs)})` : '';
    rows.push({ variant: v.name, limit: `scaling rate${rate}`, value: null, measure: 'new environments', peak: null, throttles: v.limitHits.scalingRate ?? 0 });
  }
  return rows;
}
