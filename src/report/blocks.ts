/**
 * The report as a list of blocks (headings, paragraphs, lists, tables, charts), independent of the output
 * format. Text in blocks is plain: each renderer escapes it for its format, so names and descriptions read
 * from files can hold any character.
 */

/** A run of plain text, or a code span (file and field names). */
export type Inline = string | { code: string };
/** Text: one inline or several in a row. */
export type Text = Inline | readonly Inline[];

/** Column alignment: `l` for text, `r` for numbers. */
export type Align = 'l' | 'r';

/** A Vega-Lite chart: its spec (data inline) and what it shows. Only the HTML report draws charts. */
export interface ChartBlock {
  kind: 'chart';
  /** Stable id, e.g. `cost`; the HTML figure carries it as `data-chart`. */
  id: string;
  caption: string;
  /** A Vega-Lite (v6) specification with inline data. */
  spec: Record<string, unknown>;
}

/** One block of the report. */
export type Block =
  | { kind: 'title'; text: Text }
  | { kind: 'heading'; text: Text }
  | { kind: 'subheading'; text: Text }
  | { kind: 'paragraph'; text: Text }
  | { kind: 'list'; items: readonly Text[] }
  | { kind: 'table'; head: readonly string[]; rows: readonly (readonly string[])[]; align: readonly Align[] }
  | { kind: 'note'; text: Text }
  | ChartBlock;

/** The inlines of a text. */
export const inlines = (t: Text): readonly Inline[] => (Array.isArray(t) ? (t as readonly Inline[]) : [t as Inline]);

/** The text of a text without markup (for titles and alt text). */
export const plain = (t: Text): string => inlines(t).map((i) => (typeof i === 'string' ? i : i.code)).join('');
