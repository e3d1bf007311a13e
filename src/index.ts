/**
 * tenancy-sim's public API: load a scenario, simulate it, price it, render it.
 */
export type * from './model/config.js';
export type { DistributionSpec } from './engine/distribution-spec.js';
export type { RunRecord, FunctionRun, LatencyStats, LimitName } from './model/record.js';
export { simulate } from './model/simulation.js';
export { runScenario, type ScenarioRun } from './run.js';
export { loadScenario, formatError, scenarioJsonSchema, type LoadedScenario, type ScenarioError } from './scenario/index.js';
export { computeRunCost, attributeCosts, billedDurationMs, type BillableUsage, type CostLines, type RunCost } from './billing/index.js';
export { renderOutputs, summaryDocument, type SummaryDocument, type VariantResult } from './report/outputs.js';
export { renderTable } from './report/table.js';
export type { VariantSummary, FunctionSummary } from './report/summary.js';
export { main } from './cli/main.js';
export type { CliIo } from './cli/io.js';
