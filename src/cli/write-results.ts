/**
 * Writing a command's files safely (`run`, `sweep`, `merge`): they go to a fresh temporary folder beside the
 * destination, which then replaces the destination in two renames. A failed or interrupted run leaves the
 * previous results whole, and no file is ever half-written in the destination. Which destinations may be
 * replaced is decided in output-folder.ts.
 */
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkReplaceable, type OutputMarker } from './output-folder.js';

/** A staging folder created before the simulation, so an unwritable destination is known up front. */
export interface Staging {
  dir: string;
  target: string;
}

/**
 * Checks that the destination may be replaced (an earlier output folder holds `marker`: see
 * output-folder.ts), creates its parent and a staging folder in it.
 * @throws UnsafeOutput, or a file-system error when a folder cannot be created.
 */
export async function prepareOutput(target: string, cwd: string, marker: OutputMarker): Promise<Staging> {
  await checkReplaceable(target, cwd, marker);
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
 * Prepares the output folder (an earlier one holds `marker`), or says why it cannot be written (on
 * `stderr`) and returns null, so that a command can exit with code 3 before it simulates anything.
 */
export async function stageOrExplain(target: string, cwd: string, stderr: (text: string) => void, marker: OutputMarker): Promise<Staging | null> {
  try {
    return await prepareOutput(target, cwd, marker);
  } catch (e) {
    stderr(`tenancy-sim: cannot write results to ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return null;
  }
}

/** Writes `files` to the staging folder and swaps it in; false (after a message on `stderr`) when that fails. */
export async function commitOrExplain(staging: Staging, files: Record<string, string>, stderr: (text: string) => void): Promise<boolean> {
  try {
    await commitOutput(staging, files);
    return true;
  } catch (e) {
    stderr(`tenancy-sim: cannot write results to ${staging.target}: ${(e as Error).message}\n`);
    return false;
  }
}
