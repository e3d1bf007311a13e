/**
 * The evidence that the simulator's numbers can be trusted: each check runs a scenario whose answer is
 * known (a closed form, or a published peer's result) and compares, with a stated tolerance and a fixed
 * seed. `npm run validate` prints them as a table; the test suite runs them all; docs/validation.md
 * explains each.
 */
import type { FunctionConfig } from '../model/config.js';
import { simulate } from '../model/simulation.js';
import { fn, ms, scenario as base, type ScenarioOverrides, traffic } from './builders.js';
import { singleGroup } from '../model/tenants.js';
import { erlangB } from './erlang.js';
import { replayAwsExperiments } from './aws-replay.js';

/** One comparison of a measured value with an expected one. */
export interface CheckResult {
  name: string;
  source: string;
  expected: number;
  measured: number;
  /** Allowed |measured - expected|, absolute or relative to expected. */
  tolerance: { absolute?: number; relative?: number };
  pass: boolean;
}

const MINUTE = 60_000;

/** One function, 1 ms handler and init unless given, account and scaling limits out of the way. */
function scenario(f: Partial<FunctionConfig>, rest: ScenarioOverrides): ReturnType<typeof base> {
  return base({ ...rest, functions: [fn({ duration: ms(1), initDuration: ms(1), ...f })], platform: { accountConcurrency: 1_000_000, scalingBurst: 1_000_000_000, ...rest.platform } });
}

function result(name: string, source: string, expected: number, measured: number, tolerance: CheckResult['tolerance']): CheckResult {
  const err = Math.abs(measured - expected);
  const pass = (tolerance.absolute === undefined || err <= tolerance.absolute) && (tolerance.relative === undefined || err <= tolerance.relative * Math.abs(expected));
  return { name, source, expected, measured, tolerance, pass };
}

/** P(cold) = exp(-rT) per pool, with N equal tenants isolated (each pool sees r / N). */
function coldStartCheck(rT: number, tenants: number): CheckResult {
  const perPool = 1 / MINUTE;
  const keepAlive = rT * MINUTE;
  const run = simulate(scenario({ tenancy: tenants > 1 ? 'isolated' : 'shared' }, {
    seed: 11,
    platform: { keepAlive: ms(keepAlive) },
    tenants: singleGroup(tenants, 't{i}'),
    traffic: [traffic({ type: 'poisson', ratePerMs: perPool * tenants }, { count: 100_000 })],
  })).functions[0];
  // A cold start happens when the gap since the last completion exceeds T; the 1 ms handler and 1 ms init
  // make that gap the interarrival time less about 1 ms.
  const expected = Math.exp(-perPool * (keepAlive + 1));
  const who = tenants > 1 ? `${tenants} equal isolated tenants, rT = ${rT} per pool` : `one pool, rT = ${rT}`;
  return result(`P(cold) = exp(-rT): ${who}`, 'Poisson arrivals: P(gap > T) = exp(-rT)', expected, run.coldStarts / run.invocations, { absolute: 0.005 });
}

/** Little's law: mean busy environments = arrival rate x mean busy time per request. */
function littleCheck(): CheckResult {
  const ratePerMs = 5 / 1000;
  const horizonMs = 4 * 3_600_000;
  const run = simulate(scenario({ duration: { type: 'exponential', mean: 200 }, initDuration: ms(300) }, {
    seed: 5, horizonMs,
    platform: { keepAlive: ms(10_000) },
    traffic: [traffic({ type: 'poisson', ratePerMs })],
  })).functions[0];
  const busyPerRequest = 200 + (run.coldStarts / run.invocations) * 300;
  return result("Little's law: mean busy environments = rate x mean busy time", "Little (1961)", ratePerMs * busyPerRequest, run.concurrency.mean, { relative: 0.02 });
}

/** Throttling at a concurrency limit c without retries matches Erlang B(c, offered load). */
function erlangCheck(c: number, load: number): CheckResult {
  const meanServiceMs = 1000;
  const run = simulate(scenario({ reservedConcurrency: c, duration: { type: 'exponential', mean: meanServiceMs }, initDuration: ms(0) }, {
    seed: 3,
    platform: { keepAlive: ms(36_000_000), maxLifetimeMs: 36_000_000_000 },
    traffic: [traffic({ type: 'poisson', ratePerMs: load / meanServiceMs }, { count: 200_000 })],
  })).functions[0];
  return result(`Erlang B: reserved concurrency ${c}, offered load ${load}`, 'M/G/c/c loss system, Erlang (1917)', erlangB(c, load), run.throttled / run.invocations, { absolute: 0.005 });
}

/**
 * SimFaaS's published example (README of pacslab/simfaas; Mahmoudi and Khazaei, arXiv 2102.08904): one
 * function, Poisson 0.9/s, warm service 1.991 s, cold service 2.244 s, expiry 600 s, 1e6 s. SimFaaS draws
 * one cold service time; here a cold start is init + handler, so init is the constant difference of the
 * means (253 ms) and the handler exponential with mean 1.991 s. Newest-created instance first, as SimFaaS.
 */
function simfaasChecks(): CheckResult[] {
  const horizonMs = 1_000_000_000;
  const run = simulate(scenario({ duration: { type: 'exponential', mean: 1991 }, initDuration: ms(253) }, {
    seed: 2, horizonMs,
    platform: { keepAlive: ms(600_000), maxLifetimeMs: 3650 * 86_400_000, reuse: 'newest', accountConcurrency: 1000 },
    traffic: [traffic({ type: 'poisson', ratePerMs: 0.9 / 1000 })],
  })).functions[0];
  const source = 'SimFaaS README example (arXiv 2102.08904)';
  return [
    result('SimFaaS example: P(cold)', source, 0.0014, run.coldStarts / run.invocations, { absolute: 0.0005 }),
    result('SimFaaS example: mean instances (busy or idle)', source, 7.7, run.environments.mean, { relative: 0.05 }),
    result('SimFaaS example: mean running instances', source, 1.79, run.concurrency.mean, { relative: 0.03 }),
  ];
}

/**
 * The ten real AWS experiments replayed with tenancy-sim's defaults (lifetime 2 h, replaced in the
 * background) must agree with what AWS measured as well as the same model with lifetime recycling turned
 * off, and about as well as SimFaaS itself (12.23 % mean absolute percentage error on P(cold), 3.05 % on the
 * instance count, over all 20 experiments).
 */
function awsChecks(): CheckResult[] {
  const defaults = replayAwsExperiments();
  const off = replayAwsExperiments({ maxLifetimeMs: Infinity });
  const source = 'ten real AWS experiments (SimFaaS, arXiv 2102.08904)';
  return [
    result('AWS experiments, defaults: P(cold) MAPE, vs recycling off', source, off.pColdMape, defaults.pColdMape, { absolute: 0.005 }),
    result('AWS experiments, defaults: P(cold) inside AWS\'s 95% interval (of 10), vs recycling off', source, off.inside, defaults.inside, { absolute: 0 }),
    result('AWS experiments, defaults: mean instances MAPE, vs recycling off', source, off.instancesMape, defaults.instancesMape, { absolute: 0.005 }),
    result('AWS experiments, defaults: P(cold) MAPE, vs SimFaaS\'s own 12.23%', source, 0.1223, defaults.pColdMape, { absolute: 0.05 }),
    result('AWS experiments, defaults: mean instances MAPE, vs SimFaaS\'s own 3.05%', source, 0.0305, defaults.instancesMape, { absolute: 0.02 }),
  ];
}

/** Every check, in the order docs/validation.md lists them. */
export function validationChecks(): CheckResult[] {
  return [
    coldStartCheck(0.5, 1),
    coldStartCheck(1, 1),
    coldStartCheck(2, 1),
    coldStartCheck(1, 10),
    littleCheck(),
    erlangCheck(5, 4),
    erlangCheck(20, 15),
    ...simfaasChecks(),
    ...awsChecks(),
  ];
}
