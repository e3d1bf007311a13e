/**
 * Opening a file named by untrusted input: only a regular file is opened. A folder, a device (`/dev/zero`
 * never ends), a named pipe (opening one blocks until a writer comes) or a socket is refused before it is
 * opened, from `stat`; the file is then opened non-blocking and checked again on the handle, so a path
 * swapped for a pipe in between cannot block either.
 */
import { type Stats, constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';

/** What `s` is, in words, when it is not a regular file. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The path names something other than a regular file (after following links). */
export class NotRegularFile extends Error {
  override name = 'NotRegularFile';
  constructor(
    readonly path: string,
    /** What it is instead, in words: `a folder`, `a named pipe (FIFO)`, `a character device`, ... */
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
  }
}

/** O_NONBLOCK where the platform has it (opening a pipe then returns at once); reading a regular file is unchanged. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `path` for reading if it is a regular file; the caller closes the handle. `size` is the file's size
 * when it was opened (it may still grow: bound reads by what you accept, not by `size`).
 * @throws NotRegularFile for anything else; Node's errors (ENOENT, EACCES, ...) as they are.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const before = await stat(path);
  if (!before.isFile()) throw new NotRegularFile(path, kindOf(before));
  const handle = await open(path, READ_FLAGS);
  try {
    const now = await handle.stat();
    if (!now.isFile()) throw new NotRegularFile(path, kindOf(now));
    return { handle, size: now.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
