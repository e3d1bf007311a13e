/**
 * Lines of a byte stream, with bounds: a line may hold at most {@link ReadLimits.maxLineBytes} bytes and a
 * file at most {@link ReadLimits.maxTextBytes} bytes of text (after decompression), so a file without line
 * breaks or a gzip bomb stops with a located error instead of filling memory. Lines end at `\n`, `\r\n` or
 * `\r`, as node:readline reads them; the bytes of a line are decoded as UTF-8.
 */

/** Bounds on what calibrate reads from one file, and on what it keeps of all of them. */
export interface ReadLimits {
  /** Bytes of one line, its end excluded. Default: 1 MiB. */
  maxLineBytes: number;
  /** Bytes of one CSV record (lines joined by a quoted field). Default: 1 MiB. */
  maxRecordBytes: number;
  /** Bytes of text in one file, after decompression. Default: 2 GiB. */
  maxTextBytes: number;
  /**
   * Tenants kept, over all files: distinct tenant ids of a function (of a log stream, for lines that name no
   * log group), each with its own counts and samples. Default: 100,000.
   */
  maxTenants: number;
  /**
   * Log groups and log streams kept apart, over all files: distinct log groups of reports, and log streams of
   * reports or init events in lines that name no log group. Default: 100,000.
   */
  maxLogStreams: number;
}

const MiB = 1024 * 1024;

/** The bounds calibrate uses unless told otherwise. */
export const DEFAULT_LIMITS: Readonly<ReadLimits> = { maxLineBytes: MiB, maxRecordBytes: MiB, maxTextBytes: 2048 * MiB, maxTenants: 100_000, maxLogStreams: 100_000 };

/** `1,048,576 bytes (1 MiB)`: a bound for messages. */
export function formatBytes(bytes: number): string {
  const unit = bytes >= 1024 * MiB ? [1024 * MiB, 'GiB'] as const : bytes >= MiB ? [MiB, 'MiB'] as const : [1024, 'KiB'] as const;
  const value = Number((bytes / unit[0]).toFixed(2));
  return `${bytes.toLocaleString('en-US')} bytes (${value.toLocaleString('en-US')} ${unit[1]})`;
}

/** A bound passed at a line of the file (1-based); `message` says which. */
export class LimitError extends Error {
  override name = 'LimitError';
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

const LF = 0x0a;
const CR = 0x0d;
const BREAK = /\r\n|\r|\n/;

/** Whether the UTF-8 form of `text` has more than `max` bytes (a UTF-16 unit takes at most 3). */
const overBytes = (text: string, max: number) => text.length > max || (text.length * 3 > max && Buffer.byteLength(text) > max);

/**
 * Yields the lines of `chunks` (without their ends), a batch per chunk, bounded by `limits`.
 * @throws LimitError when a line or the text passes its bound; what `chunks` throws is passed on.
 */
export async function* boundedLines(chunks: AsyncIterable<Buffer>, limits: Pick<ReadLimits, 'maxLineBytes' | 'maxTextBytes'>): AsyncGenerator<string[]> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let total = 0;
  let line = 1;
  let afterCR = false;
  const tooLong = (at: number) => new LimitError(`line longer than ${formatBytes(limits.maxLineBytes)}: expected a log export with one event per line`, at);
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > limits.maxTextBytes) throw new LimitError(`more than ${formatBytes(limits.maxTextBytes)} of text, the most calibrate reads from one file: split the export`, line);
    const start = afterCR && chunk[0] === LF ? 1 : 0;
    afterCR = false;
    const last = Math.max(chunk.lastIndexOf(LF), chunk.lastIndexOf(CR));
    if (last < start) {
      partBytes += chunk.length - start;
      if (partBytes > limits.maxLineBytes) throw tooLong(line);
      if (start < chunk.length) parts.push(chunk.subarray(start));
      continue;
    }
    // Every line break of the chunk is a single byte and a single character, so the text up to the last one
    // is decoded at once (a character is never split) and split like node:readline splits it.
    const head = chunk.subarray(start, chunk[last] === LF && last > start && chunk[last - 1] === CR ? last - 1 : last);
    const text = parts.length === 0 ? head.toString('utf8') : Buffer.concat([...parts, head]).toString('utf8');
    const lines = text.split(BREAK);
    if (partBytes + head.length > limits.maxLineBytes) {
      const at = lines.findIndex((l) => overBytes(l, limits.maxLineBytes));
      if (at >= 0) throw tooLong(line + at);
    }
    // `last` is the chunk's last break, so a CR there is followed by nothing in this chunk.
    afterCR = chunk[last] === CR && last === chunk.length - 1;
    const next = last + 1;
    parts = next < chunk.length ? [chunk.subarray(next)] : [];
    partBytes = chunk.length - next;
    if (partBytes > limits.maxLineBytes) throw tooLong(line + lines.length);
    line += lines.length;
    yield lines;
  }
  if (parts.length > 0) yield [Buffer.concat(parts).toString('utf8')];
}
