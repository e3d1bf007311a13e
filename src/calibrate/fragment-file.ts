/**
 * Writing the fragment to `--out`: only over nothing or over an earlier fragment (a file whose first line is
 * {@link FRAGMENT_MARKER}), never over an input file however it is named (real paths and inodes are
 * compared, so `./x`, `../dir/x`, symbolic and hard links are all the same file), and atomically: a new
 * temporary file in the same folder is written and flushed, then renamed over the target, and removed if
 * anything fails, so a full disk leaves the earlier fragment as it was.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, access, lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FRAGMENT_MARKER } from './fragment.js';

/** The file system calls {@link writeFragmentFile} makes that can fail midway; tests replace them to simulate a full disk. */
export interface FragmentFs {
  /** Writes `text` to the new, empty file open as `handle`. */
  write(handle: FileHandle, text: string): Promise<void>;
  /** Renames `from` to `to`, replacing `to`. */
  rename(from: string, to: string): Promise<void>;
}

const DEFAULT_FS: FragmentFs = {
  write: async (handle, text) => {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  },
  rename,
};

/** Where the fragment goes, once checked: the real path of the file to replace or create, and whether it exists. */
export interface FragmentTarget {
  path: string;
  exists: boolean;
}

/** What errno codes mean, for messages. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
};

/** `no space left on the device (ENOSPC)`, or the error's code or message. */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) return (e as Error).message;
  return ERRNO_TEXT[code] ? `${ERRNO_TEXT[code]} (${code})` : code;
}

const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** The identity of a file: its device and inode. */
async function identity(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/** Whether the regular file at `path` starts with the marker line (reading only that many bytes). */
async function startsWithMarker(path: string): Promise<boolean> {
  const wanted = Buffer.from(`${FRAGMENT_MARKER}\n`);
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(wanted.length + 1), 0, wanted.length + 1, 0);
    const head = buffer.subarray(0, bytesRead);
    return head.subarray(0, wanted.length).equals(wanted) || head.equals(Buffer.from(`${FRAGMENT_MARKER}\r\n`));
  } finally {
    await handle.close();
  }
}

/**
 * Checks that the fragment may be written to `out` (absolute): its folder exists and is writable; it is not one of `inputs`
 * (absolute paths of the log files, with the names messages give them); it does not exist, or it is a
 * regular file whose first line is {@link FRAGMENT_MARKER}. A symbolic link is followed to the file it names.
 * @returns the target, or why the fragment cannot be written there.
 */
export async function checkFragmentTarget(out: string, inputs: ReadonlyArray<{ path: string; name: string }>): Promise<FragmentTarget | { problem: string }> {
  let real: string;
  let exists = true;
  try {
    real = await realpath(out);
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') return { problem: errnoText(e) };
    if (await lstat(out).then(() => true, () => false)) return { problem: 'it is a symbolic link to a file that does not exist' };
    try {
      real = join(await realpath(dirname(out)), basename(out));
    } catch (e2) {
      return { problem: errnoOf(e2) === 'ENOENT' ? 'its folder does not exist' : errnoText(e2) };
    }
    exists = false;
  }
  const target = exists ? await identity(real) : null;
  for (const input of inputs) {
    const same = (await realpath(input.path).catch(() => null)) === real || (target !== null && (await identity(input.path)) === target);
    if (same) return { problem: `it is the input file ${input.name}` };
  }
  if (!(await access(dirname(real), constants.W_OK).then(() => true, () => false))) return { problem: 'its folder is not writable' };
  if (!exists) return { path: real, exists };
  try {
    const s = await stat(real);
    if (s.isDirectory()) return { problem: 'it is a folder' };
    if (!s.isFile()) return { problem: 'it is not a regular file' };
    if (!(await startsWithMarker(real))) {
      return { problem: `it exists and is not a fragment calibrate wrote (its first line is not \`${FRAGMENT_MARKER}\`); remove it or name another file` };
    }
  } catch (e) {
    return { problem: errnoText(e) };
  }
  return { path: real, exists };
}

/**
 * Writes `text` to `target` atomically: a new temporary file beside it (created exclusively, so nothing is
 * overwritten), written and flushed, then renamed over the target. On failure the temporary file is removed.
 * @returns null when written, else why not (the target is then as it was).
 */
export async function writeFragmentFile(target: FragmentTarget, text: string, fs: Partial<FragmentFs> = {}): Promise<string | null> {
  const calls = { ...DEFAULT_FS, ...fs };
  // At most 64 characters of the name, so the temporary name fits where the target's does (255 bytes).
  const temp = join(dirname(target.path), `.${basename(target.path).slice(0, 64)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', 0o644);
  } catch (e) {
    return errnoText(e);
  }
  try {
    try {
      await calls.write(handle, text);
    } finally {
      await handle.close();
    }
    await calls.rename(temp, target.path);
    return null;
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    return errnoText(e);
  }
}
