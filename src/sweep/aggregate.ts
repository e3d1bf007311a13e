/**
 * From the tasks' results to the points of sweep.json: per point and variant, each metric's mean and
 * confidence interval over the replications, and each limit's worst case.
 */
import { estimate } from './confidence.js';
import type { Breakpoint, LimitSummary, MetricEstimate, PointResult, SweepDocument, SweepHeader, VariantPoint } from './document.js';
import type { Shard } from './grid.js';
import { headroomPct, type LimitFact } from '../results/index.js';
import { METRICS } from './metrics.js';
import type { TaskResult } from './task.js';

/** `x` rounded to 12 significant digits: readable, and the same bytes on every machine. */
export function sig(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

/** The estimate of one metric over replications; null when it applied to none. */
function metricEstimate(values: (number | null)[]): MetricEstimate | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const e = estimate(present);
  const round = (x: number | null) => (x === null ? null : sig(x));
  return { mean: sig(e.mean), ciLow: round(e.ciLow), ciHigh: round(e.ciHigh), n: e.n, values };
}

/** Each limit over replications (every replication has the same limits, in the same order). */
function limitSummaries(runs: readonly LimitFact[][]): LimitSummary[] {
  return runs[0].map((first, i) => {
    const facts = runs.map((r) => r[i]);
    const peaks = facts.map((f) => f.peak).filter((p): p is number => p !== null);
    const peak = peaks.length > 0 ? Math.max(...peaks) : null;
    const h = headroomPct(first.value, peak);
    const throttles = facts.reduce((s, f) => s + f.throttles, 0) / facts.length;
    return { kind: first.kind, limit: first.limit, value: first.value, peak, headroomPct: h === null ? null : sig(h), throttles: sig(throttles), hit: facts.some((f) => f.throttles > 0) };
  });
}

/** One variant at one point from its replications' results (in replication order). */
function variantPoint(name: string, runs: readonly TaskResult[]): VariantPoint {
  const metrics: Record<string, MetricEstimate> = {};
  for (const [m, def] of METRICS.entries()) {
    const e = metricEstimate(runs.map((r) => r.values[m]));
    if (e !== null) metrics[def.name] = e;
  }
  return { name, metrics, limits: limitSummaries(runs.map((r) => r.limits)) };
}

/**
 * The points measured by `results`, each task's result found by (point, replication, variant); points in
 * `pointIndices` order, variants in `variants` order, replications in order.
 */
export function aggregatePoints(pointIndices: readonly number[], pointValues: readonly unknown[][], variants: readonly string[], replications: number, results: readonly TaskResult[]): PointResult[] {
  const byKey = new Map<string, TaskResult>();
  for (const r of results) byKey.set(`${r.point}/${r.variant}/${r.replication}`, r);
  return pointIndices.map((index, i) => ({
    index,
    values: pointValues[i],
    variants: variants.map((v) => variantPoint(v, Array.from({ length: replications }, (_, k) => {
      const r = byKey.get(`${index}/${v}/${k}`);
      if (r === undefined) throw new Error(`no result for point ${index}, variant ${v}, replication ${k}`);
      return r;
    }))),
  }));
}

/** The document with its fields in their fixed order (so a merge writes the very bytes a whole run writes). */
export function assemble(h: SweepHeader, shard: Shard | null, points: PointResult[], breakpoints: Breakpoint[] | null): SweepDocument {
  return {
    format: h.format, scenario: h.scenario, description: h.description, scenarioSha256: h.scenarioSha256, seed: h.seed, seeds: h.seeds,
    replications: h.replications, confidence: h.confidence, parameters: h.parameters, variants: h.variants, baseline: h.baseline,
    breakpointRules: h.breakpointRules, charts: h.charts, metrics: h.metrics, pointCount: h.pointCount, shard, points, breakpoints,
  };
}
