/**
 * A variant's summary (an entry of summary.json's `variants`): pure functions from its run record and
 * scenario to the numbers users read and quote. Costs come from the billing module: the run's usage priced
 * with the scenario's options, and a 30-day month of it priced with the monthly tiers.
 */
import { createHash } from 'node:crypto';
import { attributeCosts, type BillableUsage, computeRunCost, type CostLines, monthlyCost, type MonthlyCost, type RunCost } from '../billing/index.js';
import type { FunctionConfig, ScenarioConfig } from '../model/config.js';
import { durationFactor } from '../model/platform.js';
import type { CreationCauses, FunctionRun, RunRecord, WarmerCounter } from '../model/record.js';
import { COLD_START_CAUSES } from '../model/cold-causes.js';
import { trafficKeys } from '../model/streams.js';
import { limitFacts } from './limits.js';
import { gbSeconds, rate, round, roundLatency, roundLines } from './round.js';
import type { CostConcentration, FunctionSummary, VariantSummary, WarmerSummary } from './types.js';

/** The cost of a run, with the scenario's billing options. */
export function runCost(record: RunRecord, config: ScenarioConfig): RunCost {
  return computeRunCost(record.functions.map((f) => f.usage), config.billing);
}

/** What a month is computed from: summary.json's usage, period and billing options of a variant. */
export interface MonthInput {
  functions: readonly { usage: BillableUsage }[];
  periodMs: number;
  billing: { freeTier: boolean };
}

/**
 * A 30-day month of a variant's traffic, priced: its usage (summary.json's `functions[].usage`) scaled by
 * 30 days / its period, with the monthly tiers, and the free tier as the scenario says. The one monthly
 * figure: summary.json's `monthlyCostUsdExact`, the report's projection and the sweep's `monthlyCostUsd` all
 * come from here.
 */
export function monthOf(summary: MonthInput): MonthlyCost | null {
  return monthlyCost(summary.functions.map((f) => f.usage), summary.periodMs, summary.billing.freeTier);
}

/** What function `f`'s pings used (zero without warmers), and the rest of its usage: its user traffic's. */
function splitUsage(f: FunctionRun): { user: BillableUsage; pings: BillableUsage } {
  const w = f.warmer;
  const u = f.usage;
  const pings: BillableUsage = {
    ...u, requests: w?.completed ?? 0, billedMs: w?.billedMs ?? 0, provisionedBilledMs: 0, tenantEnvironments: w?.environmentsCharged ?? 0,
    provisionedConcurrency: 0, provisionedMs: 0,
  };
  const user = { ...u, requests: u.requests - pings.requests, billedMs: u.billedMs - pings.billedMs, tenantEnvironments: u.tenantEnvironments - pings.tenantEnvironments };
  return { user, pings };
}

/** The warmers' summary of functions `fs` (their counts summed), with `cost` their share; null without warmers. */
function warmerSummary(fs: readonly FunctionRun[], cost: CostLines): WarmerSummary | null {
  if (fs.some((f) => f.warmer === null)) return null;
  const sum = (k: WarmerCounter) => fs.reduce((s, f) => s + (f.warmer as Record<WarmerCounter, number>)[k], 0);
  return {
    pings: sum('pings'), completed: sum('completed'), throttled: sum('throttled'), coldStarts: sum('coldStarts'), environmentsCharged: sum('environmentsCharged'),
    billedGbSeconds: round(fs.reduce((s, f) => s + ((f.warmer as Record<WarmerCounter, number>).billedMs * f.usage.memoryMb) / 1024 / 1000, 0), 6),
    costUsdExact: roundLines(cost),
  };
}

/** Adds cost lines. */
function addLines(a: CostLines, b: CostLines): CostLines {
  return Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof CostLines] + b[k as keyof CostLines]])) as unknown as CostLines;
}

/** See FunctionSummary.handlerKey: routes' durations are the scenario's, whichever function serves them. */
function handlerKey(fn: FunctionConfig, config: ScenarioConfig): string {
  const spec = config.routes.length > 0 ? config.routes.filter((r) => r.function === fn.name).map((r) => [r.name, r.duration]) : fn.duration;
  return createHash('sha256').update(JSON.stringify([spec, durationFactor(fn.memoryMb, fn.cpuScaling)])).digest('hex').slice(0, 12);
}

/** One function's summary; `pingCost` is its pings' share of the cost. */
function functionSummary(f: FunctionRun, fn: FunctionConfig, config: ScenarioConfig, cost: CostLines, pingCost: CostLines): FunctionSummary {
  return {
    name: f.name, tenancy: f.tenancy, runtime: fn.runtime, initDurationDefault: fn.initDurationDefault, durationFactor: round(durationFactor(fn.memoryMb, fn.cpuScaling)),
    handlerKey: handlerKey(fn, config),
    memoryMb: f.usage.memoryMb, architecture: f.usage.architecture,
    invocations: f.invocations, completed: f.completed, throttled: f.throttled, rejected: f.rejected,
    failedShare: rate(f.throttled + f.rejected + f.timeouts, f.invocations),
    coldStarts: f.coldStarts, coldStartRate: rate(f.coldStarts, f.invocations), environmentsCreated: f.environmentsCreated, causes: f.causes,
    peakConcurrency: f.concurrency.peak, meanConcurrency: round(f.concurrency.mean), peakEnvironments: f.environments.peak,
    meanEnvironments: round(f.environments.mean), inFlight: f.inFlight,
    limitHits: f.limitHits, timeouts: f.timeouts, asyncDropped: f.asyncDropped, retries: f.retries, latencyMs: roundLatency(f.latency),
    billedGbSeconds: gbSeconds(f.usage.billedMs + f.usage.provisionedBilledMs, f.usage.memoryMb), costUsdExact: roundLines(cost), usage: f.usage, // pings included, as the variant's
    tiers: f.tiers, deployedFunctions: f.tiers.reduce((n, t) => n + t.deployed, 0), warmers: warmerSummary([f], pingCost),
  };
}

/** Sums of the counts that add up over functions. */
const SUMMED = ['invocations', 'completed', 'throttled', 'rejected', 'inFlight', 'coldStarts', 'environmentsCreated', 'timeouts', 'asyncDropped', 'retries'] as const;

/**
 * Summarizes one variant's run; `cost` is {@link runCost} of it, `concentration` its tenants' cost
 * concentration (see tenants.ts).
 */
export function summarizeVariant(record: RunRecord, config: ScenarioConfig, cost: RunCost, concentration: CostConcentration): VariantSummary {
  const usages = record.functions.map((f) => f.usage);
  const perFunction = attributeCosts(usages, cost);
  const split = record.functions.map(splitUsage);
  const F = record.functions.length;
  const pingCosts = attributeCosts([...split.map((s) => s.user), ...split.map((s) => s.pings)], cost).slice(F);
  const warmers = warmerSummary(record.functions, pingCosts.reduce(addLines));
  const sum = (key: (typeof SUMMED)[number]) => record.functions.reduce((s, f) => s + f[key], 0);
  const t = Object.fromEntries(SUMMED.map((k) => [k, sum(k)])) as Record<(typeof SUMMED)[number], number>;
  const summary: VariantSummary = {
    name: record.variant, horizonMs: record.horizonMs, periodMs: record.periodMs, traffic: trafficKeys(config.traffic),
    invocations: t.invocations, completed: t.completed, throttled: t.throttled, rejected: t.rejected, inFlight: t.inFlight,
    failedShare: rate(t.throttled + t.rejected + t.timeouts, t.invocations),
    coldStarts: t.coldStarts, coldStartRate: rate(t.coldStarts, t.invocations), environmentsCreated: t.environmentsCreated,
    causes: sumCauses(record.functions.map((f) => f.causes)),
    peakConcurrency: record.account.concurrency.peak, peakEnvironments: record.account.environments.peak,
    meanConcurrency: round(record.account.concurrency.mean), meanEnvironments: round(record.account.environments.mean),
    latencyMs: roundLatency(record.account.latency), billedGbSeconds: round(cost.billedGbSeconds, 6),
    costUsd: cost.rounded, costUsdExact: roundLines(cost.exact), monthlyCostUsdExact: null,
    billing: config.billing, initBilling: config.platform.initBilling,
    limitHits: record.account.limitHits, timeouts: t.timeouts, asyncDropped: t.asyncDropped, retries: t.retries,
    limits: limitFacts(record, config), costConcentration: concentration,
    deployedFunctions: 0, warmers: warmers === null ? null : { ...warmers, baseline: null },
    functions: record.functions.map((f, i) => functionSummary(f, config.functions[i], config, perFunction[i], pingCosts[i])),
  };
  summary.deployedFunctions = summary.functions.reduce((n, f) => n + f.deployedFunctions, 0);
  const month = monthOf(summary);
  summary.monthlyCostUsdExact = month === null ? null : roundLines(month.cost.exact);
  return summary;
}

/** The functions' causes added up. */
function sumCauses(all: readonly CreationCauses[]): CreationCauses {
  const coldStarts = Object.fromEntries(COLD_START_CAUSES.map((c) => [c, all.reduce((n, x) => n + x.coldStarts[c], 0)])) as CreationCauses['coldStarts'];
  return { coldStarts, replacements: all.reduce((n, x) => n + x.replacements, 0) };
}
