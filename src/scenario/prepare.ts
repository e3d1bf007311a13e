/**
 * The step between loading a scenario and running it: reads the trace files its traffic replays (once per
 * file, shared by every variant), adds the tenants the traces name to each variant's population, and checks
 * what only the data can tell (the functions a CSV trace names, the size of the population). The loaded
 * scenario is left as it is; the prepared one is a new scenario.
 */
import { resolve } from 'node:path';
import type { ScenarioConfig, TenantGroupConfig } from '../model/config.js';
import { tenantIndexById } from '../model/tenants.js';
import { loadTrace, type LoadTraceOptions, NO_FUNCTION_COLUMN, TraceError, type TraceData } from '../traces/index.js';
import type { ScenarioError } from './errors.js';
import { MAX_CELLS } from './limits.js';
import type { LoadedScenario } from './load.js';
import { didYouMean, listNames } from '../text/suggest.js';
import { tenantIdProblem } from './tenant-ids.js';

/** What {@link prepareScenario} rejects with when its signal is aborted while a trace loads. */
export { TraceInterrupted } from '../traces/index.js';

/** Name of the tenant group that holds the tenants found in traces (and not declared in `tenants`). */
export const TRACE_GROUP = 'trace';

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

/** Options of {@link prepareScenario}: passed to every trace load (an abort signal, progress). */
export type PrepareOptions = LoadTraceOptions;

/**
 * `s` with every trace loaded (paths relative to `baseDir`, the scenario's folder) and each variant's
 * configuration completed: new variants with new configurations, `s` left as it is. The trace data are
 * shared by every variant that reads the same file the same way (not copied). Scenarios without traces come
 * back with copies of their configurations, unchanged.
 * @throws PrepareError with located messages for bad trace files or data that do not fit the scenario;
 *   TraceInterrupted when `options.signal` is aborted while a trace loads.
 */
export async function prepareScenario(s: LoadedScenario, baseDir: string, options: PrepareOptions = {}): Promise<LoadedScenario> {
  const cache = new Map<string, Promise<TraceData>>();
  const errors: ScenarioError[] = [];
  const at = (path: (string | number)[], message: string): ScenarioError =>
    s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message };
  const variants = s.variants.map((v) => ({ ...v, config: copyToComplete(v.config) }));
  for (const v of variants) {
    for (const [i, t] of v.config.traffic.entries()) {
      if (t.pattern.type !== 'trace') continue;
      const spec = t.pattern.trace.spec;
      const key = JSON.stringify([resolve(baseDir, spec.file), spec]);
      let loading = cache.get(key);
      if (loading === undefined) cache.set(key, (loading = loadTrace(spec, baseDir, options)));
      try {
        t.pattern.trace.data = await loading;
      } catch (e) {
        if (!(e instanceof TraceError)) throw e;
        if (errors.some((x) => x.file === e.problems[0]?.file)) continue; // one report per file
        for (const p of e.problems) errors.push({ file: p.file, line: Math.max(1, p.line), col: p.column ?? 1, path: `traffic[${i}].trace`, message: p.message });
        if (e.more > 0) errors.push({ file: e.problems[0].file, line: 1, col: 1, path: `traffic[${i}].trace`, message: `and ${e.more} more problems` });
      }
    }
  }
  if (errors.length) throw new PrepareError(errors);
  for (const v of variants) errors.push(...completeVariant(v.config, at));
  if (errors.length) throw new PrepareError(errors);
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

/**
 * For trace entries with `splitFunctions`: one copy of the entry's function per trace function, named
 * `<function>-<n>` in the trace's order, with the trace's memory size when it gives one. The function copied
 * is dropped when no other entry invokes it.
 */
function splitFunctions(config: ScenarioConfig, at: (path: (string | number)[], message: string) => ScenarioError): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const templates = new Set<string>();
  config.traffic.forEach((t, i) => {
    if (t.pattern.type !== 'trace' || !t.pattern.trace.splitFunctions || t.pattern.trace.data === null || t.function === null) return;
    const template = config.functions.find((f) => f.name === t.function);
    if (template === undefined) return; // reported by the cross-checks
    if (template.reservedConcurrency !== null || template.provisionedConcurrency > 0) {
      errors.push(at(['traffic', i, 'trace', 'splitFunctions'], `splitFunctions would copy ${template.name}'s reserved or provisioned concurrency to each of the trace's functions: remove it from ${template.name}`));
      return;
    }
    const data = t.pattern.trace.data;
    const names = data.functions.map((_key, k) => `${template.name}-${k + 1}`);
    const clash = names.find((n) => config.functions.some((f) => f.name === n));
    if (clash !== undefined) {
      errors.push(at(['traffic', i, 'trace', 'splitFunctions'], `splitFunctions names the copies ${template.name}-1 to ${template.name}-${names.length}, but the scenario already has a function ${clash}`));
      return;
    }
    const memory = data.functionMemoryMb;
    config.functions.push(...names.map((name, k) => ({ ...template, name, memoryMb: memory?.[k] ?? template.memoryMb })));
    t.pattern.trace.functionNames = names;
    templates.add(template.name);
  });
  const stillUsed = (name: string) => config.traffic.some((t) => t.function === name && !(t.pattern.type === 'trace' && t.pattern.trace.splitFunctions));
  config.functions = config.functions.filter((f) => !templates.has(f.name) || stillUsed(f.name));
  return errors;
}

/** Adds the traces' new tenants to the population and checks the functions they name and the size. */
function completeVariant(config: ScenarioConfig, at: (path: (string | number)[], message: string) => ScenarioError): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const known = tenantIndexById(config.tenants);
  const added: string[] = [];
  const seen = new Set<string>();
  const names = config.functions.map((f) => f.name);
  config.traffic.forEach((t, i) => {
    if (t.pattern.type !== 'trace' || t.pattern.trace.data === null) return;
    const data = t.pattern.trace.data;
    for (const id of data.tenants) {
      if (known.has(id) || seen.has(id)) continue;
      const problem = tenantIdProblem(id);
      if (problem) {
        errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} names tenant ${JSON.stringify(id.slice(0, 60))}, which AWS would refuse: ${problem}`));
        return;
      }
      seen.add(id);
      added.push(id);
    }
    if (t.function === null && data.functions.includes(NO_FUNCTION_COLUMN)) {
      errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} has no function column: set this entry's function to replay every row with one function`));
    } else if (t.function === null) {
      const unknown = data.functions.filter((f) => !names.includes(f));
      if (unknown.length) {
        const first = unknown[0];
        errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} names ${unknown.length === 1 ? 'a function' : `${unknown.length} functions`} the scenario does not define: ${listNames(unknown.slice(0, 5))}${unknown.length > 5 ? ', ...' : ''}${didYouMean(first, names)}; define them under functions, or set this entry's function to replay every row with one function`));
      }
    }
  });
  errors.push(...splitFunctions(config, at));
  if (added.length) {
    const group: TenantGroupConfig = {
      name: TRACE_GROUP, count: added.length, first: config.tenants.count, share: 0, idPattern: '', ids: added,
      popularity: { type: 'uniform' }, activeHours: null, onboarding: null,
    };
    config.tenants = { ...config.tenants, count: config.tenants.count + added.length, groups: [...config.tenants.groups, group] };
  }
  const cells = config.functions.length * config.tenants.count;
  if (cells > MAX_CELLS) {
    errors.push(at(['traffic'], `${config.functions.length} functions x ${config.tenants.count.toLocaleString('en-US')} tenants (with those the traces name) is ${cells.toLocaleString('en-US')} (function, tenant) pairs, more than the ${MAX_CELLS.toLocaleString('en-US')} this tool holds in memory`));
  }
  return errors;
}
