/**
 * Reading a trace file as UTF-8 text, chunk by chunk (never the whole file at once). Only regular files are
 * read (open.ts): a pipe, a device or a folder is refused before it is opened. Files that are clearly
 * not UTF-8 text (UTF-16/32 byte order marks, compressed archives, empty files, missing files) are reported
 * before any line is read; invalid UTF-8 bytes and NUL bytes are flagged per chunk so the line readers can
 * point at the line and column.
 */
import { isAscii } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { LoadContext } from './context.js';
import { NotRegularFile, openRegularFile } from './open.js';
import { WHOLE_FILE } from './problems.js';
import { TraceInterrupted } from './types.js';

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;

/** Leading bytes of files that are not plain UTF-8 text, and what to tell the user. */
const MAGIC: ReadonlyArray<readonly [number[], string]> = [
  [[0xff, 0xfe, 0x00, 0x00], 'the file is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8'],
  [[0x00, 0x00, 0xfe, 0xff], 'the file is UTF-32 text (it starts with a UTF-32 byte order mark); save it as UTF-8'],
  [[0xff, 0xfe], 'the file is UTF-16 text (it starts with the byte order mark FF FE); save it as UTF-8'],
  [[0xfe, 0xff], 'the file is UTF-16 text (it starts with the byte order mark FE FF); save it as UTF-8'],
  [[0x1f, 0x8b], 'the file is gzip-compressed; decompress it first (gunzip)'],
  [[0x50, 0x4b, 0x03, 0x04], 'the file is a ZIP archive; extract the CSV first'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'the file is a RAR archive; extract the CSV first (unrar x)'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'the file is a 7-Zip archive; extract the CSV first'],
  [[0x42, 0x5a, 0x68], 'the file is bzip2-compressed; decompress it first (bunzip2)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'the file is xz-compressed; decompress it first (unxz)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'the file is zstd-compressed; decompress it first (unzstd)'],
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

/** Why a file could not be opened or read, from its Node.js error code. */
function ioMessage(err: unknown, path: string): string {
  if (err instanceof NotRegularFile) {
    return err.kind === 'a folder' ? `expected a file, found a folder (${path})` : `expected a regular file, found ${err.kind} (${path})`;
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `file not found (looked for ${path})`;
  if (code === 'EISDIR') return `expected a file, found a folder (${path})`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied reading ${path}`;
  return `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Receives decoded text. `suspect` is true when this chunk holds U+FFFD (what invalid UTF-8 decodes to) or a
 * NUL byte, so lines in it need {@link encodingProblem}. Return false to stop reading.
 */
export type ChunkHandler = (text: string, suspect: boolean) => boolean | void;

/**
 * Streams the file at `path` to `onChunk` as UTF-8 text, a UTF-8 byte order mark dropped. Only a regular file
 * is read (see openRegularFile). Problems are reported under `file` (the name as the user gave it). Resolves
 * true when the whole file was read without a file-level problem, false otherwise (the reason is in
 * `ctx.problems`, or `onChunk` asked to stop).
 * @throws TraceInterrupted when `ctx.signal` is aborted: checked before each chunk and after the last.
 */
export async function readText(path: string, file: string, ctx: LoadContext, onChunk: ChunkHandler): Promise<boolean> {
  const { problems } = ctx;
  let handle: FileHandle;
  let size: number;
  try {
    ({ handle, size } = await openRegularFile(path));
  } catch (err) {
    problems.add(file, WHOLE_FILE, ioMessage(err, path));
    return false;
  }
  try {
    return await readChunks(handle, { file, size }, ctx, onChunk);
  } catch (err) {
    if (err instanceof TraceInterrupted) throw err;
    problems.add(file, WHOLE_FILE, ioMessage(err, path));
    return false;
  } finally {
    await handle.close();
  }
}

/** The loop of {@link readText}: chunks of the open file, decoded, to `onChunk`. */
async function readChunks(handle: FileHandle, at: { file: string; size: number }, ctx: LoadContext, onChunk: ChunkHandler): Promise<boolean> {
  const { file } = at;
  const { problems, signal } = ctx;
  const interrupted = () => new TraceInterrupted(`interrupted while reading ${file}`);
  const decoder = new StringDecoder('utf8');
  // One buffer for every chunk: each is copied out as a string before the next read.
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let ascii = true;
  let first = true;
  let total = 0;
  for (;;) {
    if (signal?.aborted) throw interrupted();
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    let buf = buffer.subarray(0, bytesRead);
    if (first) {
      first = false;
      const magic = MAGIC.find(([bytes]) => startsWith(buf, bytes));
      if (magic !== undefined) {
        problems.add(file, WHOLE_FILE, magic[1]);
        return false;
      }
      if (startsWith(buf, UTF8_BOM)) buf = buf.subarray(UTF8_BOM.length);
    }
    // Pure ASCII so far (the Azure traces are): copying bytes as Latin-1 is faster than decoding UTF-8.
    ascii &&= isAscii(buf);
    const text = ascii ? buf.toString('latin1') : decoder.write(buf);
    if (onChunk(text, (!ascii && text.includes('\uFFFD')) || text.includes('\0')) === false) return false;
    ctx.onProgress?.(file, total, at.size);
  }
  if (signal?.aborted) throw interrupted();
  if (first) {
    problems.add(file, 1, 'the file is empty; expected a header line');
    return false;
  }
  const rest = decoder.end();
  if (rest.length > 0 && onChunk(rest, true) === false) return false;
  return true;
}

/**
 * What is wrong with the encoding of `text` (one line or cell): invalid UTF-8 (decoded as U+FFFD) or a NUL
 * byte (`binary`: the readers stop there), with the 1-based column; undefined when it is clean.
 */
export function encodingProblem(text: string): { column: number; message: string; binary: boolean } | undefined {
  const bad = text.indexOf('\uFFFD');
  const nul = text.indexOf('\0');
  if (bad < 0 && nul < 0) return undefined;
  if (nul < 0 || (bad >= 0 && bad < nul)) {
    return { column: bad + 1, message: 'invalid UTF-8 bytes: the trace must be UTF-8 (or ASCII) text', binary: false };
  }
  return { column: nul + 1, message: 'a NUL byte: this looks like binary data (or UTF-16 text without a byte order mark), not a UTF-8 CSV file', binary: true };
}
