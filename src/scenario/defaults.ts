/**
 * Defaults of every optional scenario field, in the model's units. The evidence for each platform default
 * is in docs/model.md (with its public source).
 */
import type { PlatformConfig, TenantsConfig } from '../model/config.js';
import { singleGroup } from '../model/tenants.js';

/** Seed when the scenario gives none. */
export const DEFAULT_SEED = 1;

/** Platform defaults: AWS's per-Region account concurrency (1000), 10 min keep-alive, 2 h lifetime, scaling of
 *  1000 environments per 10 s per function, 2500 isolated environments per 1000 concurrency. */
export const DEFAULT_PLATFORM: Readonly<PlatformConfig> = {
  accountConcurrency: 1000,
  keepAlive: { type: 'constant', value: 600_000 },
  maxLifetimeMs: 7_200_000,
  lifetimeReplacement: 'background',
  capPolicy: 'throttle',
  reuse: 'mru',
  initBilling: 'billed',
  region: 'us-east-1',
  scalingBurst: 1000,
  scalingWindowMs: 10_000,
  isolatedEnvironmentsPer1000: 2500,
  codeStorageGb: 75,
};

/** Function defaults (besides the runtime's init duration). */
export const DEFAULT_FUNCTION = {
  memoryMb: 128,
  architecture: 'x86_64',
  packageType: 'zip',
  invocation: 'sync',
  provisionedConcurrency: 0,
  ephemeralStorageMb: 512,
  /** Lambda's default timeout: 3 s. */
  timeoutMs: 3_000,
  /** Async event age limit: 6 h (AWS maximum and default). */
  maxEventAgeMs: 21_600_000,
} as const;

/** Warmer defaults: one environment kept warm per target, pings of 5 ms (a handler that returns at once when
 *  it sees the warmer's event, as serverless-plugin-warmup's does). */
export const DEFAULT_WARMER = { concurrency: 1, durationMs: 5 } as const;

/** One tenant named `tenant-1`, uniform popularity. */
export const DEFAULT_TENANTS: Readonly<TenantsConfig> = singleGroup(1);
/** Ids of a population without groups. */
export const DEFAULT_TENANT_PATTERN = 'tenant-{i}';

/** Client retry backoff defaults: 100 ms first wait, 20 s longest. */
export const DEFAULT_RETRY = { backoffMs: 100, maxBackoffMs: 20_000 } as const;

