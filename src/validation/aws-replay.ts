/**
 * The real AWS experiments (aws-experiments.ts) replayed: each experiment's function and traffic, with
 * only what the experiment fixes set (rate, the warm handler, the init as the difference of the cold and
 * warm means, the 10 min idle period, a 900 s timeout that never cuts a handler) and every other setting at
 * tenancy-sim's default, or at the lifetime setting being compared. Compared with what AWS measured:
 * request-path P(cold) and the mean instance count.
 */
import type { PlatformConfig } from '../model/config.js';
import { simulate } from '../model/simulation.js';
import { AWS_EXPERIMENTS, type AwsExperiment } from './aws-experiments.js';
import { fn, ms, scenario, traffic } from './builders.js';

/** Requests each experiment is replayed for, at least (its horizon is this over its rate, or 10^6 s). */
const MIN_REQUESTS = 100_000;
const MIN_HORIZON_MS = 1_000_000_000;

/** One experiment's replay. */
export interface Replay {
  experiment: AwsExperiment;
  /** Request-path cold starts / requests. */
  pCold: number;
  /** Time-averaged environments, busy or idle. */
  meanInstances: number;
  /** Whether pCold is inside AWS's 95 % interval (1.96 standard errors of the measured share). */
  inside: boolean;
}

/** How well a setting agrees with the experiments. */
export interface Agreement {
  replays: Replay[];
  /** Mean absolute percentage error of P(cold) and of the mean instance count. */
  pColdMape: number;
  instancesMape: number;
  /** Experiments whose P(cold) is inside AWS's 95 % interval. */
  inside: number;
}

/** Replays every experiment with `platform` on top of the defaults (and the experiment's own settings). */
export function replayAwsExperiments(platform: Partial<PlatformConfig> = {}, seed = 17): Agreement {
  const replays = AWS_EXPERIMENTS.map((x): Replay => {
    const ratePerMs = x.arrivalRate / 1000;
    const horizonMs = Math.max(MIN_HORIZON_MS, Math.ceil(MIN_REQUESTS / ratePerMs));
    const run = simulate(scenario({
      seed, horizonMs,
      functions: [fn({ duration: { type: 'exponential', mean: x.serviceTimeWarmMs }, initDuration: ms(x.serviceTimeColdMs - x.serviceTimeWarmMs), timeoutMs: 900_000 })],
      platform: { keepAlive: ms(x.idleMinutesBeforeKill * 60_000), ...platform },
      traffic: [traffic({ type: 'poisson', ratePerMs })],
    })).functions[0];
    const pCold = run.coldStarts / run.invocations;
    return { experiment: x, pCold, meanInstances: run.environments.mean, inside: Math.abs(pCold - x.coldStartProbability) <= 1.96 * x.coldStartProbabilitySE };
  });
  const mape = (get: (r: Replay) => [number, number]) => replays.reduce((s, r) => { const [m, a] = get(r); return s + Math.abs(m - a) / a; }, 0) / replays.length;
  return {
    replays,
    pColdMape: mape((r) => [r.pCold, r.experiment.coldStartProbability]),
    instancesMape: mape((r) => [r.meanInstances, r.experiment.averageInstanceCount]),
    inside: replays.filter((r) => r.inside).length,
  };
}
