/**
 * The validated, normalized input of one simulation run: what the scenario layer produces from YAML and the
 * platform model consumes. All times are milliseconds, all sizes megabytes, all rates per millisecond.
 * Nothing here knows about YAML, files or the command line.
 */
import type { Architecture, BillingOptions, InitBilling } from '../billing/index.js';
import type { DistributionSpec } from '../engine/distribution-spec.js';
import type { TraceData, TraceSpec } from '../traces/types.js';
import type { Tenancy } from './platform.js';

export type { Architecture, BillingOptions, InitBilling, Tenancy };
/** Which idle environment of a pool takes the next request. Default: `mru`. */
export type ReusePolicy = 'mru' | 'newest' | 'lru' | 'random';
/** How callers invoke: `sync` throttles return 429; `async` throttles are retried by Lambda's queue. */
export type InvocationType = 'sync' | 'async';
/** How an environment at the end of its maximum lifetime is replaced: `background`, by one initialized off
 *  the request path (AWS pre-initializes a replacement for an environment about to be shut down); or
 *  `on-request`, by the next request that finds no idle environment (a cold start). Default: `background`. */
export type LifetimeReplacement = 'background' | 'on-request';
/** What a tenant-isolated function does when its environment cap is full and a tenant needs a new
 *  environment: `throttle` (429), or `reclaim-idle` (end the least recently used idle environment of another
 *  tenant, then create one). AWS documents neither. Default: `throttle`. */
export type CapPolicy = 'throttle' | 'reclaim-idle';

/** Platform-wide settings of one run. */
export interface PlatformConfig {
  /** Busy environments allowed at once in the account. Default: 1000 (AWS default per Region). */
  accountConcurrency: number;
  /** Idle time after the end of an invocation before the environment is reclaimed. Default: 10 min. */
  keepAlive: DistributionSpec;
  /** Age after which an environment is reclaimed once its current request ends (Infinity: never). Default: 2 h. */
  maxLifetimeMs: number;
  /** Default: `background`. */
  lifetimeReplacement: LifetimeReplacement;
  /** Default: `throttle`. */
  capPolicy: CapPolicy;
  /** Default: `mru`. */
  reuse: ReusePolicy;
  /** Default: `billed`. */
  initBilling: InitBilling;
  /** Informational; prices are us-east-1 list prices. Default: `us-east-1`. */
  region: string;
  /** New environments per function per `scalingWindowMs`, refilled continuously. Default: 1000. */
  scalingBurst: number;
  /** Default: 10 000 ms. */
  scalingWindowMs: number;
  /** Isolated functions: environments (busy or idle) allowed per 1 000 of the function's concurrency
   *  limit. Default: 2500. */
  isolatedEnvironmentsPer1000: number;
  /** Function and layer storage of the Region, GB (a quota AWS raises on request). Default: 75. */
  codeStorageGb: number;
}

/** One Lambda function of the scenario. */
export interface FunctionConfig {
  name: string;
  /** Lambda runtime id (e.g. `nodejs22.x`) or a lambda-perf runtime name (e.g. `go (prov.al2023)`). */
  runtime: string;
  /** 128 to 10 240. Default: 128. */
  memoryMb: number;
  architecture: Architecture;
  /** Deployment package. Default: `zip`. */
  packageType: 'zip' | 'image';
  /** Handler duration of one invocation. */
  duration: DistributionSpec;
  /** Init duration of a new environment; the scenario layer fills in the runtime's default. */
  initDuration: DistributionSpec;
  /** Whether `initDuration` is the runtime's hello-world median (lambda-perf), not the scenario's own. */
  initDurationDefault: boolean;
  /** How much of the handler and init time is CPU-bound and so scales with the CPU that memory buys
   *  (see durationFactor in platform.ts): `share` 0 to 1, the memory `measuredAtMb` the durations were
   *  measured at, the handler's `threads`. Null (the default): durations do not change with memory. */
  cpuScaling: { share: number; measuredAtMb: number; threads: number } | null;
  /** Reserved concurrency (floor and ceiling), or null for the unreserved pool. Default: null. With hybrid
   *  tiers, each tier's function (shared, isolated) has it. */
  reservedConcurrency: number | null;
  /** Function per tenant: each tenant function's reserved concurrency, or null (unreserved). Default: null. */
  reservedConcurrencyPerTenant: number | null;
  /** Deployment package size, MB, for the code-storage check of function per tenant; null = not given. */
  codeSizeMb: number | null;
  invocation: InvocationType;
  tenancy: Tenancy;
  /** Pre-initialized environments kept for the whole run (shared functions only). Default: 0. */
  provisionedConcurrency: number;
  /** 512 to 10 240; above 512 is billed. Default: 512. */
  ephemeralStorageMb: number;
  /** Handler time limit; a longer handler is cut off and billed to the limit. Default: 3 000 ms. */
  timeoutMs: number;
  /** Async only: an event throttled for longer than this is dropped. Default: 6 h. */
  maxEventAgeMs: number;
}

/** How traffic is spread over the tenants of one group. */
export type Popularity =
  | { type: 'uniform' }
  /** Tenant i (0-based in its group) has weight 1 / (i + 1)^exponent. */
  | { type: 'zipf'; exponent: number }
  /** Explicit relative weights, one per tenant of the group. */
  | { type: 'weights'; weights: readonly number[] };

/** Hours of the day (and days of the week) a group's tenants send traffic; outside them they are asleep. */
export interface ActiveHours {
  /** Start of the active window, ms after midnight. */
  fromMs: number;
  /** End of the active window, ms after midnight; less than `fromMs` when the window spans midnight. */
  toMs: number;
  /** `weekdays`: asleep all Saturday and Sunday (time 0 is a Monday, 00:00). Default: `all`. */
  days: 'all' | 'weekdays';
}

/** Tenants joining over time: the first `initial` at time 0, then one every 1 / rate. */
export interface Onboarding {
  initial: number;
  ratePerMs: number;
}

/** A named tier of tenants with its own share of traffic, popularity and habits. */
export interface TenantGroupConfig {
  name: string;
  /** Tenants in the group (all of them, onboarded or not). */
  count: number;
  /** Index of the group's first tenant in the population (groups are numbered in order). */
  first: number;
  /** Share of the traffic sent to all tenants that goes to this group, 0 to 1. */
  share: number;
  /** `{i}` is replaced by the 1-based index in the group; `{i:4}` zero-pads it to 4 digits. */
  idPattern: string;
  /** Explicit ids (tenants found in a trace) instead of `idPattern`; null = from the pattern. */
  ids: readonly string[] | null;
  popularity: Popularity;
  /** Null = active all the time. */
  activeHours: ActiveHours | null;
  /** Null = every tenant from time 0. */
  onboarding: Onboarding | null;
  /** Hybrid tiers: the tenancy of every function for this group's tenants, overriding the function's;
   *  null = the function's. */
  tenancy: Tenancy | null;
}

/** Tenant population: groups of tenants, numbered 0..count-1 across groups in group order. */
export interface TenantsConfig {
  /** Tenants in all groups. */
  count: number;
  /** At least one group; a scenario without `groups` has one, named `all`. */
  groups: TenantGroupConfig[];
  /** Whether the scenario declared `groups` (rather than one population at the top of `tenants`). */
  grouped: boolean;
}

/** Arrival process of one traffic entry. */
export type ArrivalPattern =
  /** Poisson process: exponential gaps with mean 1 / rate. */
  | { type: 'poisson'; ratePerMs: number }
  /** Evenly spaced arrivals, 1 / rate apart, the first at `startMs`. */
  | { type: 'constant'; ratePerMs: number }
  /** Every tenant once in id order, `intervalMs` apart, for `rounds` rounds. */
  | { type: 'sequential'; intervalMs: number; rounds: number }
  /** Artillery-style phases in series (`uniform`: evenly spaced like Artillery; `poisson`: a Poisson process
   *  with the same rate). */
  | { type: 'phases'; phases: PhaseConfig[]; mode: 'uniform' | 'poisson' }
  /** Non-homogeneous Poisson process with a daily cosine cycle (generated by thinning). */
  | { type: 'diurnal'; peakPerMs: number; troughPerMs: number; peakHour: number; weekendFactor: number }
  /** Markov-modulated Poisson process with two states: base and burst. */
  | { type: 'bursts'; basePerMs: number; burstPerMs: number; meanBetweenMs: number; meanBurstMs: number }
  /** Arrivals replayed from a trace file (loaded before the run). */
  | { type: 'trace'; trace: TraceSettings };

/** One phase: a rate ramping linearly from `fromPerMs` to `toPerMs` over `durationMs` (both 0 for a pause). */
export interface PhaseConfig {
  name: string | null;
  durationMs: number;
  fromPerMs: number;
  toPerMs: number;
}

/** A trace to replay: where it is, how to read it, and (once loaded) its data. */
export interface TraceSettings {
  spec: TraceSpec;
  /** Filled in by the trace loader before the run; null until then. */
  data: TraceData | null;
  /** Give each trace function its own copy of the entry's function (named `<function>-<n>`, with the
   *  trace's memory size when it has one). Default: false, every row runs as the entry's function. */
  splitFunctions: boolean;
  /** The scenario function of each trace function, set when the trace is loaded; null = by `function`. */
  functionNames: string[] | null;
}

/** Client-side retries of throttled synchronous calls. */
export interface ClientRetries {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the first retry; doubles each time up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

/** One stream of invocations. */
export interface TrafficConfig {
  /** Names the entry's random streams (see streams.ts); null = a key made from its definition. */
  name: string | null;
  /** The function invoked; null only for a trace whose rows name scenario functions. */
  function: string | null;
  pattern: ArrivalPattern;
  /** First arrival no earlier than this. Default: 0. */
  startMs: number;
  /** No arrivals at or after this; null = until the horizon (or, for finite patterns, their end). */
  endMs: number | null;
  /** Stop after this many arrivals; null = no limit. */
  count: number | null;
  /** Send every invocation as this tenant (by id) instead of choosing by popularity. */
  tenant: string | null;
  /** Send invocations to this tenant group only (by name); null = all tenants (or `tenant`). */
  group: string | null;
  /** With routes: send every invocation to this route; null = routes chosen by their share. */
  route: string | null;
  /** Send invocations without a tenant id (an isolated function rejects them). Default: false. */
  noTenant: boolean;
  /** Null = throttled sync calls are not retried. */
  clientRetries: ClientRetries | null;
}

/** One operation of the API, served by one function of the deployment the variant runs. */
export interface RouteConfig {
  name: string;
  /** Share of the traffic sent to the routes, 0 to 1. */
  share: number;
  /** Handler duration of this operation, whichever function serves it. */
  duration: DistributionSpec;
  /** The function serving it in this variant's deployment. */
  function: string;
}

/** Which tenants a warmer pings. */
export type WarmerTargets =
  | { type: 'all' }
  | { type: 'group'; name: string }
  | { type: 'ids'; ids: readonly string[] };

/** Scheduled pings that keep environments warm (like serverless-plugin-warmup): every `everyMs`, for each
 *  targeted tenant of an isolated or function-per-tenant tier (once for the shared tier), `concurrency`
 *  simultaneous invocations of `durationMs`. Pings are invocations for the platform and the bill, and are
 *  reported apart from user traffic. */
export interface WarmerConfig {
  /** Names its random stream (see warmerKeys in streams.ts); null = a key made from its definition. */
  name: string | null;
  function: string;
  everyMs: number;
  tenants: WarmerTargets;
  concurrency: number;
  /** The ping's handler duration. Default: 5 ms. */
  duration: DistributionSpec;
}

/** Everything one simulation run needs. */
export interface ScenarioConfig {
  name: string;
  description: string;
  seed: number;
  /** End of the simulated time; null = run until the last invocation ends (finite traffic only). */
  horizonMs: number | null;
  platform: PlatformConfig;
  functions: FunctionConfig[];
  tenants: TenantsConfig;
  traffic: TrafficConfig[];
  billing: BillingOptions;
  /** The API's operations (empty without routes). Traffic without a function goes to them by share. */
  routes: RouteConfig[];
  /** The deployment that made `functions` from the scenario's deployments; null without deployments. */
  deployment: string | null;
  /** Scheduled pings; empty without `warmers`. */
  warmers: WarmerConfig[];
}

/** A named variant: the scenario with that variant's overrides applied. */
export interface VariantConfig {
  name: string;
  config: ScenarioConfig;
}
