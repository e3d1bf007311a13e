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

/**
 * A cell as it reads in a message: quoted, cut at 40 characters, control characters escaped.
 * @example shown('abc') // '"abc"'
 */
export function shown(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(cut);
}
