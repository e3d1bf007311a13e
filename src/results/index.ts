/**
 * Results: a run's records turned into typed results (build.ts), written as the files of a results folder
 * (write.ts), read back from one (read.ts), and the terminal table (table.ts). The report renders these.
 */
export * from './types.js';
export { variantRun, runResults, summaryDocument } from './build.js';
export { renderFiles, configJson, RESULT_FILES, type ResultFile } from './write.js';
export { readResults, ResultsInputError, RESULT_INPUT_FILES, type ResultInputFile } from './read.js';
export { limitFacts, headroomPct, leastHeadroomPct, usedShare } from './limits.js';
export { NO_TENANT } from './tenants.js';
export { renderTable } from './table.js';
export { monthOf, type MonthInput } from './summary.js';
export { csv, csvChunks } from './csv.js';
export { SENSITIVITY_METRICS, sensitivityReadings, sensitivityText, differenceText, failureNote, verdictText, type SensitivityReading, type SettingSwing } from './sensitivity.js';
export { COLD_START_CAUSES, COLD_START_CAUSE_TEXT, type ColdStartCause } from '../model/cold-causes.js';
