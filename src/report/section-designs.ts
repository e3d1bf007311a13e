/**
 * The designs section: each variant's way of isolating tenants (shared, tenant isolation mode, function per
 * tenant, hybrid tiers, warmers) side by side on the same traffic: cost per month and per 1,000 completed
 * requests, user cold starts per 1,000, p99, failures and functions to deploy; and for each variant with
 * warmers, per warmed tenant, whether the pings cost less than the cold starts and environment fees they
 * avoid against the same design without warmers (docs/designs.md).
 */
import type { Block, Text } from './blocks.js';
import { chart, WIDTH } from './charts.js';
import { failsMore } from './findings.js';
import { fixed, int, pct, usd, usdFine } from './format.js';
import type { ReportModel, VariantModel } from './model.js';
import type { TenantRow } from '../results/index.js';

/** Rows of the break-even table shown per warmed variant (the ones that gain most and least). */
export const BREAK_EVEN_ROWS = 10;

/** A tier's tenancy in words. */
const TENANCY_WORDS: Record<string, string> = { shared: 'shared', isolated: 'tenant isolation', 'function-per-tenant': 'function per tenant' };

/** A variant's design in words: per function its tiers (with tenants when several), then its warmers. */
export function designText(v: VariantModel): string {
  const fns = v.summary.functions.map((f) => {
    const tiers = f.tiers.filter((t) => t.tenants > 0 || f.tiers.length === 1);
    const words = tiers.map((t) => `${TENANCY_WORDS[t.tenancy] ?? t.tenancy}${tiers.length > 1 ? ` (${int(t.tenants)} tenant${t.tenants === 1 ? '' : 's'})` : ''}`).join(' + ');
    return { name: f.name, words };
  });
  const same = fns.every((f) => f.words === fns[0].words);
  const body = same ? fns[0].words : fns.map((f) => `${f.name}: ${f.words}`).join('; ');
  const w = v.summary.warmers;
  return w === null ? body : `${body}, with warmers (${int(w.pings)} pings)`;
}

/** Whether the section has something to say: a variant uses a design beyond one shared or isolated pool per
 *  function (function per tenant, hybrid tiers, warmers); shared against isolated alone is the side-by-side
 *  section's. */
export function hasDesigns(m: ReportModel): boolean {
  return m.variants.some((v) => v.summary.warmers !== null || v.summary.functions.some((f) => f.tiers.filter((t) => t.tenants > 0).length > 1 || f.tiers.some((t) => t.tenancy === 'function-per-tenant')));
}

const perCompleted = (v: VariantModel): number | null => (v.summary.completed > 0 ? (v.summary.costUsdExact.total / v.summary.completed) * 1000 : null);
const warmerMonthly = (v: VariantModel): number | null => (v.summary.warmers === null || v.month.factor === null ? null : v.summary.warmers.costUsdExact.total * v.month.factor);

/** Each variant's design in words. */
function designList(m: ReportModel): Block {
  return { kind: 'list', items: m.variants.map((v): Text => [{ code: v.summary.name }, `: ${designText(v)}`]) };
}

/** The table of designs. */
function designTable(m: ReportModel): Block {
  const anyWarmers = m.variants.some((v) => v.summary.warmers !== null);
  const head = ['variant', 'functions', 'per month', 'per 1,000 completed', 'cold starts per 1,000', 'p99 (ms)', 'failed', ...(anyWarmers ? ['warmers per month'] : [])];
  const rows = m.variants.map((v) => {
    const s = v.summary;
    const pc = perCompleted(v);
    const wm = warmerMonthly(v);
    return [
      s.name, int(s.deployedFunctions), usd(v.month.total), pc === null ? 'n/a' : usdFine(pc), fixed(v.coldStartsPer1000, 2),
      s.completed > 0 ? fixed(s.latencyMs.p99, 1) : 'n/a', pct(s.failedShare, 2), ...(anyWarmers ? [wm === null ? '-' : usd(wm)] : []),
    ];
  });
  return { kind: 'table', head, rows, align: head.map((_, i) => (i < 1 ? 'l' : 'r')) };
}

/** What the table says: the cheapest design among those that fail no more than the least failing one, and the
 *  one with the fewest user cold starts. */
function verdict(m: ReportModel): Text {
  const least = m.variants.reduce((a, b) => (b.summary.failedShare < a.summary.failedShare ? b : a));
  const fair = m.variants.filter((v) => !failsMore(v, least));
  const cheapest = fair.reduce((a, b) => (b.month.total < a.month.total ? b : a));
  const coolest = fair.reduce((a, b) => (b.coldStartsPer1000 < a.coldStartsPer1000 ? b : a));
  const left = m.variants.filter((v) => !fair.includes(v)).map((v) => v.summary.name);
  const parts = [
    `Of the designs that failed no more requests than the least failing one (${least.summary.name}, ${pct(least.summary.failedShare, 2)}), ${cheapest.summary.name} costs least (${usd(cheapest.month.total)} a month) and ${coolest.summary.name} gives users the fewest cold starts (${fixed(coolest.coldStartsPer1000, 2)} per 1,000 requests).`,
    left.length > 0 ? ` Not ranked, because they failed more: ${left.join(', ')}.` : '',
    ` Functions are the functions to deploy; cold starts, latency and failures count user requests only; the cost includes the warmers' pings${m.variants.some((v) => v.summary.warmers !== null) ? ' (warmers per month is their share)' : ''}.`,
  ];
  return parts.join('');
}

/** One warmed tenant's break-even against the same design without warmers (amounts of the run). */
export interface BreakEven {
  tenant: string;
  group: string;
  pings: number;
  /** The pings' cost. */
  pingUsd: number;
  /** User cold starts without and with the warmer. */
  coldBefore: number;
  coldAfter: number;
  /** The tenant's user cost without the warmer minus with it (fees and billed init avoided). */
  savedUsd: number;
  p99Before: number | null;
  p99After: number | null;
}

/** The name of a shared pool's break-even row: its pings are recorded as `(none)`, its gains are the
 *  tenants' not pinged one by one. */
export const SHARED_POOL = '(shared pool)';

/**
 * The break-even of every target warmed in `warmed` against `baseline`, from tenants.csv's rows: each tenant
 * pinged one by one, and a shared pool's pings (recorded as `(none)`) against the gains of every tenant not
 * pinged one by one (the tenants of the shared tier, with any that neither warmer nor tier changed).
 */
export function breakEvens(rows: Iterable<TenantRow>, warmed: string, baseline: string): BreakEven[] {
  // two passes over the rows, keeping the pinged tenants only (a million tenants' rows are never all held)
  const pinged = new Map<string, BreakEven>();
  let pool: BreakEven | null = null;
  const rest = { coldBefore: 0, coldAfter: 0, usdBefore: 0, usdAfter: 0 };
  for (const a of rows) {
    if (a.variant !== warmed) continue;
    if (a.tenant === '(none)' && a.warmerPings > 0) {
      pool = { tenant: SHARED_POOL, group: '', pings: a.warmerPings, pingUsd: a.warmerUsdExact, coldBefore: 0, coldAfter: 0, savedUsd: 0, p99Before: null, p99After: null };
    }
    if (a.warmerPings > 0 && a.tenant !== '(none)') {
      pinged.set(a.tenant, {
        tenant: a.tenant, group: a.group, pings: a.warmerPings, pingUsd: a.warmerUsdExact, coldBefore: 0, coldAfter: a.coldStarts,
        savedUsd: -a.totalUsdExact, p99Before: null, p99After: a.latencyP99Ms,
      });
    } else {
      // not pinged one by one ((none) included: tenant-less traffic): the shared pool's gains
      rest.coldAfter += a.coldStarts;
      rest.usdAfter += a.totalUsdExact;
    }
  }
  for (const b of rows) {
    if (b.variant !== baseline) continue;
    const x = pinged.get(b.tenant);
    if (x !== undefined) {
      x.coldBefore = b.coldStarts;
      x.savedUsd += b.totalUsdExact;
      x.p99Before = b.latencyP99Ms;
    } else {
      rest.coldBefore += b.coldStarts;
      rest.usdBefore += b.totalUsdExact;
    }
  }
  const out = [...pinged.values()];
  if (pool !== null) out.push({ ...pool, coldBefore: rest.coldBefore, coldAfter: rest.coldAfter, savedUsd: rest.usdBefore - rest.usdAfter });
  return out;
}

/** The net cost of warming a tenant: the pings' cost minus what they saved (negative: warming pays). */
export const netUsd = (b: BreakEven): number => b.pingUsd - b.savedUsd;

/** The break-even blocks of one variant with warmers. */
function breakEvenBlocks(m: ReportModel, v: VariantModel): Block[] {
  const w = v.summary.warmers;
  if (w === null) return [];
  const name = v.summary.name;
  const head: Block = { kind: 'subheading', text: `Is warming worth it? ${name}` };
  if (w.baseline === null) {
    return [head, { kind: 'paragraph', text: `No variant is the same design as ${name} without its warmers, so what the pings avoid cannot be measured here: add one to the scenario.` }];
  }
  if (m.results.tenants === null) return [head, { kind: 'paragraph', text: 'tenants.csv is missing, so the per-tenant break-even cannot be shown.' }];
  const all = breakEvens(m.results.tenants, name, w.baseline);
  const pingsUsd = all.reduce((s, b) => s + b.pingUsd, 0);
  const factor = v.month.factor ?? 1;
  const monthly = (x: number) => usd(x * factor);
  const fine = (x: number) => usdFine(x * factor); // table cells: the same precision in every column, so that they add up
  const pays = all.filter((b) => netUsd(b) <= 0);
  const avoided = all.reduce((s, b) => s + (b.coldBefore - b.coldAfter), 0);
  const net = all.reduce((s, b) => s + netUsd(b), 0);
  const sorted = [...all].sort((a, b) => netUsd(a) - netUsd(b) || a.tenant.localeCompare(b.tenant));
  const shown = sorted.length <= BREAK_EVEN_ROWS ? sorted : [...sorted.slice(0, BREAK_EVEN_ROWS / 2), ...sorted.slice(-BREAK_EVEN_ROWS / 2)];
  const p99 = (x: number | null) => (x === null ? 'n/a' : fixed(x, 1));
  const shared = all.some((b) => b.tenant === SHARED_POOL);
  const tenantsWarmed = all.filter((b) => b.tenant !== SHARED_POOL).length;
  return [
    head,
    {
      kind: 'paragraph',
      text: `Against ${w.baseline} (the same design without warmers), ${name}'s ${int(w.pings)} pings (${monthly(pingsUsd)} a month${w.environmentsCharged > 0 ? `, the fees of the ${int(w.environmentsCharged)} environments they created included` : ''}) avoided ${int(avoided)} user cold starts. ` +
        (pays.length === 0
          ? `Warming pays for itself for none of the ${int(all.length)} warmed ${all.length === 1 ? 'target' : 'targets'}: it buys latency. `
          : `Warming pays for itself for ${int(pays.length)} of ${int(all.length)} warmed ${all.length === 1 ? 'target' : 'targets'}: their pings cost less than the environment fees and billed init they avoided. `) +
        `Over all of them it ${net <= 0 ? 'saves' : 'costs'} ${monthly(Math.abs(net))} a month net${avoided > 0 ? `: ${usdFine(Math.abs(net) / avoided)} ${net <= 0 ? 'saved' : 'paid'} per cold start avoided` : ''}.` +
        (shared ? ` ${SHARED_POOL} is the pool of a shared tier, pinged once for all its tenants: its gains are those of every tenant not pinged one by one${tenantsWarmed > 0 ? ` (the other ${int(tenantsWarmed)} rows are tenants pinged one by one)` : ''}.` : ''),
    },
    {
      kind: 'table',
      head: ['tenant', 'pings', 'pings per month', 'saved per month', 'net per month', 'user cold starts', 'p99 (ms)'],
      rows: shown.map((b) => [
        b.tenant, int(b.pings), fine(b.pingUsd), fine(b.savedUsd), fine(netUsd(b)), `${int(b.coldBefore)} → ${int(b.coldAfter)}`, b.tenant === SHARED_POOL ? '-' : `${p99(b.p99Before)} → ${p99(b.p99After)}`,
      ]),
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    },
    {
      kind: 'note',
      text: `Monthly amounts are the run's times 30 days / its period. Saved is the tenant's user cost without warmers minus with them: the environment fees and billed init of the cold starts avoided, less those of the background replacements an environment kept warm gets at its maximum lifetime. Net = pings - saved: below 0, warming the tenant pays for itself; above, it buys the latency shown. ${all.length > shown.length ? `Shown: the ${BREAK_EVEN_ROWS / 2} tenants warming helps most and the ${BREAK_EVEN_ROWS / 2} it helps least, of ${int(all.length)}.` : ''}`.trim(),
    },
  ];
}

/** Monthly cost against user cold starts per 1,000 requests, one point per design. */
export function designsChart(m: ReportModel): Block {
  const values = m.variants.map((v) => ({ variant: v.summary.name, usd: v.month.total, per1000: v.coldStartsPer1000, design: designText(v) }));
  const names = m.variants.map((v) => v.summary.name);
  return chart('designs', 'Designs: cost per 30-day month against user cold starts per 1,000 requests', {
    width: WIDTH, height: 260, data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 90 } },
      { mark: { type: 'text', dx: 8, align: 'left', fontSize: 11 }, encoding: { text: { field: 'variant' } } },
    ],
    encoding: {
      x: { field: 'per1000', type: 'quantitative', title: 'user cold starts per 1,000 requests' },
      y: { field: 'usd', type: 'quantitative', title: 'USD per 30-day month', axis: { format: '$,.2~f' } },
      color: { field: 'variant', type: 'nominal', title: 'variant', scale: { domain: names }, sort: names, legend: null },
      tooltip: [{ field: 'variant' }, { field: 'design' }],
    },
  });
}

/** Whether every function of `v` has one tier, of `tenancy`, and no warmers. */
const only = (v: VariantModel, tenancy: string) => v.summary.warmers === null && v.summary.functions.every((f) => f.tiers.every((t) => t.tenancy === tenancy));

/** Function per tenant against tenant isolation: with no limit binding, the same pools per tenant, so the same
 *  user cold starts, and costs apart by the environment fees alone. Said when the run shows it. */
function siloSentence(m: ReportModel): Text[] {
  const out: Text[] = [];
  for (const fpt of m.variants.filter((v) => only(v, 'function-per-tenant'))) {
    for (const iso of m.variants.filter((v) => only(v, 'isolated'))) {
      const a = fpt.summary;
      const b = iso.summary;
      // the same pools and the same work: the same requests and billed ms, function by function
      const same = a.coldStarts === b.coldStarts && a.failedShare === b.failedShare && a.functions.length === b.functions.length &&
        a.functions.every((f, i) => f.name === b.functions[i].name && f.memoryMb === b.functions[i].memoryMb && f.usage.requests === b.functions[i].usage.requests && f.usage.billedMs === b.functions[i].usage.billedMs);
      if (!same) continue;
      const fees = b.costUsdExact.tenantEnvironments - a.costUsdExact.tenantEnvironments;
      out.push(`${a.name} and ${b.name} both keep a pool per tenant, and no limit told them apart: the same ${int(a.coldStarts)} user cold starts and the same billed requests and duration. Their costs differ by exactly tenant isolation's environment fees, ${usdFine(fees)} in the run (${usd(fees * (iso.month.factor ?? 1))} a month), while ${a.name} has ${int(a.deployedFunctions)} functions to deploy instead of ${int(b.deployedFunctions)}.`);
    }
  }
  return out;
}

/** The section, when a variant uses function per tenant, hybrid tiers or warmers. */
export function designsSection(m: ReportModel): Block[] {
  if (!hasDesigns(m)) return [];
  return [
    { kind: 'heading', text: 'Designs compared' },
    {
      kind: 'paragraph',
      text: 'Each variant is a way to run the same traffic: one pool per function shared by every tenant, tenant isolation mode (a pool per tenant and a fee per environment), a function per tenant (a pool per tenant, no fee, a function to deploy per tenant), hybrid tiers (some groups isolated, the rest shared) or warmers (scheduled pings that keep environments warm). docs/designs.md says what the model assumes for each.',
    },
    designList(m),
    designTable(m),
    { kind: 'paragraph', text: verdict(m) },
    ...siloSentence(m).map((text): Block => ({ kind: 'paragraph', text })),
    designsChart(m),
    ...m.variants.flatMap((v) => breakEvenBlocks(m, v)),
  ];
}
