/**
 * report.md: the report's blocks as GitHub-flavoured Markdown. Text is backslash-escaped, so a scenario
 * description or a tenant id cannot turn into emphasis, tables, links, mentions or HTML. Charts are left to
 * report.html.
 */
import { terminalSafe } from '../text/terminal.js';
import { type Block, inlines, type Text } from './blocks.js';

/** Characters that could start Markdown markup anywhere in a line (CommonMark lets any be backslash-escaped). */
const SPECIAL = /[\\`*[\]<>|~#&!@]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/** Where GitHub would make a link of plain text (an extended autolink): `scheme://` and `www.`. */
const AUTOLINK = /(?<=[A-Za-z0-9])(?=:\/\/)|(?<=\bwww)(?=\.)/gi;

/**
 * `text` with Markdown markup characters escaped, control characters made visible (see terminalSafe), line
 * breaks turned into spaces, and GitHub's autolinks broken (`https\://`, `www\.`), so no untrusted text
 * becomes a link. An underscore inside a word (`x86_64`) cannot start emphasis and is left as it is.
 * @example escapeMarkdown('a|b *c* https://x') // returns a\|b \*c\* https\://x
 */
export function escapeMarkdown(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' ')).replace(SPECIAL, (c) => `\\${c}`).replace(AUTOLINK, '\\');
}

/** A code span holding `code`: its fence is one backtick longer than the longest run of backticks inside, so
 *  no text can close it early (CommonMark), with a space inside the fence when the code starts or ends with one. */
export function codeSpan(code: string): string {
  const flat = terminalSafe(code.replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A text as Markdown. */
export function textMd(t: Text): string {
  return inlines(t).map((i) => (typeof i === 'string' ? escapeMarkdown(i) : codeSpan(i.code))).join('');
}

/** Escapes what would make a paragraph start a list, a heading or a quote. */
const lineStart = (s: string): string => s.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');

function table(b: Extract<Block, { kind: 'table' }>): string {
  const row = (cells: readonly string[]) => `| ${cells.map((c) => escapeMarkdown(c)).join(' | ')} |`;
  const rule = `|${b.align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [row(b.head), rule, ...b.rows.map(row)].join('\n');
}

/** One block as Markdown, or null for blocks Markdown does not show (charts). */
function blockMd(b: Block): string | null {
  switch (b.kind) {
    case 'title': return `# ${textMd(b.text)}`;
    case 'heading': return `## ${textMd(b.text)}`;
    case 'subheading': return `### ${textMd(b.text)}`;
    case 'paragraph': return lineStart(textMd(b.text));
    case 'list': return b.items.map((i) => `- ${textMd(i)}`).join('\n');
    case 'table': return table(b);
    case 'note': return `> ${lineStart(textMd(b.text))}`;
    case 'chart': return null;
  }
}

/** The blocks as a Markdown document, blocks separated by a blank line, ending with a newline. */
export function renderMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map(blockMd).filter((s): s is string => s !== null).join('\n\n')}\n`;
}
