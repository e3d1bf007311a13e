/**
 * The limits section (headroom under each limit and the 429s it returned) and the section over time (the
 * busiest minutes and the chart of environments per minute).
 */
import type { Block } from './blocks.js';
import { timeseriesChart } from './charts.js';
import { int, pct } from './format.js';
import { type LimitFact, usedShare } from '../results/index.js';
import type { ReportModel, VariantModel } from './model.js';

/** Limit rows shown per variant; beyond, the least used without 429s are summed into one row. */
export const MAX_LIMIT_ROWS = 6;

/** A variant's rows to show: all of them, or the account, every limit that throttled and the most used, then one row for the rest. */
function shownLimits(v: VariantModel): { rows: LimitFact[]; rest: LimitFact[] } {
  if (v.limits.length <= MAX_LIMIT_ROWS) return { rows: v.limits, rest: [] };
  const [account, ...others] = v.limits;
  const ranked = [...others].sort((a, b) => b.throttles - a.throttles || (usedShare(b) ?? 0) - (usedShare(a) ?? 0));
  const keep = new Set(ranked.filter((r, i) => r.throttles > 0 || i < MAX_LIMIT_ROWS - 2));
  return { rows: [account, ...others.filter((r) => keep.has(r))], rest: others.filter((r) => !keep.has(r)) };
}

/** The headroom table. */
function limitsTable(m: ReportModel): Block {
  const rows = m.variants.flatMap((v) => {
    const { rows: shown, rest } = shownLimits(v);
    const lines = shown.map((r) => {
      const used = usedShare(r);
      return [v.summary.name, r.limit, r.value === null ? '-' : int(r.value), r.peak === null ? '-' : `${int(r.peak)} (${r.measure})`,
        used === null ? '-' : pct(used), used === null ? '-' : pct(1 - used), int(r.throttles)];
    });
    if (rest.length > 0) {
      const most = Math.max(...rest.map((r) => usedShare(r) ?? 0));
      lines.push([v.summary.name, `${int(rest.length)} more limits of functions`, '-', '-', `at most ${pct(most)}`, `at least ${pct(1 - most)}`, '0']);
    }
    return lines;
  });
  return { kind: 'table', head: ['variant', 'limit', 'limit value', 'peak', 'used', 'headroom', '429s'], rows, align: ['l', 'l', 'r', 'r', 'r', 'r', 'r'] };
}

/** The limits section. */
export function limitsSection(m: ReportModel): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: 'Limits headroom' },
    {
      kind: 'paragraph',
      text: [
        'How close each variant came to the limits that throttle: account concurrency (busy environments in the account), reserved concurrency (per function), and, for tenant-isolated functions, the cap on environments (busy or idle): ',
        { code: 'isolatedEnvironmentsPer1000' }, " x the function's concurrency limit (reserved, else the account's) / 1,000. Headroom is 1 - peak / limit. 429s count every refusal by that limit, retried or not.",
      ],
    },
    limitsTable(m),
  ];
  return blocks;
}

/** `day 1, 13:05` for a time in ms from the start (time 0 is Monday 00:00). */
export function clockText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const day = Math.floor(minutes / 1440) + 1;
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `day ${day}, ${hh}:${mm}`;
}

/** The first minute with the largest `key`, or null for no rows. */
function busiest(v: VariantModel, key: 'peakConcurrency' | 'peakEnvironments'): { value: number; at: string } | null {
  let best: VariantModel['timeseries'][number] | null = null;
  for (const r of v.timeseries) if (best === null || r[key] > best[key]) best = r;
  return best === null ? null : { value: best[key], at: clockText(best.startMs) };
}

/** The section over time. */
export function overTimeSection(m: ReportModel): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Environments over time' }];
  if (m.results.timeseries === null) {
    return [...blocks, { kind: 'note', text: [{ code: 'timeseries.csv' }, ' is missing from the results folder, so this section is left out.'] }];
  }
  const rows = m.variants.map((v) => {
    const busy = busiest(v, 'peakConcurrency');
    const live = busiest(v, 'peakEnvironments');
    return [v.summary.name, busy === null ? '-' : int(busy.value), busy?.at ?? '-', live === null ? '-' : int(live.value), live?.at ?? '-'];
  });
  return [
    ...blocks,
    { kind: 'paragraph', text: 'The busiest minute of each variant (time 0 is a Monday, 00:00): the most environments busy at once, and the most alive, busy or idle. Idle environments cost nothing by the second, but under tenant isolation each one was paid for when it was created.' },
    { kind: 'table', head: ['variant', 'peak busy', 'first reached', 'peak live', 'first reached'], rows, align: ['l', 'r', 'l', 'r', 'l'] },
    timeseriesChart(m),
  ];
}
