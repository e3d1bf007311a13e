/**
 * Writing a run's files safely: they go to a fresh temporary folder beside the destination, which then
 * replaces the destination in two renames. A failed or interrupted run leaves the previous results whole,
 * and no file is ever half-written in the destination.
 */
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** A staging folder created before the simulation, so an unwritable destination is known up front. */
export interface Staging {
  dir: string;
  target: string;
}

/** The destination may not be replaced (it is not a results folder, or it holds the working folder). */
export class UnsafeOutput extends Error {
  override name = 'UnsafeOutput';
}

/**
 * Refuses a destination whose replacement would destroy anything but earlier results: it must not exist,
 * or be an empty folder, or a folder holding a summary.json (a results folder), and it must not be or
 * contain the working folder `cwd`.
 */
async function checkReplaceable(target: string, cwd: string): Promise<void> {
  const rel = relative(resolve(target), resolve(cwd));
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'))) {
    throw new UnsafeOutput(`${target} is or contains the working folder; results would replace it`);
  }
  let entries: string[];
  try {
    if (!(await stat(target)).isDirectory()) throw new UnsafeOutput(`${target} is a file, not a results folder; it will not be replaced`);
    entries = await readdir(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (entries.length > 0 && !entries.includes('summary.json')) {
    throw new UnsafeOutput(`${target} is not empty and holds no summary.json, so it is not a results folder; it will not be replaced`);
  }
}

/**
 * Checks that the destination may be replaced, creates its parent and a staging folder in it.
 * @throws UnsafeOutput, or a file-system error when a folder cannot be created.
 */
export async function prepareOutput(target: string, cwd: string): Promise<Staging> {
  await checkReplaceable(target, cwd);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  await chmod(dir, 0o755); // mkdtemp makes it private; results are ordinary files
  return { dir, target };
}

/** Writes `files` into the staging folder, then swaps it into place. Cleans up on failure. */
export async function commitOutput(staging: Staging, files: Record<string, string>): Promise<void> {
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(staging.dir, name), content);
    const old = `${staging.dir}.old`;
    let moved = false;
    try {
      await rename(staging.target, old);
      moved = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    try {
      await rename(staging.dir, staging.target);
    } catch (e) {
      if (moved) await rename(old, staging.target); // put the previous results back
      throw e;
    }
    if (moved) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await discardOutput(staging);
    throw e;
  }
}

/** Removes the staging folder (after an error or an interruption). */
export async function discardOutput(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true });
}

/**
 * Prepares the output folder with `prepare`, or says why it cannot be written (on `stderr`) and returns
 * null, so that a command can exit with code 3 before it simulates anything.
 */
export async function stageOrExplain(
  target: string,
  cwd: string,
  stderr: (text: string) => void,
  prepare: (target: string, cwd: string) => Promise<Staging> = prepareOutput,
): Promise<Staging | null> {
  try {
    return await prepare(target, cwd);
  } catch (e) {
    stderr(`tenancy-sim: cannot write results to ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return null;
  }
}
