/**
 * A validated document with every default filled in: the {@link ScenarioConfig} the model runs. The only
 * problem found here is a function with no init duration (unknown runtime and none given).
 */
import { defaultInitDuration, knownRuntimes } from '../model/runtimes.js';
import type { DistributionSpec } from '../engine/distribution-spec.js';
import type { FunctionConfig, ScenarioConfig, TrafficConfig } from '../model/config.js';
import { DEFAULT_FUNCTION, DEFAULT_PLATFORM, DEFAULT_RETRY, DEFAULT_SEED, DEFAULT_TENANTS } from './defaults.js';
import type { Problem } from './issues.js';
import type { ScenarioDocument, TrafficDocument } from './schema/scenario.js';
import { closest, listNames } from './suggest.js';

type FunctionDocument = ScenarioDocument['functions'][string];

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
    reservedConcurrency: f.reservedConcurrency ?? null,
    invocation: f.invocation ?? DEFAULT_FUNCTION.invocation,
    tenancy: f.tenancy ?? doc.tenancy ?? 'shared',
    provisionedConcurrency: f.provisionedConcurrency ?? DEFAULT_FUNCTION.provisionedConcurrency,
    ephemeralStorageMb: f.ephemeralStorageMb ?? DEFAULT_FUNCTION.ephemeralStorageMb,
    timeoutMs: f.timeout ?? DEFAULT_FUNCTION.timeoutMs,
    maxEventAgeMs: f.maxEventAge ?? DEFAULT_FUNCTION.maxEventAgeMs,
  };
}

function trafficConfig(t: TrafficDocument): TrafficConfig {
  const pattern: TrafficConfig['pattern'] = t.poisson
    ? { type: 'poisson', ratePerMs: t.poisson.rate }
    : t.constant
      ? { type: 'constant', ratePerMs: t.constant.rate }
      : { type: 'sequential', intervalMs: t.sequential?.interval ?? 0, rounds: t.sequential?.rounds ?? 1 };
  const r = t.clientRetries;
  return {
    function: t.function,
    pattern,
    startMs: t.start ?? 0,
    endMs: t.end ?? null,
    count: t.count ?? null,
    tenant: t.tenant ?? null,
    noTenant: t.noTenant ?? false,
    clientRetries: r
      ? { maxAttempts: r.maxAttempts, backoffMs: r.backoff ?? DEFAULT_RETRY.backoffMs, maxBackoffMs: r.maxBackoff ?? DEFAULT_RETRY.maxBackoffMs }
      : null,
  };
}

/**
 * The full configuration of a validated document. `functionOrder` lists function names in file order (JS
 * objects put integer-like keys first); names not in it keep their object order after those that are.
 */
export function normalize(doc: ScenarioDocument, functionOrder: readonly string[] = []): { config: ScenarioConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const rank = (n: string) => (functionOrder.includes(n) ? functionOrder.indexOf(n) : functionOrder.length);
  const names = Object.keys(doc.functions).sort((a, b) => rank(a) - rank(b));
  const p = doc.platform ?? {};
  const popularity = doc.tenants?.popularity;
  const config: ScenarioConfig = {
    name: doc.name,
    description: doc.description ?? '',
    seed: doc.seed ?? DEFAULT_SEED,
    horizonMs: doc.horizon ?? null,
    platform: {
      accountConcurrency: p.accountConcurrency ?? DEFAULT_PLATFORM.accountConcurrency,
      keepAlive: p.keepAlive ?? DEFAULT_PLATFORM.keepAlive,
      maxLifetimeMs: p.maxLifetime ?? DEFAULT_PLATFORM.maxLifetimeMs,
      reuse: p.reuse ?? DEFAULT_PLATFORM.reuse,
      initBilling: p.initBilling ?? DEFAULT_PLATFORM.initBilling,
      region: p.region ?? DEFAULT_PLATFORM.region,
      scalingBurst: p.scalingBurst ?? DEFAULT_PLATFORM.scalingBurst,
      scalingWindowMs: p.scalingWindow ?? DEFAULT_PLATFORM.scalingWindowMs,
      isolatedEnvironmentsPer1000: p.isolatedEnvironmentsPer1000 ?? DEFAULT_PLATFORM.isolatedEnvironmentsPer1000,
    },
    functions: names.map((n) => functionConfig(n, doc.functions[n], doc, problems)),
    tenants: {
      count: doc.tenants?.count ?? DEFAULT_TENANTS.count,
      idPattern: doc.tenants?.idPattern ?? DEFAULT_TENANTS.idPattern,
      popularity: popularity === undefined || popularity === 'uniform' ? { type: 'uniform' } : { type: 'zipf', exponent: popularity.zipf },
    },
    traffic: doc.traffic.map(trafficConfig),
    billing: { tiers: doc.billing?.tiers ?? false, freeTier: doc.billing?.freeTier ?? false },
  };
  return { config, problems };
}
