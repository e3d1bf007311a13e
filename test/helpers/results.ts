/** Results of runs for tests: the files a results folder would hold. */
import type { ScenarioConfig } from '../../src/model/config.js';
import type { RunRecord } from '../../src/model/record.js';
import { type FileContent, fileText, renderFiles, runResults, variantRun } from '../../src/results/index.js';

/** The files of a results folder holding the given variants' runs (name -> content). */
export function filesOf(...runs: [config: ScenarioConfig, record: RunRecord][]): Record<string, string> {
  const typed = runs.map(([config, record]) => variantRun(config, record));
  return texts(renderFiles(runResults(typed), typed));
}

/** Every file's text. */
export function texts(files: Record<string, FileContent>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, content]) => [name, fileText(content)]));
}
