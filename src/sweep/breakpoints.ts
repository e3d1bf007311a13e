/**
 * Breakpoints of a whole sweep: along the first parameter, in each series of the other parameters' values,
 * the first value at which a variant hits a limit (a 429 from it in any replication), and the first value at
 * which a variant exceeds the baseline's mean by a rule's threshold.
 */
import type { Breakpoint, PointResult, SweepDocument, VariantPoint } from './document.js';
import { changeText, metricText } from './format.js';
import { metricNamed } from './metrics.js';
import { valueText } from './points.js';
import { exceeds } from './thresholds.js';

/** The series of a grid: for each combination of the other parameters, its points along the first one. */
export function seriesOf(doc: SweepDocument): { series: Record<string, unknown>; points: PointResult[] }[] {
  const [first, ...others] = doc.parameters;
  const stride = doc.pointCount / first.values.length;
  const byIndex = new Map(doc.points.map((p) => [p.index, p]));
  return Array.from({ length: stride }, (_, r) => {
    const points = first.values.map((_, i) => byIndex.get(i * stride + r)).filter((p): p is PointResult => p !== undefined);
    const series = Object.fromEntries(others.map((o, j) => [o.key, points[0]?.values[j + 1]]));
    return { series, points };
  });
}

function seriesText(series: Record<string, unknown>): string {
  const parts = Object.entries(series).map(([k, v]) => `${k}=${valueText(v)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

function limitBreakpoints(doc: SweepDocument, series: Record<string, unknown>, points: PointResult[], variant: number): Breakpoint[] {
  const key = doc.parameters[0].key;
  const name = doc.variants[variant];
  const out: Breakpoint[] = [];
  const firstHit = new Map<string, PointResult>(); // by limit: the first point where it was hit
  for (const p of points) for (const l of p.variants[variant].limits) if (l.hit && !firstHit.has(l.limit)) firstHit.set(l.limit, p);
  for (const { limit, kind } of points[0]?.variants[variant].limits ?? []) {
    const at = firstHit.get(limit);
    if (at === undefined) continue;
    const value = at.values[0];
    out.push({ kind: 'limit', variant: name, series, parameter: key, value, point: at.index, limit, limitKind: kind, text: `${name} hits ${limit} at ${key}=${valueText(value)}${seriesText(series)}` });
  }
  return out;
}

function thresholdBreakpoints(doc: SweepDocument, series: Record<string, unknown>, points: PointResult[], variant: number): Breakpoint[] {
  const key = doc.parameters[0].key;
  const base = doc.variants.indexOf(doc.baseline);
  const name = doc.variants[variant];
  const out: Breakpoint[] = [];
  for (const rule of doc.breakpointRules) {
    const mean = (v: VariantPoint) => v.metrics[rule.metric]?.mean;
    const at = points.find((p) => {
      const a = mean(p.variants[variant]);
      const b = mean(p.variants[base]);
      return a !== undefined && b !== undefined && exceeds(rule, a, b);
    });
    if (at === undefined) continue;
    const variantMean = mean(at.variants[variant]) as number;
    const baselineMean = mean(at.variants[base]) as number;
    const unit = metricNamed(rule.metric)?.unit ?? 'count';
    const change = changeText(variantMean, baselineMean);
    const means = `${metricText(variantMean, unit)} vs ${metricText(baselineMean, unit)}${change === '' ? '' : ` (${change})`}`;
    out.push({
      kind: 'threshold', variant: name, series, parameter: key, value: at.values[0], point: at.index, metric: rule.metric, threshold: rule.threshold, baselineMean, variantMean,
      text: `${name} exceeds ${doc.baseline} by more than ${rule.threshold} in ${rule.metric} at ${key}=${valueText(at.values[0])}${seriesText(series)}: ${means}`,
    });
  }
  return out;
}

/** Every breakpoint of a complete sweep: by series, then variant; limits before thresholds. */
export function findBreakpoints(doc: SweepDocument): Breakpoint[] {
  const out: Breakpoint[] = [];
  for (const { series, points } of seriesOf(doc)) {
    for (const v of doc.variants.keys()) {
      out.push(...limitBreakpoints(doc, series, points, v));
      if (doc.variants[v] !== doc.baseline) out.push(...thresholdBreakpoints(doc, series, points, v));
    }
  }
  return out;
}
