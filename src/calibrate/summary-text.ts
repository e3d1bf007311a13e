/**
 * The readable summary of a calibration: what was read, then per function its counts, memory, runtime,
 * arrivals, a table of the duration and init-duration fits, and its top tenants.
 */
import type { CalibrationResult, DurationSummary, FunctionCalibration, GroupCalibration } from './analyze.js';
import type { EntryCounts } from './collector.js';
import { formatCount, otherSizes, plural, formatMsCell, formatPValue, formatRate, formatShare, formatSpan, formatTime } from './format.js';
import { renderTextTable } from './text-table.js';
import { NAME_CHARS, escapeControl, excerpt } from './excerpt.js';
import type { LineProblem } from './types.js';

/** A name from the logs (function, tenant, status, event type), as the terminal shows it. */
const shown = (name: string) => excerpt(name, NAME_CHARS);

/** MB with at most one decimal. */
const formatMb = (mb: number) => mb.toLocaleString('en-US', { maximumFractionDigits: 1 });


/** What was read, entry kind by entry kind (kinds with none are left out, reports never). */
function readLines(counts: EntryCounts, files: number): string {
  const platform = [...counts.platformEvents].sort((a, b) => b[1] - a[1]);
  const platformTotal = platform.reduce((s, [, n]) => s + n, 0);
  const rows: Array<[number, string]> = [
    [counts.initStarts, `${plural(counts.initStarts, 'init event')} (INIT_START, platform.initStart)`],
    [platformTotal, `${plural(platformTotal, 'other platform event')}: ${platform.map(([t, n]) => `${shown(t)} ${formatCount(n)}`).join(', ')}`],
    [counts.malformed, `${plural(counts.malformed, 'malformed entry', 'malformed entries')} (listed on stderr)`],
    [counts.other, `${plural(counts.other, 'other line')} (application output, START and END lines, ...)`],
    [counts.blank, plural(counts.blank, 'blank line')],
    [counts.headers, plural(counts.headers, 'CSV header')],
  ];
  const listed = rows.filter(([n]) => n > 0).map(([, text]) => `  ${text}\n`);
  return `Read ${plural(files, 'file')}, ${plural(counts.lines, 'line')}:\n  ${plural(counts.reports, 'invocation report')}\n${listed.join('')}`;
}

function distributionRow(label: string, s: DurationSummary): string[] {
  const fit = s.fit;
  const cells = [label, formatCount(s.n), ...[s.minMs, s.p50Ms, s.p90Ms, s.p99Ms, s.maxMs].map(formatMsCell)];
  const fitCells = fit === null ? ['-', '-', '-', '-'] : [formatMsCell(fit.medianMs), formatMsCell(fit.p99Ms), fit.ksD.toFixed(3), formatPValue(fit.pValue)];
  return [...cells, ...fitCells, s.verdict];
}

function distributionTable(g: GroupCalibration): string {
  const header = ['(ms)', 'n', 'min', 'p50', 'p90', 'p99', 'max', 'fit median', 'fit p99', 'KS D', 'p-value', 'verdict'];
  const rows = [distributionRow('duration', g.duration)];
  if (g.initDuration !== null) rows.push(distributionRow('init', g.initDuration));
  return renderTextTable(header, rows, '  ', ['l', ...header.slice(1, -1).map(() => 'r' as const), 'l']);
}

/** The verdict in a word or two, for the tenant table. */
function fitWord(s: DurationSummary): string {
  if (s.form === 'lognormal') return 'fits';
  if (s.form === 'constant') return 'one value';
  return s.fit === null ? 'too few' : 'poor fit';
}

function tenantTable(f: FunctionCalibration, top: number): string {
  if (f.tenants.length === 0) return '';
  const topTenants = f.tenants.slice(0, top);
  const title = f.tenants.length > topTenants.length ? `Tenants (top ${topTenants.length} of ${formatCount(f.tenants.length)} by invocations):` : 'Tenants:';
  const header = ['tenant', 'invocations', 'share', 'cold starts', 'cold share', 'rate', 'mean inter-arrival', 'p50 (ms)', 'p99 (ms)', 'lognormal'];
  const rows = topTenants.map((t) => [
    shown(t.tenantId),
    formatCount(t.invocations),
    formatShare(t.share),
    formatCount(t.coldStarts),
    formatShare(t.coldStartShare),
    t.ratePerSecond === null ? '-' : formatRate(t.ratePerSecond),
    t.timing?.meanInterArrivalMs == null ? '-' : formatSpan(t.timing.meanInterArrivalMs),
    formatMsCell(t.duration.p50Ms),
    formatMsCell(t.duration.p99Ms),
    fitWord(t.duration),
  ]);
  return `\n  ${title}\n${renderTextTable(header, rows, '  ', ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'])}`;
}

function functionBlock(f: FunctionCalibration, top: number): string {
  const [[memoryMb]] = f.memorySizesMb;
  const others = otherSizes(f.memorySizesMb, (mb, n) => `${mb} MB in ${plural(n, 'report')}`);
  const runtime = f.runtime.source === 'logs' ? 'from the logs' : f.runtime.source === 'option' ? 'from --runtime' : 'a stand-in';
  const lines = [
    `Function ${shown(f.name)}: ${plural(f.invocations, 'invocation')}, ${plural(f.coldStarts, 'cold start')} (${formatShare(f.coldStartShare)})`,
    `  memory: ${formatCount(memoryMb)} MB configured${others ? ` (also ${others})` : ''}; Max Memory Used p99 ${formatMb(f.maxMemoryUsedP99Mb)} MB`,
    `  runtime: ${shown(f.runtime.id)} (${runtime}${f.runtime.note ? `: ${shown(f.runtime.note)}` : ''})`,
    `  status: ${f.statuses.map(([s, n]) => `${shown(s)} ${formatCount(n)}`).join(', ')}`,
  ];
  const t = f.timing;
  if (t === null) lines.push('  arrivals: no timestamps in the logs');
  else {
    const rate = t.ratePerSecond === null ? 'no rate (a single instant)' : `${formatRate(t.ratePerSecond)}`;
    const gap = t.meanInterArrivalMs === null ? '' : `, mean inter-arrival ${formatSpan(t.meanInterArrivalMs)}`;
    const partial = t.timed < f.invocations ? ` (${formatCount(t.timed)} timed reports)` : '';
    lines.push(`  arrivals: ${formatTime(t.firstMs)} to ${formatTime(t.lastMs)} (${formatSpan(t.spanMs)}), ${rate}${gap}${partial}`);
  }
  return `${lines.join('\n')}\n\n${distributionTable(f)}${tenantTable(f, top)}`;
}

/** The summary printed on stdout; `top` tenants are listed per function. */
export function renderSummary(result: CalibrationResult, top: number): string {
  const blocks = result.functions.map((f) => functionBlock(f, top));
  return [readLines(result.counts, result.files.length), ...blocks].join('\n');
}

/** The malformed entries, `file:line: reason` each, then how many more there were; '' when none. */
export function renderProblems(problems: readonly LineProblem[], total: number): string {
  if (total === 0) return '';
  const lines = problems.map((p) => `${escapeControl(p.file)}:${p.line}: ${escapeControl(p.reason)}\n`);
  const more = total - problems.length;
  return `${lines.join('')}${more > 0 ? `... and ${formatCount(more)} more malformed ${more === 1 ? 'entry' : 'entries'}\n` : ''}${plural(total, 'malformed entry', 'malformed entries')} skipped\n`;
}
