/**
 * Completing one variant's configuration with the data of its traces (loaded by prepareScenario): the
 * tenants the traces name join the population as the group `trace`, `splitFunctions` entries get a function
 * per trace function, and what only the data can tell is checked: tenant ids, the functions a trace names,
 * and the size of the population against the scenario's limits.
 */
import type { ScenarioConfig, TenantGroupConfig } from '../model/config.js';
import { tenantIndexById } from '../model/tenants.js';
import { didYouMean, listNames } from '../text/suggest.js';
import { excerpt, NO_FUNCTION_COLUMN, shown } from '../traces/index.js';
import type { ScenarioError } from './errors.js';
import { tenantIdProblem } from './tenant-ids.js';

/** Name of the tenant group that holds the tenants found in traces (and not declared in `tenants`). */
export const TRACE_GROUP = 'trace';

/** Places a message at a key of the scenario file. */
export type Locate = (path: (string | number)[], message: string) => ScenarioError;

/** How much a variant may hold: tenants in all, and functions x tenants (see limits.ts). */
export interface ScenarioLimits {
  tenants: number;
  cells: number;
}

/**
 * For trace entries with `splitFunctions`: one copy of the entry's function per trace function, named
 * `<function>-<n>` in the trace's order, with the trace's memory size when it gives one. The function copied
 * is dropped when no other entry invokes it; a warmer of it warms each copy.
 */
function splitFunctions(config: ScenarioConfig, at: Locate): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const stillUsed = (name: string) => config.traffic.some((t) => t.function === name && !(t.pattern.type === 'trace' && t.pattern.trace.splitFunctions));
  const templates = new Set<string>();
  config.traffic.forEach((t, i) => {
    if (t.pattern.type !== 'trace' || !t.pattern.trace.splitFunctions || t.pattern.trace.data === null || t.function === null) return;
    const template = config.functions.find((f) => f.name === t.function);
    if (template === undefined) return; // reported by the cross-checks
    if (template.reservedConcurrency !== null || template.reservedConcurrencyPerTenant !== null || template.provisionedConcurrency > 0) {
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
    // a warmer of the function copied warms every copy (each its own warmer, its stream named after the copy)
    config.warmers = config.warmers.flatMap((w) => (w.function !== template.name ? [w] : [
      ...(stillUsed(template.name) ? [w] : []),
      ...names.map((name) => ({ ...w, function: name, name: w.name === null ? null : `${w.name}/${name}` })),
    ]));
  });
  config.functions = config.functions.filter((f) => !templates.has(f.name) || stillUsed(f.name));
  return errors;
}

/**
 * Adds the traces' new tenants to the population and checks the functions they name and the size against
 * `limits` (at most `tenants` tenants in all, `cells` functions x tenants). Changes `config`; returns the
 * problems, located by `at`.
 */
export function completeVariant(config: ScenarioConfig, at: Locate, limits: ScenarioLimits): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const known = tenantIndexById(config.tenants);
  const added: string[] = [];
  const seen = new Set<string>();
  const names = config.functions.map((f) => f.name);
  const n = (x: number) => x.toLocaleString('en-US');
  let full = false;
  config.traffic.forEach((t, i) => {
    if (t.pattern.type !== 'trace' || t.pattern.trace.data === null) return;
    const data = t.pattern.trace.data;
    const before = added.length;
    for (const id of data.tenants) {
      if (known.has(id) || seen.has(id)) continue;
      const problem = tenantIdProblem(id);
      if (problem) {
        errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} names tenant ${shown(id)}, which AWS would refuse: ${problem}`));
        return;
      }
      seen.add(id);
      added.push(id);
    }
    const total = config.tenants.count + added.length;
    if (!full && total > limits.tenants) {
      full = true;
      const earlier = before > 0 ? ` and the ${n(before)} of earlier traces` : '';
      errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} brings ${n(added.length - before)} tenants of its own: with the ${n(config.tenants.count)} declared${earlier}, ${n(total)} tenants, more than the ${n(limits.tenants)} a scenario can hold`));
    }
    if (t.function === null && data.functions.includes(NO_FUNCTION_COLUMN)) {
      errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} has no function column: set this entry's function to replay every row with one function`));
    } else if (t.function === null) {
      const unknown = data.functions.filter((f) => !names.includes(f));
      if (unknown.length) {
        const first = unknown[0];
        errors.push(at(['traffic', i, 'trace', 'file'], `the trace ${data.file} names ${unknown.length === 1 ? 'a function' : `${unknown.length} functions`} the scenario does not define: ${listNames(unknown.slice(0, 5).map(excerpt))}${unknown.length > 5 ? ', ...' : ''}${didYouMean(first, names)}; define them under functions, or set this entry's function to replay every row with one function`));
      }
    }
  });
  errors.push(...splitFunctions(config, at));
  if (added.length) {
    const group: TenantGroupConfig = {
      name: TRACE_GROUP, count: added.length, first: config.tenants.count, share: 0, idPattern: '', ids: added,
      popularity: { type: 'uniform' }, activeHours: null, onboarding: null, tenancy: null,
    };
    config.tenants = { ...config.tenants, count: config.tenants.count + added.length, groups: [...config.tenants.groups, group] };
  }
  const cells = config.functions.length * config.tenants.count;
  if (cells > limits.cells && !full) {
    errors.push(at(['traffic'], `${config.functions.length} functions x ${n(config.tenants.count)} tenants (with those the traces name) is ${n(cells)} (function, tenant) pairs, more than the ${n(limits.cells)} this tool holds in memory`));
  }
  return errors;
}
