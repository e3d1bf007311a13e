/**
 * Which folders a command may replace with its output: the one check that `run`, `sweep` and `merge` make
 * before they write anything. A folder may be replaced only when tenancy-sim wrote all of it: it is empty,
 * or it holds tenancy-sim's marker file (written last, naming the tool, the kind of folder and its format)
 * and nothing but the files tenancy-sim writes into such a folder. Paths are compared as real paths, so a
 * symlinked working folder or `--out` cannot get past the check.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { RESULT_FILES, RESULTS_FORMAT } from '../results/index.js';
import { SWEEP_FORMAT } from '../sweep/index.js';
import { SHARD_FORMAT } from './run-shards.js';

/** The file every output folder gets last: `{ "tool": "tenancy-sim", "kind": ..., "format": ... }`. */
export const MARKER = '.tenancy-sim.json';

/** The kinds of output folders, the files tenancy-sim writes into each, and the file that marked one
 *  before marker files existed. */
const KINDS = {
  results: { files: [...RESULT_FILES, 'report.md', 'report.html', 'invocations.csv', 'sensitivity.json', 'merged.json'], legacy: 'summary.json', format: RESULTS_FORMAT, called: 'results folder' },
  sweep: { files: ['sweep.json', 'sweep.csv', 'sweep.html'], legacy: 'sweep.json', format: SWEEP_FORMAT, called: 'sweep folder' },
  shard: { files: ['shard.json'], legacy: 'shard.json', format: SHARD_FORMAT, called: 'run shard folder' },
} as const;

/** A kind of output folder: `results` (run, merge of run shards), `sweep` (sweep, merge of sweep shards) or
 *  `shard` (run --shard). */
export type OutputKind = keyof typeof KINDS;

/** The files tenancy-sim writes into a folder of each kind (the marker aside). */
export const OUTPUT_FILES: Readonly<Record<OutputKind, readonly string[]>> = { results: KINDS.results.files, sweep: KINDS.sweep.files, shard: KINDS.shard.files };

/** The marker file name by which commands name the kind: summary.json (run results), sweep.json or shard.json. */
export type OutputMarker = 'summary.json' | 'sweep.json' | 'shard.json';

/** The kind of folder a marker name stands for. */
export const kindOf = (marker: OutputMarker): OutputKind => (marker === 'summary.json' ? 'results' : marker === 'sweep.json' ? 'sweep' : 'shard');

/** The destination may not be replaced (tenancy-sim did not write all of it, or it holds the working folder). */
export class UnsafeOutput extends Error {
  override name = 'UnsafeOutput';
}

/** The problem with an `--out` value (blank), or null. */
export function outProblem(out: string | undefined): string | null {
  return out !== undefined && out.trim() === '' ? '--out needs a folder name' : null;
}

/** The marker file's content for a folder of `kind`. */
export function markerContent(kind: OutputKind): string {
  return `${JSON.stringify({ tool: 'tenancy-sim', kind, format: KINDS[kind].format })}\n`;
}

/**
 * `path` with every symbolic link of the part that exists resolved (the rest appended as it is), so that
 * two spellings of one folder compare equal.
 */
export async function realPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPath(parent), basename(absolute));
  }
}

/** Whether `inner` is `outer` or inside it (both real paths). */
const within = (inner: string, outer: string): boolean => {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

/** Whether the marker file in `dir` says tenancy-sim wrote it as a folder of `kind` (a small regular file). */
async function marked(dir: string, kind: OutputKind): Promise<boolean> {
  try {
    const info = await lstat(join(dir, MARKER));
    if (!info.isFile() || info.size > 4096) return false;
    const m = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as { tool?: unknown; kind?: unknown };
    return m.tool === 'tenancy-sim' && m.kind === kind;
  } catch {
    return false;
  }
}

/**
 * Why tenancy-sim may not replace the existing folder `dir` with a folder of `kind`, or null when it may:
 * every entry must be a regular file tenancy-sim writes into such a folder, and the folder must be empty, or
 * hold the marker, or (a folder written before markers) hold the legacy marker.
 */
export async function foreignContent(dir: string, kind: OutputKind): Promise<string | null> {
  const k = KINDS[kind];
  const entries = await readdir(dir);
  if (entries.length === 0) return null;
  const known = new Set<string>([...k.files, MARKER]);
  const foreign: string[] = [];
  for (const name of entries) {
    if (!known.has(name) || !(await lstat(join(dir, name))).isFile()) foreign.push(name);
  }
  if (foreign.length > 0) {
    // a folder tenancy-sim wrote, of another kind (a run's results where a sweep goes, or the other way)
    for (const other of Object.keys(KINDS) as OutputKind[]) {
      if (other !== kind && entries.includes(MARKER) && (await marked(dir, other))) {
        return `it is a ${KINDS[other].called} of tenancy-sim, not a ${k.called}; choose another folder`;
      }
    }
    const shown = foreign.slice(0, 3).map((n) => JSON.stringify(n.slice(0, 60))).join(', ');
    return `it holds ${shown}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''}, which tenancy-sim did not write`;
  }
  if (entries.includes(MARKER) ? await marked(dir, kind) : entries.includes(k.legacy)) return null;
  return `it is not a ${k.called} of tenancy-sim (no ${MARKER} naming one)`;
}

/**
 * Refuses a destination whose replacement would destroy anything tenancy-sim did not write: it must not
 * exist, or be a folder that {@link foreignContent} accepts, and it must not be or contain the working
 * folder `cwd` (compared as real paths).
 * @param target a real path (see {@link realPath})
 * @throws UnsafeOutput, or a file-system error when the destination cannot be read.
 */
export async function checkReplaceable(target: string, cwd: string, kind: OutputKind): Promise<void> {
  const k = KINDS[kind];
  if (within(await realPath(cwd), target)) throw new UnsafeOutput('it is or contains the working folder; results would replace it');
  let info;
  try {
    info = await stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!info.isDirectory()) throw new UnsafeOutput(`it is a file, not a ${k.called}; it will not be replaced`);
  const why = await foreignContent(target, kind);
  if (why !== null) throw new UnsafeOutput(`it will not be replaced: ${why}`);
}
