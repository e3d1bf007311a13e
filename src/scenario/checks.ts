/**
 * Rules that involve more than one field, checked on the normalized configuration. Paths name the field
 * to fix; `related` names the other fields involved, so a problem caused by a variant is shown there.
 */
import type { ScenarioConfig, TrafficConfig } from '../model/config.js';
import { TENANCY, UNRESERVED_MINIMUM } from '../model/platform.js';
import { MAX_CELLS } from './limits.js';
import type { Problem } from './issues.js';
import { didYouMean, listNames } from '../text/suggest.js';
import { tenantIdOf } from '../model/tenants.js';
import { idPatternProblem, populationIndex, tenantIdProblem } from './tenant-ids.js';
import { FORMAT_ONLY_KEYS } from '../traces/spec.js';
import { generatedKey } from '../model/streams.js';
import { functionTiers, reservedTotal, tierReservation, tierUnits } from '../model/tiers.js';

function functionProblems(config: ScenarioConfig): Problem[] {
  const problems: Problem[] = [];
  for (const f of config.functions) {
    const at = (key: string) => ['functions', f.name, key];
    if (!TENANCY[f.tenancy].provisionedConcurrency && f.provisionedConcurrency > 0) {
      problems.push({
        path: at('provisionedConcurrency'),
        related: [at('tenancy'), ['tenancy']],
        message: TENANCY[f.tenancy].functionPerTenant
          ? `provisionedConcurrency must be 0 for a function per tenant, got ${f.provisionedConcurrency}: provisioned concurrency per tenant function is not modelled`
          : `provisionedConcurrency must be 0 for a tenant-isolated function, got ${f.provisionedConcurrency}: AWS does not support provisioned concurrency with tenant isolation`,
      });
    } else if (f.reservedConcurrency !== null && f.provisionedConcurrency > f.reservedConcurrency) {
      problems.push({
        path: at('provisionedConcurrency'),
        related: [at('reservedConcurrency')],
        message: `provisionedConcurrency (${f.provisionedConcurrency}) must not exceed reservedConcurrency (${f.reservedConcurrency})`,
      });
    }
  }
  return problems;
}

/** Reservations that apply to no tier of their function: a function-per-tenant one without per-tenant
 *  functions, or reservedConcurrency on a function whose every tier is function per tenant. */
function tierReservationProblems(config: ScenarioConfig): Problem[] {
  const problems: Problem[] = [];
  for (const f of config.functions) {
    const tiers = functionTiers(f, config).filter((t) => t.inUse);
    const perTenant = tiers.filter((t) => TENANCY[t.tenancy].functionPerTenant);
    if (f.reservedConcurrencyPerTenant !== null && perTenant.length === 0) {
      problems.push({
        path: ['functions', f.name, 'reservedConcurrencyPerTenant'], related: [['functions', f.name, 'tenancy'], ['tenancy']],
        message: `reservedConcurrencyPerTenant applies to function-per-tenant tenancy, and no tenant of ${f.name} has it: use reservedConcurrency`,
      });
    }
    if (f.reservedConcurrency !== null && perTenant.length === tiers.length) {
      problems.push({
        path: ['functions', f.name, 'reservedConcurrency'], related: [['functions', f.name, 'tenancy'], ['tenancy']],
        message: `with function-per-tenant tenancy each tenant has a function of its own: reserve concurrency per tenant function with reservedConcurrencyPerTenant`,
      });
    }
  }
  return problems;
}

function reservedProblem(config: ScenarioConfig): Problem[] {
  const reserved = config.functions.filter((f) => (f.reservedConcurrency ?? 0) > 0 || (f.reservedConcurrencyPerTenant ?? 0) > 0);
  const total = reservedTotal(config);
  const limit = config.platform.accountConcurrency - UNRESERVED_MINIMUM;
  if (total <= limit || reserved.length === 0) return [];
  const last = reserved[reserved.length - 1];
  const key = (f: (typeof reserved)[number]) => ((f.reservedConcurrencyPerTenant ?? 0) > 0 ? 'reservedConcurrencyPerTenant' : 'reservedConcurrency');
  // `api 20 x 50 tenant functions`, `api 10 + 10 (shared and isolated tiers)`, `api 10`
  const parts = reserved.map((f) => {
    const terms = functionTiers(f, config).filter((t) => (tierReservation(f, t.tenancy) ?? 0) > 0 && tierUnits(t) > 0).map((t) => {
      const r = tierReservation(f, t.tenancy) ?? 0;
      return TENANCY[t.tenancy].functionPerTenant ? `${r} x ${tierUnits(t)} tenant functions` : `${r}`;
    });
    return `${f.name} ${terms.join(' + ')}`;
  }).join(', ');
  return [
    {
      path: ['functions', last.name, key(last)],
      related: [['platform', 'accountConcurrency'], ...reserved.map((f) => ['functions', f.name, key(f)])],
      message:
        `reserved concurrency adds up to ${total} (${parts}) but at most ${Math.max(0, limit)} may be reserved: ` +
        `AWS keeps ${UNRESERVED_MINIMUM} of accountConcurrency ${config.platform.accountConcurrency} unreserved`,
    },
  ];
}

function tenantProblem(config: ScenarioConfig, t: TrafficConfig): string | undefined {
  if (t.tenant === null) return undefined;
  const format = tenantIdProblem(t.tenant);
  if (format) return format;
  if (populationIndex(config.tenants, t.tenant) !== undefined) return undefined;
  const { count, groups } = config.tenants;
  if (count === 1) return `tenant ${JSON.stringify(t.tenant)} is not the scenario's only tenant, ${JSON.stringify(tenantIdOf(config.tenants, 0))}`;
  const ranges = groups.map((g) => `${tenantIdOf(config.tenants, g.first)} to ${tenantIdOf(config.tenants, g.first + g.count - 1)}`);
  return `tenant ${JSON.stringify(t.tenant)} is not one of the ${count} tenants (${ranges.join('; ')})`;
}


function patternProblems(t: TrafficConfig, at: (...rest: string[]) => (string | number)[], mode: boolean, routes: boolean): Problem[] {
  const problems: Problem[] = [];
  const p = t.pattern;
  if (mode && p.type !== 'phases') problems.push({ path: at('mode'), message: 'mode applies to phases only' });
  if (p.type === 'sequential' && t.group !== null) return problems;
  if (p.type === 'trace') {
    const spec = p.trace.spec;
    for (const [key, formats] of Object.entries(FORMAT_ONLY_KEYS)) {
      if ((spec as unknown as Record<string, unknown>)[key] !== undefined && !formats.includes(spec.format)) {
        problems.push({ path: at('trace', key), related: [at('trace', 'format')], message: `${key} applies to format ${formats.join(' or ')}, not ${spec.format}` });
      }
    }
    if (spec.tenantFrom === 'owner' && spec.format !== 'azure2019') {
      problems.push({ path: at('trace', 'tenantFrom'), message: 'tenantFrom: owner needs format azure2019 (the 2021 trace has no owner)' });
    }
    if (t.function === null && p.trace.splitFunctions) {
      problems.push({ path: at('trace', 'splitFunctions'), related: [at('function')], message: 'splitFunctions copies the entry\'s function: set function' });
    } else if (t.function === null && spec.format !== 'csv') {
      problems.push({ path: at('function'), related: [at('trace')], message: `expected the function that replays this ${spec.format} trace (its functions are hashes)` });
    }
    if (t.tenant !== null || t.group !== null) {
      problems.push({ path: at(t.tenant !== null ? 'tenant' : 'group'), related: [at('trace')], message: 'a trace names its own tenants: remove tenant and group' });
    }
    if (routes) problems.push({ path: at('trace'), related: [['deployments']], message: 'a trace replays functions, not routes: traces cannot be combined with deployments' });
  }
  return problems;
}

function trafficProblems(config: ScenarioConfig, modes: boolean[]): Problem[] {
  const problems: Problem[] = [];
  const names = config.functions.map((f) => f.name);
  const groups = config.tenants.groups.map((g) => g.name);
  config.traffic.forEach((t, i) => {
    const at = (...rest: string[]) => ['traffic', i, ...rest];
    const routes = config.routes.map((r) => r.name);
    if (config.deployment !== null) {
      if (t.function !== null) {
        problems.push({ path: at('function'), related: [['deployments']], message: 'with deployments, traffic goes to routes (function names differ between deployments): remove function, and set route to target one route' });
      }
      if (t.route !== null && !routes.includes(t.route)) {
        problems.push({ path: at('route'), related: [['routes']], message: `unknown route \`${t.route}\`${didYouMean(t.route, routes)} (routes: ${listNames(routes)})` });
      }
    } else if (t.route !== null) {
      problems.push({ path: at('route'), related: [['routes']], message: 'route needs routes and deployments in the scenario' });
    } else if (t.function === null) {
      if (t.pattern.type !== 'trace') problems.push({ path: at('function'), message: `expected the function to invoke (functions: ${listNames(names)})` });
    } else if (!names.includes(t.function)) {
      problems.push({ path: at('function'), message: `unknown function \`${t.function}\`${didYouMean(t.function, names)} (functions: ${listNames(names)})` });
    }
    const first = config.traffic.findIndex((x) => x.name !== null && x.name === t.name);
    if (t.name !== null && first !== i) {
      problems.push({ path: at('name'), related: [['traffic', first, 'name']], message: `traffic[${first}] already has the name \`${t.name}\`: names keep an entry's random draws, so each must be unique` });
    }
    const taken = t.name === null ? -1 : config.traffic.findIndex((x, j) => j !== i && x.name === null && generatedKey(x) === t.name);
    if (taken >= 0) {
      problems.push({ path: at('name'), related: [['traffic', taken]], message: `\`${t.name}\` is the key traffic[${taken}] gets without a name, so the two would share random streams: give traffic[${taken}] a name too, or this entry another` });
    }
    if (t.tenant !== null && t.noTenant) {
      problems.push({ path: at('noTenant'), related: [at('tenant')], message: 'set either `tenant` or `noTenant: true`, not both' });
    }
    if (t.group !== null && (t.tenant !== null || t.noTenant)) {
      const other = t.tenant !== null ? 'tenant' : 'noTenant';
      problems.push({ path: at('group'), related: [at(other)], message: `set either \`group\` or \`${other}\`, not both` });
    }
    if (t.group !== null && !groups.includes(t.group)) {
      problems.push({ path: at('group'), related: [['tenants', 'groups']], message: `unknown tenant group \`${t.group}\`${didYouMean(t.group, groups)} (groups: ${listNames(groups)})` });
    }
    const tenant = tenantProblem(config, t);
    if (tenant) problems.push({ path: at('tenant'), related: [['tenants']], message: tenant });
    if (t.endMs !== null && t.endMs <= t.startMs) {
      problems.push({ path: at('end'), related: [at('start')], message: `end (${t.endMs} ms) must be after start (${t.startMs} ms)` });
    }
    const r = t.clientRetries;
    if (r && r.maxBackoffMs < r.backoffMs) {
      problems.push({ path: at('clientRetries', 'maxBackoff'), related: [at('clientRetries', 'backoff')], message: `maxBackoff (${r.maxBackoffMs} ms) must be at least backoff (${r.backoffMs} ms)` });
    }
    const finite = t.pattern.type === 'sequential' || t.pattern.type === 'phases' || t.pattern.type === 'trace';
    if (!finite && t.count === null && t.endMs === null && config.horizonMs === null) {
      problems.push({
        path: at(t.pattern.type),
        related: [['horizon']],
        message: `${t.pattern.type} traffic without \`count\` or \`end\` never stops: set a top-level \`horizon\` (e.g. horizon: 1h) or give this entry \`count\` or \`end\``,
      });
    }
    problems.push(...patternProblems(t, at, modes[i] ?? false, config.deployment !== null));
  });
  return problems;
}

/** Group ids must be valid and distinct, weights one per tenant, onboarding within the count. */
function groupProblems(config: ScenarioConfig): { problems: Problem[]; badIds: boolean } {
  const problems: Problem[] = [];
  const { groups, grouped } = config.tenants;
  const at = (gi: number, key: string) => (grouped ? ['tenants', 'groups', gi, key] : ['tenants', key]);
  let badIds = false;
  groups.forEach((g, gi) => {
    if (g.ids !== null) return;
    const pattern = idPatternProblem(g);
    if (pattern) {
      badIds = true;
      problems.push({ path: at(gi, 'idPattern'), related: [at(gi, 'count')], message: pattern });
    }
    if (g.popularity.type === 'weights' && g.popularity.weights.length !== g.count) {
      problems.push({ path: at(gi, 'popularity'), related: [at(gi, 'count')], message: `expected ${g.count} weights (one per tenant), got ${g.popularity.weights.length}` });
    } else if (g.popularity.type === 'weights' && !g.popularity.weights.some((w) => w > 0)) {
      problems.push({ path: at(gi, 'popularity'), message: 'expected at least one weight above 0' });
    }
    if (g.onboarding !== null && g.onboarding.initial > g.count) {
      problems.push({ path: at(gi, 'onboarding'), related: [at(gi, 'count')], message: `onboarding.initial (${g.onboarding.initial}) must not exceed count (${g.count})` });
    }
  });
  if (!badIds && groups.length > 1) {
    // distinct ids across groups: only patterns that could collide need the full check
    const seen = new Map<string, number>();
    outer: for (const [gi, g] of groups.entries()) {
      for (let i = 0; i < g.count; i++) {
        const id = tenantIdOf(config.tenants, g.first + i);
        const other = seen.get(id);
        if (other !== undefined) {
          badIds = true;
          problems.push({ path: at(gi, 'idPattern'), related: [at(other, 'idPattern')], message: `groups ${groups[other].name} and ${g.name} both make the tenant id ${JSON.stringify(id)}: give them different idPatterns` });
          break outer;
        }
        seen.set(id, gi);
      }
    }
  }
  return { problems, badIds };
}

/** Every cross-field problem of `config`, in document order. */
/** Functions x tenants must fit in memory. */
function sizeProblem(config: ScenarioConfig): Problem[] {
  const cells = config.functions.length * config.tenants.count;
  if (cells <= MAX_CELLS) return [];
  return [{
    path: ['tenants', 'count'],
    related: [['functions']],
    message: `${config.functions.length} functions x ${config.tenants.count.toLocaleString('en-US')} tenants is ${cells.toLocaleString('en-US')} (function, tenant) pairs, more than the ${MAX_CELLS.toLocaleString('en-US')} this tool holds in memory; use fewer tenants or functions`,
  }];
}

export function crossChecks(config: ScenarioConfig, modes: boolean[] = []): Problem[] {
  const groups = groupProblems(config);
  // tenant ids in traffic are only checked against usable patterns
  const traffic = trafficProblems(config, modes).filter((p) => !(groups.badIds && p.path[2] === 'tenant'));
  return [...sizeProblem(config), ...functionProblems(config), ...tierReservationProblems(config), ...reservedProblem(config), ...groups.problems, ...traffic, ...warmerProblems(config, groups.badIds)];
}

/** A warmer must ping a function of the scenario, and tenants it has. */
function warmerProblems(config: ScenarioConfig, badIds: boolean): Problem[] {
  const problems: Problem[] = [];
  const functions = config.functions.map((f) => f.name);
  const groups = config.tenants.groups.map((g) => g.name);
  config.warmers.forEach((w, i) => {
    const at = (...rest: (string | number)[]) => ['warmers', i, ...rest];
    if (!functions.includes(w.function)) problems.push({ path: at('function'), message: `unknown function \`${w.function}\`${didYouMean(w.function, functions)} (functions: ${listNames(functions)})` });
    const t = w.tenants;
    if (t.type === 'all' && config.tenants.grouped && groups.length > 1 && groups.includes('all')) {
      problems.push({ path: at('tenants'), message: 'all means every tenant here, but a tenant group is named all too: rename the group, or list the tenants' });
    }
    if (t.type === 'group' && !groups.includes(t.name)) {
      problems.push({ path: at('tenants'), message: `expected all, a tenant group (${listNames(groups)}) or a list of tenant ids, got \`${t.name}\`${didYouMean(t.name, groups)}` });
    }
    if (t.type === 'ids' && !badIds) {
      t.ids.forEach((id, k) => {
        const problem = tenantIdProblem(id) ?? (populationIndex(config.tenants, id) === undefined ? `tenant ${JSON.stringify(id)} is not one of the scenario's ${config.tenants.count} tenants` : undefined);
        if (problem) problems.push({ path: at('tenants', k), message: problem });
      });
    }
  });
  return problems;
}
