/**
 * Everything the report says, computed once from a run's typed results: per variant its monthly projection,
 * its limits and its per-tenant numbers. The Markdown and HTML renderers and the charts read this model, so
 * the two files always agree.
 */
import type { GroupRow, LimitFact, RunResults, TimeseriesRow, VariantSummary } from '../results/index.js';
import { type MonthlyProjection, projectMonth } from './month.js';
import { tenantStats, type TenantStats } from './tenants.js';

/** One variant with everything computed about it. */
export interface VariantModel {
  summary: VariantSummary;
  month: MonthlyProjection;
  /** The limits of its run (summary.json's `limits`), scaling rates only where they throttled. */
  limits: LimitFact[];
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
  results: RunResults;
  /** Variants in report order: the baseline first. */
  variants: VariantModel[];
  /** The simulated horizon (summary.json's `horizonMs`). */
  horizonMs: number;
}

/** The report could not be made from these results (an unknown baseline). */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** The variants with the baseline first; @throws ReportInputError when there is no such variant. */
function inReportOrder(variants: readonly VariantSummary[], baseline: string | undefined): VariantSummary[] {
  if (baseline === undefined) return [...variants];
  const i = variants.findIndex((v) => v.name === baseline);
  if (i < 0) {
    throw new ReportInputError([`no variant named ${JSON.stringify(baseline)} to compare with; the variants are ${variants.map((v) => v.name).join(', ')}`]);
  }
  return [variants[i], ...variants.filter((_, j) => j !== i)];
}

/** Builds the report model from a run's results, `baseline` (a variant's name) first. */
export function reportModel(results: RunResults, baseline?: string): ReportModel {
  const variants = inReportOrder(results.summary.variants, baseline).map((v): VariantModel => ({
    summary: v,
    month: projectMonth(v),
    limits: v.limits.filter((l) => l.kind !== 'scalingRate' || l.throttles > 0),
    tenants: results.tenants === null ? null : tenantStats(v.name, results.tenants),
    groups: [...(results.groups ?? [])].filter((g) => g.variant === v.name),
    timeseries: [...(results.timeseries ?? [])].filter((t) => t.variant === v.name),
    coldStartsPer1000: v.invocations > 0 ? (v.coldStarts / v.invocations) * 1000 : 0,
  }));
  return { results, variants, horizonMs: results.summary.horizonMs };
}
