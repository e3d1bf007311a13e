/**
 * Finding named columns in a header line, with "did you mean" for near misses.
 */
import { closest } from '../text/suggest.js';
import { excerpt } from './problems.js';

/**
 * The header name closest to `wanted` if it is a likely typo (at most a third of the longer name's length,
 * 1 to 3 edits; case differences count as none), else undefined.
 * @example closestName('timestamp', ['TimeStamp', 'fn']) // 'TimeStamp'
 */
export const closestName: (wanted: string, names: readonly string[]) => string | undefined = closest;

/**
 * `no column \`x\`` with a suggestion or the header there is (an escaped excerpt of its first names: a file
 * that is not a trace may have anything on its first line).
 */
export function missingColumn(wanted: string, names: readonly string[], why = ''): string {
  const near = closestName(wanted, names);
  const found = `${excerpt(names.join(','))}${names.length > 8 ? ` (${names.length} columns)` : ''}`;
  return `expected a column \`${wanted}\`${why} in the header${near === undefined ? `; found ${found}` : `; did you mean \`${excerpt(near)}\`?`}`;
}
