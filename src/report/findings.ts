/**
 * Plain-language findings computed from the numbers: what each variant costs and saves against the
 * baseline, which is cheapest and which fastest and by how much, throttling, and limits close to being
 * reached. Every sentence is built from the model; none is canned.
 */
import { usedShare } from '../results/index.js';
import type { ReportModel, VariantModel } from './model.js';
import { change, fixed, int, perThousand, pct, usd, usdFine } from './format.js';

/** Limits used at least this much are called out. */
export const LIMIT_WARNING = 0.8;

const monthly = (v: VariantModel): number => v.month.total;

/** "costs $X a month more than B (+Y%: $b instead of $a)" or the same with "less", or "costs the same as". */
function costComparison(v: VariantModel, base: VariantModel): string {
  const d = monthly(v) - monthly(base);
  if (Math.abs(d) < 0.005) return `costs about the same as ${base.summary.name} (${usd(monthly(v))} a month)`;
  return `${d > 0 ? 'adds' : 'saves'} ${usd(Math.abs(d))} a month (${change(monthly(base), monthly(v))}: ${usd(monthly(v))} instead of ${usd(monthly(base))})`;
}

/** Completed requests at most this share of another variant's count as serving less. */
const SERVED_LESS = 0.99;

/** A failed share more than this above another's counts as failing more (half a basis point: noise aside). */
const FAILS_MORE = 0.00005;

/** Whether `v` failed (throttled, rejected, timed out) a larger share of its requests than `other`. */
export const failsMore = (v: VariantModel, other: VariantModel): boolean => v.summary.failedShare > other.summary.failedShare + FAILS_MORE;

/** Why `v`'s requests failed, in words: `12 throttled, 18,263 rejected (no tenant id)`. */
function failureWords(v: VariantModel): string {
  const s = v.summary;
  const parts = [[s.throttled, 'throttled'], [s.rejected, 'rejected (no tenant id)'], [s.timeouts, 'timed out']] as const;
  return parts.filter(([n]) => n > 0).map(([n, w]) => `${int(n)} ${w}`).join(', ');
}

/** `; but it completed 211,763 fewer requests than shared (19.7% fewer: throttled), which is part of the saving`, or '' when `v` is cheaper without serving less. */
function servedLess(v: VariantModel, other: VariantModel): string {
  const a = v.summary.completed;
  const b = other.summary.completed;
  if (monthly(v) >= monthly(other) || a >= b * SERVED_LESS) return '';
  return `; but it completed ${int(b - a)} fewer requests than ${other.summary.name} (${pct((b - a) / b)} fewer: ${failureWords(v) || 'still running'}), which is part of the saving`;
}

/** A variant's cost per 1,000 completed requests (null when it completed none). */
const perCompleted = (v: VariantModel): number | null => (v.summary.completed > 0 ? (v.summary.costUsdExact.total / v.summary.completed) * 1000 : null);

/** `; per 1,000 completed requests $0.0014 instead of $0.0011, and 2.1% of its requests failed against 0.0%`. */
function fairness(v: VariantModel, base: VariantModel): string {
  const a = perCompleted(v);
  const b = perCompleted(base);
  const cost = a === null ? 'it completed no request' : `per 1,000 completed requests ${usdFine(a)}${b === null ? '' : ` instead of ${usdFine(b)}`}`;
  const failed = v.summary.failedShare === 0 && base.summary.failedShare === 0 ? 'no request failed in either' : `${pct(v.summary.failedShare, 2)} of its requests failed (${failureWords(v) || 'none'}) against ${pct(base.summary.failedShare, 2)}`;
  return `; ${cost}, and ${failed}`;
}

/** "and adds 5.2 cold starts per 1,000 requests (5.3 instead of 0.1)". */
function coldStartComparison(v: VariantModel, base: VariantModel): string {
  const d = v.coldStartsPer1000 - base.coldStartsPer1000;
  const both = `${perThousand(v.coldStartsPer1000)} instead of ${perThousand(base.coldStartsPer1000)}`;
  if (Math.abs(d) < 0.005) return `has as many cold starts per 1,000 requests (${perThousand(v.coldStartsPer1000)})`;
  return `${d > 0 ? 'adds' : 'removes'} ${perThousand(Math.abs(d))} cold starts per 1,000 requests (${both})`;
}

/** What tenant environments, the costliest tenants and the warmers' pings weigh in a variant's cost, or ''. */
function costShares(v: VariantModel): string {
  const parts: string[] = [];
  const env = v.month.byItem.tenantEnvironments;
  if (env > 0 && monthly(v) > 0) parts.push(`tenant-environment charges are ${pct(env / monthly(v))} of its cost`);
  const t = v.tenants;
  if (t !== null && t.tenants >= 2 && t.totalUsd > 0) {
    parts.push(`the costliest 10% of its tenants (${int(t.top10.count)} of ${int(t.tenants)}) carry ${pct(t.top10.share)} of it`);
  }
  const w = v.summary.warmers;
  if (w !== null && v.month.factor !== null && monthly(v) > 0) {
    parts.push(`its warmers' ${int(w.pings)} pings cost ${usd(w.costUsdExact.total * v.month.factor)} a month of it (${pct((w.costUsdExact.total * v.month.factor) / monthly(v))})`);
  }
  return parts.length === 0 ? '' : `; ${parts.join(', and ')}`;
}

/** One finding per variant after the baseline: its cost and cold starts against the baseline. */
function againstBaseline(m: ReportModel): string[] {
  const [base, ...rest] = m.variants;
  if (rest.length === 0) {
    return [`${base.summary.name} costs ${usd(monthly(base))} a month with ${perThousand(base.coldStartsPer1000)} cold starts per 1,000 requests${costShares(base)}.`];
  }
  return rest.map((v) => `${v.summary.name} ${costComparison(v, base)} compared with ${base.summary.name}, and ${coldStartComparison(v, base)}${costShares(v)}${fairness(v, base)}${servedLess(v, base)}.`);
}

/** The best variant by `key` (lower is better) and how far ahead of the next it is. */
function best(m: ReportModel, key: (v: VariantModel) => number): [VariantModel, VariantModel] {
  const sorted = [...m.variants].sort((a, b) => key(a) - key(b));
  return [sorted[0], sorted[1]];
}

/**
 * Which variant is cheapest and which fastest (lowest p99), by how much. A variant that failed a larger
 * share of its requests than the variant that failed least is not ranked (it did less work), and a finding
 * says so.
 */
function winners(all: ReportModel): string[] {
  if (all.variants.length < 2) return [];
  // measured against the variant that failed least (the baseline when it fails no more), so that a failing
  // baseline does not let another failing variant be ranked
  const base = all.variants.reduce((best, v) => (failsMore(best, v) ? v : best), all.variants[0]);
  const unranked = all.variants.filter((v) => failsMore(v, base));
  const notes = unranked.map((v) => `${v.summary.name} is not ranked for cost or speed: ${pct(v.summary.failedShare, 2)} of its requests failed (${failureWords(v)}) against ${pct(base.summary.failedShare, 2)} for ${base.summary.name}, so it did less work.`);
  const m = { ...all, variants: all.variants.filter((v) => !unranked.includes(v)) };
  if (m.variants.length < 2) return notes;
  const [cheap, next] = best(m, monthly);
  const costGap = monthly(next) - monthly(cheap);
  const cheapest = costGap < 0.005
    ? `${cheap.summary.name} and ${next.summary.name} are the cheapest, at about ${usd(monthly(cheap))} a month each.`
    : `Cheapest: ${cheap.summary.name} at ${usd(monthly(cheap))} a month, ${usd(costGap)} (${pct(costGap / monthly(next))}) less than the next cheapest, ${next.summary.name}${servedLess(cheap, next)}.`;
  const p99 = (v: VariantModel) => v.summary.latencyMs.p99;
  const timed = m.variants.filter((v) => v.summary.completed > 0); // a variant that completed nothing has no latency
  if (timed.length < 2) {
    const none = m.variants.filter((v) => v.summary.completed === 0).map((v) => v.summary.name);
    return [...notes, cheapest, timed.length === 0
      ? 'No variant completed an invocation, so there are no latencies to compare.'
      : `Latency: only ${timed[0].summary.name} completed invocations (p99 ${fixed(p99(timed[0]), 1)} ms); ${listText(none)} completed none.`];
  }
  const [fast, second] = best({ ...m, variants: timed }, p99);
  const gap = p99(second) - p99(fast);
  const tied = timed.filter((v) => p99(v) - p99(fast) < 0.05).map((v) => v.summary.name);
  const fastest = gap < 0.05
    ? `Fastest: ${tied.length === m.variants.length ? (tied.length === 2 ? 'both variants' : `all ${int(tied.length)} variants`) : listText(tied)} have the same p99 latency, ${fixed(p99(fast), 1)} ms.`
    : `Fastest: ${fast.summary.name}, with a p99 latency of ${fixed(p99(fast), 1)} ms, ${fixed(gap, 1)} ms (${pct(gap / p99(second))}) below the next fastest, ${second.summary.name} (${fixed(p99(second), 1)} ms).`;
  return [...notes, cheapest, fastest];
}

/** A group whose failed share is at least this many times the variant's (and at least 1 %) is named. */
const WORSE_SERVED = 2;

/** Throttled requests and the limits that caused them; limits used beyond {@link LIMIT_WARNING}; tenant
 *  groups served much worse than the variant as a whole. */
function pressure(m: ReportModel): string[] {
  const out: string[] = [];
  for (const v of m.variants) {
    const s = v.summary;
    const worse = v.groups.filter((g) => g.invocations > 0 && g.failedShare >= 0.01 && g.failedShare >= WORSE_SERVED * s.failedShare && v.groups.length > 1);
    for (const g of worse.sort((a, b) => b.failedShare - a.failedShare).slice(0, 3)) {
      out.push(`In ${s.name}, tenant group ${g.group} lost ${pct(g.failedShare, 2)} of its requests (${int(g.throttled)} throttled, ${int(g.rejected)} rejected, ${int(g.timeouts)} timed out), against ${pct(s.failedShare, 2)} of all requests.`);
    }
    if (s.throttled > 0) {
      const worst = [...v.limits].sort((a, b) => b.throttles - a.throttles)[0];
      const cause = worst !== undefined && worst.throttles > 0 ? `; most 429s came from the ${worst.limit} (${int(worst.throttles)})` : '';
      out.push(`${s.name} throttled ${int(s.throttled)} requests (${pct(s.throttled / Math.max(1, s.invocations), 2)} of all)${cause}.`);
    }
    for (const r of v.limits) {
      const used = usedShare(r);
      if (used !== null && used >= LIMIT_WARNING) {
        out.push(`${s.name} reached ${pct(used)} of its ${r.limit} (${r.measure} ${int(r.peak ?? 0)} of ${int(r.value ?? 0)}).`);
      }
    }
  }
  return out;
}

/** The findings, in reading order: against the baseline, winners, then pressure on limits. */
export function findings(m: ReportModel): string[] {
  if (m.variants.every((v) => v.summary.invocations === 0)) {
    return [`No variant had a request within the run, so there is nothing to compare: check the traffic's rates and counts against the horizon.`];
  }
  return [...againstBaseline(m), ...winners(m), ...pressure(m)];
}

/** `a`, `a and b`, `a, b and c`. */
function listText(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
