/**
 * CSV text as csv-stringify writes it (cells that could be read as spreadsheet formulas escaped, numbers
 * never in exponent form), with a fast path for rows of numbers and plain text.
 */
import { stringify } from 'csv-stringify/sync';
import { plainNumber } from '../text/numbers.js';

const CSV_OPTIONS = { escape_formulas: true, cast: { number: plainNumber } };

/** Text csv-stringify writes as it is: no delimiter, quote or line break, and no formula-like start. */
const PLAIN_TEXT = /^(?:[^=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20,"\n\r][^,"\n\r]*)?$/;

/**
 * The rows as CSV, as csv-stringify writes them with CSV_OPTIONS. A row of numbers and plain text is joined
 * here, which gives the same bytes, and any other row goes through csv-stringify (speed: tenants.csv has a
 * row per tenant, and csv-stringify took about a tenth of the run with 100,000 tenants). Rows may come from a
 * generator, so that a large table is never held as rows (each row is garbage as soon as it is written).
 */
export function csv(rows: Iterable<unknown[]>): string {
  return [...csvChunks(rows)].join('');
}

/** About this many characters per chunk of {@link csvChunks}. */
const CHUNK_CHARS = 1 << 20;

/**
 * The rows as CSV (as {@link csv} writes them) in chunks of about a megabyte, made as they are read: a file
 * of millions of rows is written without ever being one string (a string has at most 2^29 characters).
 */
export function* csvChunks(rows: Iterable<unknown[]>): Generator<string> {
  let lines: string[] = [];
  let size = 0;
  const texts: string[] = [];
  for (const row of rows) {
    let plain = row.length > 0;
    texts.length = 0;
    for (let i = 0; i < row.length && plain; i++) {
      const x = row[i];
      if (typeof x === 'number') texts.push(plainNumber(x)); // digits, '.', '-', NaN or Infinity: always plain
      else if (typeof x === 'string' && PLAIN_TEXT.test(x)) texts.push(x);
      else plain = false;
    }
    // Each line joined flat at once (memory: a line built by += is a chain of pieces that outlives the row).
    const line = plain ? `${texts.join(',')}\n` : stringify([row], CSV_OPTIONS);
    lines.push(line);
    size += line.length;
    if (size >= CHUNK_CHARS) {
      yield lines.join('');
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield lines.join('');
}

/** Formula characters that `escape_formulas` protects with a leading `'`. */
const FORMULA_START = /^'[-=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell as it was before csv-stringify escaped a leading formula character. */
export const unescapeFormula = (cell: string): string => (FORMULA_START.test(cell) ? cell.slice(1) : cell);
