/**
 * Each function's settings resolved once into arrays indexed by function, with its samplers and random
 * streams, so that the event loop reads plain arrays.
 */
import { createSampler, type Sampler } from '../engine/distributions.js';
import { forkStream, type RandomStream } from '../engine/random.js';
import { initIsBilled } from '../billing/index.js';
import type { ScenarioConfig } from './config.js';

/** Per-function settings resolved once, as arrays indexed by function. */
export interface FunctionTables {
  isolated: boolean[];
  /** Has provisioned concurrency. */
  provisioned: boolean[];
  async: boolean[];
  reserved: number[]; // -1 = unreserved
  envCap: number[]; // isolated environment cap; Infinity for shared
  timeoutMs: number[];
  maxEventAgeMs: number[];
  initBilled: boolean[];
  duration: Sampler[];
  init: Sampler[];
  durationRng: RandomStream[];
  initRng: RandomStream[];
}

/** Resolves every function of `config` (its streams are forked from the scenario seed). */
export function resolveFunctions(config: ScenarioConfig): FunctionTables {
  const { functions, platform, seed } = config;
  return {
    isolated: functions.map((f) => f.tenancy === 'isolated'),
    provisioned: functions.map((f) => f.provisionedConcurrency > 0),
    async: functions.map((f) => f.invocation === 'async'),
    reserved: functions.map((f) => f.reservedConcurrency ?? -1),
    envCap: functions.map((f) =>
      f.tenancy === 'isolated'
        ? Math.floor((platform.isolatedEnvironmentsPer1000 * (f.reservedConcurrency ?? platform.accountConcurrency)) / 1000)
        : Infinity,
    ),
    timeoutMs: functions.map((f) => f.timeoutMs),
    maxEventAgeMs: functions.map((f) => f.maxEventAgeMs),
    initBilled: functions.map((f) => initIsBilled(platform.initBilling, f.runtime, f.packageType)),
    duration: functions.map((f) => createSampler(f.duration)),
    init: functions.map((f) => createSampler(f.initDuration)),
    durationRng: functions.map((f) => forkStream(seed, `duration/${f.name}`)),
    initRng: functions.map((f) => forkStream(seed, `init/${f.name}`)),
  };
}
