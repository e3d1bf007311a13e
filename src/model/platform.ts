/**
 * The platform's rules, each written once and used by the simulation, pricing, results, sweeps, reports and
 * scenario validation: the tenancy modes and what each means, the limits and their scopes, the isolated
 * environment cap, the unreserved concurrency, which environment creations are charged and whether a cold
 * start's init is billed. Sources: docs/model.md (each rule with its public source).
 *
 * Adding a tenancy mode means: its name in {@link TENANCY_MODES}, its row in {@link TENANCY}, the schema's
 * description of it, and tests (docs/architecture.md, "How to add a tenancy mode").
 */
import { initIsBilled, type InitBilling } from '../billing/index.js';
import { isCustomRuntime } from './runtimes.js';

/** Every tenancy mode, in the order docs and schema list them. */
export const TENANCY_MODES = ['shared', 'isolated', 'function-per-tenant'] as const;
/** Whether a function's execution environments are shared by all callers or kept per tenant. */
export type Tenancy = (typeof TENANCY_MODES)[number];

/** What a tenancy mode means for the platform. */
export interface TenancyRules {
  /** Environments are kept per (function, tenant) and never reused across tenants: an invocation's pool is
   *  its tenant's (docs: tenant-isolation). */
  poolPerTenant: boolean;
  /** Every invocation must carry a tenant id; one without is rejected (`InvalidParameterValueException`:
   *  not run, not billed; docs: tenant-isolation-troubleshooting). */
  requiresTenantId: boolean;
  /** Each environment created is charged the per-environment fee, $0.000167 per GB (pricing page). */
  chargesEnvironments: boolean;
  /** Live environments (busy or idle) are capped by {@link environmentCap} (docs: tenant-isolation). */
  environmentCap: boolean;
  /** Provisioned concurrency may be configured (AWS does not support it with tenant isolation; the simulator
   *  does not model it per tenant function). */
  provisionedConcurrency: boolean;
  /** Each tenant has a function of its own (same code and settings): the limits of a function (reserved
   *  concurrency, scaling rate) apply to each tenant's function, and every tenant is a function to deploy
   *  (lambda-model section 7: "function per tenant", the pre-2025 silo). */
  functionPerTenant: boolean;
  /** One line for docs and reports. */
  summary: string;
}

/** The rules of each tenancy mode. */
export const TENANCY: Readonly<Record<Tenancy, Readonly<TenancyRules>>> = {
  shared: {
    poolPerTenant: false, requiresTenantId: false, chargesEnvironments: false, environmentCap: false, provisionedConcurrency: true, functionPerTenant: false,
    summary: 'one pool of environments per function, shared by every caller',
  },
  isolated: {
    poolPerTenant: true, requiresTenantId: true, chargesEnvironments: true, environmentCap: true, provisionedConcurrency: false, functionPerTenant: false,
    summary: 'tenant isolation mode (TenantIsolationMode PER_TENANT): one pool per (function, tenant), a fee per environment created',
  },
  'function-per-tenant': {
    // A call without a tenant has no tenant function to go to: counted as rejected, like tenant isolation's.
    poolPerTenant: true, requiresTenantId: true, chargesEnvironments: false, environmentCap: false, provisionedConcurrency: false, functionPerTenant: true,
    summary: 'one function per tenant (the silo design): pools per tenant, no environment fee, each tenant function with its own scaling rate and optional reserved concurrency, all on the account concurrency',
  },
};

/** What limits apply to: the account, or one function. */
export type LimitScope = 'account' | 'function';

/** A limit that can throttle an invocation (429 TooManyRequestsException). */
export interface LimitRule {
  /** Key in `limitHits`. */
  name: string;
  /** What it applies to. */
  scope: LimitScope;
  /** In words, for tables and reports. */
  label: string;
  /** Only checked when a new environment is needed. */
  newEnvironmentsOnly: boolean;
}

/** The limits, in the order they are checked on an attempt (docs/model.md, "Limits"). */
export const LIMITS = [
  { name: 'account', scope: 'account', label: 'account concurrency', newEnvironmentsOnly: false },
  { name: 'reserved', scope: 'function', label: 'reserved concurrency', newEnvironmentsOnly: false },
  { name: 'scalingRate', scope: 'function', label: 'scaling rate', newEnvironmentsOnly: true },
  { name: 'tenantEnvironmentCap', scope: 'function', label: 'tenant environment cap', newEnvironmentsOnly: true },
] as const satisfies readonly LimitRule[];
/** One of {@link LIMITS}: account concurrency, reserved concurrency, the per-function scaling rate, or the
 *  isolated-function cap on environments. */
export type LimitName = (typeof LIMITS)[number]['name'];

/** A zeroed limit-hit table, keys in check order. */
export function noLimitHits(): Record<LimitName, number> {
  return Object.fromEntries(LIMITS.map((l) => [l.name, 0])) as Record<LimitName, number>;
}

/** Memory that gives a function the equivalent of one vCPU, MB: "at 1,769 MB, a function has the equivalent
 *  of one vCPU" (docs: configuration-memory). CPU grows in proportion to memory, up to {@link MAX_VCPUS}. */
export const MB_PER_VCPU = 1769;
/** vCPUs at the largest memory, 10,240 MB: "up to 6 vCPUs" (docs: configuration-memory). */
export const MAX_VCPUS = 6;

/** The vCPUs a function of `memoryMb` can use with `threads` threads: memory / 1,769 MB, at most the threads
 *  and at most 6 (a single-threaded handler gains nothing past 1,769 MB). */
export function usableVcpus(memoryMb: number, threads: number): number {
  return Math.min(memoryMb / MB_PER_VCPU, threads, MAX_VCPUS);
}

/**
 * How much longer (above 1) or shorter a function's handler and init run at `memoryMb` than at the memory they
 * were measured at: the CPU-bound share scales with the usable vCPUs, the rest (I/O) does not.
 */
export function durationFactor(memoryMb: number, scaling: { share: number; measuredAtMb: number; threads: number } | null): number {
  if (scaling === null) return 1;
  const { share, measuredAtMb, threads } = scaling;
  return 1 - share + (share * usableVcpus(measuredAtMb, threads)) / usableVcpus(memoryMb, threads);
}

/** At least this much of the account's concurrency stays unreserved (docs: configuration-concurrency). */
export const UNRESERVED_MINIMUM = 100;

/** Function and layer storage per Region, GB: 75 GB by default, can be increased (docs: gettingstarted-limits,
 *  "Function and layer storage"). A function per tenant stores one package per tenant. */
export const CODE_STORAGE_GB = 75;

/** Tenant functions beyond which `validate` calls function per tenant impractical: AWS sets no quota on the
 *  number of functions, but each is a deployment to run, version and keep in step (a judgment, not an AWS
 *  limit; Langfuse moved to tenant isolation rather than run 11,000+ functions, lambda-model section 7). */
export const PRACTICAL_TENANT_FUNCTIONS = 1000;

/** The tenancy that applies to a tenant of `group` on a function: the group's (hybrid tiers), else the
 *  function's. */
export function tenancyFor(fn: { tenancy: Tenancy }, group: { tenancy: Tenancy | null } | null): Tenancy {
  return group?.tenancy ?? fn.tenancy;
}

/** The platform settings the rules below read. */
export interface PlatformLimits {
  /** Busy environments allowed at once in the account. */
  accountConcurrency: number;
  /** Isolated functions: environments (busy or idle) allowed per 1,000 of the function's concurrency limit. */
  isolatedEnvironmentsPer1000: number;
}

/** The function settings the rules below read. */
export interface FunctionLimits {
  tenancy: Tenancy;
  /** Null: the function draws on the unreserved concurrency. */
  reservedConcurrency: number | null;
}

/** A function's concurrency limit: its reservation, else the account's concurrency. */
export function concurrencyLimit(platform: PlatformLimits, fn: FunctionLimits): number {
  return fn.reservedConcurrency ?? platform.accountConcurrency;
}

/**
 * The cap on a function's live environments (busy or idle): floor(isolatedEnvironmentsPer1000 x L / 1,000),
 * L its {@link concurrencyLimit}, for a tenancy with an environment cap (2,500 per 1,000 by default; docs:
 * tenant-isolation); Infinity for the others.
 * @example environmentCap({ accountConcurrency: 1000, isolatedEnvironmentsPer1000: 2500 }, { tenancy: 'isolated', reservedConcurrency: 10 }) // 25
 */
export function environmentCap(platform: PlatformLimits, fn: FunctionLimits): number {
  if (!TENANCY[fn.tenancy].environmentCap) return Infinity;
  return Math.floor((platform.isolatedEnvironmentsPer1000 * concurrencyLimit(platform, fn)) / 1000);
}

/** Concurrency shared by the functions without a reservation: the account's minus every reservation
 *  (`reserved`, the sum over every deployed function: see reservedTotal in tiers.ts). */
export function unreservedConcurrency(platform: PlatformLimits, reserved: number): number {
  return platform.accountConcurrency - reserved;
}

/** Whether a cold start's init duration is billed for a function (see {@link initIsBilled}). */
export function initBilledFor(rule: InitBilling, fn: { runtime: string; packageType: 'zip' | 'image' }): boolean {
  return initIsBilled(rule, fn.packageType, isCustomRuntime(fn.runtime));
}
