/**
 * Agreement with closed forms (fixed seeds, stated tolerances).
 */
import { describe, expect, test } from 'vitest';
import { simulate } from '../../src/model/simulation.js';
import { fn, ms, scenario, traffic } from '../helpers/config.js';

const MINUTE = 60_000;

describe('P(cold) = exp(-rT) for Poisson arrivals and short handlers', () => {
  // A cold start happens when the gap since the last completion exceeds the keep-alive T. With a 1 ms
  // handler and 1 ms init the gap is the interarrival time less ~1 ms, so P(cold) = exp(-r (T + ~1 ms)).
  // Tolerance: 0.005 absolute, above 3 standard errors of a proportion over 100,000 invocations (0.0046).
  const cases = [
    { rT: 0.5, tenants: 1 },
    { rT: 1, tenants: 1 },
    { rT: 2, tenants: 1 },
    { rT: 1, tenants: 10 },
  ];
  for (const { rT, tenants } of cases) {
    test(`rT = ${rT} per pool, ${tenants === 1 ? 'one shared pool' : `${tenants} equal isolated tenants`}`, () => {
      const perPoolRatePerMs = 1 / MINUTE;
      const keepAlive = rT * MINUTE;
      const count = 100_000;
      const r = simulate(scenario({
        seed: 11,
        platform: { keepAlive: ms(keepAlive) },
        functions: [fn({ tenancy: tenants === 1 ? 'shared' : 'isolated', duration: ms(1), initDuration: ms(1) })],
        tenants: { count: tenants, idPattern: 't{i}', popularity: { type: 'uniform' } },
        traffic: [traffic({ type: 'poisson', ratePerMs: perPoolRatePerMs * tenants }, { count })],
      })).functions[0];
      const expected = Math.exp(-perPoolRatePerMs * (keepAlive + 1));
      expect(Math.abs(r.coldStarts / r.invocations - expected)).toBeLessThan(0.005);
    });
  }
});

describe("Little's law", () => {
  test('time-averaged busy environments = arrival rate x mean busy time per request (within 2 %)', () => {
    const ratePerMs = 5 / 1000;
    const initMs = 300;
    const meanHandlerMs = 200;
    const horizonMs = 4 * 3_600_000;
    const r = simulate(scenario({
      seed: 5,
      horizonMs,
      platform: { keepAlive: ms(10_000) },
      functions: [fn({ duration: { type: 'exponential', mean: meanHandlerMs }, initDuration: ms(initMs) })],
      traffic: [traffic({ type: 'poisson', ratePerMs })],
    })).functions[0];
    const busyPerRequest = meanHandlerMs + (r.coldStarts / r.invocations) * initMs;
    expect(r.throttled).toBe(0);
    expect(Math.abs(r.concurrency.mean / (ratePerMs * busyPerRequest) - 1)).toBeLessThan(0.02);
  });
});
