/**
 * Trace parsers: {@link loadTrace} reads a trace file (generic CSV, Azure Functions 2019 per-minute counts or
 * Azure Functions 2021 invocations) into a {@link TraceData} the simulation replays. Files are streamed and
 * rows kept in typed arrays, so memory stays bounded by the arrivals, not by the text.
 *
 * Every problem is reported as a {@link TraceError} (never another error): file, 1-based line and column
 * where there is one, and what was expected. Line 0 means the file as a whole (not found, not UTF-8 text,
 * an option that does not fit the format). The first 20 problems are listed and the rest counted.
 */
import { loadAzure2019 } from './azure2019.js';
import { loadAzure2021 } from './azure2021.js';
import { loadCsv } from './csv.js';
import type { LoadContext, LoadTraceOptions } from './context.js';
import { ProblemList, WHOLE_FILE } from './problems.js';
import { checkSpec } from './spec.js';
import { TraceError, TraceInterrupted, type TraceData, type TraceSpec } from './types.js';

export { excerpt, MAX_PROBLEMS, shown } from './problems.js';
export { NO_FUNCTION_COLUMN } from './csv.js';
export { NotRegularFile, openRegularFile } from './open.js';
export { TraceError, TraceInterrupted } from './types.js';
export type { LoadTraceOptions } from './context.js';
export type { TraceCursor, TraceData, TraceFormat, TraceProblem, TraceSpec } from './types.js';

/**
 * Loads the trace `spec` describes, its paths relative to `baseDir` (absolute paths as they are).
 * `options.signal` stops the reading between chunks; `options.onProgress` hears of each chunk read.
 * @throws TraceError for a missing or unreadable file, bad rows or options; TraceInterrupted when the signal
 *   is aborted; nothing else.
 * @example const trace = await loadTrace({ format: 'azure2021', file: 'Azure2021_200.csv' }, 'traces');
 */
export async function loadTrace(spec: TraceSpec, baseDir: string, options: LoadTraceOptions = {}): Promise<TraceData> {
  const problems = new ProblemList();
  const ctx: LoadContext = { ...options, problems };
  let data: TraceData | null = null;
  try {
    const checked = checkSpec(spec, baseDir, problems);
    if (checked !== null) {
      if (checked.format === 'csv') data = await loadCsv(checked, ctx);
      else if (checked.format === 'azure2021') data = await loadAzure2021(checked, ctx);
      else data = await loadAzure2019(checked, ctx);
    }
  } catch (err) {
    if (err instanceof TraceError || err instanceof TraceInterrupted) throw err;
    // A bug or an exhausted resource: still a TraceError, with what happened, rather than a stack trace.
    problems.add(typeof spec?.file === 'string' ? spec.file : '(trace)', WHOLE_FILE, `could not load the trace: ${err instanceof Error ? err.message : String(err)}`);
  }
  problems.throwIfAny();
  if (data === null) throw new TraceError([{ file: spec.file, line: WHOLE_FILE, message: 'could not load the trace' }]);
  return data;
}
