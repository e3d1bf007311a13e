/**
 * The summary `tenancy-sim sweep` prints: the grid, a row per point and variant with the charted metrics
 * (by their sweep.csv names; mean +- half the confidence interval) and the limits hit, then the breakpoints.
 */
import type { MetricEstimate, SweepDocument } from './document.js';
import { metricText } from './format.js';
import { metricNamed } from './metrics.js';
import { valueText } from './points.js';

function estimateText(e: MetricEstimate | undefined, metric: string): string {
  if (e === undefined) return '-';
  const unit = metricNamed(metric)?.unit ?? 'count';
  if (e.ciLow === null || e.ciHigh === null) return metricText(e.mean, unit);
  return `${metricText(e.mean, unit)} +- ${metricText((e.ciHigh - e.ciLow) / 2, unit, e.mean)}`;
}

/** Columns padded to their widest cell; the first `left` columns and the last left-aligned, the others right-aligned. */
function table(rows: string[][], left: number): string {
  const widths = rows[0].map(() => 0);
  for (const r of rows) r.forEach((cell, c) => (widths[c] = Math.max(widths[c], cell.length))); // no spread: a sweep may have a million rows
  const last = widths.length - 1;
  const line = (r: string[]) => r.map((cell, c) => (c < left || c === last ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The printed summary of `doc` (a whole sweep or a shard). */
export function sweepText(doc: SweepDocument): string {
  const grid = doc.parameters.map((p) => `${p.key} (${p.values.length} value${p.values.length === 1 ? '' : 's'})`).join(' x ');
  const runs = doc.points.length * doc.variants.length * doc.replications;
  const out: string[] = [
    `${doc.scenario}: sweep of ${grid}`,
    `${doc.points.length}${doc.shard === null ? '' : ` of ${doc.pointCount}`} point${doc.points.length === 1 ? '' : 's'} x ${doc.variants.length} variant${doc.variants.length === 1 ? '' : 's'} x ${doc.replications} replication${doc.replications === 1 ? '' : 's'} = ${runs.toLocaleString('en-US')} runs; seeds ${doc.seeds.join(', ')}${doc.replications > 1 ? `; +- half the ${Math.round(doc.confidence * 100)} % confidence interval` : ''}`,
    '',
  ];
  const keys = doc.parameters.map((p) => p.key);
  // the failed share beside every metric: a variant is never cheaper or faster for doing less work
  const failed = doc.charts.includes('failedShare') ? [] : ['failedShare'];
  const rows = [[...keys, 'variant', ...doc.charts, ...failed, 'limits hit']];
  for (const p of doc.points) {
    for (const v of p.variants) {
      const hit = v.limits.filter((l) => l.hit).map((l) => l.limit).join('; ');
      rows.push([...p.values.map(valueText), v.name, ...[...doc.charts, ...failed].map((m) => estimateText(v.metrics[m], m)), hit === '' ? '-' : hit]);
    }
  }
  out.push(table(rows, keys.length + 1), '');
  if (doc.breakpoints === null) {
    out.push(`shard ${doc.shard?.index}/${doc.shard?.count}: breakpoints need every point; combine the shards with tenancy-sim merge`);
  } else if (doc.breakpoints.length === 0) {
    out.push(`breakpoints: none (no limit hit${doc.breakpointRules.length > 0 ? `, no variant beyond ${doc.breakpointRules.map((r) => `${r.metric} ${r.threshold}`).join(' or ')} of ${doc.baseline}` : ''})`);
  } else {
    out.push('breakpoints:', ...doc.breakpoints.map((b) => `  ${b.text}`));
  }
  return `${out.join('\n')}\n`;
}
