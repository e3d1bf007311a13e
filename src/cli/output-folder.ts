/**
 * Which folders a command may replace with its results: the one check that `run` (results marked by
 * summary.json), `sweep` and `merge` (marked by sweep.json) make before they write anything.
 */
import { readdir, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';

/** The file that marks a folder as an earlier output of a command, and what messages call such a folder. */
const FOLDER_MARKED_BY = {
  /** Results of `tenancy-sim run`. */
  'summary.json': 'results folder',
  /** Results of `tenancy-sim sweep` or `merge`. */
  'sweep.json': 'sweep folder',
} as const;

/** A marker file name: summary.json (run results) or sweep.json (sweeps). */
export type OutputMarker = keyof typeof FOLDER_MARKED_BY;

/** The destination may not be replaced (it is not an earlier output folder, or it holds the working folder). */
export class UnsafeOutput extends Error {
  override name = 'UnsafeOutput';
}

/** The problem with an `--out` value (blank), or null. */
export function outProblem(out: string | undefined): string | null {
  return out !== undefined && out.trim() === '' ? '--out needs a folder name' : null;
}

/**
 * Refuses a destination whose replacement would destroy anything but earlier output: it must not exist, or
 * be an empty folder, or a folder holding the `marker` file (summary.json for run results, sweep.json for
 * sweeps), and it must not be or contain the working folder `cwd`.
 * @throws UnsafeOutput, or a file-system error when the destination cannot be read.
 */
export async function checkReplaceable(target: string, cwd: string, marker: OutputMarker): Promise<void> {
  const folder = FOLDER_MARKED_BY[marker];
  const rel = relative(resolve(target), resolve(cwd));
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'))) {
    throw new UnsafeOutput(`${target} is or contains the working folder; results would replace it`);
  }
  let entries: string[];
  try {
    if (!(await stat(target)).isDirectory()) throw new UnsafeOutput(`${target} is a file, not a ${folder}; it will not be replaced`);
    entries = await readdir(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (entries.length > 0 && !entries.includes(marker)) {
    throw new UnsafeOutput(`${target} is not empty and holds no ${marker}, so it is not a ${folder}; it will not be replaced`);
  }
}
