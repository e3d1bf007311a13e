/**
 * `tenancy-sim merge <dirs...>`: combine the folders that the shards of one sweep wrote (`sweep --shard i/n`)
 * into the files a single run of the whole sweep writes, byte for byte: sweep.json, sweep.csv, sweep.html;
 * or, when the folders hold shard.json, those of one run (`run --shard i/n`, see run-shards.ts).
 * `runMerge` takes its arguments and output streams and returns an exit code; main.ts wires it in with
 * {@link mergeOptions}.
 *
 * Exit codes: 0 success; 2 bad input (a folder without a readable sweep.json, a sweep.json that is not a
 * regular file, too large, or not what a sweep writes (read-document.ts checks every field), shards of
 * different sweeps, a point missing or given twice); 3 the output folder cannot be written.
 */
import { constants, existsSync, realpathSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Argv } from 'yargs';
import { terminalSafe } from '../text/terminal.js';
import { MAX_SWEEP_JSON_BYTES, mergeDocuments, readSweepDocument, type SweepDocument, sweepFiles, sweepText } from '../sweep/index.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT, interruptedCode } from './io.js';
import { outProblem } from './output-folder.js';
import { MAX_SHARD_JSON_BYTES, mergedRunFiles, mergeShardDocuments, readShardDocument, type ShardDocument } from './run-shards.js';
import { commitOrExplain, stageOrExplain } from './write-results.js';

/** Options of `tenancy-sim merge`, as parsed by {@link mergeOptions}. */
export interface MergeCliOptions {
  /** Output folder. Default: results/<scenario name>-sweep (a sweep), results/<scenario name> (a run). */
  out?: string;
}

/** The options and positional of `merge <dirs...>`, for main.ts's `.command(...)`. */
export function mergeOptions<T>(y: Argv<T>) {
  return y
    .positional('dirs', { type: 'string', array: true, describe: 'folders written by tenancy-sim sweep --shard i/n or run --shard i/n' })
    .option('out', { type: 'string', requiresArg: true, describe: 'output folder (default: results/<scenario name>-sweep for a sweep, results/<scenario name> for a run)' });
}

/**
 * The text of `<dir>/<name>`, or why it is not read: it must be a regular file (a FIFO or a device is
 * refused without waiting on it: it is opened non-blocking and checked before a byte is read) of at most
 * `maxBytes`.
 */
async function readBoundedFile(dir: string, name: 'sweep.json' | 'shard.json', maxBytes: number, io: CliIo): Promise<{ text: string } | { problem: string }> {
  const shown = join(dir, name);
  const unreadable = (e: unknown) => ({ problem: `${dir}: cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  let handle;
  try {
    handle = await open(join(resolve(io.cwd, dir), name), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return unreadable(e);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { problem: `${shown}: not a regular file` };
    if (stats.size > maxBytes) {
      return { problem: `${shown}: ${stats.size.toLocaleString('en-US')} bytes; a ${name} has at most ${maxBytes.toLocaleString('en-US')} (${maxBytes / 2 ** 20} MiB)` };
    }
    const buffer = Buffer.alloc(stats.size + 1); // the byte more shows a file that grew since stat
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > stats.size) return { problem: `${shown}: changed while it was read` };
    return { text: buffer.toString('utf8', 0, length) };
  } catch (e) {
    return unreadable(e);
  } finally {
    await handle.close();
  }
}

/**
 * Reads and checks `<dir>/sweep.json` (see read-document.ts: its scenario name, which names the default
 * output folder, is a safe folder name), or says why it cannot: each problem on a line.
 */
async function readDocument(dir: string, io: CliIo): Promise<SweepDocument | string> {
  const read = await readBoundedFile(dir, 'sweep.json', MAX_SWEEP_JSON_BYTES, io);
  if ('problem' in read) return read.problem;
  const doc = readSweepDocument(join(dir, 'sweep.json'), read.text);
  return doc.ok ? doc.value : doc.problems.join('\n');
}

/**
 * `merge` of the shards of a run (run --shard i/n, each folder with its shard.json): the whole run's results
 * folder (see run-shards.ts), or a message.
 */
async function mergeRuns(dirs: string[], options: MergeCliOptions, io: CliIo, fail: (message: string) => number): Promise<number> {
  const docs: ShardDocument[] = [];
  for (const dir of dirs) {
    const read = await readBoundedFile(dir, 'shard.json', MAX_SHARD_JSON_BYTES, io);
    if ('problem' in read) return fail(read.problem);
    const doc = readShardDocument(join(dir, 'shard.json'), read.text);
    if (!doc.ok) return fail(doc.problems.join('\n'));
    docs.push(doc.value);
  }
  const merged = mergeShardDocuments(docs, dirs);
  if (!merged.ok) return fail(merged.message);
  const target = resolve(io.cwd, options.out ?? `results/${merged.scenario.name}`);
  const real = (p: string) => { try { return realpathSync(p); } catch { return p; } };
  if (dirs.some((d) => real(resolve(io.cwd, d)) === real(target))) return fail(`the output folder ${target} is one of the folders merged; choose another with --out`);
  if (dirs.some((d) => real(target).startsWith(`${real(resolve(io.cwd, d))}${sep}`))) return fail(`the output folder ${target} is inside one of the folders merged, which would no longer be a shard's alone; choose another with --out`);
  const staging = await stageOrExplain(target, io.cwd, io.stderr, 'summary.json');
  if (staging === null) return EXIT_OUTPUT;
  const { files, table } = mergedRunFiles(merged.runs, docs[0].shard.count);
  const committed = await commitOrExplain(staging, files, io.stderr, io.signal);
  if (committed === 'interrupted') {
    io.stderr(`\ninterrupted: nothing written; ${target} keeps its earlier results\n`);
    return interruptedCode(io.signal);
  }
  if (!committed) return EXIT_OUTPUT;
  io.stdout(`${table}${merged.text}results written to ${target}\n`);
  return EXIT_OK;
}

/**
 * Runs `tenancy-sim merge` on `dirs` (relative to `io.cwd`): prints the whole sweep's summary on stdout,
 * problems on stderr. Never throws for bad input. Shards hold untrusted text (names, values, limits), so
 * everything printed goes through terminalSafe.
 */
export async function runMerge(dirs: string[], options: MergeCliOptions, terminal: CliIo): Promise<number> {
  const io: CliIo = { ...terminal, stdout: (s) => terminal.stdout(terminalSafe(s)), stderr: (s) => terminal.stderr(terminalSafe(s)) };
  const fail = (message: string) => (io.stderr(`tenancy-sim merge: ${message}\n`), EXIT_BAD_INPUT);
  if (dirs.length === 0) return fail('name the folders of the shards to merge');
  const badOut = outProblem(options.out);
  if (badOut !== null) return fail(badOut);
  const holds = (name: string) => dirs.some((d) => existsSync(join(resolve(io.cwd, d), name)));
  if (holds('shard.json')) return mergeRuns(dirs, options, io, fail);
  if (!holds('sweep.json')) return fail('none of the folders holds a sweep.json (sweep --shard) or a shard.json (run --shard)');
  const docs: SweepDocument[] = [];
  for (const dir of dirs) {
    const d = await readDocument(dir, io);
    if (typeof d === 'string') return fail(d);
    docs.push(d);
  }
  const merged = mergeDocuments(docs, dirs);
  if (!merged.ok) return fail(merged.message);
  const target = resolve(io.cwd, options.out ?? `results/${merged.doc.scenario}-sweep`);
  const real = (p: string) => { try { return realpathSync(p); } catch { return p; } };
  if (dirs.some((d) => real(resolve(io.cwd, d)) === real(target))) return fail(`the output folder ${target} is one of the folders merged; choose another with --out`);
  const staging = await stageOrExplain(target, io.cwd, io.stderr, 'sweep.json');
  if (staging === null) return EXIT_OUTPUT;
  const committed = await commitOrExplain(staging, await sweepFiles(merged.doc), io.stderr, io.signal);
  if (committed === 'interrupted') { // a signal while the files were made: nothing swapped in
    io.stderr(`\ninterrupted: nothing written; ${target} keeps its earlier results\n`);
    return interruptedCode(io.signal);
  }
  if (!committed) return EXIT_OUTPUT;
  io.stdout(`${sweepText(merged.doc)}results written to ${target}\n`);
  return EXIT_OK;
}
