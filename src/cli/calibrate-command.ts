/**
 * `tenancy-sim calibrate <files...>`: read CloudWatch Logs exports of Lambda functions and print what a
 * scenario needs (a summary per function and tenant), then a scenario fragment, or write the fragment to
 * `--out`. `runCalibrate` takes its arguments and output streams and returns an exit code, so tests drive it
 * in-process; main.ts wires it in with {@link calibrateOptions}.
 *
 * Exit codes: 0 success (malformed lines are listed on stderr and skipped; a reader of the output that goes
 * away ends it quietly); 2 bad input (an option; a file that is missing, not a regular file, binary or larger
 * than 2 GiB; a line, CSV record or decompressed text past its bound, or one tenant id, log group or log
 * stream more than calibrate keeps (100,000 each), located; no invocation report in any
 * file); 3 `--out` cannot be written (its folder is missing or read-only, it is an input file or an existing
 * file that is not an earlier fragment, or the write failed, which leaves the earlier file as it was).
 */
import type { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import {
  type FragmentFs,
  type ReadLimits,
  calibrateLogFiles,
  checkFragmentTarget,
  escapeControl,
  renderProblems,
  renderSummary,
  scenarioFragment,
  writeFragmentFile,
} from '../calibrate/index.js';
import { endQuietlyOnClosedPipe, quietWhenClosed } from './closed-pipe.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT } from './io.js';

/** Options of `tenancy-sim calibrate`, as parsed by {@link calibrateOptions}. */
export interface CalibrateCliOptions {
  /** Function name of reports the logs do not attribute (no `/aws/lambda/<name>` log group, no
   *  `platform.initStart` naming one). Default: `fn`. */
  function?: string;
  /** Runtime id written for every function (`nodejs22.x`). Default: from the logs' init lines, else `nodejs22.x`. */
  runtime?: string;
  /** File the scenario fragment is written to. Default: none (printed after the summary). */
  out?: string;
  /** Tenants listed per function. Default: 20. */
  top?: number;
}

/** What {@link runCalibrate} uses besides its io; tests replace file system calls to simulate failures. */
export interface CalibrateDeps {
  /** Calls that write `--out`. Default: node:fs. */
  fs?: Partial<FragmentFs>;
  /** Bounds on what is read from each file and kept of all. Default: DEFAULT_LIMITS (1 MiB lines and records, 2 GiB of text, 100,000 tenant ids and log streams). */
  limits?: Partial<ReadLimits>;
  /** Streams behind `io` whose EPIPE (a reader gone: `| head`) ends the output quietly. Default: process.stdout and process.stderr. */
  pipes?: readonly EventEmitter[];
}

/** Tenants listed per function unless `--top` says otherwise. */
export const DEFAULT_TOP = 20;

/** The options and positional of `calibrate <files...>`, for main.ts's `.command(...)`. */
export function calibrateOptions<T>(y: Argv<T>) {
  return y
    .positional('files', { type: 'string', array: true, describe: 'CloudWatch Logs exports: text, JSON lines, Logs Insights CSV, or gzip of them' })
    .option('function', { type: 'string', requiresArg: true, describe: 'function name of reports whose log group is not in the export (default: fn)' })
    .option('runtime', { type: 'string', requiresArg: true, describe: 'runtime id to write, e.g. nodejs22.x (default: from the INIT_START lines)' })
    .option('out', { type: 'string', requiresArg: true, describe: 'write the scenario fragment to this file instead of printing it (replaces only an earlier fragment)' })
    .option('top', { type: 'number', requiresArg: true, default: DEFAULT_TOP, describe: 'tenants listed per function' });
}

/** The problem with the options, or null. */
function optionProblem(files: readonly string[], options: CalibrateCliOptions): string | null {
  if (files.length === 0) return 'name at least one log file';
  const top = options.top ?? DEFAULT_TOP;
  if (!(Number.isSafeInteger(top) && top >= 1)) return `--top must be a whole number >= 1, got ${JSON.stringify(options.top)}`;
  if (options.function !== undefined && options.function.trim() === '') return '--function needs a name';
  if (options.runtime !== undefined && options.runtime.trim() === '') return '--runtime needs a runtime id such as nodejs22.x';
  if (options.out !== undefined && options.out.trim() === '') return '--out needs a file name';
  return null;
}

/**
 * Runs `tenancy-sim calibrate` on `files` (relative to `io.cwd`). Prints the summary and the fragment (or
 * writes the fragment to `options.out`) on stdout, malformed lines and errors on stderr. Never throws for bad
 * input; a reader that goes away (`| head`) ends the output quietly, with the usual exit code.
 */
export async function runCalibrate(files: string[], options: CalibrateCliOptions, cliIo: CliIo, deps: CalibrateDeps = {}): Promise<number> {
  for (const pipe of deps.pipes ?? [process.stdout, process.stderr]) endQuietlyOnClosedPipe(pipe);
  const io = { ...cliIo, stdout: quietWhenClosed(cliIo.stdout), stderr: quietWhenClosed(cliIo.stderr) };
  const problem = optionProblem(files, options);
  if (problem !== null) {
    io.stderr(`tenancy-sim calibrate: ${problem}\n`);
    return EXIT_BAD_INPUT;
  }
  const logFiles = files.map((name) => ({ name, path: resolve(io.cwd, name) }));
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const outName = escapeControl(options.out ?? '');
  const cannotWrite = (why: string) => {
    io.stderr(`tenancy-sim calibrate: cannot write ${outName}: ${why}\n`);
    return EXIT_OUTPUT;
  };
  const target = out === undefined ? undefined : await checkFragmentTarget(out, logFiles);
  if (target !== undefined && 'problem' in target) return cannotWrite(target.problem);
  const outcome = await calibrateLogFiles(logFiles, { defaultFunction: options.function?.trim(), runtime: options.runtime?.trim() }, deps.limits);
  if (!outcome.ok) {
    io.stderr(outcome.errors.map((e) => `${escapeControl(e.file)}${e.line === undefined ? '' : `:${e.line}`}: ${escapeControl(e.message)}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  const { result } = outcome;
  const problems = renderProblems(result.problems, result.counts.malformed);
  if (problems !== '') io.stderr(problems);
  const top = options.top ?? DEFAULT_TOP;
  if (result.functions.length === 0) {
    io.stderr(`${renderSummary(result, top)}tenancy-sim calibrate: no invocation report (REPORT line or platform.report event) in ${escapeControl(files.join(', '))}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stdout(renderSummary(result, top));
  const fragment = scenarioFragment(result.functions, { top, files });
  if (target === undefined) {
    io.stdout(`\nScenario fragment:\n\n${fragment}`);
    return EXIT_OK;
  }
  // Checked again: the file may have appeared, or changed, while the logs were read.
  const still = await checkFragmentTarget(target.path, logFiles);
  if ('problem' in still) return cannotWrite(still.problem);
  const failure = await writeFragmentFile(still, fragment, deps.fs);
  if (failure !== null) return cannotWrite(`${failure}; ${still.exists ? `${outName} is unchanged` : 'nothing was written'}`);
  io.stdout(`\nscenario fragment written to ${escapeControl(out ?? '')}\n`);
  return EXIT_OK;
}
