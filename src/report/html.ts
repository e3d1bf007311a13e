/**
 * report.html: the report's blocks as one self-contained HTML page: inline CSS (with print rules), charts
 * as inline SVG rendered at build time, no script, no font, no image or request of any kind (a Content
 * Security Policy forbids them). All text is HTML-escaped.
 */
import { terminalSafe } from '../text/terminal.js';
import { type Block, inlines, plain, type Text } from './blocks.js';
import { renderSvg } from './svg.js';

/** `text` with the five HTML special characters escaped (safe in content and quoted attributes). */
export function escapeHtml(text: string): string {
  return terminalSafe(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Nothing may be loaded: styles are inline and charts are inline SVG. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.7em; margin: 0.2em 0 0.6em; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
h3 { font-size: 1.08em; margin: 1.2em 0 0.4em; }
code { font: 0.92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 0.2em; border-radius: 3px; }
.table-wrap { overflow-x: auto; margin: 0.6em 0 1em; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #d8d8d8; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f4f6f8; text-align: left; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
blockquote { margin: 0.6em 0; padding: 0.4em 0.8em; border-left: 4px solid #c9d3dd; background: #f7f9fb; color: #333; }
ul { padding-left: 1.4em; }
li { margin: 0.2em 0; }
figure.chart { margin: 1em 0 1.4em; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; margin-top: 0.3em; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.chart, table, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** A text as HTML. */
export function textHtml(t: Text): string {
  return inlines(t).map((i) => (typeof i === 'string' ? escapeHtml(i) : `<code>${escapeHtml(i.code)}</code>`)).join('');
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (c: number) => (b.align[c] === 'r' ? ' class="r"' : '');
  const head = `<tr>${b.head.map((h, c) => `<th${cls(c)}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = b.rows.map((r) => `<tr>${r.map((x, c) => `<td${cls(c)}>${escapeHtml(x)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table>\n<thead>${head}</thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
}

/** A chart as a figure holding its SVG, labelled for screen readers. */
async function chart(b: Extract<Block, { kind: 'chart' }>): Promise<string> {
  const svg = (await renderSvg(b.spec)).replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(b.caption)}" `);
  return `<figure class="chart" data-chart="${escapeHtml(b.id)}">\n${svg}\n<figcaption>${escapeHtml(b.caption)}</figcaption>\n</figure>`;
}

async function blockHtml(b: Block): Promise<string> {
  switch (b.kind) {
    case 'title': return `<h1>${textHtml(b.text)}</h1>`;
    case 'heading': return `<h2>${textHtml(b.text)}</h2>`;
    case 'subheading': return `<h3>${textHtml(b.text)}</h3>`;
    case 'paragraph': return `<p>${textHtml(b.text)}</p>`;
    case 'list': return `<ul>\n${b.items.map((i) => `<li>${textHtml(i)}</li>`).join('\n')}\n</ul>`;
    case 'table': return table(b);
    case 'note': return `<blockquote>${textHtml(b.text)}</blockquote>`;
    case 'chart': return chart(b);
  }
}

/** The blocks as a complete HTML page; its title is the first title block's text. */
export async function renderHtml(blocks: readonly Block[]): Promise<string> {
  const title = blocks.find((b) => b.kind === 'title');
  const body: string[] = [];
  for (const b of blocks) body.push(await blockHtml(b));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title === undefined || title.kind !== 'title' ? 'tenancy-sim report' : plain(title.text))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
