/**
 * The step between loading a scenario and running it: reads the trace files its traffic replays (once per
 * file, shared by every variant, held to the scenario's limits on tenants and functions while they are
 * read), then completes each variant with them (complete.ts: the tenants the traces name join its
 * population; what only the data can tell is checked). The loaded scenario is left as it is; the prepared
 * one is a new scenario.
 */
import { resolve } from 'node:path';
import type { ScenarioConfig } from '../model/config.js';
import { loadTrace, type LoadTraceOptions, TraceError, type TraceData } from '../traces/index.js';
import { completeVariant, type ScenarioLimits } from './complete.js';
import type { ScenarioError } from './errors.js';
import { MAX_CELLS, MAX_TENANTS } from './limits.js';
import { type Found, type LoadedScenario, mergeVariantProblems } from './load.js';

/** What {@link prepareScenario} rejects with when its signal is aborted while a trace loads. */
export { TraceInterrupted } from '../traces/index.js';
export { TRACE_GROUP } from './complete.js';

/** Preparing failed: the problems, located in the scenario file or in a trace file. */
export class PrepareError extends Error {
  override name = 'PrepareError';
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  }
}

/** Whether any variant replays a trace (and so needs {@link prepareScenario} before it runs). */
export function hasTraces(s: LoadedScenario): boolean {
  return s.variants.some((v) => v.config.traffic.some((t) => t.pattern.type === 'trace'));
}

/** Options of {@link prepareScenario}. */
export interface PrepareOptions extends Pick<LoadTraceOptions, 'signal' | 'onProgress'> {
  /**
   * Limits to hold the traces and the variants to. Default: MAX_TENANTS tenants, MAX_CELLS (function, tenant)
   * pairs (a trace may then name at most that many distinct tenants and functions; reading stops past them).
   */
  limits?: Partial<ScenarioLimits>;
}

/**
 * `s` with every trace loaded (paths relative to `baseDir`, the scenario's folder) and each variant's
 * configuration completed: new variants with new configurations, `s` left as it is. The trace data are
 * shared by every variant that reads the same file the same way (not copied). Scenarios without traces come
 * back with copies of their configurations, unchanged.
 * @throws PrepareError with located messages for bad trace files or data that do not fit the scenario;
 *   TraceInterrupted when `options.signal` is aborted while a trace loads.
 */
export async function prepareScenario(s: LoadedScenario, baseDir: string, options: PrepareOptions = {}): Promise<LoadedScenario> {
  const limits: ScenarioLimits = { tenants: MAX_TENANTS, cells: MAX_CELLS, ...options.limits };
  const load: LoadTraceOptions = { signal: options.signal, onProgress: options.onProgress, maxTenants: limits.tenants, maxFunctions: limits.cells };
  const cache = new Map<string, Promise<TraceData>>();
  const at = (path: (string | number)[], message: string): ScenarioError =>
    s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message };
  const variants = s.variants.map((v) => ({ ...v, config: copyToComplete(v.config) }));
  // Problems of the trace files, each once, under the first entry that reads it (variants and entries reading
  // one file, even in other ways, share its rows).
  const traceErrors = new Map<string, ScenarioError>();
  const add = (e: ScenarioError) => {
    const key = `${e.file}:${e.line}:${e.col}:${e.message}`;
    if (!traceErrors.has(key)) traceErrors.set(key, e);
  };
  for (const v of variants) {
    for (const [i, t] of v.config.traffic.entries()) {
      if (t.pattern.type !== 'trace') continue;
      const spec = t.pattern.trace.spec;
      const key = JSON.stringify([resolve(baseDir, spec.file), spec]);
      let loading = cache.get(key);
      if (loading === undefined) cache.set(key, (loading = loadTrace(spec, baseDir, load)));
      try {
        t.pattern.trace.data = await loading;
      } catch (e) {
        if (!(e instanceof TraceError)) throw e;
        for (const p of e.problems) add({ file: p.file, line: Math.max(1, p.line), col: p.column ?? 1, path: `traffic[${i}].trace`, message: p.message });
        if (e.more > 0) add({ file: e.problems[0].file, line: 1, col: 1, path: `traffic[${i}].trace`, message: `and ${e.more} more problems` });
      }
    }
  }
  if (traceErrors.size) throw new PrepareError([...traceErrors.values()]);
  // Problems of the data in each variant: once when every variant has them, else naming the variants.
  const found: Found[] = variants.flatMap((v) => completeVariant(v.config, at, limits).map((error) => ({ error, variant: v.name, inOverrides: false })));
  if (found.length) throw new PrepareError(mergeVariantProblems(found, variants.length, false));
  return { ...s, variants };
}

/**
 * A copy of `config` that preparing may complete: its own list of functions and list of traffic entries,
 * with its own copy of each trace entry (down to its trace settings). Everything else is shared.
 */
function copyToComplete(config: ScenarioConfig): ScenarioConfig {
  return {
    ...config,
    functions: [...config.functions],
    traffic: config.traffic.map((t) => (t.pattern.type === 'trace' ? { ...t, pattern: { ...t.pattern, trace: { ...t.pattern.trace } } } : t)),
  };
}
