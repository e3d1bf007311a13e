/**
 * `tenancy-sim report <results-dir>`: read a results folder written by `tenancy-sim run` and write
 * report.md and report.html into it. `runReport` takes its arguments and output streams and returns an exit
 * code, so tests drive it in-process; main.ts wires it in with {@link reportOptions}. `run --report` uses
 * {@link reportFiles} on the results it has just made, in memory.
 *
 * Each report file is written to a temporary file in the folder and renamed over the old one, so a reader
 * sees the old report or the new one, never half of one, and no other file of the folder is touched.
 *
 * Exit codes: 0 success; 2 bad input (an option, a folder that does not exist or is not a results folder, a
 * malformed results file); 3 the folder cannot be written.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, lstat, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { BillingError } from '../billing/index.js';
import { type BuildReportOptions, buildReports, REPORT_FILES, type ReportFile, ReportInputError } from '../report/index.js';
import { readResults, RESULT_INPUT_FILES, type ResultInputFile, ResultsInputError, type RunResults } from '../results/index.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, interruptedCode } from './io.js';
import { foreignContent } from './output-folder.js';
import { OutputInterrupted } from './write-results.js';

/** Options of `tenancy-sim report`, as parsed by {@link reportOptions}. */
export interface ReportCliOptions {
  /** Name of the variant the others are compared with. Default: the first variant of the run. */
  baseline?: string;
  /** Which files to write: `md`, `html`. Default: both. */
  format?: string[];
}

/** `--format` values and the files they name. */
const FORMATS: Record<string, ReportFile> = { md: 'report.md', html: 'report.html' };

/** The positional and options of `report <dir>`, for main.ts's `.command(...)`. */
export function reportOptions<T>(y: Argv<T>) {
  return y
    .positional('dir', { type: 'string', describe: 'results folder written by tenancy-sim run' })
    .option('baseline', { type: 'string', requiresArg: true, describe: 'variant the others are compared with (default: the first)' })
    .option('format', { type: 'string', array: true, requiresArg: true, describe: 'write only this format: md or html (repeatable; default: both)' });
}

/** The problem with the options, or null. */
function optionProblem(dir: string, options: ReportCliOptions): string | null {
  if (dir.trim() === '') return 'name the results folder, e.g. tenancy-sim report results/my-scenario';
  if (options.baseline !== undefined && options.baseline.trim() === '') return '--baseline needs a variant name';
  const bad = (options.format ?? []).find((f) => !(f in FORMATS));
  if (bad !== undefined) return `--format must be md or html, got ${JSON.stringify(bad)}`;
  return null;
}

/** Why `dir` cannot be a results folder (missing, not a folder), or null. */
async function folderProblem(dir: string, shown: string): Promise<string | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return `${shown} is a file, not a results folder`;
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${shown} does not exist` : `cannot read ${shown}: ${code ?? (e as Error).message}`;
  }
}

/** The largest results file the report reads (a larger one, from a run with millions of tenants, is refused:
 *  `run --report` renders such a run from memory). */
export const MAX_RESULT_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Reads the files of a results folder the report uses (name -> content); a missing file is absent. Only
 * regular files of at most {@link MAX_RESULT_FILE_BYTES} are read: a symbolic link, a FIFO or a device is
 * refused before it is opened.
 * @throws ResultsInputError when one exists but cannot be read.
 */
export async function readResultFiles(dir: string): Promise<Partial<Record<ResultInputFile, string>>> {
  const files: Partial<Record<ResultInputFile, string>> = {};
  const problems: string[] = [];
  for (const name of RESULT_INPUT_FILES) {
    try {
      const info = await lstat(join(dir, name));
      if (!info.isFile()) problems.push(`${name}: not a regular file (a link, folder or device is not read)`);
      else if (info.size > MAX_RESULT_FILE_BYTES) problems.push(`${name}: ${info.size.toLocaleString('en-US')} bytes, more than the ${MAX_RESULT_FILE_BYTES.toLocaleString('en-US')} a report reads; make the report with the run (run --report)`);
      else files[name] = await readFile(join(dir, name), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') problems.push(`${name}: cannot be read (${code ?? (e as Error).message})`);
    }
  }
  if (problems.length > 0) throw new ResultsInputError(problems);
  return files;
}

/**
 * Writes each file to `dir/name` through temporary files renamed over the old ones only once all are
 * written, so the folder holds either every new file or none (a full disk leaves the old pair). Cleans up
 * on failure. @throws OutputInterrupted when `signal` is aborted before the renames.
 */
async function replaceFiles(dir: string, files: [string, string][], signal?: AbortSignal): Promise<void> {
  const temps = files.map(([name]) => join(dir, `.${name}.tmp-${randomBytes(6).toString('hex')}`));
  try {
    for (const [i, [, content]] of files.entries()) await writeFile(temps[i], content, { flag: 'wx', mode: 0o644 });
    if (signal?.aborted) throw new OutputInterrupted('interrupted before the report was written');
    for (const [i, [name]] of files.entries()) await rename(temps[i], join(dir, name));
  } catch (e) {
    for (const t of temps) await rm(t, { force: true });
    throw e;
  }
}

/**
 * The report files (name -> content) of a run's results, to write with them: `run --report` adds them to
 * the files it commits.
 * @throws ReportInputError for an unknown baseline.
 */
export async function reportFiles(results: RunResults, options: BuildReportOptions = {}): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await buildReports(results, options)).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Builds the reports from a run's results and writes them into `resultsDir`, each atomically. A report file
 * of a format not asked for, left by an earlier report, is removed once the new ones are in place: it would
 * no longer agree with them (another baseline, other results). Returns the paths written and removed.
 * @throws ReportInputError for an unknown baseline; a file-system error when the folder cannot be written.
 */
export async function writeReports(resultsDir: string, results: RunResults, options: BuildReportOptions = {}, signal?: AbortSignal): Promise<{ written: string[]; removed: string[] }> {
  const reports = Object.entries(await reportFiles(results, options));
  await replaceFiles(resultsDir, reports, signal);
  const removed: string[] = [];
  for (const name of REPORT_FILES.filter((f) => !reports.some(([n]) => n === f))) {
    const path = join(resultsDir, name);
    const info = await lstat(path).catch(() => null);
    if (info === null || !info.isFile()) continue;
    await rm(path, { force: true });
    removed.push(path);
  }
  return { written: reports.map(([name]) => join(resultsDir, name)), removed };
}

/**
 * Runs `tenancy-sim report` on the results folder `dir` (relative to `io.cwd`): writes report.md and
 * report.html into it and names them on stdout; problems go to stderr. Never throws for bad input.
 */
export async function runReport(dir: string, options: ReportCliOptions, io: CliIo): Promise<number> {
  const problem = optionProblem(dir, options);
  if (problem !== null) {
    io.stderr(`tenancy-sim report: ${problem}\n`);
    return EXIT_BAD_INPUT;
  }
  const target = resolve(io.cwd, dir);
  const notFolder = await folderProblem(target, dir);
  if (notFolder !== null) {
    io.stderr(`tenancy-sim report: ${notFolder}\n`);
    return EXIT_BAD_INPUT;
  }
  const formats = options.format === undefined || options.format.length === 0 ? REPORT_FILES : [...new Set(options.format.map((f) => FORMATS[f]))];
  let written: { written: string[]; removed: string[] };
  try {
    const files = await readResultFiles(target);
    if (files['summary.json'] === undefined) {
      io.stderr(`tenancy-sim report: ${dir} is not a results folder: it has no summary.json (tenancy-sim run <scenario> --out ${dir} writes one)\n`);
      return EXIT_BAD_INPUT;
    }
    const foreign = await foreignContent(target, 'results');
    if (foreign !== null) {
      io.stderr(`tenancy-sim report: the report is not written into ${dir}: ${foreign}\n`);
      return EXIT_OUTPUT;
    }
    try {
      await access(target, fsConstants.W_OK);
    } catch (e) {
      io.stderr(`tenancy-sim report: cannot write the report to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT_OUTPUT;
    }
    // a merge of run shards writes merged.json (its content is not needed: it is tenancy-sim's own file)
    const mergedShards = await lstat(join(target, 'merged.json')).then((s) => s.isFile(), () => false);
    written = await writeReports(target, readResults(files), { baseline: options.baseline?.trim(), formats, mergedShards }, io.signal);
  } catch (e) {
    if (e instanceof OutputInterrupted) {
      io.stderr(`\ninterrupted: nothing written; ${dir} keeps its earlier report\n`);
      return interruptedCode(io.signal);
    }
    if (e instanceof BillingError) e = new ResultsInputError(e.problems.map((p) => `summary.json: usage that cannot be priced: ${p}`));
    if (e instanceof ReportInputError || e instanceof ResultsInputError) {
      io.stderr(`tenancy-sim report: cannot make a report from ${dir}:\n${e.problems.map((p) => `  ${p}\n`).join('')}`);
      return EXIT_BAD_INPUT;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) {
      io.stderr(`tenancy-sim report: cannot write the report to ${dir}: ${code}\n`);
      return EXIT_OUTPUT;
    }
    throw e;
  }
  io.stdout(`report written to ${written.written.join(' and ')}\n`);
  if (written.removed.length > 0) io.stdout(`removed the earlier ${written.removed.join(' and ')}, which no longer matched\n`);
  return EXIT_OK;
}
