/**
 * A validated document with every default filled in: the {@link ScenarioConfig} the model runs. The only
 * problem found here is a function with no init duration (unknown runtime and none given).
 */
import { defaultInitDuration, knownRuntimes } from '../model/runtimes.js';
import type { DistributionSpec } from '../engine/distribution-spec.js';
import type { ArrivalPattern, FunctionConfig, Popularity, RouteConfig, ScenarioConfig, Tenancy, TenantGroupConfig, TenantsConfig, TrafficConfig, WarmerConfig } from '../model/config.js';
import { DEFAULT_FUNCTION, DEFAULT_PLATFORM, DEFAULT_RETRY, DEFAULT_SEED, DEFAULT_TENANT_PATTERN, DEFAULT_TENANTS, DEFAULT_WARMER } from './defaults.js';
import type { Problem } from './issues.js';
import type { ScenarioDocument, TrafficDocument, WarmerDocument } from './schema/scenario.js';
import { closest, didYouMean, listNames } from '../text/suggest.js';

type FunctionDocument = NonNullable<ScenarioDocument['functions']>[string];

/** Runtimes named in "unknown runtime" messages when nothing closer is found. */
const EXAMPLE_RUNTIMES = ['nodejs22.x', 'python3.13', 'java21', 'dotnet8', 'ruby3.4', 'go', 'rust'];

function initDurationProblem(name: string, f: FunctionDocument, arch: string, pkg: string): Problem {
  const known = knownRuntimes();
  const path = ['functions', name, 'runtime'];
  if (known.includes(f.runtime)) {
    return { path, message: `no measured init duration for \`${f.runtime}\` as ${pkg} on ${arch}: set \`initDuration\`` };
  }
  const near = closest(f.runtime, known);
  const examples = EXAMPLE_RUNTIMES.filter((r) => known.includes(r)).slice(0, 5);
  const hint = near ? `; did you mean \`${near}\`?` : '';
  const list = examples.length ? `; known runtimes include ${listNames(examples)} (${known.length} in all)` : '';
  return { path, message: `unknown runtime \`${f.runtime}\`${hint}${list}; for another runtime set \`initDuration\`` };
}

function defaultInit(f: FunctionDocument, arch: 'x86_64' | 'arm64', pkg: 'zip' | 'image', memoryMb: number): DistributionSpec | undefined {
  try {
    return defaultInitDuration(f.runtime, arch, pkg, memoryMb);
  } catch {
    return undefined;
  }
}

function functionConfig(name: string, f: FunctionDocument, doc: ScenarioDocument, problems: Problem[]): FunctionConfig {
  const memoryMb = f.memoryMb ?? DEFAULT_FUNCTION.memoryMb;
  const architecture = f.architecture ?? DEFAULT_FUNCTION.architecture;
  const packageType = f.package ?? DEFAULT_FUNCTION.packageType;
  let initDuration = f.initDuration ?? defaultInit(f, architecture, packageType, memoryMb);
  if (!initDuration) {
    problems.push(initDurationProblem(name, f, architecture, packageType));
    initDuration = { type: 'constant', value: 0 };
  }
  return {
    name,
    runtime: f.runtime,
    memoryMb,
    architecture,
    packageType,
    duration: f.duration,
    initDuration,
    initDurationDefault: f.initDuration === undefined,
    cpuScaling: f.cpuScaling === undefined ? null : { share: f.cpuScaling.share, measuredAtMb: f.cpuScaling.measuredAt, threads: f.cpuScaling.threads ?? 1 },
    reservedConcurrency: f.reservedConcurrency ?? null,
    reservedConcurrencyPerTenant: f.reservedConcurrencyPerTenant ?? null,
    codeSizeMb: f.codeSizeMb ?? null,
    invocation: f.invocation ?? DEFAULT_FUNCTION.invocation,
    tenancy: f.tenancy ?? doc.tenancy ?? 'shared',
    provisionedConcurrency: f.provisionedConcurrency ?? DEFAULT_FUNCTION.provisionedConcurrency,
    ephemeralStorageMb: f.ephemeralStorageMb ?? DEFAULT_FUNCTION.ephemeralStorageMb,
    timeoutMs: f.timeout ?? DEFAULT_FUNCTION.timeoutMs,
    maxEventAgeMs: f.maxEventAge ?? DEFAULT_FUNCTION.maxEventAgeMs,
  };
}

function warmerConfig(w: WarmerDocument): WarmerConfig {
  const t = w.tenants ?? 'all';
  return {
    name: w.name ?? null,
    function: w.function,
    everyMs: w.every,
    tenants: t === 'all' ? { type: 'all' } : typeof t === 'string' ? { type: 'group', name: t } : { type: 'ids', ids: t },
    concurrency: w.concurrency ?? DEFAULT_WARMER.concurrency,
    duration: w.duration ?? { type: 'constant', value: DEFAULT_WARMER.durationMs },
  };
}

function pattern(t: TrafficDocument): ArrivalPattern {
  if (t.poisson) return { type: 'poisson', ratePerMs: t.poisson.rate };
  if (t.constant) return { type: 'constant', ratePerMs: t.constant.rate };
  if (t.phases) return { type: 'phases', phases: t.phases, mode: t.mode ?? 'uniform' };
  if (t.diurnal) {
    const d = t.diurnal;
    return { type: 'diurnal', peakPerMs: d.peakRate, troughPerMs: d.troughRate, peakHour: d.peakHour / 3_600_000, weekendFactor: d.weekendFactor ?? 1 };
  }
  if (t.bursts) {
    const b = t.bursts;
    return { type: 'bursts', basePerMs: b.baseRate, burstPerMs: b.burstRate, meanBetweenMs: b.meanTimeBetween, meanBurstMs: b.meanLength };
  }
  if (t.trace) {
    const { splitFunctions, ...spec } = t.trace;
    return { type: 'trace', trace: { spec, data: null, splitFunctions, functionNames: null } };
  }
  return { type: 'sequential', intervalMs: t.sequential?.interval ?? 0, rounds: t.sequential?.rounds ?? 1 };
}

function trafficConfig(t: TrafficDocument): TrafficConfig {
  const r = t.clientRetries;
  return {
    name: t.name ?? null,
    function: t.function ?? null,
    pattern: pattern(t),
    startMs: t.start ?? 0,
    endMs: t.end ?? null,
    count: t.count ?? null,
    tenant: t.tenant ?? null,
    group: t.group ?? null,
    route: t.route ?? null,
    noTenant: t.noTenant ?? false,
    clientRetries: r
      ? { maxAttempts: r.maxAttempts, backoffMs: r.backoff ?? DEFAULT_RETRY.backoffMs, maxBackoffMs: r.maxBackoff ?? DEFAULT_RETRY.maxBackoffMs }
      : null,
  };
}

/** The functions and routes of the deployment a document runs, with every route served exactly once. */
function deploymentOf(doc: ScenarioDocument, problems: Problem[]): { name: string; functions: Record<string, FunctionDocument>; routes: RouteConfig[] } | null {
  const deployments = doc.deployments;
  if (deployments === undefined) {
    if (doc.functions === undefined) problems.push({ path: ['functions'], message: 'missing required key `functions` (or `routes` with `deployments`)', missing: true });
    if (doc.routes !== undefined) problems.push({ path: ['routes'], related: [['deployments']], message: 'routes need deployments: name the functions that serve them under deployments' });
    if (doc.deployment !== undefined) problems.push({ path: ['deployment'], message: 'the scenario has no deployments to choose from' });
    return null;
  }
  if (doc.functions !== undefined) {
    problems.push({ path: ['functions'], related: [['deployments']], message: 'with deployments, functions are declared in each deployment: move them under deployments.<name>.functions' });
  }
  const routes = doc.routes ?? {};
  const routeNames = Object.keys(routes);
  if (routeNames.length === 0) problems.push({ path: ['deployments'], related: [['routes']], message: 'deployments need routes: list the operations of the API under routes, each with a share and a duration', target: 'key' });
  const names = Object.keys(deployments);
  const name = doc.deployment ?? names[0];
  const chosen = deployments[name];
  if (chosen === undefined) {
    problems.push({ path: ['deployment'], message: `unknown deployment \`${name}\`${didYouMean(name, names)} (deployments: ${listNames(names)})` });
    return { name, functions: {}, routes: [] }; // still a deployment scenario: traffic is not checked against functions
  }
  const sum = routeNames.reduce((s, r) => s + routes[r].share, 0);
  if (routeNames.length > 0 && Math.abs(sum - 1) > 1e-9) {
    problems.push({ path: ['routes', routeNames[routeNames.length - 1], 'share'], related: routeNames.map((r) => ['routes', r, 'share']), message: `route shares must add up to 1, got ${+sum.toFixed(12)}` });
  }
  // every deployment, not only the chosen one, must serve every route exactly once
  for (const d of names) {
    const servedBy = new Map<string, string[]>();
    for (const [fn, f] of Object.entries(deployments[d].functions)) {
      f.routes.forEach((r, k) => {
        if (!routeNames.includes(r)) {
          problems.push({ path: ['deployments', d, 'functions', fn, 'routes', k], message: `unknown route \`${r}\`${didYouMean(r, routeNames)} (routes: ${listNames(routeNames)})` });
          return;
        }
        servedBy.set(r, [...(servedBy.get(r) ?? []), fn]);
      });
    }
    const missing = routeNames.filter((r) => !servedBy.has(r));
    if (missing.length) problems.push({ path: ['deployments', d, 'functions'], related: [['routes']], message: `deployment ${d} does not serve ${listNames(missing)}: every route must be served by exactly one function`, target: 'key' });
    for (const [r, fns] of servedBy) {
      if (fns.length > 1) problems.push({ path: ['deployments', d, 'functions', fns[1], 'routes'], related: [['deployments', d, 'functions', fns[0], 'routes']], message: `route ${r} is served by ${listNames(fns)} in deployment ${d}: every route must be served by exactly one function` });
    }
  }
  const functions: Record<string, FunctionDocument> = {};
  const routeFn = new Map<string, string>();
  for (const [fn, f] of Object.entries(chosen.functions)) {
    const { routes: served, ...rest } = f;
    for (const r of served) if (!routeFn.has(r)) routeFn.set(r, fn);
    // a deployment function has no duration of its own: its routes give each invocation's
    const first = routes[served.find((r) => routes[r] !== undefined) ?? ''];
    functions[fn] = { ...rest, duration: first?.duration ?? { type: 'constant', value: 0 } };
  }
  const routeConfigs = routeNames.map((r) => ({ name: r, share: routes[r].share, duration: routes[r].duration, function: routeFn.get(r) ?? '' }));
  return { name, functions, routes: routeConfigs };
}

type TenantsDocument = NonNullable<ScenarioDocument['tenants']>;
type GroupFields = Pick<TenantsDocument, 'count' | 'idPattern' | 'popularity' | 'activeHours' | 'onboarding'> & { tenancy?: Tenancy };

function popularityOf(p: GroupFields['popularity']): Popularity {
  if (p === undefined || p === 'uniform') return { type: 'uniform' };
  return 'zipf' in p ? { type: 'zipf', exponent: p.zipf } : { type: 'weights', weights: p.weights };
}

function groupConfig(name: string, g: GroupFields, first: number, share: number, idPattern: string): TenantGroupConfig {
  const a = g.activeHours ?? null;
  const o = g.onboarding ?? null;
  return {
    name,
    count: g.count ?? DEFAULT_TENANTS.count,
    first,
    share,
    idPattern: g.idPattern ?? idPattern,
    ids: null,
    popularity: popularityOf(g.popularity),
    activeHours: a === null ? null : { fromMs: a.from, toMs: a.to, days: a.days ?? 'all' },
    onboarding: o === null ? null : { initial: o.initial, ratePerMs: o.rate },
    tenancy: g.tenancy ?? null,
  };
}

/** The tenant population: one group from the top-level fields, or the declared groups with their shares. */
function tenantsConfig(doc: ScenarioDocument, problems: Problem[]): TenantsConfig {
  if (doc.tenants === undefined && doc.traffic.every((x) => x.trace !== undefined)) {
    return { count: 0, groups: [], grouped: false }; // the traces name every tenant
  }
  const t = doc.tenants ?? {};
  const groups = t.groups;
  if (groups === undefined) {
    const g = groupConfig('all', t, 0, 1, DEFAULT_TENANT_PATTERN);
    return { count: g.count, groups: [g], grouped: false };
  }
  const top = (['count', 'idPattern', 'popularity', 'activeHours', 'onboarding'] as const).filter((k) => t[k] !== undefined);
  for (const k of top) {
    problems.push({ path: ['tenants', k], related: [['tenants', 'groups']], message: `with tenants.groups, set ${k} in each group, not at the top of tenants` });
  }
  const total = groups.reduce((s, g) => s + (g.count ?? DEFAULT_TENANTS.count), 0);
  const given = groups.filter((g) => g.share !== undefined);
  if (given.length > 0 && given.length < groups.length) {
    const missing = groups.findIndex((g) => g.share === undefined);
    problems.push({ path: ['tenants', 'groups', missing, 'share'], message: 'give every group a share, or none (then traffic is shared in proportion to count)' });
  }
  const sum = given.reduce((s, g) => s + (g.share ?? 0), 0);
  if (given.length === groups.length && Math.abs(sum - 1) > 1e-9) {
    problems.push({ path: ['tenants', 'groups', groups.length - 1, 'share'], related: groups.map((_g, i) => ['tenants', 'groups', i, 'share']), message: `group shares must add up to 1, got ${+sum.toFixed(12)}` });
  }
  const seen = new Set<string>();
  let first = 0;
  const configs = groups.map((g, i) => {
    if (seen.has(g.name)) problems.push({ path: ['tenants', 'groups', i, 'name'], message: `duplicate group name \`${g.name}\`` });
    seen.add(g.name);
    const count = g.count ?? DEFAULT_TENANTS.count;
    const share = given.length === groups.length ? (g.share ?? 0) : count / total;
    const c = groupConfig(g.name, g, first, share, `${g.name}-{i}`);
    first += count;
    return c;
  });
  return { count: first, groups: configs, grouped: true };
}

/**
 * The full configuration of a validated document. `functionOrder` lists function names in file order (JS
 * objects put integer-like keys first); names not in it keep their object order after those that are.
 */
export function normalize(doc: ScenarioDocument, functionOrder: readonly string[] = []): { config: ScenarioConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const rank = (n: string) => (functionOrder.includes(n) ? functionOrder.indexOf(n) : functionOrder.length);
  const layout = deploymentOf(doc, problems);
  const functions = layout?.functions ?? doc.functions ?? {};
  const names = Object.keys(functions).sort((a, b) => rank(a) - rank(b));
  const p = doc.platform ?? {};
  const config: ScenarioConfig = {
    name: doc.name,
    description: (doc.description ?? '').trim(),
    seed: doc.seed ?? DEFAULT_SEED,
    horizonMs: doc.horizon ?? null,
    platform: {
      accountConcurrency: p.accountConcurrency ?? DEFAULT_PLATFORM.accountConcurrency,
      keepAlive: p.keepAlive ?? DEFAULT_PLATFORM.keepAlive,
      maxLifetimeMs: p.maxLifetime === 'none' ? Infinity : (p.maxLifetime ?? DEFAULT_PLATFORM.maxLifetimeMs),
      lifetimeReplacement: p.lifetimeReplacement ?? DEFAULT_PLATFORM.lifetimeReplacement,
      capPolicy: p.capPolicy ?? DEFAULT_PLATFORM.capPolicy,
      reuse: p.reuse ?? DEFAULT_PLATFORM.reuse,
      initBilling: p.initBilling ?? DEFAULT_PLATFORM.initBilling,
      region: p.region ?? DEFAULT_PLATFORM.region,
      scalingBurst: p.scalingBurst ?? DEFAULT_PLATFORM.scalingBurst,
      scalingWindowMs: p.scalingWindow ?? DEFAULT_PLATFORM.scalingWindowMs,
      isolatedEnvironmentsPer1000: p.isolatedEnvironmentsPer1000 ?? DEFAULT_PLATFORM.isolatedEnvironmentsPer1000,
      codeStorageGb: p.codeStorage ?? DEFAULT_PLATFORM.codeStorageGb,
    },
    functions: names.map((n) => functionConfig(n, functions[n], doc, problems)),
    tenants: tenantsConfig(doc, problems),
    traffic: doc.traffic.map(trafficConfig),
    billing: { tiers: doc.billing?.tiers ?? false, freeTier: doc.billing?.freeTier ?? false },
    routes: layout?.routes ?? [],
    deployment: layout?.name ?? null,
    warmers: (doc.warmers ?? []).map(warmerConfig),
  };
  return { config, problems };
}
