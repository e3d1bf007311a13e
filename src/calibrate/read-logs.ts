/**
 * Reading log exports from disk: the only part of calibrate that reads the file system. A file is checked
 * first (it exists, is a file, is text or gzip-compressed text, and is not larger than the text bound), then
 * streamed line by line with {@link boundedLines}, so memory stays bounded however large or hostile the
 * export; each line (or CSV record) is classified and handed to a sink as it is read.
 */
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { DEFAULT_LIMITS, LimitError, type ReadLimits, boundedLines, formatBytes } from './line-reader.js';
import { LogFileError } from './log-file-error.js';
import { openRegularFile } from './regular-file.js';

export { LogFileError };
import { classifyMessage } from './classify.js';
import { type CsvColumns, CsvRecordAssembler, csvHeader, csvMessage, parseCsvRecord } from './csv.js';
import { REPORT_MARKER } from './report-line.js';
import type { LogEntry } from './types.js';

/** Bytes inspected to tell text from binary (as git does, a NUL byte among the first 8,000 means binary). */
const SNIFF_BYTES = 8000;

/** Receives every entry of a file with its 1-based line (a CSV record: the line it starts on). */
export type EntrySink = (entry: LogEntry, line: number) => void;

const isGzip = (head: Buffer) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/**
 * Checks that `path` is a readable regular text file (or gzip of one) of at most `maxTextBytes`; resolves to
 * whether it is gzip-compressed.
 * @throws LogFileError when it does not exist, is not a regular file, is too large, cannot be read, or is binary.
 */
export async function checkLogFile(path: string, maxTextBytes = DEFAULT_LIMITS.maxTextBytes): Promise<{ gzip: boolean }> {
  const { handle, size } = await openRegularFile(path);
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } catch (e) {
    throw new LogFileError(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    await handle.close();
  }
  const gzip = isGzip(head);
  if (!gzip && size > maxTextBytes) {
    throw new LogFileError(`is ${size.toLocaleString('en-US')} bytes, more than the ${formatBytes(maxTextBytes)} calibrate reads from one file: split the export`);
  }
  let text = head;
  if (gzip) {
    try {
      text = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      throw new LogFileError('starts like gzip but cannot be decompressed');
    }
  }
  if (text.subarray(0, SNIFF_BYTES).includes(0)) throw new LogFileError('is binary (it has NUL bytes); expected a text log export in UTF-8');
  return { gzip };
}

/** A CSV record that does not have the header's columns: malformed if it looks like a report, else other. */
function badCsvRecord(text: string, columns: CsvColumns, fields: number | null): LogEntry {
  if (!text.includes(REPORT_MARKER) && !text.includes('"platform.')) return { kind: 'other' };
  const why = fields === null ? 'an unclosed quote' : `${fields} fields where the header has ${columns.count}`;
  return { kind: 'malformed', reason: `CSV record with ${why}` };
}

function csvEntry(text: string, columns: CsvColumns): LogEntry {
  const fields = parseCsvRecord(text);
  const row = fields === null ? null : csvMessage(fields, columns);
  if (row === null) return badCsvRecord(text, columns, fields === null ? null : fields.length);
  const entry = classifyMessage(row.message, row.context, false);
  return entry.kind === 'blank' ? { kind: 'other' } : entry;
}

/** Feeds lines to the sink: plain lines one by one, or CSV records once a Logs Insights header is seen. */
class LineDispatcher {
  private columns: CsvColumns | null = null;
  private seenContent = false;

  private readonly csv: CsvRecordAssembler;

  constructor(private readonly sink: EntrySink, maxRecordBytes: number) {
    this.csv = new CsvRecordAssembler(maxRecordBytes);
  }

  line(text: string, lineNo: number): void {
    if (!this.seenContent && text.trim() !== '') {
      this.seenContent = true;
      this.columns = csvHeader(text);
      if (this.columns !== null) return this.sink({ kind: 'header' }, lineNo);
    }
    if (this.columns === null) return this.sink(classifyMessage(lineNo === 1 ? text.replace(/^\uFEFF/, '') : text), lineNo);
    if (text.trim() === '' && !this.csv.pending()) return this.sink({ kind: 'blank' }, lineNo);
    const record = this.csv.push(text, lineNo);
    if (record) this.sink(csvEntry(record.text, this.columns), record.line);
  }

  end(): void {
    const record = this.csv.flush();
    if (record && this.columns) this.sink(csvEntry(record.text, this.columns), record.line);
  }
}

/**
 * Streams the entries of `path` (checked with {@link checkLogFile}) to `sink`; resolves to the number of lines.
 * @throws LogFileError when reading fails midway (a truncated gzip file, an I/O error) or a bound of `limits`
 * is passed (then located at a line).
 */
export async function readLogFile(path: string, gzip: boolean, sink: EntrySink, limits: ReadLimits = DEFAULT_LIMITS): Promise<number> {
  const raw = (await openRegularFile(path)).handle.createReadStream();
  const input: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (e) => input.destroy(e)); // pipe() does not pass errors on
  const dispatcher = new LineDispatcher(sink, limits.maxRecordBytes);
  let lineNo = 0;
  let dispatching = false;
  try {
    for await (const lines of boundedLines(input, limits)) {
      dispatching = true;
      for (const line of lines) dispatcher.line(line, ++lineNo);
      dispatching = false;
    }
    dispatching = true;
    dispatcher.end();
  } catch (e) {
    if (e instanceof LimitError) throw new LogFileError(e.message, e.line);
    if (dispatching) throw e; // a bug, not the file's fault
    const code = (e as NodeJS.ErrnoException).code;
    throw new LogFileError(`could not be read to the end after line ${lineNo} (${code ?? (e as Error).message})`);
  } finally {
    raw.destroy();
    input.destroy();
  }
  return lineNo;
}
