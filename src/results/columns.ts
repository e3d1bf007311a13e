/**
 * The columns of every CSV file of a results folder, each table listed once: the writer takes its header and
 * cells from here, and the reader (read.ts) finds and types its columns from the same list.
 */
import { LINE_KEYS } from '../billing/index.js';
import { COLD_START_CAUSES, type ColdStartCause } from '../model/cold-causes.js';
import type { CreationCauses } from '../model/record.js';
import type { FunctionSummary, VariantSummary } from './types.js';

/** How a column is written and read: text, a number, or a number that may be empty (written ''). */
export type ColumnKind = 'text' | 'number' | 'optional';
/** A table's columns, in file order: name -> kind. */
export type ColumnSpec = Readonly<Record<string, ColumnKind>>;
/** The typed row of a table. */
export type RowOf<S extends ColumnSpec> = { -readonly [K in keyof S]: S[K] extends 'text' ? string : S[K] extends 'optional' ? number | null : number };

/** Why environments were created (see model/cold-causes.ts): a column per cold-start cause, adding up to
 *  coldStarts, and the background replacements; with them, environmentsCreated. In every CSV that has
 *  environmentsCreated, after it. */
export const CAUSE_COLUMNS = {
  coldStartsFirstUse: 'number', coldStartsKeepAlive: 'number', coldStartsLifetime: 'number', coldStartsCapReclaim: 'number',
  coldStartsScaleOut: 'number', replacements: 'number',
} as const satisfies Record<`coldStarts${Capitalize<ColdStartCause>}` | 'replacements', ColumnKind>;

/** The column of a cold-start cause: `coldStarts` and its name capitalized. */
export const causeColumn = (cause: ColdStartCause) => `coldStarts${cause[0].toUpperCase()}${cause.slice(1)}` as `coldStarts${Capitalize<ColdStartCause>}`;

/** The cause columns' cells of `causes`. */
export function causeCells(causes: CreationCauses): RowOf<typeof CAUSE_COLUMNS> {
  const row = { replacements: causes.replacements } as RowOf<typeof CAUSE_COLUMNS>;
  for (const c of COLD_START_CAUSES) row[causeColumn(c)] = causes.coldStarts[c];
  return row;
}

/** How a tenant's or group's requests failed, each as a share of its invocations (8 decimals): throttled,
 *  rejected (no tenant id), cut off at the timeout, and all three. */
export const FAILURE_COLUMNS = {
  throttledShare: 'number', rejectedShare: 'number', timeoutShare: 'number', failedShare: 'number',
} as const satisfies ColumnSpec;

/** The failure columns' cells of counts out of `invocations`. */
export function failureCells(c: { invocations: number; throttled: number; rejected: number; timeouts: number }): RowOf<typeof FAILURE_COLUMNS> {
  const share = (x: number) => (c.invocations > 0 ? Math.round((x / c.invocations) * 1e8) / 1e8 : 0);
  return { throttledShare: share(c.throttled), rejectedShare: share(c.rejected), timeoutShare: share(c.timeouts), failedShare: share(c.throttled + c.rejected + c.timeouts) };
}

/** What warmers did for a tenant or group, apart from its traffic: pings sent, pings refused by a limit, pings
 *  that created an environment, and the pings' share of the cost (not in totalUsdExact). */
export const WARMER_COLUMNS = {
  warmerPings: 'number', warmerThrottled: 'number', warmerColdStarts: 'number', warmerUsdExact: 'number',
} as const satisfies ColumnSpec;

/** tenants.csv: one row per (variant, tenant with traffic or pings); `(none)` is traffic sent without a tenant
 *  id (and pings of a shared pool). */
export const TENANT_COLUMNS = {
  variant: 'text', tenant: 'text', group: 'text', invocations: 'number', completed: 'number', throttled: 'number', rejected: 'number',
  timeouts: 'number', ...FAILURE_COLUMNS, coldStarts: 'number', coldStartRate: 'number', environmentsCreated: 'number', ...CAUSE_COLUMNS, latencyP50Ms: 'optional', latencyP99Ms: 'optional',
  billedGbSeconds: 'number', requestsUsdExact: 'number', durationUsdExact: 'number', tenantEnvironmentsUsdExact: 'number',
  totalUsdExact: 'number', usdPer1000Invocations: 'number', usdPer1000Completed: 'optional', ...WARMER_COLUMNS,
} as const satisfies ColumnSpec;
/** One row of tenants.csv. */
export type TenantRow = RowOf<typeof TENANT_COLUMNS>;

/** groups.csv: one row per (variant, tenant group). */
export const GROUP_COLUMNS = {
  variant: 'text', group: 'text', tenants: 'number', activeTenants: 'number', invocations: 'number', completed: 'number', throttled: 'number',
  rejected: 'number', timeouts: 'number', ...FAILURE_COLUMNS, latencyP50Ms: 'optional', latencyP99Ms: 'optional', coldStarts: 'number', coldStartRate: 'number', environmentsCreated: 'number', ...CAUSE_COLUMNS, billedGbSeconds: 'number', totalUsdExact: 'number',
  usdPer1000Invocations: 'number', usdPer1000Completed: 'optional', ...WARMER_COLUMNS,
} as const satisfies ColumnSpec;
/** One row of groups.csv. */
export type GroupRow = RowOf<typeof GROUP_COLUMNS>;

/** timeseries.csv: one row per (variant, bucket of `bucketMs`: a minute, wider for runs of more than 91 days). */
export const TIMESERIES_COLUMNS = {
  variant: 'text', minute: 'number', startMs: 'number', bucketMs: 'number', arrivals: 'number', coldStarts: 'number', throttles: 'number',
  peakConcurrency: 'number', meanConcurrency: 'number', peakEnvironments: 'number', meanEnvironments: 'number',
} as const satisfies ColumnSpec;
/** One row of timeseries.csv. */
export type TimeseriesRow = RowOf<typeof TIMESERIES_COLUMNS>;

/** The header of a table. */
export const header = (spec: ColumnSpec): string[] => Object.keys(spec);

/** A row's cells in column order (an empty optional number as ''). */
export function cells<S extends ColumnSpec>(spec: S, row: RowOf<S>): unknown[] {
  return Object.keys(spec).map((k) => (row as Record<string, unknown>)[k] ?? '');
}

/** A column computed from a summary: its name and its value. */
export type Derived<T> = readonly [name: string, value: (x: T) => number | string];

/** The columns every level shares, from the counts to the billed GB-s. */
function outcomeColumns<T extends FunctionSummary | VariantSummary>(): Derived<T>[] {
  return [
    ['invocations', (s) => s.invocations], ['completed', (s) => s.completed], ['throttled', (s) => s.throttled],
    ['rejected', (s) => s.rejected], ['inFlight', (s) => s.inFlight], ['failedShare', (s) => s.failedShare],
  ];
}

/** The cause columns (see {@link CAUSE_COLUMNS}) of a summary. */
function causeDerived<T extends FunctionSummary | VariantSummary>(): Derived<T>[] {
  return Object.keys(CAUSE_COLUMNS).map((name): Derived<T> => [name, (s) => causeCells(s.causes)[name as keyof typeof CAUSE_COLUMNS]]);
}

/** Latency and billed GB-s columns. */
function latencyColumns<T extends FunctionSummary | VariantSummary>(): Derived<T>[] {
  return [
    ['latencyMeanMs', (s) => s.latencyMs.mean], ['latencyP50Ms', (s) => s.latencyMs.p50], ['latencyP90Ms', (s) => s.latencyMs.p90],
    ['latencyP99Ms', (s) => s.latencyMs.p99], ['latencyMaxMs', (s) => s.latencyMs.max], ['billedGbSeconds', (s) => s.billedGbSeconds],
  ];
}

/** summary.csv: one row per variant, the headline numbers; costs rounded up to cents, plus the exact total. */
export const SUMMARY_CSV: readonly Derived<VariantSummary>[] = [
  ['variant', (s) => s.name], ['horizonMs', (s) => s.horizonMs], ...outcomeColumns<VariantSummary>(),
  ['coldStarts', (s) => s.coldStarts], ['coldStartRate', (s) => s.coldStartRate], ['environmentsCreated', (s) => s.environmentsCreated],
  ...causeDerived<VariantSummary>(), ['peakConcurrency', (s) => s.peakConcurrency], ['meanConcurrency', (s) => s.meanConcurrency], ['peakEnvironments', (s) => s.peakEnvironments],
  ['meanEnvironments', (s) => s.meanEnvironments], ...latencyColumns<VariantSummary>(),
  ...LINE_KEYS.map((k): Derived<VariantSummary> => [`${k}Usd`, (s) => s.costUsd[k]]),
  ['totalUsd', (s) => s.costUsd.total], ['totalUsdExact', (s) => s.costUsdExact.total],
  ['deployedFunctions', (s) => s.deployedFunctions], ['warmerPings', (s) => s.warmers?.pings ?? 0], ['warmerUsdExact', (s) => s.warmers?.costUsdExact.total ?? 0],
];

/** functions.csv: one row per (variant, function); costs are each function's share of the exact total. */
export const FUNCTIONS_CSV: readonly Derived<FunctionSummary & { variant: string }>[] = [
  ['variant', (f) => f.variant], ['function', (f) => f.name], ['tenancy', (f) => f.tenancy], ['memoryMb', (f) => f.memoryMb],
  ['architecture', (f) => f.architecture], ...outcomeColumns<FunctionSummary & { variant: string }>(), ['timeouts', (f) => f.timeouts],
  ['coldStarts', (f) => f.coldStarts], ['coldStartRate', (f) => f.coldStartRate], ['environmentsCreated', (f) => f.environmentsCreated],
  ...causeDerived<FunctionSummary & { variant: string }>(), ['peakConcurrency', (f) => f.peakConcurrency], ['meanConcurrency', (f) => f.meanConcurrency], ['peakEnvironments', (f) => f.peakEnvironments],
  ['meanEnvironments', (f) => f.meanEnvironments], ...latencyColumns<FunctionSummary & { variant: string }>(),
  ...LINE_KEYS.map((k): Derived<FunctionSummary> => [`${k}UsdExact`, (f) => f.costUsdExact[k]]),
  ['totalUsdExact', (f) => f.costUsdExact.total],
  ['deployedFunctions', (f) => f.deployedFunctions], ['warmerPings', (f) => f.warmers?.pings ?? 0], ['warmerUsdExact', (f) => f.warmers?.costUsdExact.total ?? 0],
];
