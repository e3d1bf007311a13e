/**
 * What the readers of one trace share: where its problems go, and what the caller asked of the load (stop
 * when a signal is aborted, hear of progress after each chunk).
 */
import type { ProblemList } from './problems.js';

/** Options of loadTrace. */
export interface LoadTraceOptions {
  /** When aborted, reading stops before the next chunk and the load rejects with TraceInterrupted. */
  signal?: AbortSignal;
  /** Called after each chunk of a file is read: the file (as the spec names it), bytes read so far, its size. */
  onProgress?: (file: string, bytesRead: number, bytes: number) => void;
}

/** The options of one load and the list its problems go to. */
export interface LoadContext extends LoadTraceOptions {
  problems: ProblemList;
}
