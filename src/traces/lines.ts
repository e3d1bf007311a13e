/**
 * A plain line reader for the Azure formats: machine-written files of hashes, numbers and trigger names that
 * never quote a field. It splits decoded chunks at newlines itself, which is about four times faster than a
 * full CSV parser on the 2-million-row Azure 2021 trace (the generic `csv` format uses csv-parse instead).
 *
 * Two problems end the reading where they are found, in every format (this reader and the CSV one): a NUL
 * byte (binary data: nothing after it is worth reading) and a line longer than {@link MAX_LINE_CHARS} (the
 * file is not a trace, or a line break is missing; reading on would hold it all in memory).
 */
import type { LoadContext } from './context.js';
import { shown } from './problems.js';
import { encodingProblem, readText } from './source.js';

/** Longest line accepted: Azure 2019 full-day rows are about 7 KB; anything this long is not a trace. */
export const MAX_LINE_CHARS = 1 << 20;

/** The problem of a line longer than {@link MAX_LINE_CHARS}, which starts with `start`. */
export function lineTooLong(line: number, start: string): string {
  return `line ${line} is longer than ${MAX_LINE_CHARS} characters (${shown(start)}): this is not a trace file, or a line break is missing`;
}

/** A problem that ends the reading: where it is and what it is. */
export interface Stop {
  line: number;
  column: number;
  message: string;
}

/**
 * The problem that ends the reading in the start of a line that has passed {@link MAX_LINE_CHARS} without a
 * line break: its first NUL byte if it has one within the limit, else its length.
 */
function longLine(line: number, text: string): Stop {
  const nul = text.indexOf('\0');
  if (nul >= 0 && nul < MAX_LINE_CHARS) return { line, column: nul + 1, message: encodingProblem('\0')!.message };
  return { line, column: MAX_LINE_CHARS + 1, message: lineTooLong(line, text) };
}

/**
 * Physical lines across chunks, for a reader that does not split lines itself (csv-parse): finds the first
 * NUL byte or over-long line, so that the text before it can still be read and the rest not at all.
 */
export class LineBounds {
  /** 1-based number of the line the next chunk starts on. */
  private line = 1;
  /** Characters of that line in earlier chunks, and its first characters (for the message). */
  private length = 0;
  private start = '';

  /**
   * Scans the next chunk (`suspect` as {@link readText} says): null when it holds no NUL byte and no line
   * past the limit, else that problem and `cut`, the index in `text` where its line starts (0 when the line
   * began in an earlier chunk).
   */
  scan(text: string, suspect: boolean): (Stop & { cut: number }) | null {
    const nul = suspect ? text.indexOf('\0') : -1;
    for (let s = 0; ; ) {
      const nl = text.indexOf('\n', s);
      const e = nl < 0 ? text.length : nl;
      if (this.length === 0) this.start = text.slice(s, Math.min(e, s + 64));
      const cut = this.length === 0 ? s : 0;
      if (nul >= s && nul < e && this.length + nul - s < MAX_LINE_CHARS) {
        return { cut, line: this.line, column: this.length + nul - s + 1, message: encodingProblem('\0')!.message };
      }
      if (this.length + e - s > MAX_LINE_CHARS) return { cut, ...longLine(this.line, this.start) };
      if (nl < 0) {
        this.length += e - s;
        return null;
      }
      [this.line, this.length, s] = [this.line + 1, 0, nl + 1];
    }
  }
}

/** Receives one non-blank line without its line break, and its 1-based number. Return false to stop. */
export type LineHandler = (text: string, line: number) => boolean | void;

/**
 * Calls `onLine` for every non-empty line of the file (a trailing `\r` removed). Lines with invalid UTF-8 are
 * reported and skipped; a NUL byte or a line past {@link MAX_LINE_CHARS} is reported and ends the reading.
 * Resolves true when the whole file was read.
 */
export async function forEachLine(path: string, file: string, ctx: LoadContext, onLine: LineHandler): Promise<boolean> {
  const { problems } = ctx;
  let tail = '';
  let line = 0;
  let stopped = false;
  /** Hands one line (from `s` to `e` of `text`) over; false to stop. */
  const emit = (text: string, s: number, e: number, suspect: boolean): boolean => {
    line++;
    if (e > s && text.charCodeAt(e - 1) === 13) e--;
    if (e === s) return true;
    const lineText = text.slice(s, e);
    const bad = suspect ? encodingProblem(lineText) : undefined;
    if (bad !== undefined) {
      problems.add(file, line, bad.message, bad.column);
      return !bad.binary;
    }
    if (e - s > MAX_LINE_CHARS) {
      problems.add(file, line, lineTooLong(line, lineText), MAX_LINE_CHARS + 1);
      return false;
    }
    return onLine(lineText, line) !== false;
  };
  const done = await readText(path, file, ctx, (chunk, suspect) => {
    const text = tail.length > 0 ? tail + chunk : chunk;
    const check = suspect || (tail.length > 0 && encodingProblem(tail) !== undefined);
    let s = 0;
    // indexOf over the decoded chunk (not per-byte work in JS): this loop is the hot path of the 2021 loader.
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', s)) {
      if (!emit(text, s, nl, check)) return !(stopped = true);
      s = nl + 1;
    }
    tail = text.slice(s);
    if (tail.length > MAX_LINE_CHARS) {
      const stop = longLine(line + 1, tail);
      problems.add(file, stop.line, stop.message, stop.column);
      return !(stopped = true);
    }
  });
  if (!done || stopped) return false;
  if (tail.length > 0 && !emit(tail, 0, tail.length, encodingProblem(tail) !== undefined)) return false;
  return true;
}
