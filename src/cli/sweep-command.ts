/**
 * `tenancy-sim sweep <scenario>`: run a scenario over a grid of values (`--set` or its `sweep` section), with
 * replications, on worker threads, optionally one shard of the grid; write sweep.json, sweep.csv and
 * sweep.html atomically and print the summary with its breakpoints. `runSweep` takes its arguments and
 * output streams and returns an exit code; main.ts wires it in with {@link sweepOptions}.
 *
 * Exit codes: 0 success; 2 bad input (the scenario, a point, an option), before anything runs; 3 the output
 * folder cannot be written (checked before running); 130 interrupted, nothing written.
 */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { loadScenario } from '../scenario/index.js';
import { MAX_REPLICATIONS } from '../scenario/schema/sweep.js';
import {
  defaultWorkers, parseShard, type PreparedSweep, prepareSweep, runSweepTasks, type Shard, shardPoints, SweepInterrupted, SweepProblems, SweepProgress, sweepFiles, sweepText,
} from '../sweep/index.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, interruptedCode } from './io.js';
import { readLimit, sweepSizeProblem } from './run-size.js';
import { MAX_RUN_INVOCATIONS } from '../scenario/limits.js';
import { outProblem } from './output-folder.js';
import { prepareTraces, printProblems, readScenarioFile, readSeed } from './scenario-input.js';
import { commitOrExplain, discardOutput, stageOrExplain, type Staging } from './write-results.js';

/** Options of `tenancy-sim sweep`, as parsed by {@link sweepOptions}. */
export interface SweepCliOptions {
  /** `path=v1,v2,...`, repeatable; replaces the section's parameters. Default: the `sweep` section's. */
  set?: string[];
  /** Seeds per point. Default: the section's `replications`, else 1. */
  replications?: number;
  /** `metric=threshold`, repeatable; replaces the section's breakpoints. */
  breakpoint?: string[];
  /** Metrics charted, repeatable; replaces the section's `metrics`. */
  metric?: string[];
  /** Variant the others are compared with. Default: the section's, else the first. */
  baseline?: string;
  /** Replaces the scenario seed (a whole number). */
  seed?: string;
  /** Only these variants, in this order. */
  variant?: string[];
  /** Output folder. Default: results/<name>-sweep (a shard: results/<name>-sweep-shard-<i>-of-<n>). */
  out?: string;
  /** Worker threads; 0 runs in the main thread. Default: all cores. */
  workers?: number;
  /** `i/n`: run the i-th of n shares of the points (1-based). Default: all points. */
  shard?: string;
  /** No progress bar. Default: false. */
  quiet?: boolean;
  /** `--max-invocations`: the most invocations the sweep (every point, variant and replication it runs) may have. */
  maxInvocations?: string;
  /** The worker entry (tests run the sources). Default: dist/sweep/worker.js. */
  workerUrl?: URL;
  /** Wall time before the progress bar appears (ms). Default: 1000. */
  progressAfterMs?: number;
}

/** The options and positional of `sweep <scenario>`, for main.ts's `.command(...)`. */
export function sweepOptions<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', describe: 'scenario YAML file' })
    .option('set', { type: 'string', array: true, requiresArg: true, describe: 'path=value1,value2,...: values to try at a path of the scenario (repeatable; full grid)' })
    .option('replications', { type: 'number', requiresArg: true, describe: 'seeds per point (default: the sweep section\'s, else 1)' })
    .option('breakpoint', { type: 'string', array: true, requiresArg: true, describe: 'metric=threshold, e.g. cost=+20% or p99=+100ms (repeatable)' })
    .option('metric', { type: 'string', array: true, requiresArg: true, describe: 'metric charted in sweep.html (repeatable)' })
    .option('baseline', { type: 'string', requiresArg: true, describe: 'variant the others are compared with (default: the first)' })
    .option('seed', { type: 'string', requiresArg: true, describe: 'override the scenario seed' })
    .option('variant', { type: 'string', array: true, requiresArg: true, describe: 'only this variant (repeatable)' })
    .option('out', { type: 'string', requiresArg: true, describe: 'output folder (default: results/<scenario name>-sweep)' })
    .option('workers', { type: 'number', requiresArg: true, describe: 'worker threads, 0 for none (default: all cores)' })
    .option('shard', { type: 'string', requiresArg: true, describe: 'i/n: run the i-th of n shares of the points (merge them with tenancy-sim merge)' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar' })
    .option('max-invocations', { type: 'string', requiresArg: true, describe: `refuse a sweep expected to exceed this many invocations in all (default ${MAX_RUN_INVOCATIONS.toLocaleString('en-US')})` });
}

/** The problem with the numeric and shard options, or null; the parsed shard and seed. */
function readOptions(o: SweepCliOptions): { problem: string } | { shard: Shard | null; seed: number | undefined; limit: number } {
  const seed = readSeed(o.seed);
  if ('problem' in seed) return seed;
  if (o.replications !== undefined && !(Number.isSafeInteger(o.replications) && o.replications >= 1 && o.replications <= MAX_REPLICATIONS)) {
    return { problem: `--replications must be a whole number from 1 to ${MAX_REPLICATIONS}, got ${String(o.replications)}` };
  }
  if (o.workers !== undefined && !(Number.isSafeInteger(o.workers) && o.workers >= 0)) return { problem: `--workers must be a whole number >= 0, got ${String(o.workers)}` };
  const badOut = outProblem(o.out);
  if (badOut !== null) return { problem: badOut };
  const limit = readLimit(o.maxInvocations);
  if ('problem' in limit) return limit;
  if (o.shard === undefined) return { shard: null, seed: seed.seed, limit: limit.limit };
  const s = parseShard(o.shard);
  return s.ok ? { shard: s.shard, seed: seed.seed, limit: limit.limit } : { problem: s.message };
}

/** Loads the traces of the first point, so a bad trace file is reported before anything runs. */
async function checkTraces(text: string, file: string, baseDir: string, io: CliIo): Promise<boolean> {
  const loaded = loadScenario(text, file);
  return !loaded.ok || (await prepareTraces(loaded.scenario, file, baseDir, io)) !== null;
}

/**
 * Runs `tenancy-sim sweep` on `scenarioPath` (relative to `io.cwd`). Prints the summary on stdout and
 * problems and the progress bar (a terminal only) on stderr. Never throws for bad input.
 */
export async function runSweep(scenarioPath: string, options: SweepCliOptions, io: CliIo): Promise<number> {
  const read = readOptions(options);
  if ('problem' in read) {
    io.stderr(`tenancy-sim sweep: ${read.problem}\n`);
    return EXIT_BAD_INPUT;
  }
  const file = await readScenarioFile(scenarioPath, io);
  if (file === null) return EXIT_BAD_INPUT;
  const prepared = prepareSweep(file.text, scenarioPath, { ...options, seed: read.seed, variants: options.variant });
  if (!prepared.ok) {
    printProblems(io, prepared.errors, scenarioPath);
    return EXIT_BAD_INPUT;
  }
  const sweep = prepared.sweep;
  const shard = read.shard !== null && read.shard.count > 1 ? read.shard : null;
  const tooLarge = sweepSizeProblem(shardPoints(sweep.points, shard).map((p) => p.text), scenarioPath, sweep.header.replications, read.limit);
  if (tooLarge !== null) {
    io.stderr(`${scenarioPath}: ${tooLarge}\n`);
    return EXIT_BAD_INPUT;
  }
  if (!(await checkTraces(sweep.points[0].text, scenarioPath, file.dir, io))) return EXIT_BAD_INPUT;
  const name = sweep.header.scenario;
  const target = resolve(io.cwd, options.out ?? (shard === null ? `results/${name}-sweep` : `results/${name}-sweep-shard-${shard.index}-of-${shard.count}`));
  const staging = await stageOrExplain(target, io.cwd, io.stderr, 'sweep.json');
  if (staging === null) return EXIT_OUTPUT;
  return execute(sweep, { shard, baseDir: file.dir, staging }, options, io);
}

/** Runs the prepared sweep with a progress bar, writes its files and prints its summary. */
async function execute(sweep: PreparedSweep, at: { shard: Shard | null; baseDir: string; staging: Staging }, options: SweepCliOptions, io: CliIo): Promise<number> {
  const tasksPerPoint = sweep.header.variants.length * sweep.header.replications;
  const pointsRun = shardPoints(sweep.points, at.shard).length;
  const progress = io.isTTY === true && options.quiet !== true
    ? new SweepProgress({ write: io.control ?? io.stderr, tasks: pointsRun * tasksPerPoint, tasksPerPoint, afterMs: options.progressAfterMs })
    : null;
  let doc;
  try {
    doc = await runSweepTasks(sweep, {
      shard: at.shard, baseDir: at.baseDir, workers: options.workers ?? defaultWorkers(), workerUrl: options.workerUrl, signal: io.signal,
      onResult: progress === null ? undefined : (_i, r) => progress.taskDone(r),
    });
  } catch (e) {
    progress?.stop();
    await discardOutput(at.staging);
    if (e instanceof SweepInterrupted) {
      io.stderr(`\ninterrupted: nothing written; ${at.staging.target} keeps its earlier results\n`);
      return interruptedCode(io.signal);
    }
    if (e instanceof SweepProblems) {
      io.stderr(e.problems.map((p) => `${p}\n`).join(''));
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  progress?.stop();
  const committed = await commitOrExplain(at.staging, await sweepFiles(doc), io.stderr, io.signal);
  if (committed === 'interrupted') { // a signal while the files were made: nothing swapped in
    io.stderr(`\ninterrupted: nothing written; ${at.staging.target} keeps its earlier results\n`);
    return interruptedCode(io.signal);
  }
  if (!committed) return EXIT_OUTPUT;
  io.stdout(`${sweepText(doc)}results written to ${at.staging.target}\n`);
  return EXIT_OK;
}
