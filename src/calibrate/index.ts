/**
 * calibrate's public door: read CloudWatch Logs exports of Lambda functions (text REPORT lines, JSON
 * platform events, CSV and JSON-lines exports, gzip), fit handler and init durations, cold-start shares and
 * arrival rates per function and tenant, and write them as a scenario fragment. What is read is bounded
 * ({@link DEFAULT_LIMITS}), what is echoed escaped ({@link excerpt}), and the fragment is written only over an
 * earlier one ({@link checkFragmentTarget}).
 */
export { calibrateLogFiles, type CalibrateOutcome, type FileProblem, type LogFile } from './logs.js';
export {
  analyzeFunction,
  analyzeGroup,
  calibrationOf,
  summarizeDurations,
  EMPIRICAL_PERCENTILES,
  type AnalyzeOptions,
  type ArrivalTiming,
  type CalibrationResult,
  type DurationSummary,
  type FunctionCalibration,
  type GroupCalibration,
  type TenantCalibration,
} from './analyze.js';
export { classifyMessage } from './classify.js';
export { LogCollector, PROBLEMS_KEPT, functionOfLogGroup, type EntryCounts } from './collector.js';
export { FRAGMENT_MARKER, distributionValue, scenarioFragment, scenarioFunctionName, type FragmentOptions } from './fragment.js';
export { checkFragmentTarget, writeFragmentFile, type FragmentFs, type FragmentTarget } from './fragment-file.js';
export { DEFAULT_LIMITS, LimitError, boundedLines, type ReadLimits } from './line-reader.js';
export { EXCERPT_CHARS, NAME_CHARS, escapeControl, excerpt } from './excerpt.js';
export { FIT_SIGNIFICANCE, MIN_FIT_SAMPLES, fitLognormal, ksStatistic, lillieforsPValue, type LognormalFit } from './lognormal-fit.js';
export { quantileSorted } from './quantile.js';
export { parseReportLine } from './report-line.js';
export { parsePlatformEvent } from './platform-event.js';
export { chooseRuntime, runtimeIdOf, DEFAULT_RUNTIME, type RuntimeChoice } from './runtime-name.js';
export { renderProblems, renderSummary } from './summary-text.js';
export type { InvocationReport, LineContext, LineProblem, LogEntry } from './types.js';
