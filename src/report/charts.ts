/**
 * The report's charts as Vega-Lite specifications with their data inline: cost breakdown, cold starts,
 * latency percentiles, environments and concurrency over time, and per-tenant cold-start rates. Each
 * variant keeps one colour in every chart. Series over time and per-tenant curves are thinned to at most
 * {@link MAX_POINTS} points per series, keeping every peak.
 */
import type { ChartBlock } from './blocks.js';
import type { ReportModel, VariantModel } from './model.js';
import { LINE_KEYS, LINE_LABELS } from '../billing/index.js';

/** Most points drawn per series. */
export const MAX_POINTS = 500;
/** Width of a chart's plot area, px. */
export const WIDTH = 560;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const CONFIG = { font: 'sans-serif', background: 'white', view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 240 } };

/** Line-item colours (ColorBrewer Set2), unlike the variant colours (Tableau 10). */
const ITEM_COLORS = ['#8da0cb', '#66c2a5', '#fc8d62', '#e78ac3', '#a6d854'];

const names = (m: ReportModel) => m.variants.map((v) => v.summary.name);
const variantColor = (m: ReportModel) => ({ field: 'variant', type: 'nominal', title: 'variant', scale: { domain: names(m) }, sort: names(m) });

export function chart(id: string, caption: string, spec: Record<string, unknown>): ChartBlock {
  return { kind: 'chart', id, caption, spec: { $schema: SCHEMA, config: CONFIG, ...spec } };
}

/** Monthly cost per variant, stacked by line item. */
export function costChart(m: ReportModel): ChartBlock {
  const used = LINE_KEYS.filter((i) => m.variants.some((v) => v.month.byItem[i] > 0));
  const items = used.length > 0 ? used : (['requests'] as const);
  const values = m.variants.flatMap((v) => items.map((i, order) => ({ variant: v.summary.name, item: LINE_LABELS[i], order, usd: v.month.byItem[i] })));
  return chart('cost', 'Cost per 30-day month by line item (USD)', {
    width: WIDTH, height: { step: 28 }, data: { values }, mark: 'bar',
    encoding: {
      y: { field: 'variant', type: 'nominal', sort: names(m), title: null },
      x: { field: 'usd', type: 'quantitative', stack: 'zero', title: 'USD per 30-day month', axis: { format: '$,.2~f' } },
      color: { field: 'item', type: 'nominal', title: 'line item', scale: { domain: items.map((i) => LINE_LABELS[i]), range: ITEM_COLORS } },
      order: { field: 'order', type: 'quantitative' },
    },
  });
}

/** Cold starts per 1,000 requests per variant. */
export function coldStartChart(m: ReportModel): ChartBlock {
  const values = m.variants.map((v) => ({ variant: v.summary.name, per1000: v.coldStartsPer1000 }));
  return chart('cold-starts', 'Cold starts per 1,000 requests', {
    width: WIDTH, height: { step: 28 }, data: { values }, mark: 'bar',
    encoding: {
      y: { field: 'variant', type: 'nominal', sort: names(m), title: null },
      x: { field: 'per1000', type: 'quantitative', title: 'cold starts per 1,000 requests' },
      color: { ...variantColor(m), legend: null },
    },
  });
}

/** Latency percentiles (p50, p90, p99, max) per variant: a dot plot on a log scale, so that the median and the maximum both read. */
export function latencyChart(m: ReportModel): ChartBlock {
  const stats = ['p50', 'p90', 'p99', 'max'] as const;
  // a log scale cannot show 0 ms (possible only in a model); such a point sits at 0.01 ms
  const values = m.variants.flatMap((v) => stats.map((s) => ({ variant: v.summary.name, percentile: s, ms: Math.max(0.01, v.summary.latencyMs[s]) })));
  return chart('latency', 'Latency percentiles (ms from first arrival to completion, log scale)', {
    width: WIDTH, height: { step: 16 }, data: { values }, mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
    encoding: {
      y: { field: 'percentile', type: 'nominal', sort: [...stats], title: null },
      yOffset: { field: 'variant', type: 'nominal', sort: names(m) },
      x: { field: 'ms', type: 'quantitative', title: 'ms (log scale)', scale: { type: 'log' } },
      color: variantColor(m),
    },
  });
}

/** A variant's minutes thinned to at most {@link MAX_POINTS} buckets, each with the largest peaks in it. */
export function thinTimeseries(v: VariantModel): Array<{ hour: number; busy: number; live: number }> {
  const rows = v.timeseries;
  const size = Math.max(1, Math.ceil(rows.length / MAX_POINTS));
  const out: Array<{ hour: number; busy: number; live: number }> = [];
  for (let i = 0; i < rows.length; i += size) {
    let busy = 0;
    let live = 0;
    for (let j = i; j < Math.min(rows.length, i + size); j++) {
      busy = Math.max(busy, rows[j].peakConcurrency);
      live = Math.max(live, rows[j].peakEnvironments);
    }
    out.push({ hour: rows[i].startMs / 3_600_000, busy, live });
  }
  return out;
}

/** Peak busy and live environments over time, one panel each, a line per variant. */
export function timeseriesChart(m: ReportModel): ChartBlock {
  const values = m.variants.flatMap((v) => thinTimeseries(v).flatMap((p) => [
    { variant: v.summary.name, measure: 'busy environments (concurrency)', hour: p.hour, value: p.busy },
    { variant: v.summary.name, measure: 'live environments (busy or idle)', hour: p.hour, value: p.live },
  ]));
  return chart('over-time', 'Peak busy and live environments per minute (thinned to at most 500 points per line)', {
    data: { values },
    facet: { row: { field: 'measure', type: 'nominal', title: null, sort: ['busy environments (concurrency)', 'live environments (busy or idle)'] } },
    spec: {
      width: WIDTH, height: 160, mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.2 },
      encoding: {
        x: { field: 'hour', type: 'quantitative', title: 'hours since the start' },
        y: { field: 'value', type: 'quantitative', title: 'environments' },
        color: variantColor(m),
      },
    },
    resolve: { scale: { y: 'independent' } },
  });
}

/** The empirical distribution function of ascending `sorted` as step points, at most {@link MAX_POINTS}. */
export function ecdfPoints(sorted: readonly number[]): Array<{ x: number; share: number }> {
  const n = sorted.length;
  const pts: Array<{ x: number; share: number }> = [{ x: sorted[0], share: 0 }];
  for (let i = 0; i < n; i++) if (i === n - 1 || sorted[i + 1] !== sorted[i]) pts.push({ x: sorted[i], share: (i + 1) / n });
  if (pts.length <= MAX_POINTS) return pts;
  const step = (pts.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => pts[Math.round(i * step)]);
}

/** Per-tenant cold-start rates: the share of tenants at or below each rate, a step line per variant. */
export function tenantColdStartChart(m: ReportModel): ChartBlock | null {
  const withTenants = m.variants.filter((v) => v.tenants !== null);
  if (withTenants.length === 0) return null;
  const values = withTenants.flatMap((v) => ecdfPoints(v.tenants!.coldStartRates).map((p) => ({ variant: v.summary.name, rate: p.x, share: p.share })));
  return chart('tenant-cold-starts', 'Per-tenant cold-start rates: share of tenants whose rate is at most x', {
    width: WIDTH, height: 240, data: { values }, mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'rate', type: 'quantitative', title: 'cold-start rate of a tenant', axis: { format: '.0%' } },
      y: { field: 'share', type: 'quantitative', title: 'share of tenants', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: variantColor(m),
    },
  });
}
