/**
 * Opening a log file for reading only when it is a regular file: a folder, a named pipe, a device or a socket
 * is refused by its stat before it is opened, so `/dev/zero` is not read and a FIFO with no writer does not
 * hang the command. The file is opened non-blocking and checked again on the open handle, so one swapped in
 * between the two cannot be read either.
 */
import { type Stats, constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { LogFileError } from './log-file-error.js';

const SAVE_IT = 'save the export to a file and name that';

/** Why `info` is not a file calibrate reads, or null for a regular file. */
function notRegular(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'is a folder, not a log file';
  if (info.isFIFO()) return `is a named pipe (FIFO), not a regular file: ${SAVE_IT}`;
  if (info.isCharacterDevice() || info.isBlockDevice()) return `is a device, not a regular file: ${SAVE_IT}`;
  if (info.isSocket()) return `is a socket, not a regular file: ${SAVE_IT}`;
  return `is not a regular file: ${SAVE_IT}`;
}

/**
 * Opens the regular file `path` for reading; the caller closes the handle.
 * @throws LogFileError when it does not exist, is not a regular file, or cannot be opened.
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle | undefined;
  try {
    const before = await stat(path);
    const why = notRegular(before);
    if (why !== null) throw new LogFileError(why);
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const now = await handle.stat();
    const changed = notRegular(now) ?? (now.ino !== before.ino || now.dev !== before.dev ? 'changed while it was being opened' : null);
    if (changed !== null) throw new LogFileError(changed);
    return { handle, size: now.size };
  } catch (e) {
    await handle?.close();
    if (e instanceof LogFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LogFileError(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (e as Error).message})`);
  }
}
