/**
 * Builders of normalized scenario configs, so that tests and validation checks are written without YAML.
 */
import type { FunctionConfig, ScenarioConfig, TrafficConfig } from '../model/config.js';
import { DEFAULT_PLATFORM, DEFAULT_TENANTS } from '../scenario/defaults.js';

/** A constant distribution of `ms`. */
export const ms = (value: number) => ({ type: 'constant' as const, value });

/** A function with test-friendly defaults: constant 100 ms handler, constant 200 ms init, long timeout. */
export function fn(overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    name: 'api',
    runtime: 'python3.13',
    memoryMb: 1024,
    architecture: 'x86_64',
    packageType: 'zip',
    duration: ms(100),
    initDuration: ms(200),
    initDurationDefault: false,
    cpuScaling: null,
    reservedConcurrency: null,
    reservedConcurrencyPerTenant: null,
    codeSizeMb: null,
    invocation: 'sync',
    tenancy: 'shared',
    provisionedConcurrency: 0,
    ephemeralStorageMb: 512,
    timeoutMs: 900_000,
    maxEventAgeMs: 6 * 3_600_000,
    ...overrides,
  };
}

/** A traffic entry for function `api`. */
export function traffic(pattern: TrafficConfig['pattern'], overrides: Partial<TrafficConfig> = {}): TrafficConfig {
  return { name: null, function: 'api', pattern, startMs: 0, endMs: null, count: null, tenant: null, group: null, route: null, noTenant: false, clientRetries: null, ...overrides };
}

export type ScenarioOverrides = Omit<Partial<ScenarioConfig>, 'platform'> & { platform?: Partial<ScenarioConfig['platform']> };

/** A whole scenario with AWS's defaults (keep-alive 10 min, lifetime 2 h, account 1,000, MRU). */
export function scenario(overrides: ScenarioOverrides = {}): ScenarioConfig {
  const { platform, ...rest } = overrides;
  return {
    name: 'test',
    description: '',
    seed: 1,
    horizonMs: null,
    functions: [fn()],
    tenants: DEFAULT_TENANTS,
    traffic: [traffic({ type: 'sequential', intervalMs: 1000, rounds: 1 })],
    billing: { tiers: false, freeTier: false },
    routes: [],
    deployment: null,
    warmers: [],
    ...rest,
    platform: { ...DEFAULT_PLATFORM, ...platform },
  };
}
