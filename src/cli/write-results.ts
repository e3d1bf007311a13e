/**
 * Writing a command's output folder safely (`run`, `sweep`, `merge`):
 *
 * - One writer per destination: a lock file beside it (`.<name>.lock`, holding the writer's process id),
 *   taken before anything is written and released at the end; a lock whose process is gone is stale and is
 *   taken over, so the lock dies with its process.
 * - With the lock held, what a writer that died left behind is repaired: a destination missing between the
 *   two renames of a swap is put back from its `.old` copy, and staging folders of dead writers are removed
 *   (only those holding nothing but tenancy-sim's files).
 * - Files go to a fresh staging folder beside the destination (streamed, chunk by chunk), tenancy-sim's
 *   marker last; the staging folder then replaces the destination in two renames. A failed or interrupted
 *   run leaves the previous folder whole, and no file is ever half-written in the destination.
 *
 * Which destinations may be replaced is decided in output-folder.ts.
 */
import { hostname } from 'node:os';
import { chmod, lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileContent } from '../results/index.js';
import { checkReplaceable, foreignContent, kindOf, MARKER, markerContent, OUTPUT_FILES, type OutputKind, type OutputMarker, realPath, UnsafeOutput } from './output-folder.js';

export type { FileContent };

/** A staging folder created before the simulation, so an unwritable destination is known up front. */
export interface Staging {
  dir: string;
  /** The destination, as a real path. */
  target: string;
  kind: OutputKind;
  /** The lock file held until the folder is committed or discarded. */
  lock: string;
}

/** Another process holds the destination's lock. */
export class OutputBusy extends Error {
  override name = 'OutputBusy';
}

/** The run was interrupted before its output was swapped in: nothing was written. */
export class OutputInterrupted extends Error {
  override name = 'OutputInterrupted';
}

/** Whether process `pid` of this host is alive (a process of another user counts as alive). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When process `pid` started, in clock ticks since boot (/proc/<pid>/stat, field 22), or '' where there is
 *  no /proc: with the pid it tells a process from a later one given the same pid (a restarted container). */
async function startTime(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after the command name, which may hold spaces
  return /^\d+$/.test(fields[19] ?? '') ? fields[19] : '';
}

/** The largest lock file tenancy-sim writes, with room: a larger one, or anything but a regular file, is not its lock. */
const MAX_LOCK_BYTES = 512;

/**
 * Takes the lock file `lock` (`<pid>\n<host>\n<start time>\n`), taking over a stale one: its process is gone,
 * or its pid now names another process (a different start time) or this one. A lock file that tenancy-sim
 * cannot have written (not a regular file, too large, another content) is left alone and refused.
 * @throws OutputBusy
 */
async function takeLock(lock: string, target: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let h;
    try {
      h = await open(lock, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (h !== undefined) {
      try {
        await h.writeFile(`${process.pid}\n${hostname()}\n${await startTime(process.pid)}\n`);
        await h.close();
      } catch (e) {
        await h.close().catch(() => {});
        await unlink(lock).catch(() => {}); // a full disk: leave no empty lock behind
        throw e;
      }
      return;
    }
    const info = await lstat(lock).catch(() => null);
    if (info === null) continue; // gone meanwhile: try again
    if (!info.isFile() || info.size > MAX_LOCK_BYTES) {
      throw new OutputBusy(`${lock} is in the way of the lock of ${target} and is not a lock tenancy-sim wrote (${info.isFile() ? `${info.size.toLocaleString('en-US')} bytes` : 'not a regular file'}); move it away`);
    }
    const text = await readFile(lock, 'utf8').catch(() => '');
    if (text !== '' && !/^\d+\n[^\n]*\n(\d*\n)?$/.test(text)) {
      throw new OutputBusy(`${lock} is in the way of the lock of ${target} and is not a lock tenancy-sim wrote; move it away`);
    }
    const [pid, host, started] = text.split('\n');
    const owner = Number(pid);
    const same = started === undefined || started === '' || (await startTime(owner)) === '' || (await startTime(owner)) === started;
    if (host === hostname() && Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && alive(owner) && same) {
      throw new OutputBusy(`another tenancy-sim (process ${owner}) is writing ${target}; wait for it or choose another --out`);
    }
    if (host !== undefined && host !== '' && host !== hostname()) {
      throw new OutputBusy(`${target} is locked by a tenancy-sim on ${host.slice(0, 60)} (${lock}); remove the lock if that run is over`);
    }
    await unlink(lock).catch(() => {}); // stale: its process is gone
  }
  throw new OutputBusy(`cannot take the lock ${lock} of ${target}`);
}

/** The leftovers of dead writers beside `target`: staging folders (`.<name>.tmp-XXXXXX`) and their `.old` copies. */
async function leftovers(target: string): Promise<string[]> {
  const prefix = `.${basename(target)}.tmp-`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  return names.filter((n) => n.startsWith(prefix) && /^[A-Za-z0-9]{6}(\.old)?$/.test(n.slice(prefix.length))).map((n) => join(dirname(target), n));
}

/** With the lock held: puts back a destination lost between two renames, and removes dead writers' staging
 *  folders (and `.old` copies) that hold nothing but files tenancy-sim writes, finished or not (a writer
 *  stopped before its marker left none). */
async function repair(target: string, kind: OutputKind): Promise<void> {
  const left = await leftovers(target);
  const missing = await stat(target).then(() => false, () => true);
  if (missing) {
    const old = left.filter((p) => p.endsWith('.old')).sort().at(-1);
    if (old !== undefined && (await foreignContent(old, kind)) === null) await rename(old, target);
  }
  for (const dir of await leftovers(target)) {
    if ((await stat(dir).then((s) => s.isDirectory(), () => false)) && (await onlyToolFiles(dir, kind))) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Takes the destination's lock, repairs what a dead writer left, checks that the destination may be
 * replaced (see output-folder.ts), and creates its parent and a staging folder beside it.
 * @throws UnsafeOutput, OutputBusy, or a file-system error when a folder cannot be created.
 */
export async function prepareOutput(path: string, cwd: string, kind: OutputKind): Promise<Staging> {
  const target = await realPath(path);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const lock = join(parent, `.${basename(target)}.lock`);
  await takeLock(lock, target);
  try {
    await repair(target, kind);
    await checkReplaceable(target, cwd, kind);
    const dir = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
    await chmod(dir, 0o755); // mkdtemp makes it private; results are ordinary files
    return { dir, target, kind, lock };
  } catch (e) {
    await unlink(lock).catch(() => {});
    throw e;
  }
}

/** Writes `content` to `path`, chunk by chunk. */
async function writeContent(path: string, content: FileContent): Promise<void> {
  if (typeof content === 'string') return writeFile(path, content, { flag: 'wx' });
  const h = await open(path, 'wx', 0o644);
  try {
    for (const chunk of content) await h.write(chunk);
  } finally {
    await h.close();
  }
}

/**
 * Writes `files` into the staging folder, the marker last, then swaps it into place (unless `signal` was
 * aborted meanwhile: then nothing is swapped in). Cleans up and releases the lock in every case.
 * @throws OutputInterrupted, or the file-system error that stopped it.
 */
export async function commitOutput(staging: Staging, files: Record<string, FileContent>, signal?: AbortSignal): Promise<void> {
  try {
    for (const [name, content] of Object.entries(files)) {
      if (signal?.aborted) throw new OutputInterrupted('interrupted before the output was written');
      await writeContent(join(staging.dir, name), content);
    }
    await writeFile(join(staging.dir, MARKER), markerContent(staging.kind), { flag: 'wx' });
    if (signal?.aborted) throw new OutputInterrupted('interrupted before the output was written');
    // From here on, the swap runs to its end: a signal now only stops the process after it.
    const old = `${staging.dir}.old`;
    let moved = false;
    try {
      await rename(staging.target, old);
      moved = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // What was moved aside is checked again: anything put into it during the run (a notes file) makes the
    // swap stop and the folder go back as it is.
    const changed = moved ? await changedMeanwhile(old, staging.kind) : null;
    if (changed !== null) {
      await rename(old, staging.target).catch(() => {});
      throw new UnsafeOutput(`it was not replaced: ${changed} while the run was running; the results were not written`);
    }
    try {
      await rename(staging.dir, staging.target);
    } catch (e) {
      if (moved) await rename(old, staging.target); // put the previous output back
      throw e;
    }
    if (moved) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(staging.dir, { recursive: true, force: true });
    throw e;
  } finally {
    await unlink(staging.lock).catch(() => {});
  }
}

/** Why the folder moved aside at `old` may not be deleted after all (it changed during the run), or null. */
async function changedMeanwhile(old: string, kind: OutputKind): Promise<string | null> {
  const info = await stat(old).catch(() => null);
  if (info === null) return null;
  if (!info.isDirectory()) return 'it became a file';
  return foreignContent(old, kind);
}

/** Whether `dir` holds only regular files with the names tenancy-sim writes into a folder of `kind` (or nothing). */
async function onlyToolFiles(dir: string, kind: OutputKind): Promise<boolean> {
  const allowed = new Set([...OUTPUT_FILES[kind], MARKER]);
  for (const name of await readdir(dir).catch(() => ['?'])) {
    if (!allowed.has(name) || !(await lstat(join(dir, name)).then((s) => s.isFile(), () => false))) return false;
  }
  return true;
}

/** Removes the staging folder and releases the lock (after an error or an interruption). */
export async function discardOutput(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true });
  await unlink(staging.lock).catch(() => {});
}

/**
 * Prepares the output folder, or says why it cannot be written (on `stderr`) and returns null, so that a
 * command can exit with code 3 before it simulates anything.
 * @param marker which kind of folder: summary.json (run results) or sweep.json (sweeps)
 */
export async function stageOrExplain(target: string, cwd: string, stderr: (text: string) => void, marker: OutputMarker): Promise<Staging | null> {
  try {
    return await prepareOutput(target, cwd, kindOf(marker));
  } catch (e) {
    const why = e instanceof UnsafeOutput || e instanceof OutputBusy ? e.message : (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    stderr(`tenancy-sim: cannot write results to ${target}: ${why}\n`);
    return null;
  }
}

/**
 * Writes `files` to the staging folder and swaps it in: true, 'interrupted' (`signal` was aborted before the
 * swap: nothing written), or false (after a message on `stderr`).
 */
export async function commitOrExplain(staging: Staging, files: Record<string, FileContent>, stderr: (text: string) => void, signal?: AbortSignal): Promise<boolean | 'interrupted'> {
  try {
    await commitOutput(staging, files, signal);
    return true;
  } catch (e) {
    if (e instanceof OutputInterrupted) return 'interrupted';
    stderr(`tenancy-sim: cannot write results to ${staging.target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return false;
  }
}
