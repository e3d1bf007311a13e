/**
 * From a variant's run record to its typed results, and from the variants' results to the run's: the one
 * place a run's numbers are made. Writing them (write.ts) and rendering them (src/report) only read these.
 */
import type { ScenarioConfig } from '../model/config.js';
import type { RunRecord } from '../model/record.js';
import type { TimeseriesRow } from './columns.js';
import { round } from './round.js';
import { runCost, summarizeVariant } from './summary.js';
import { tenantResults } from './tenants.js';
import { RESULTS_FORMAT, rowsOf, type RunResults, type SummaryDocument, type VariantRun } from './types.js';

/** timeseries.csv's rows of one variant: one per minute of its run. */
function timeseriesRows(record: RunRecord): TimeseriesRow[] {
  const s = record.timeseries;
  return s.arrivals.map((arrivals, i) => ({
    variant: record.variant, minute: (i * s.bucketMs) / 60_000, startMs: i * s.bucketMs, bucketMs: s.bucketMs, arrivals, coldStarts: s.coldStarts[i], throttles: s.throttles[i],
    peakConcurrency: s.peakConcurrency[i], meanConcurrency: round(s.meanConcurrency[i], 4),
    peakEnvironments: s.peakEnvironments[i], meanEnvironments: round(s.meanEnvironments[i], 4),
  }));
}

/** One variant's typed results from its record and the configuration it ran. */
export function variantRun(config: ScenarioConfig, record: RunRecord): VariantRun {
  const cost = runCost(record, config);
  const t = tenantResults(record, config, cost);
  return { config, summary: summarizeVariant(record, config, cost, t.concentration), tenants: t.tenants, groups: t.groups, timeseries: timeseriesRows(record) };
}

/** summary.json's content. */
export function summaryDocument(runs: readonly VariantRun[]): SummaryDocument {
  const first = runs[0].config;
  return {
    format: RESULTS_FORMAT,
    scenario: first.name,
    description: first.description,
    seed: first.seed,
    horizonMs: first.horizonMs ?? Math.max(...runs.map((r) => r.summary.horizonMs)),
    variants: runs.map((r) => {
      const w = r.summary.warmers;
      return w === null ? r.summary : { ...r.summary, warmers: { ...w, baseline: warmerBaseline(r, runs) } };
    }),
  };
}

/** What a variant's design is without its warmers: its configuration, warmers and trace data left out. */
function designWithoutWarmers(config: ScenarioConfig): string {
  return JSON.stringify({ ...config, name: '', warmers: [] }, (key, value: unknown) => (key === 'data' ? null : value));
}

/** The first other variant identical to `run` but for its warmers (and without any), or null. */
function warmerBaseline(run: VariantRun, runs: readonly VariantRun[]): string | null {
  const design = designWithoutWarmers(run.config);
  return runs.find((r) => r !== run && r.config.warmers.length === 0 && designWithoutWarmers(r.config) === design)?.summary.name ?? null;
}

/** The run's typed results, variants in run order. */
export function runResults(runs: readonly VariantRun[]): RunResults {
  return {
    summary: summaryDocument(runs),
    tenants: rowsOf(function* () {
      for (const r of runs) yield* r.tenants;
    }),
    groups: runs.flatMap((r) => r.groups),
    timeseries: runs.flatMap((r) => r.timeseries),
  };
}
