/**
 * The charts of sweep.html as Vega-Lite specifications with their data inline: for each chosen metric, its
 * mean against the first swept parameter, one line per variant with its confidence band, a panel per
 * combination of the other parameters, and a dashed rule where a breakpoint falls.
 */
import type { Breakpoint, SweepDocument } from './document.js';
import { metricNamed } from './metrics.js';
import { valueText } from './points.js';
import { seriesOf } from './breakpoints.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const CONFIG = { font: 'sans-serif', background: 'white', view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 240, orient: 'top' }, header: { labelFontSize: 11, titleFontSize: 11 } };

/** Label of a series (the other parameters' values), or `all` with one parameter. */
export function seriesLabel(series: Record<string, unknown>): string {
  const parts = Object.entries(series).map(([k, v]) => `${k}=${valueText(v)}`);
  return parts.length === 0 ? 'all' : parts.join(', ');
}

/** How the x axis is encoded: quantitative (log when the values span 20x or more) for numbers, else in order. */
function xEncoding(doc: SweepDocument): Record<string, unknown> {
  const values = doc.parameters[0].values;
  const title = doc.parameters[0].key;
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const nums = values as number[];
    const min = Math.min(...nums);
    const log = min > 0 && Math.max(...nums) / min >= 20;
    const domain = [min, Math.max(...nums)];
    const scale = log ? { type: 'log', domain, nice: false, padding: 8 } : { type: 'linear', domain, nice: false, zero: false, padding: 8 };
    return { field: 'x', type: 'quantitative', title, scale, axis: { values: nums, labelOverlap: false, format: ',~r' } };
  }
  return { field: 'xLabel', type: 'ordinal', title, sort: values.map(valueText), axis: { labelAngle: 0 } };
}

/** Whether breakpoint `b` belongs on the chart of `metric`: every limit, and the thresholds on that metric. */
const onChart = (b: Breakpoint, metric: string) => b.kind === 'limit' || b.metric === metric;

/** Short names of limits for the marks. */
const LIMIT_MARKS: Record<string, string> = { account: 'account limit', reserved: 'reserved limit', tenantEnvironmentCap: 'environment cap', scalingRate: 'scaling rate' };

/** The breakpoint rows of a chart: a label each, on its own line of its panel. */
function breakRows(doc: SweepDocument, metric: string): Record<string, unknown>[] {
  const last = valueText(doc.parameters[0].values[doc.parameters[0].values.length - 1]);
  const seen = new Map<string, number>();
  return (doc.breakpoints ?? []).filter((b) => onChart(b, metric)).map((b) => {
    const where = seriesLabel(b.series); // one line per label in a panel
    const row = seen.get(where) ?? 0;
    seen.set(where, row + 1);
    const what = b.kind === 'limit' ? LIMIT_MARKS[b.limitKind ?? ''] ?? 'limit' : b.threshold;
    const xLabel = valueText(b.value);
    return { kind: 'break', x: b.value, xLabel, series: seriesLabel(b.series), variant: b.variant, label: `${b.variant} ${what}`, labelY: 2 + 12 * row, side: xLabel === last ? 'right' : 'left' };
  });
}

/** The chart of `metric` for a complete sweep. */
export function metricChart(doc: SweepDocument, metric: string): Record<string, unknown> {
  const def = metricNamed(metric);
  const rows: Record<string, unknown>[] = [];
  for (const { series, points } of seriesOf(doc)) {
    const s = seriesLabel(series);
    for (const p of points) {
      for (const v of p.variants) {
        const e = v.metrics[metric];
        if (e === undefined) continue;
        rows.push({ kind: 'mean', x: p.values[0], xLabel: valueText(p.values[0]), series: s, variant: v.name, mean: e.mean, ciLow: e.ciLow, ciHigh: e.ciHigh });
      }
    }
  }
  rows.push(...breakRows(doc, metric));
  const names = doc.variants;
  const color = { field: 'variant', type: 'nominal', title: 'variant', scale: { domain: names }, sort: names };
  const x = xEncoding(doc);
  const faceted = doc.parameters.length > 1;
  const title = def?.label ?? metric;
  const label = (side: 'left' | 'right') => ({
    transform: [{ filter: `datum.kind === 'break' && datum.side === '${side}'` }],
    mark: { type: 'text', align: side, baseline: 'top', dx: side === 'left' ? 3 : -3, fontSize: 10 },
    encoding: { x, y: { field: 'labelY', type: 'quantitative', scale: null }, text: { field: 'label' }, color },
  });
  // the line layer first: the legend shows its symbol
  const layers = [
    { transform: [{ filter: "datum.kind === 'mean'" }], mark: { type: 'line', point: true, strokeWidth: 1.5 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title }, color } },
    { transform: [{ filter: "datum.kind === 'mean' && datum.ciLow !== null" }], mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'ciLow', type: 'quantitative', title }, y2: { field: 'ciHigh' }, color } },
    { transform: [{ filter: "datum.kind === 'break'" }], mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x, color } },
    label('left'),
    label('right'),
  ];
  const inner = { width: faceted ? 240 : 560, height: 200, layer: layers };
  const spec = faceted
    ? { facet: { field: 'series', type: 'nominal', title: null, sort: seriesOf(doc).map((s) => seriesLabel(s.series)) }, columns: 3, spacing: 36, bounds: 'flush', spec: inner }
    : inner;
  return { $schema: SCHEMA, config: CONFIG, data: { values: rows }, ...spec };
}
