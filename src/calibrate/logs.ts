/**
 * `calibrateLogFiles`: log exports in, a {@link CalibrationResult} out. Every file is checked before any is
 * read, so a missing or binary file is reported at once, with the others' problems, and nothing is read.
 */
import { type AnalyzeOptions, type CalibrationResult, calibrationOf } from './analyze.js';
import { LogCollector } from './collector.js';
import { DEFAULT_LIMITS, type ReadLimits } from './line-reader.js';
import { LogFileError, checkLogFile, readLogFile } from './read-logs.js';

/** A log file: where it is and how messages name it. */
export interface LogFile {
  /** Path to open (absolute, or relative to the process's folder). */
  path: string;
  /** Name in messages and problems, e.g. the path as the user typed it. */
  name: string;
}

/** A file that could not be read, and why; `line` (1-based) when a line of it is to blame. */
export interface FileProblem {
  file: string;
  line?: number;
  message: string;
}

/** The outcome of {@link calibrateLogFiles}. */
export type CalibrateOutcome = { ok: true; result: CalibrationResult } | { ok: false; errors: FileProblem[] };

/**
 * Reads every file in order (streamed; plain text, gzip, CSV or JSON lines) and calibrates what they hold.
 * Fails, naming each file, when a file is missing, a folder, binary, larger than `limits` allow, or cannot be
 * read to the end; a line or CSV record passing its bound, or a report or init event past the bound on tenants
 * or log streams kept, fails with its line. A result may hold no function
 * when no file had a report: the caller decides what that means.
 * @example await calibrateLogFiles([{ path: '/tmp/api.log', name: 'api.log' }], { defaultFunction: 'api' })
 */
export async function calibrateLogFiles(files: readonly LogFile[], options: AnalyzeOptions = {}, limits: Partial<ReadLimits> = {}): Promise<CalibrateOutcome> {
  const bounds: ReadLimits = { ...DEFAULT_LIMITS, ...limits };
  const checked: Array<{ file: LogFile; gzip: boolean }> = [];
  const errors: FileProblem[] = [];
  for (const file of files) {
    try {
      checked.push({ file, ...(await checkLogFile(file.path, bounds.maxTextBytes)) });
    } catch (e) {
      if (!(e instanceof LogFileError)) throw e;
      errors.push({ file: file.name, message: e.message });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const collector = new LogCollector(bounds);
  for (const { file, gzip } of checked) {
    collector.beginFile(file.name);
    try {
      collector.endFile(await readLogFile(file.path, gzip, (entry, line) => collector.add(entry, line), bounds));
    } catch (e) {
      if (!(e instanceof LogFileError)) throw e;
      return { ok: false, errors: [{ file: file.name, line: e.line, message: e.message }] };
    }
  }
  return { ok: true, result: calibrationOf(collector, files.map((f) => f.name), options) };
}
