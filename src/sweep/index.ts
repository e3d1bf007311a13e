/**
 * The sweep layer's public door: capacity-planning sweeps over a grid of scenario values, with
 * replications, confidence intervals, limits, breakpoints, worker threads and shards. See
 * docs/capacity-planning.md.
 */
export { prepareSweep, runSweepTasks, sweepFiles, SweepProblems, type PreparedSweep, type PrepareOptions, type ExecuteOptions } from './run.js';
export { mergeDocuments } from './merge.js';
export { readSweepDocument, SweepDocumentSchema } from './read-document.js';
export { sweepText } from './text.js';
export { parseShard, shardPoints, type Shard } from './grid.js';
export { defaultWorkers, DEFAULT_WORKER_URL, SweepInterrupted } from './pool.js';
export { MAX_SWEEP_JSON_BYTES, SWEEP_FORMAT, type SweepDocument, type Breakpoint, type MetricEstimate } from './document.js';
export { METRICS, DEFAULT_CHART_METRICS } from './metrics.js';
export { estimate, tCritical, CONFIDENCE } from './confidence.js';
export { replicationSeed } from './seeds.js';
export { SweepProgress } from './progress-bar.js';
export type { TaskResult } from './task.js';
export { runSensitivity, SENSITIVITY_RUNS, UNKNOWN_SETTINGS, JOINT_EXTREMES, type SensitivityOptions } from './sensitivity.js';
