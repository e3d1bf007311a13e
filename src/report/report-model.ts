/**
 * Everything the report says, computed once from a results folder's data: per variant its monthly
 * projection, its limits and its per-tenant numbers. The Markdown and HTML renderers and the charts read
 * this model, so the two files always agree.
 */
import type { GroupRow, ReportData, ReportVariant, ReportVariantConfig, TimeseriesRow } from './report-data.js';
import { type LimitRow, limitRows } from './report-limits.js';
import { type MonthlyProjection, projectMonth } from './report-projection.js';
import { tenantStats, type TenantStats } from './report-tenants.js';

/** One variant with everything computed about it. */
export interface VariantModel {
  summary: ReportVariant;
  /** From config.json; null without it (or when it lacks this variant). */
  config: ReportVariantConfig | null;
  month: MonthlyProjection;
  limits: LimitRow[];
  /** Null without tenants.csv or when no tenant sent traffic. */
  tenants: TenantStats | null;
  /** This variant's rows of groups.csv (empty without it). */
  groups: GroupRow[];
  /** This variant's rows of timeseries.csv (empty without it). */
  timeseries: TimeseriesRow[];
  /** Cold starts per 1,000 requests (invocations). */
  coldStartsPer1000: number;
}

/** The whole report's model. */
export interface ReportModel {
  data: ReportData;
  /** Variants in report order: the baseline first. */
  variants: VariantModel[];
  /** The simulated horizon every variant is projected from (summary.json's `horizonMs`). */
  horizonMs: number;
}

/** Builds the report model from parsed results. */
export function reportModel(data: ReportData): ReportModel {
  const horizonMs = data.summary.horizonMs;
  const variants = data.summary.variants.map((v): VariantModel => {
    const config = data.configs?.get(v.name) ?? null;
    return {
      summary: v,
      config,
      month: projectMonth(v, horizonMs, config),
      limits: limitRows(v, config),
      tenants: data.tenants === null ? null : tenantStats(v.name, data.tenants),
      groups: (data.groups ?? []).filter((g) => g.variant === v.name),
      timeseries: (data.timeseries ?? []).filter((t) => t.variant === v.name),
      coldStartsPer1000: v.invocations > 0 ? (v.coldStarts / v.invocations) * 1000 : 0,
    };
  });
  return { data, variants, horizonMs };
}
