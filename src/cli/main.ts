/**
 * The command line: `tenancy-sim run|validate|sweep|merge|report|schema|calibrate`. `main` takes its arguments and output streams and
 * returns an exit code, so tests drive it in-process; only bin/tenancy-sim.js touches `process`.
 *
 * Exit codes (io.ts): 0 success; 1 unexpected internal error; 2 bad input (scenario file or arguments);
 * 3 the output folder cannot be written; 130 interrupted.
 */
import { join, resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { fileText, renderTable, sensitivityText } from '../results/index.js';
import { parseShard, runSensitivity, SENSITIVITY_RUNS, SweepInterrupted } from '../sweep/index.js';
import { MAX_RUN_INVOCATIONS } from '../scenario/limits.js';
import { type Progress, RunInterrupted, runScenarioAsync } from '../run.js';
import { type LoadedScenario, scenarioJsonSchema } from '../scenario/index.js';
import { calibrateOptions, runCalibrate } from './calibrate-command.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_OUTPUT, interruptedCode, terminalIo } from './io.js';
import { mergeOptions, runMerge } from './merge-command.js';
import { outProblem } from './output-folder.js';
import { runShard, runShardProblems } from './run-shards.js';
import { runSweep, sweepOptions } from './sweep-command.js';
import { reportFiles, reportOptions, runReport } from './report-command.js';
import { loadScenarioFile, readScenarioFile, readSeed } from './scenario-input.js';
import { TraceWriteError, TraceWriter } from './trace-writer.js';
import { expectedRunInvocations, readLimit, runSizeProblem } from './run-size.js';
import { commitOrExplain, discardOutput, type FileContent, stageOrExplain } from './write-results.js';

/** Runs expected to have at least this many invocations announce their size. */
const LARGE_RUN = 5_000_000;
/** Least wall time between two progress lines (ms). */
const PROGRESS_EVERY_MS = 1000;

/** Progress on stderr: one updating line on a terminal, a line a second otherwise, a line per variant. */
function progressPrinter(io: CliIo): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const label = `variant ${p.index + 1}/${p.of} ${p.variant}`;
    const clearLine = () => io.isTTY && io.control?.('\r\x1b[K');
    if (p.variantDone) {
      clearLine();
      io.stderr(`simulated ${label}: ${p.arrivals.toLocaleString('en-US')} invocations\n`);
      return;
    }
    const t = Date.now();
    if (t - last < PROGRESS_EVERY_MS) return;
    last = t;
    const line = `${label}: ${(p.fraction * 100).toFixed(0)}%, ${(p.simulatedMs / 3_600_000).toFixed(2)} h simulated, ${p.arrivals.toLocaleString('en-US')} invocations`;
    clearLine();
    io.stderr(io.isTTY ? line : `${line}\n`);
  };
}

interface Args {
  _: (string | number)[];
  scenario?: string;
  seed?: string;
  out?: string;
  variant?: string[];
  json?: boolean;
  trace?: boolean;
  quiet?: boolean;
  files?: string[];
  dir?: string;
  baseline?: string;
  format?: string[];
  report?: boolean;
  sensitivity?: boolean;
  set?: string[];
  replications?: number;
  breakpoint?: string[];
  metric?: string[];
  workers?: number;
  shard?: string;
  dirs?: string[];
  function?: string;
  runtime?: string;
  top?: number;
  maxInvocations?: string;
}

/** Options shared by `run` and `validate`. */
function scenarioOptions<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', describe: 'scenario YAML file' })
    .option('seed', { type: 'string', requiresArg: true, describe: 'override the scenario seed' })
    .option('variant', { type: 'string', array: true, requiresArg: true, describe: 'only this variant (repeatable)' })
    .option('max-invocations', { type: 'string', requiresArg: true, describe: `refuse a run expected to exceed this many invocations (default ${MAX_RUN_INVOCATIONS.toLocaleString('en-US')})` });
}

function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('tenancy-sim')
    .usage('$0 <command> [options]')
    .command('run <scenario>', 'simulate every variant of a scenario and compare them side by side', (y) =>
      scenarioOptions(y)
        .option('out', { type: 'string', requiresArg: true, describe: 'output folder (default: results/<scenario name>); an existing one is replaced only if it holds earlier results' })
        .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
        .option('trace', { type: 'boolean', default: false, describe: 'also write invocations.csv: one row per invocation attempt' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' })
        .option('report', { type: 'boolean', default: false, describe: 'also write report.md and report.html with the results' })
        .option('sensitivity', { type: 'boolean', default: false, describe: 'also rerun the variants over the plausible range of every platform setting AWS does not document, and say how much each moves the answer (sensitivity.json)' })
        .option('workers', { type: 'number', requiresArg: true, describe: 'worker threads for --sensitivity, 0 for none (default: all cores)' })
        .option('shard', { type: 'string', requiresArg: true, describe: 'simulate the i-th of n shares of the tenants (i/n) and write shard.json, for merge' }),
    )
    .command('validate <scenario>', 'check a scenario file and report every problem', scenarioOptions)
    .command('schema', 'print the JSON Schema of scenario files (for editors)')
    .command('calibrate <files...>', "fit a scenario's functions and traffic to CloudWatch Logs exports of Lambda functions", calibrateOptions)
    .command('sweep <scenario>', 'run a scenario over a grid of values, with replications: confidence intervals, limits, breakpoints', sweepOptions)
    .command('merge <dirs...>', "combine the shards of a sweep (sweep --shard i/n) or of a run (run --shard i/n) into the whole one's files", mergeOptions)
    .command('report <dir>', 'write report.md and report.html into a results folder of tenancy-sim run', reportOptions)
    .demandCommand(1, 'name a command: run, validate, sweep, merge, report, schema or calibrate')
    .strict()
    .help()
    .version(false)
    .exitProcess(false);
}

/** Runs the CLI with `argv` (arguments after the program name). Never throws. */
export async function main(argv: string[], terminal: CliIo): Promise<number> {
  const io = terminalIo(terminal); // every string printed has its control characters escaped
  let args: Args;
  let helpText = '';
  let failure: string | null = null;
  try {
    args = (await parser(argv)
      .fail((msg, err) => {
        failure = msg ?? err?.message ?? 'bad arguments';
      })
      .parseAsync(argv, {}, (_err, _argv, output) => {
        helpText = output;
      })) as Args;
  } catch (e) {
    failure ??= (e as Error).message;
    args = { _: [] };
  }
  if (failure !== null) {
    io.stderr(`tenancy-sim: ${failure}\nRun tenancy-sim --help for usage.\n`);
    return EXIT_BAD_INPUT;
  }
  if (helpText !== '') {
    io.stdout(`${helpText}\n`);
    return EXIT_OK;
  }
  try {
    switch (args._[0]) {
      case 'schema':
        io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
        return EXIT_OK;
      case 'validate':
        return await validate(args, io);
      case 'run':
        return await run(args, io);
      case 'sweep':
        return await runSweep(args.scenario!, {
          set: args.set, replications: args.replications, breakpoint: args.breakpoint, metric: args.metric, baseline: args.baseline,
          seed: args.seed, variant: args.variant, out: args.out, workers: args.workers, shard: args.shard, quiet: args.quiet, maxInvocations: args.maxInvocations,
        }, io);
      case 'merge':
        return await runMerge(args.dirs ?? [], { out: args.out }, io);
      case 'report':
        return await runReport(args.dir ?? '', { baseline: args.baseline, format: args.format }, io);
      case 'calibrate':
        return await runCalibrate(args.files ?? [], { function: args.function, runtime: args.runtime, out: args.out, top: args.top }, io);
      default:
        io.stderr(`tenancy-sim: unknown command ${String(args._[0])}\n`);
        return EXIT_BAD_INPUT;
    }
  } catch (e) {
    if (e instanceof RunInterrupted) {
      io.stderr(`\n${e.message}: nothing written\n`); // Ctrl-C while the scenario's traces load
      return interruptedCode(io.signal);
    }
    io.stderr(`tenancy-sim: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_INTERNAL;
  }
}

/** `run --shard i/n`: the shard's shard.json in the output folder (default results/<scenario>-shard-i-of-n). */
async function runShardCommand(args: Args, scenario: LoadedScenario, io: CliIo): Promise<number> {
  const parsed = parseShard(args.shard!);
  if (!parsed.ok) {
    io.stderr(`tenancy-sim: ${parsed.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const other = (['sensitivity', 'trace', 'report', 'json'] as const).filter((k) => args[k] === true);
  if (other.length > 0) {
    io.stderr(`tenancy-sim: --shard writes shard.json only; --${other.join(', --')} go${other.length === 1 ? 'es' : ''} with the merged run\n`);
    return EXIT_BAD_INPUT;
  }
  const problems = runShardProblems(scenario);
  if (problems.length > 0) {
    const fine = scenario.variants.filter((v) => !problems.some((p) => p.startsWith(`variant ${v.name}: `))).map((v) => `--variant ${v.name}`);
    io.stderr(`${args.scenario}: cannot be split into tenant shards:\n  ${problems.join('\n  ')}\n${fine.length > 0 ? `(the others can: ${fine.join(' ')})\n` : ''}`);
    return EXIT_BAD_INPUT;
  }
  const read = await readScenarioFile(args.scenario!, io);
  if (read === null) return EXIT_BAD_INPUT;
  const { index, count } = parsed.shard;
  const tenants = Math.max(...scenario.variants.map((v) => v.config.tenants.count));
  if (count > tenants) io.stderr(`tenancy-sim: warning: ${count} shards of ${tenants} tenants: shards past ${tenants} hold no tenant, and each shard still draws every arrival\n`);
  const target = resolve(io.cwd, args.out ?? `results/${scenario.name}-shard-${index}-of-${count}`);
  const staging = await stageOrExplain(target, io.cwd, io.stderr, 'shard.json');
  if (staging === null) return EXIT_OUTPUT;
  let text: string;
  try {
    text = await runShard(scenario, { file: args.scenario!, text: read.text }, parsed.shard, io.signal);
  } catch (e) {
    await discardOutput(staging);
    if (e instanceof RunInterrupted) {
      io.stderr(`\ninterrupted: nothing written; ${target} keeps its earlier results\n`);
      return interruptedCode(io.signal);
    }
    throw e;
  }
  const committed = await commitOrExplain(staging, { 'shard.json': text }, io.stderr, io.signal);
  if (committed === 'interrupted') {
    io.stderr(`\ninterrupted: nothing written; ${target} keeps its earlier results\n`);
    return interruptedCode(io.signal);
  }
  if (!committed) return EXIT_OUTPUT;
  io.stdout(`shard ${index}/${count} of ${scenario.name} (${scenario.variants.map((v) => v.name).join(', ')}) written to ${target}; merge all ${count} with tenancy-sim merge\n`);
  return EXIT_OK;
}

/** Checks the options of `run` and `validate`, reads and loads the scenario, printing located errors; null when it is invalid. */
async function load(args: Args, io: CliIo): Promise<LoadedScenario | null> {
  const seed = readSeed(args.seed);
  if ('problem' in seed) {
    io.stderr(`tenancy-sim: ${seed.problem}\n`);
    return null;
  }
  const badOut = outProblem(args.out);
  if (badOut !== null) {
    io.stderr(`tenancy-sim: ${badOut}\n`);
    return null;
  }
  const limit = readLimit(args.maxInvocations);
  if ('problem' in limit) {
    io.stderr(`tenancy-sim: ${limit.problem}\n`);
    return null;
  }
  const scenario = await loadScenarioFile(args.scenario!, { seed: seed.seed, variants: args.variant }, io);
  const tooLarge = scenario === null ? null : runSizeProblem(scenario, limit.limit, args.sensitivity ? 1 + SENSITIVITY_RUNS : 1);
  if (tooLarge !== null) {
    io.stderr(`${args.scenario}: ${tooLarge}\n`);
    return null;
  }
  return scenario;
}

async function validate(args: Args, io: CliIo): Promise<number> {
  const scenario = await load(args, io);
  if (scenario === null) return EXIT_BAD_INPUT;
  const n = scenario.variants.length;
  io.stdout(`${args.scenario}: ok (${n} variant${n === 1 ? '' : 's'}: ${scenario.variants.map((v) => v.name).join(', ')})\n`);
  return EXIT_OK;
}

async function run(args: Args, io: CliIo): Promise<number> {
  if (args.workers !== undefined && !(Number.isSafeInteger(args.workers) && args.workers >= 0)) {
    io.stderr(`tenancy-sim: --workers must be a whole number >= 0, got ${String(args.workers)}\n`);
    return EXIT_BAD_INPUT;
  }
  const scenario = await load(args, io);
  if (scenario === null) return EXIT_BAD_INPUT;
  if (args.shard !== undefined) return runShardCommand(args, scenario, io);
  if (args.sensitivity && scenario.variants.length < 2) {
    io.stderr(`tenancy-sim: --sensitivity compares variants with the baseline, and this run has only ${scenario.variants.map((v) => v.name).join('')}: run it with two or more\n`);
    return EXIT_BAD_INPUT;
  }
  const target = resolve(io.cwd, args.out ?? `results/${scenario.name}`);
  const staging = await stageOrExplain(target, io.cwd, io.stderr, 'summary.json');
  if (staging === null) return EXIT_OUTPUT;
  const expected = expectedRunInvocations(scenario);
  const quiet = args.quiet === true;
  if (!quiet && expected >= LARGE_RUN) {
    io.stderr(`about ${Math.round(expected).toLocaleString('en-US')} invocations in ${scenario.variants.length} variant${scenario.variants.length === 1 ? '' : 's'}; Ctrl-C stops without touching earlier results\n`);
  }
  const interrupted = () => {
    io.stderr(`\ninterrupted: nothing written; ${target} keeps its earlier results\n`);
    return interruptedCode(io.signal);
  };
  let trace: TraceWriter | null = null;
  let outcome;
  try {
    if (args.trace) trace = new TraceWriter(join(staging.dir, 'invocations.csv'));
    outcome = await runScenarioAsync(scenario, {
      signal: io.signal,
      onProgress: quiet ? undefined : progressPrinter(io),
      observerFor: trace === null ? undefined : (v) => trace!.observerFor(v),
    });
    trace?.close();
  } catch (e) {
    trace?.abandon();
    await discardOutput(staging);
    if (e instanceof RunInterrupted) return interrupted();
    if (e instanceof TraceWriteError) {
      io.stderr(`tenancy-sim: cannot write invocations.csv to ${target}: ${e.code} (the disk may be full); earlier results are left as they were\n`);
      return EXIT_OUTPUT;
    }
    throw e;
  }
  let files: Record<string, FileContent> = outcome.files;
  let results = outcome.results;
  if (args.sensitivity) {
    const read = await readScenarioFile(args.scenario!, io);
    if (read === null) {
      await discardOutput(staging);
      return EXIT_BAD_INPUT;
    }
    if (!quiet) io.stderr(`sensitivity: rerunning ${scenario.variants.length} variant${scenario.variants.length === 1 ? '' : 's'} over the undocumented platform settings\n`);
    try {
      const sensitivity = await runSensitivity(read.text, args.scenario!, {
        seed: scenario.seed, variants: args.variant, baseDir: read.dir, signal: io.signal, workers: args.workers,
      });
      results = { ...results, sensitivity };
      files = { ...files, 'sensitivity.json': `${JSON.stringify(sensitivity, null, 2)}\n` };
    } catch (e) {
      await discardOutput(staging);
      if (e instanceof SweepInterrupted) return interrupted();
      throw e;
    }
  }
  if (args.report) {
    try {
      files = { ...files, ...(await reportFiles(results)) };
    } catch (e) {
      await discardOutput(staging);
      throw e;
    }
  }
  const committed = await commitOrExplain(staging, files, io.stderr, io.signal);
  if (committed === 'interrupted') return interrupted(); // a signal while the outputs were made: nothing swapped in
  if (!committed) return EXIT_OUTPUT;
  if (args.json) io.stdout(fileText(outcome.files['summary.json']));
  else io.stdout(`${renderTable(outcome.results.summary)}${results.sensitivity ? `\n${sensitivityText(results.sensitivity)}` : ''}results written to ${target}\n`);
  return EXIT_OK;
}
