/**
 * Writing a run's files safely: they go to a fresh temporary folder beside the destination, which then
 * replaces the destination in two renames. A failed or interrupted run leaves the previous results whole,
 * and no file is ever half-written in the destination.
 */
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A staging folder created before the simulation, so an unwritable destination is known up front. */
export interface Staging {
  dir: string;
  target: string;
}

/** Creates the destination's parent and a staging folder in it. @throws if either cannot be created. */
export async function prepareOutput(target: string): Promise<Staging> {
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
