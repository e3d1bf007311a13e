/**
 * Each function's settings resolved once into arrays indexed by function, with its samplers, so that the
 * event loop reads plain arrays (the init durations' random streams are per pool: see streams.ts).
 */
import { createSampler, type Sampler } from '../engine/distributions.js';
import type { ScenarioConfig } from './config.js';
import { durationFactor, initBilledFor, TENANCY } from './platform.js';

/** Per-function settings resolved once, as arrays indexed by function; flags are 1 (yes) or 0 in typed
 *  arrays (speed: V8 then knows what it reads, where testing an element of a boolean[] is a full ToBoolean). */
export interface FunctionTables {
  /** An invocation without a tenant id is rejected (see TenancyRules.requiresTenantId; the function's own
   *  tenancy, which tenant-less calls get). Pools, provisioning and limits are per unit: see tiers.ts. */
  requiresTenantId: Uint8Array;
  async: Uint8Array;
  timeoutMs: Float64Array;
  maxEventAgeMs: Float64Array;
  initBilled: Uint8Array;
  init: Sampler[];
  /** What the function's handler and init durations are multiplied by at its memory (1 without cpuScaling). */
  speed: Float64Array;
  /** The same for init durations: 1 when the init is the runtime's default (measured near this memory). */
  initSpeed: Float64Array;
}

/** Resolves every function of `config`. */
export function resolveFunctions(config: ScenarioConfig): FunctionTables {
  const { functions, platform } = config;
  const flag = (test: (f: (typeof functions)[number]) => boolean) => Uint8Array.from(functions, (f) => (test(f) ? 1 : 0));
  return {
    requiresTenantId: flag((f) => TENANCY[f.tenancy].requiresTenantId),
    async: flag((f) => f.invocation === 'async'),
    timeoutMs: Float64Array.from(functions, (f) => f.timeoutMs),
    maxEventAgeMs: Float64Array.from(functions, (f) => f.maxEventAgeMs),
    initBilled: flag((f) => initBilledFor(platform.initBilling, f)),
    init: functions.map((f) => createSampler(f.initDuration)),
    speed: Float64Array.from(functions, (f) => durationFactor(f.memoryMb, f.cpuScaling)),
    // a runtime's default init was measured at (about) the function's own memory already: not scaled again
    initSpeed: Float64Array.from(functions, (f) => (f.initDurationDefault ? 1 : durationFactor(f.memoryMb, f.cpuScaling))),
  };
}
