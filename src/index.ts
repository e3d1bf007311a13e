/**
 * tenancy-sim's public API: load a scenario, simulate it, price it, turn it into results, render them.
 */
export type * from './model/config.js';
export type { DistributionSpec } from './engine/distribution-spec.js';
export type { RunRecord, FunctionRun, LatencyStats, LimitName } from './model/record.js';
export { simulate } from './model/simulation.js';
export { runScenario, type ScenarioRun } from './run.js';
export { loadScenario, formatError, scenarioJsonSchema, type LoadedScenario, type ScenarioError } from './scenario/index.js';
export {
  computeRunCost, attributeCosts, billedDurationMs, monthlyCost, scaleUsage, type BillableUsage, type CostLines, type RunCost,
} from './billing/index.js';
export {
  renderFiles, renderTable, runResults, readResults, variantRun, type FunctionSummary, type RunResults, type SummaryDocument, type VariantRun,
  type VariantSummary,
} from './results/index.js';
export { buildReports } from './report/index.js';
export { main } from './cli/main.js';
export type { CliIo } from './cli/io.js';
