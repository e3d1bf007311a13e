/**
 * Collecting trace problems: the first {@link MAX_PROBLEMS} are kept with their place, the rest only counted,
 * so a badly broken file gives one readable error instead of a million lines (or a stop at the first).
 */
import { TraceError, type TraceProblem } from './types.js';

/** Problems kept in a {@link TraceError}; later ones are counted in `more`. */
export const MAX_PROBLEMS = 20;

/**
 * Line number for a problem about a whole file rather than a place in it (not found, not text, an option
 * that does not fit). Lines in the file are 1-based.
 */
export const WHOLE_FILE = 0;

/** The problems found while loading one trace (across its files). */
export class ProblemList {
  readonly problems: TraceProblem[] = [];
  /** Problems found beyond the first {@link MAX_PROBLEMS}. */
  more = 0;

  /** Records a problem at `line` (1-based; {@link WHOLE_FILE} for the file as a whole) and 1-based `column`. */
  add(file: string, line: number, message: string, column?: number): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.more++;
      return;
    }
    this.problems.push(column === undefined ? { file, line, message } : { file, line, column, message });
  }

  /** Whether any problem was recorded. */
  get any(): boolean {
    return this.problems.length > 0;
  }

  /** Throws the collected problems as one {@link TraceError}, if there are any. */
  throwIfAny(): void {
    if (this.any) throw new TraceError(this.problems, this.more);
  }
}

/** Longest excerpt of a file's text a message repeats, in printed characters (escapes included). */
export const MAX_EXCERPT = 40;

/**
 * Characters never printed as they are: controls (C0, DEL, C1), invisible formatting (bidirectional
 * overrides, zero-width characters, byte order marks), line and paragraph separators, and unpaired surrogates.
 */
const UNSAFE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;

/** `c` (one code point) as a message prints it: JSON's escapes, `\u` escapes for the rest of {@link UNSAFE}. */
function escaped(c: string): string {
  if (c === '"' || c === '\\' || c === '\n' || c === '\r' || c === '\t') return JSON.stringify(c).slice(1, -1);
  if (!UNSAFE.test(c)) return c;
  const code = c.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The start of `text` as a message may repeat it: unsafe characters escaped, at most {@link MAX_EXCERPT}
 * printed characters, then `...` when it was cut. Unquoted (for lists such as a header's names).
 * @example excerpt('a\u0007b') // 'a\\u0007b'
 */
export function excerpt(text: string): string {
  let out = '';
  // Code points of at most the first MAX_EXCERPT + 1 code units: enough to fill the excerpt (or to show that
  // the text goes on), without walking a long line.
  for (const c of text.slice(0, MAX_EXCERPT + 1)) {
    const piece = escaped(c);
    if (out.length + piece.length > MAX_EXCERPT) return `${out}...`;
    out += piece;
  }
  return out;
}

/**
 * A cell as it reads in a message: quoted, escaped and cut as {@link excerpt} does.
 * @example shown('abc') // '"abc"'
 */
export function shown(text: string): string {
  return `"${excerpt(text)}"`;
}
