/**
 * How each scenario function is deployed: its tiers (one per tenancy its tenants use: the function's own, and
 * any a tenant group sets, the hybrid design) and the AWS functions ("units") each tier deploys: one for a
 * shared or isolated tier, one per tenant for a function-per-tenant tier. Limits that AWS applies per function
 * (reserved concurrency, the scaling rate, the isolated environment cap) apply per unit; the account's
 * concurrency is shared by all. Rules of each tenancy: platform.ts (`TENANCY`).
 */
import type { FunctionConfig, ScenarioConfig, TenantsConfig } from './config.js';
import { environmentCap, TENANCY, TENANCY_MODES, type Tenancy, tenancyFor, unreservedConcurrency } from './platform.js';

/** One tier of a function: a tenancy and the tenants it applies to. */
export interface TierSpec {
  tenancy: Tenancy;
  /** Indexes of the tenant groups in this tier (their tenants are consecutive per group). */
  groups: number[];
  /** Tenants in the tier. */
  tenants: number;
  /** Whether the function's own tenancy: traffic without a tenant id goes to this tier. */
  base: boolean;
  /** Whether it is deployed: it has tenants, or (the base tier) traffic without a tenant id may reach the
   *  function. A base tier neither serves (every group set a tenancy of its own) deploys nothing: no
   *  reservation, no provisioned concurrency, no function to deploy. */
  inUse: boolean;
}

/** What decides a function's tiers: the tenant groups, and whether traffic without a tenant id may reach it. */
export type TierInput = Pick<ScenarioConfig, 'tenants'> & Partial<Pick<ScenarioConfig, 'traffic' | 'routes'>>;

/** Whether traffic without a tenant id may reach function `name`: an entry sent without one, or a trace (whose
 *  rows may lack one), to the function or to routes it serves. */
function tenantlessReaches(name: string, config: TierInput): boolean {
  return (config.traffic ?? []).some((t) => (t.noTenant || t.pattern.type === 'trace') && (t.function === name || (t.function === null && (config.routes ?? []).some((r) => r.function === name && (t.route === null || t.route === r.name)))));
}

/**
 * The tiers of `fn` over `tenants`, in TENANCY_MODES order: one per tenancy that a group of tenants gets on it
 * (see tenancyFor), and always the function's own (the tier of traffic without a tenant id), even without
 * tenants.
 */
export function functionTiers(fn: Pick<FunctionConfig, 'tenancy' | 'name'>, config: TierInput): TierSpec[] {
  const by = new Map<Tenancy, TierSpec>();
  by.set(fn.tenancy, { tenancy: fn.tenancy, groups: [], tenants: 0, base: true, inUse: tenantlessReaches(fn.name, config) });
  config.tenants.groups.forEach((g, i) => {
    const t = tenancyFor(fn, g);
    const tier = by.get(t) ?? { tenancy: t, groups: [], tenants: 0, base: false, inUse: false };
    tier.groups.push(i);
    tier.tenants += g.count;
    tier.inUse = true;
    by.set(t, tier);
  });
  return TENANCY_MODES.filter((m) => by.has(m)).map((m) => by.get(m) as TierSpec);
}

/** The reserved concurrency of one AWS function of a tier: per tenant function, or the function's. */
export function tierReservation(fn: Pick<FunctionConfig, 'reservedConcurrency' | 'reservedConcurrencyPerTenant'>, tenancy: Tenancy): number | null {
  return TENANCY[tenancy].functionPerTenant ? fn.reservedConcurrencyPerTenant : fn.reservedConcurrency;
}

/** The AWS functions a tier deploys: one, or one per tenant (function per tenant); 0 for a tier not in use. */
export function tierUnits(tier: TierSpec): number {
  if (!tier.inUse) return 0;
  return TENANCY[tier.tenancy].functionPerTenant ? tier.tenants : 1;
}

/** Concurrency reserved by every deployed function of a scenario (each tier's reservation x its units). */
export function reservedTotal(config: Pick<ScenarioConfig, 'functions'> & TierInput): number {
  let total = 0;
  for (const fn of config.functions) {
    for (const tier of functionTiers(fn, config)) total += (tierReservation(fn, tier.tenancy) ?? 0) * tierUnits(tier);
  }
  return total;
}

/** The units of one run, as arrays indexed by unit, and how an invocation finds its unit. */
export interface UnitTables {
  /** Units in all. */
  count: number;
  /** The scenario function of each unit. */
  fn: Int32Array;
  /** Its tier's index among its function's tiers. */
  tier: Int32Array;
  /** Reservation, or -1 (draws on the unreserved concurrency). */
  reserved: Int32Array;
  /** Cap on live environments (Infinity: none). */
  cap: Float64Array;
  /** TENANCY rules of its tier, 1 or 0. */
  poolPerTenant: Uint8Array;
  charged: Uint8Array;
  /** It serves the function's provisioned environments (the base tier of a function with some). */
  provisioned: Uint8Array;
  /** Per function: its unit when all its calls go to one, else -1 (then {@link columnUnits}). */
  fixedUnit: Int32Array;
  /** Per function with several units: the unit of each tenant column (0 = no tenant id); else null. */
  columnUnits: (Int32Array | null)[];
  /** Concurrency not reserved by any unit. */
  unreserved: number;
  /** Each function's tiers. */
  tiers: TierSpec[][];
}

/** The unit that function `f`'s calls of tenant column `column` (0 = no tenant id) go to; -1 for none. */
export function unitOf(units: UnitTables, f: number, column: number): number {
  const fixed = units.fixedUnit[f];
  return fixed >= 0 ? fixed : (units.columnUnits[f] as Int32Array)[column];
}

/** Resolves the units of `config`: per function, its tiers in order, a function-per-tenant tier's units in
 *  tenant order. */
export function resolveUnits(config: Pick<ScenarioConfig, 'functions' | 'platform'> & TierInput): UnitTables {
  const { functions, tenants, platform } = config;
  const T = tenants.count;
  const fn: number[] = [];
  const tierOf: number[] = [];
  const reserved: number[] = [];
  const cap: number[] = [];
  const poolPerTenant: number[] = [];
  const charged: number[] = [];
  const provisioned: number[] = [];
  const fixedUnit = new Int32Array(functions.length).fill(-1);
  const columnUnits: (Int32Array | null)[] = [];
  const tiers = functions.map((f) => functionTiers(f, config));
  let reservedSum = 0;
  functions.forEach((f, fi) => {
    const add = (tier: TierSpec, k: number) => {
      const rules = TENANCY[tier.tenancy];
      const r = tier.inUse ? tierReservation(f, tier.tenancy) : null; // a tier not in use reserves nothing
      fn.push(fi);
      tierOf.push(k);
      reserved.push(r ?? -1);
      reservedSum += r ?? 0;
      cap.push(environmentCap(platform, { tenancy: tier.tenancy, reservedConcurrency: r }));
      poolPerTenant.push(rules.poolPerTenant ? 1 : 0);
      charged.push(rules.chargesEnvironments ? 1 : 0);
      provisioned.push(tier.base && tier.inUse && f.provisionedConcurrency > 0 ? 1 : 0);
      return fn.length - 1;
    };
    const ts = tiers[fi];
    if (ts.length === 1 && !TENANCY[ts[0].tenancy].functionPerTenant) {
      fixedUnit[fi] = add(ts[0], 0);
      columnUnits.push(null);
      return;
    }
    const columns = new Int32Array(T + 1).fill(-1); // -1: no unit (tenant-less calls to a function-per-tenant base tier are rejected)
    ts.forEach((tier, k) => {
      if (!TENANCY[tier.tenancy].functionPerTenant) {
        const u = add(tier, k);
        if (tier.base) columns[0] = u;
        for (const g of tier.groups) columns.fill(u, tenants.groups[g].first + 1, tenants.groups[g].first + 1 + tenants.groups[g].count);
        return;
      }
      // one unit per tenant
      for (const g of tier.groups) {
        const { first, count } = tenants.groups[g];
        for (let t = first; t < first + count; t++) columns[t + 1] = add(tier, k);
      }
    });
    columnUnits.push(columns);
  });
  return {
    count: fn.length,
    fn: Int32Array.from(fn),
    tier: Int32Array.from(tierOf),
    reserved: Int32Array.from(reserved),
    cap: Float64Array.from(cap),
    poolPerTenant: Uint8Array.from(poolPerTenant),
    charged: Uint8Array.from(charged),
    provisioned: Uint8Array.from(provisioned),
    fixedUnit,
    columnUnits,
    unreserved: unreservedConcurrency(platform, reservedSum),
    tiers,
  };
}
