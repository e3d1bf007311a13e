/**
 * The per-tenant section: cost concentration, the spread of per-tenant cold-start rates, cost per 1,000
 * requests, the costliest tenants, and tenant groups.
 */
import type { Block } from './blocks.js';
import { tenantColdStartChart } from './charts.js';
import { fixed, int, pct, usd, usdFine } from './format.js';
import type { ReportModel, VariantModel } from './model.js';
import { quantile, TENANT_QUANTILES, type TenantStats } from './tenants.js';

const QUANTILE_HEAD = ['min', 'p10', 'p25', 'median', 'p75', 'p90', 'p99', 'max'];

type WithTenants = VariantModel & { tenants: TenantStats };

/** Cost concentration and cost per 1,000 requests. */
function concentrationTable(vs: WithTenants[]): Block {
  const rows = vs.map(({ summary, tenants: t }) => [
    summary.name, int(t.tenants),
    `${pct(t.top1.share)} (${int(t.top1.count)})`, `${pct(t.top10.share)} (${int(t.top10.count)})`,
    usdFine(t.costPer1000All), usdFine(quantile(t.costPer1000, 0.5)), usdFine(quantile(t.costPer1000, 0.9)), usdFine(quantile(t.costPer1000, 1)),
  ]);
  return {
    kind: 'table',
    head: ['variant', 'tenants', 'costliest 1% carry', 'costliest 10% carry', 'per 1,000 requests: all', 'median tenant', 'p90 tenant', 'dearest tenant'],
    rows, align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  };
}

/** Quantiles of per-tenant cold-start rates. */
function coldStartTable(vs: WithTenants[]): Block {
  const rows = vs.map(({ summary, tenants: t }) => [summary.name, ...TENANT_QUANTILES.map((q) => pct(quantile(t.coldStartRates, q), 2))]);
  return { kind: 'table', head: ['variant', ...QUANTILE_HEAD], rows, align: ['l', ...QUANTILE_HEAD.map(() => 'r' as const)] };
}

/** What the spread says, per variant: the median tenant's cold-start rate and the highest. */
function spreadSentence(vs: WithTenants[]): string {
  const parts = vs.map(({ summary, tenants: t }) => `${summary.name} ${pct(quantile(t.coldStartRates, 0.5), 2)} and ${pct(quantile(t.coldStartRates, 1), 2)}`);
  return `The median tenant's rate and the highest: ${parts.join('; ')}.`;
}

/** A share of the run's cost at 30 days' worth (the run's amount x 30 d / its period), or '-' without a period. */
const perMonth = (v: VariantModel, runUsd: number): string => (v.month.factor === null ? '-' : usd(runUsd * v.month.factor));

/** The five costliest tenants of each variant, at monthly cost. */
function costliestTable(vs: WithTenants[]): Block {
  const rows = vs.flatMap((v) => v.tenants.costliest.map((r) => [
    v.summary.name, r.tenant, r.group, int(r.invocations), int(r.coldStarts), perMonth(v, r.totalUsdExact),
    pct(v.tenants.totalUsd > 0 ? r.totalUsdExact / v.tenants.totalUsd : 0),
  ]));
  return { kind: 'table', head: ['variant', 'tenant', 'group', 'requests', 'cold starts', 'per 30-day month', 'share of cost'], rows, align: ['l', 'l', 'l', 'r', 'r', 'r', 'r'] };
}

/** The tenants whose requests failed most, per variant, when any did: a share of failures that the run's
 *  totals hide (1 % throttled overall can be half of the smallest tenants' requests). */
function worstServedBlocks(vs: WithTenants[]): Block[] {
  const rows = vs.flatMap((v) => v.tenants.worstServed.map((r) => [
    v.summary.name, r.tenant, r.group, int(r.invocations), pct(r.failedShare, 2), int(r.throttled), int(r.rejected), int(r.timeouts),
    r.latencyP99Ms === null ? 'n/a' : fixed(r.latencyP99Ms, 1),
  ]));
  if (rows.length === 0) return [];
  return [
    { kind: 'subheading', text: 'Worst-served tenants' },
    { kind: 'paragraph', text: ['The tenants with the largest share of failed requests (throttled, rejected or timed out), up to five per variant; p99 counts completed requests from their first attempt, retries included. Every tenant is in ', { code: 'tenants.csv' }, ' with its shares.'] },
    { kind: 'table', head: ['variant', 'tenant', 'group', 'requests', 'failed', 'throttled', 'rejected', 'timed out', 'p99 (ms)'], rows, align: ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'] },
  ];
}

/** Tenant groups side by side, when a variant has more than one. */
function groupBlocks(m: ReportModel): Block[] {
  if (!m.variants.some((v) => v.groups.length > 1)) return [];
  const rows = m.variants.flatMap((v) => v.groups.map((g) => [
    v.summary.name, g.group, `${int(g.activeTenants)} of ${int(g.tenants)}`, int(g.invocations),
    pct(g.invocations > 0 ? g.coldStarts / g.invocations : 0, 2), pct(g.failedShare, 2), g.latencyP99Ms === null ? 'n/a' : fixed(g.latencyP99Ms, 1), perMonth(v, g.totalUsdExact),
    usdFine(g.invocations > 0 ? (g.totalUsdExact / g.invocations) * 1000 : 0),
  ]));
  return [
    { kind: 'subheading', text: 'Tenant groups' },
    { kind: 'table', head: ['variant', 'group', 'tenants with traffic', 'requests', 'cold-start rate', 'failed', 'p99 (ms)', 'per 30-day month', 'per 1,000 requests'], rows, align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'] },
  ];
}

/** The per-tenant section. */
export function tenantsSection(m: ReportModel): Block[] {
  const head: Block = { kind: 'heading', text: 'Tenants' };
  if (m.results.tenants === null) return [head, { kind: 'note', text: [{ code: 'tenants.csv' }, ' is missing from the results folder, so this section is left out.'] }];
  const vs = m.variants.filter((v): v is WithTenants => v.tenants !== null);
  if (vs.length === 0) {
    const requests = m.variants.reduce((n, v) => n + v.summary.invocations, 0);
    return [head, { kind: 'note', text: requests === 0 ? 'No tenant sent traffic: the run had no requests.' : 'No tenant sent traffic (every request was sent without a tenant id).' }];
  }
  const none = vs.filter((v) => v.tenants.noTenantInvocations > 0);
  const chart = tenantColdStartChart(m);
  return [
    head,
    { kind: 'paragraph', text: ['Every dollar of a variant is attributed to a tenant (', { code: 'tenants.csv' }, "): requests and duration to the tenant of the invocation, tenant-environment charges to the tenant whose request created the environment. The costliest 1% and 10% of tenants (at least one) and their share of the tenants' cost show how concentrated it is."] },
    concentrationTable(vs),
    { kind: 'subheading', text: 'Cold-start rate per tenant' },
    { kind: 'paragraph', text: `The spread of tenants' cold-start rates (a tenant's cold starts / its requests). ${spreadSentence(vs)}` },
    coldStartTable(vs),
    ...(chart === null ? [] : [chart]),
    ...worstServedBlocks(vs),
    { kind: 'subheading', text: 'Costliest tenants' },
    costliestTable(vs),
    ...groupBlocks(m),
    ...(none.length === 0 ? [] : [{ kind: 'note' as const, text: `Requests sent without a tenant id are not counted as a tenant: ${none.map((v) => `${int(v.tenants.noTenantInvocations)} in ${v.summary.name}`).join(', ')}.` }]),
  ];
}
