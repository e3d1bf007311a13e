/**
 * Plain-text tables: columns padded to their widest cell, two spaces apart, a dashed line under the header.
 */

/** Column alignment: `l` (text) or `r` (numbers). */
export type Align = 'l' | 'r';

/**
 * The lines of a table, each indented by `indent` and ending with a newline. `align` gives each column's
 * alignment. Default: the first column left, the others right.
 * @example renderTextTable(['n', 'p50'], [['a', '1.0']]) // 'n  p50\n-  ---\na  1.0\n'
 */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[], indent = '', align: readonly Align[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const alignOf = (c: number): Align => align[c] ?? (c === 0 ? 'l' : 'r');
  const line = (cells: readonly string[]) =>
    `${indent}${cells.map((cell, c) => (alignOf(c) === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`.trimEnd() + '\n';
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}
