/**
 * A scenario file from the command line, as `run`, `validate` and `sweep` take it: the `--seed` check,
 * reading the file, loading it and its traces, and printing the located problems when any of that fails.
 */
import { dirname, resolve } from 'node:path';
import { formatError, loadScenario, type LoadedScenario, type LoadOptions, type ScenarioError, scenarioWarnings } from '../scenario/index.js';
import { RunInterrupted } from '../run.js';
import { hasTraces, PrepareError, prepareScenario, TraceInterrupted } from '../scenario/prepare.js';
import { readScenarioText } from '../scenario/read-file.js';
import type { CliIo } from './io.js';

/** Problems printed for one scenario; the count of the rest follows. */
const MAX_ERRORS_SHOWN = 200;

/** The `--seed` option (text) as a seed: undefined when not given, or the problem when not a whole number >= 0. */
export function readSeed(text: string | undefined): { seed: number | undefined } | { problem: string } {
  if (text === undefined) return { seed: undefined };
  const seed = Number(text);
  if (!(/^\d+$/.test(text) && Number.isSafeInteger(seed))) return { problem: `--seed must be a whole number >= 0, got ${JSON.stringify(text)}` };
  return { seed };
}

/**
 * The text of the scenario file `file` (relative to `io.cwd`) and its folder (what trace paths resolve
 * against), or null after a located message on stderr when it cannot be read: not a regular file, or larger
 * than the scenario limit (checked before reading; see readScenarioText).
 */
export async function readScenarioFile(file: string, io: CliIo): Promise<{ text: string; dir: string } | null> {
  const path = resolve(io.cwd, file);
  const read = await readScenarioText(path);
  if (read.ok) return { text: read.text, dir: dirname(path) };
  io.stderr(`${file}:1:1: (file): ${read.message}\n`);
  return null;
}

/** Prints located problems on stderr (the first {@link MAX_ERRORS_SHOWN}, then how many more) and their count in `where`. */
export function printProblems(io: CliIo, errors: readonly ScenarioError[], where: string): void {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  io.stderr(shown.map((e) => `${formatError(e)}\n`).join(''));
  if (errors.length > shown.length) io.stderr(`... and ${errors.length - shown.length} more\n`);
  io.stderr(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${where}\n`);
}

/**
 * `scenario` (of the file `file`) with its traces loaded from `dir` (see prepareScenario), or `scenario`
 * itself when it has none; null after located problems on stderr when the traces do not fit.
 * @throws RunInterrupted when `io.signal` is aborted (Ctrl-C) while the traces load.
 */
export async function prepareTraces(scenario: LoadedScenario, file: string, dir: string, io: CliIo): Promise<LoadedScenario | null> {
  if (!hasTraces(scenario)) return scenario;
  try {
    return await prepareScenario(scenario, dir, { signal: io.signal });
  } catch (e) {
    if (e instanceof TraceInterrupted) throw new RunInterrupted('interrupted while reading the traces');
    if (!(e instanceof PrepareError)) throw e;
    printProblems(io, e.errors, `the traces of ${file}`);
    return null;
  }
}

/**
 * Reads, loads (with `options`: seed, variants) and prepares the scenario file `file` (relative to
 * `io.cwd`), ready to run; null after located problems on stderr when it is invalid.
 */
export async function loadScenarioFile(file: string, options: LoadOptions, io: CliIo): Promise<LoadedScenario | null> {
  const read = await readScenarioFile(file, io);
  if (read === null) return null;
  const result = loadScenario(read.text, file, options);
  if (!result.ok) {
    printProblems(io, result.errors, file);
    return null;
  }
  // warnings: located, printed, and the run goes on
  for (const w of scenarioWarnings(result.scenario)) io.stderr(`${formatError(w)}\n`);
  return prepareTraces(result.scenario, file, read.dir, io);
}
