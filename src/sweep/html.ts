/**
 * sweep.html: one self-contained page (inline CSS and SVG, no script, no network) with the sweep's
 * breakpoints, a chart per chosen metric, the limits at every point and the charted values.
 */
import { renderSvg } from '../report/index.js';
import { metricChart } from './charts.js';
import type { LimitSummary, SweepDocument } from './document.js';
import { localeNumber, metricText } from './format.js';
import { metricNamed } from './metrics.js';
import { pointLabel, valueText } from './points.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}table{border-collapse:collapse;font-size:12px;margin:.5em 0}
th,td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:right}th:first-child,td:first-child,td.l,th.l{text-align:left}
.hit{color:#b00;font-weight:600}figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}.note{color:#555}.wide{overflow-x:auto}`;

/** `s` safe in HTML text and attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function breakpointList(doc: SweepDocument): string {
  const list = doc.breakpoints ?? [];
  if (list.length === 0) return '<p>No limit was hit and no variant crossed a breakpoint threshold anywhere on the grid.</p>';
  return `<ul>${list.map((b) => `<li>${escapeHtml(b.text)}</li>`).join('')}</ul>`;
}

const num = (x: number | null, digits = 1) => (x === null ? '' : localeNumber(x, digits));

/** A limit in a cell: `peak / limit (headroom %)`, and its 429s when it returned any. */
function limitCell(l: LimitSummary | undefined): string {
  if (l === undefined) return '<td></td>';
  const level = l.value === null ? '' : `${num(l.peak, 0)} / ${num(l.value, 0)} (${num(l.headroomPct)}%)`;
  const throttles = l.hit ? `${level === '' ? '' : ', '}${num(l.throttles, 2)} 429s` : level === '' ? '0 429s' : '';
  return `<td${l.hit ? ' class="hit"' : ''}>${escapeHtml(level + throttles)}</td>`;
}

/** One row per point and variant, a column per limit: peak / limit (headroom) and the 429s it returned. */
function limitsTable(doc: SweepDocument): string {
  const limits = [...new Set(doc.points.flatMap((p) => p.variants.flatMap((v) => v.limits.map((l) => l.limit))))];
  const head = `<tr><th class="l">point</th><th class="l">variant</th>${limits.map((l) => `<th>${escapeHtml(l)}</th>`).join('')}<th>throttled share</th></tr>`;
  const rows = doc.points.flatMap((p) => p.variants.map((v) => {
    const byName = new Map<string, LimitSummary>();
    for (const l of v.limits) if (!byName.has(l.limit)) byName.set(l.limit, l);
    const cells = limits.map((name) => limitCell(byName.get(name)));
    const share = v.metrics.throttleShare;
    return `<tr><td>${escapeHtml(pointLabel(doc.parameters, p.values))}</td><td class="l">${escapeHtml(v.name)}</td>${cells.join('')}<td>${share === undefined ? '' : escapeHtml(metricText(share.mean, 'share'))}</td></tr>`;
  }));
  return `<div class="wide"><table>${head}${rows.join('')}</table></div>`;
}

function valuesTable(doc: SweepDocument, metric: string): string {
  const unit = metricNamed(metric)?.unit ?? 'count';
  const head = `<tr><th class="l">point</th>${doc.variants.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr>`;
  const rows = doc.points.map((p) => {
    const cells = p.variants.map((v) => {
      const e = v.metrics[metric];
      if (e === undefined) return '<td></td>';
      const ci = e.ciLow === null || e.ciHigh === null ? '' : ` [${metricText(e.ciLow, unit, e.mean)}, ${metricText(e.ciHigh, unit, e.mean)}]`;
      return `<td>${escapeHtml(metricText(e.mean, unit) + ci)}</td>`;
    });
    return `<tr><td>${escapeHtml(pointLabel(doc.parameters, p.values))}</td>${cells.join('')}</tr>`;
  });
  return `<details><summary>values (mean [95 % interval])</summary><table>${head}${rows.join('')}</table></details>`;
}

/** The text of sweep.html for a complete sweep's `doc`. */
export async function sweepHtml(doc: SweepDocument): Promise<string> {
  const figures: string[] = [];
  for (const metric of doc.charts) {
    const svg = await renderSvg(metricChart(doc, metric));
    const label = metricNamed(metric)?.label ?? metric;
    figures.push(`<figure><figcaption>${escapeHtml(label)} against ${escapeHtml(doc.parameters[0].key)}</figcaption><div class="wide">${svg}</div>${valuesTable(doc, metric)}</figure>`);
  }
  const grid = doc.parameters.map((p) => `${escapeHtml(p.key)}: ${p.values.map((v) => escapeHtml(valueText(v))).join(', ')}`).join('<br>');
  const panels = doc.parameters.length > 1 ? ` One panel per ${escapeHtml(doc.parameters.slice(1).map((p) => p.key).join(' x '))}.` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.scenario)}: sweep</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(doc.scenario)}: capacity sweep</h1>
<p>${escapeHtml(doc.description)}</p>
<p>${grid}</p>
<p class="note">${doc.pointCount} point${doc.pointCount === 1 ? '' : 's'} x ${doc.variants.length} variant${doc.variants.length === 1 ? '' : 's'} x ${doc.replications} replication${doc.replications === 1 ? '' : 's'} (seeds ${doc.seeds.join(', ')}).
Lines are means over the replications; bands are ${Math.round(doc.confidence * 100)} % t-based confidence intervals.${panels}
Breakpoints compare each variant with ${escapeHtml(doc.baseline)}.</p>
<h2>Breakpoints</h2>
${breakpointList(doc)}
<h2>Charts</h2>
${figures.join('\n')}
<h2>Limits at every point</h2>
<p class="note">Each cell: peak / limit (headroom = (limit - peak) / limit), the peak the highest of the replications, and the mean 429s the limit returned; red where it returned any. The scaling rate (new environments per window) has no level, only 429s.</p>
${limitsTable(doc)}
</body></html>
`;
}
