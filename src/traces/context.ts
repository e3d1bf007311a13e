/**
 * What the readers of one trace share: where its problems go, and what the caller asked of the load (stop
 * when a signal is aborted, hear of progress after each chunk, hold the trace to limits on what it names).
 */
import type { ProblemList } from './problems.js';

/** Options of loadTrace. */
export interface LoadTraceOptions {
  /** When aborted, reading stops before the next chunk and the load rejects with TraceInterrupted. */
  signal?: AbortSignal;
  /** Called after each chunk of a file is read: the file (as the spec names it), bytes read so far, its size. */
  onProgress?: (file: string, bytesRead: number, bytes: number) => void;
  /**
   * Most distinct tenants the trace may name (counted as the file names them, before any window): reading
   * stops at the row past it. Default: no limit.
   */
  maxTenants?: number;
  /** Most distinct functions the trace may name, the same way. Default: no limit. */
  maxFunctions?: number;
}

/** The options of one load and the list its problems go to. */
export interface LoadContext extends LoadTraceOptions {
  problems: ProblemList;
}

/**
 * Whether the row at `line` (and `column`), which brings the trace's distinct `kind` to `count`, is past the
 * caller's limit; if so the problem is reported there and the reader must stop. `what` says what is counted.
 */
export function pastLimit(ctx: LoadContext, kind: 'tenants' | 'functions', count: number, what: string, at: { file: string; line: number; column: number }): boolean {
  const max = (kind === 'tenants' ? ctx.maxTenants : ctx.maxFunctions) ?? Infinity;
  if (count <= max) return false;
  const n = (x: number) => x.toLocaleString('en-US');
  ctx.problems.add(at.file, at.line, `this row brings the trace's distinct ${kind} (${what}) to ${n(count)}, more than the ${n(max)} a scenario can hold; reading stopped here`, at.column);
  return true;
}
