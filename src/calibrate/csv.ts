/**
 * CSV exports of CloudWatch Logs Insights (`@timestamp,@message,@logStream,@log`): RFC 4180 records whose
 * quoted message may span lines (Lambda's REPORT message ends with a newline), assembled from lines as they
 * are read.
 */
import type { LineContext } from './types.js';
import { parseTimestamp } from './timestamps.js';
import { DEFAULT_LIMITS, LimitError, formatBytes } from './line-reader.js';

/** Column positions of a CSV export; -1 when absent. `message` is always present. */
export interface CsvColumns {
  message: number;
  timestamp: number;
  logStream: number;
  logGroup: number;
  /** Number of columns in the header. */
  count: number;
}

/**
 * The fields of one CSV record, or null when a quoted field is not closed.
 * @example parseCsvRecord('a,"b ""c""",d') // ['a', 'b "c"', 'd']
 */
export function parseCsvRecord(text: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else field += c;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/**
 * The columns of `line` when it is the header of a Logs Insights CSV export (a `@message` or `message`
 * column and a `@timestamp` or `timestamp` column), else null.
 */
export function csvHeader(line: string): CsvColumns | null {
  const names = parseCsvRecord(line.replace(/^\uFEFF/, '').trim());
  if (names === null || names.length < 2) return null;
  const find = (...wanted: string[]) => names.findIndex((n) => wanted.includes(n.trim()));
  const columns = {
    message: find('@message', 'message'),
    timestamp: find('@timestamp', 'timestamp'),
    logStream: find('@logStream', 'logStream', 'logStreamName'),
    logGroup: find('@log', 'logGroup', 'logGroupName'),
    count: names.length,
  };
  return columns.message >= 0 && columns.timestamp >= 0 ? columns : null;
}

/**
 * Collects physical lines into CSV records: a record ends at a line end outside quotes. A record may hold at
 * most `maxBytes` bytes (UTF-8, line ends counted as one byte), so a quote never closed cannot gather the rest
 * of the file.
 */
export class CsvRecordAssembler {
  private parts: string[] = [];
  private bytes = 0;
  private startLine = 0;
  private inQuotes = false;

  constructor(private readonly maxBytes = DEFAULT_LIMITS.maxRecordBytes) {}

  /**
   * Adds line `lineNo` (1-based); returns the record it completes, with the line it started on, or null.
   * @throws LimitError, located at the record's first line, when the record passes `maxBytes`.
   */
  push(line: string, lineNo: number): { text: string; line: number } | null {
    if (this.parts.length === 0) this.startLine = lineNo;
    this.bytes += Buffer.byteLength(line) + (this.parts.length > 0 ? 1 : 0);
    if (this.bytes > this.maxBytes) throw new LimitError(`CSV record longer than ${formatBytes(this.maxBytes)}: a quote that is never closed?`, this.startLine);
    this.parts.push(line);
    for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) this.inQuotes = !this.inQuotes;
    return this.inQuotes ? null : this.take();
  }

  /** Whether a record has started and not ended (a quoted field is open). */
  pending(): boolean {
    return this.parts.length > 0;
  }

  /** The unfinished record at the end of the file (an unclosed quote), or null. */
  flush(): { text: string; line: number } | null {
    return this.parts.length === 0 ? null : this.take();
  }

  private take(): { text: string; line: number } {
    const record = { text: this.parts.join('\n'), line: this.startLine };
    this.parts = [];
    this.bytes = 0;
    this.inQuotes = false;
    return record;
  }
}

/** The message of a record and its context, or null when the record does not have the header's columns. */
export function csvMessage(fields: readonly string[], columns: CsvColumns): { message: string; context: LineContext } | null {
  if (fields.length < columns.count) return null;
  const context: LineContext = {};
  const timeMs = parseTimestamp(fields[columns.timestamp].trim());
  if (timeMs !== undefined) context.timeMs = timeMs;
  if (columns.logGroup >= 0 && fields[columns.logGroup] !== '') context.logGroup = fields[columns.logGroup];
  if (columns.logStream >= 0 && fields[columns.logStream] !== '') context.logStream = fields[columns.logStream];
  return { message: fields[columns.message], context };
}
