/**
 * A CSV record reader for the generic `csv` format, on csv-parse's streaming parser: quoted cells (with
 * commas, quotes or line breaks inside), CRLF or LF line ends, blank lines skipped. Quoting errors are
 * reported with their line and reading goes on with the next record; binary data and over-long lines end it.
 */
import { type CsvError, parse } from 'csv-parse';
import { finished } from 'node:stream/promises';
import { LineBounds, MAX_LINE_CHARS, type Stop } from './lines.js';
import type { LoadContext } from './context.js';
import { WHOLE_FILE } from './problems.js';
import { encodingProblem, readText } from './source.js';

/** Receives one record's cells, the 1-based line it ends on, and its 1-based column finder. Return false to stop. */
export type RecordHandler = (cells: string[], line: number, columnOf: (cell: number) => number | undefined) => boolean | void;

/** A csv-parse error as a sentence for the user (never csv-parse's own message: some repeat a whole cell). */
function csvMessage(err: CsvError): string {
  switch (err.code as string) {
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted cell (quote the whole cell, and write a quote inside it as "")';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is not closed by the end of the file';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'unexpected characters after a closing quote (write a quote inside a quoted cell as "")';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record longer than ${MAX_LINE_CHARS} characters (an unclosed quote, or not a CSV file?)`;
    default:
      return `not valid CSV (${err.code})`;
  }
}

/**
 * The 1-based column where cell `k` of a one-line record starts, found by walking `raw` outside quotes;
 * undefined for records spanning lines.
 */
function cellColumn(raw: string | undefined, k: number): number | undefined {
  // `raw` holds the blank lines skipped before the record and its line break.
  const text = raw?.replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (text === undefined || /[\r\n]/.test(text)) return undefined;
  if (k === 0) return 1;
  let cell = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 44 && !quoted && ++cell === k) return i + 2;
  }
  return undefined;
}

/**
 * Calls `onRecord` for every record of the file (the header included). Records with invalid UTF-8 are
 * reported and skipped. The reading ends at the first structural problem, reported once: a NUL byte or a line
 * past MAX_LINE_CHARS (found in the text before csv-parse sees it: the records before it are still read), or
 * a quoted record past that length. Resolves true when the whole file was read.
 */
export async function forEachRecord(path: string, file: string, ctx: LoadContext, onRecord: RecordHandler): Promise<boolean> {
  const { problems } = ctx;
  let suspect = false;
  /** The handler or a structural problem ended the reading. */
  let stopped = false;
  /** The structural problem found in the text, if any: records and errors from its line on are not reported. */
  let cut: Stop | null = null;
  const beyondCut = (line: number) => cut !== null && line >= cut.line;
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_LINE_CHARS,
    // Explicit, so that a file mixing CRLF and LF line ends does not leave \r in cells.
    record_delimiter: ['\r\n', '\n'],
    raw: true,
    on_skip: (err) => {
      const line = (err as (CsvError & { lines?: number }) | undefined)?.lines ?? WHOLE_FILE;
      if (err === undefined || stopped || beyondCut(line)) return;
      problems.add(file, line, csvMessage(err));
      if (err.code === 'CSV_MAX_RECORD_SIZE') stopped = true; // the rest cannot be told apart into records
    },
  });
  // Records are taken from 'data' events, which a flowing parser emits as each record ends (the last one of a
  // write when the next text or the end comes), so `parser.info.lines` is that record's last line.
  // (csv-parse's `on_record` gives the line too, but builds an info object per record: it measured 2.3 times
  // slower.)
  parser.on('data', ({ record: cells, raw }: { record: string[]; raw: string }) => {
    const line = parser.info.lines;
    if (stopped || beyondCut(line)) return;
    const columnOf = (k: number) => cellColumn(raw, k);
    if (suspect) {
      for (let k = 0; k < cells.length; k++) {
        const bad = encodingProblem(cells[k]);
        if (bad === undefined) continue;
        const at = columnOf(k);
        problems.add(file, line, bad.message, at === undefined ? undefined : at + bad.column - 1);
        return;
      }
    }
    if (onRecord(cells, line, columnOf) === false) stopped = true;
  });
  let failure: unknown;
  parser.on('error', (err) => (failure ??= err));
  const bounds = new LineBounds();
  const read = await readText(path, file, ctx, (text, bad) => {
    suspect ||= bad;
    const found = bounds.scan(text, bad);
    const before = found === null ? text : text.slice(0, found.cut);
    if (before.length > 0) parser.write(before);
    cut = found;
    return found === null && !stopped && failure === undefined;
  });
  parser.end(); // the last records written come out now: before the structural problem, as in the file
  await finished(parser).catch((err: unknown) => (failure ??= err));
  const structural = cut as Stop | null;
  if (structural !== null && !stopped) problems.add(file, structural.line, structural.message, structural.column);
  if (failure !== undefined && !stopped && structural === null) {
    problems.add(file, WHOLE_FILE, `not valid CSV (${(failure as { code?: string } | null)?.code ?? 'unreadable'})`);
    return false;
  }
  return read && !stopped && structural === null;
}
