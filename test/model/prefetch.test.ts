/**
 * Arrivals generated ahead on a worker thread (src/model/prefetch.ts) give the same run as arrivals
 * generated in the simulation's thread: the same record (so the same outputs, which are made from it), the
 * same invocations in the same order, for every arrival pattern, tenant choice, route choice and limit. Also:
 * which traffic entries may be generated ahead, and what happens when the worker fails or is stopped.
 *
 * The worker runs the entry bundled from the current sources (see ../helpers/worker-bundle.ts).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ScenarioConfig } from '../../src/model/config.js';
import { ArrivalPrefetch, entriesToPrefetch, PREFETCH_MIN_ARRIVALS, prefetchableEntries } from '../../src/model/prefetch.js';
import { type InvocationObserver, simulate, Simulation } from '../../src/model/simulation.js';
import { loadScenario } from '../../src/scenario/index.js';
import { bundledWorker, root } from '../helpers/worker-bundle.js';

/** Every variant of a scenario given as YAML text. */
function variants(yaml: string): { name: string; config: ScenarioConfig }[] {
  const r = loadScenario(yaml, 'prefetch.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario.variants;
}

const worker = () => bundledWorker('model/prefetch-worker.ts');

/** Every invocation start, as text, in order. */
function startLog(): { observer: InvocationObserver; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    observer: {
      started: (...a) => void lines.push(a.join(' ')),
      throttled: (...a) => void lines.push(`throttled ${a.join(' ')}`),
      rejected: (...a) => void lines.push(`rejected ${a.join(' ')}`),
    },
  };
}

/** Runs each variant without and with the worker and expects the same record and invocations. */
async function expectSameRuns(yaml: string): Promise<void> {
  const url = await worker();
  for (const v of variants(yaml)) {
    const here = startLog();
    const ahead = startLog();
    const a = simulate(v.config, v.name, { prefetch: false, observer: here.observer });
    const b = simulate(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url, observer: ahead.observer });
    expect(b).toEqual(a); // and so the same outputs, which are a function of the record
    expect(ahead.lines).toEqual(here.lines);
  }
}

const FN = `functions:
  api: { runtime: nodejs22.x, memoryMb: 512, duration: { lognormal: { median: 60ms, p99: 400ms } }, initDuration: 200ms }
`;

describe('arrivals generated ahead', () => {
  test.each([
    ['poisson with a count, past the ring several times', `horizon: 2h\ntraffic:\n  - { function: api, poisson: { rate: 100/s }, count: 200000 }\n`],
    ['constant from a start to an end', `horizon: 1h\ntraffic:\n  - { function: api, constant: { rate: 20/s }, start: 5m, end: 40m }\n`],
    ['sequential rounds', `traffic:\n  - { function: api, sequential: { interval: 1s, rounds: 3 } }\n`],
    [
      'phases, uniform and poisson',
      `traffic:\n  - function: api\n    phases:\n      - { duration: 60, arrivalRate: 5, rampTo: 50 }\n      - { pause: 30 }\n      - { duration: 10, arrivalCount: 300 }\n`,
    ],
    ['diurnal cut by the horizon', `horizon: 2d\ntraffic:\n  - { function: api, diurnal: { peakRate: 3/s, troughRate: 0.2/s, peakHour: 13 } }\n`],
    ['bursts with client retries under a reserved concurrency', `horizon: 3h\ntraffic:\n  - { function: api, bursts: { baseRate: 2/s, burstRate: 200/s, meanTimeBetween: 10m, meanLength: 20s }, clientRetries: { maxAttempts: 3, backoff: 200ms } }\n`],
    ['a named tenant and calls without a tenant id', `horizon: 10m\ntraffic:\n  - { function: api, poisson: { rate: 5/s }, tenant: tenant-3 }\n  - { function: other, poisson: { rate: 1/s }, noTenant: true }\n`],
  ])('%s', async (_name, traffic) => {
    const withOther = traffic.includes('other') ? `${FN}  other: { runtime: python3.13, memoryMb: 256, duration: 30ms }\n` : FN;
    const reserved = traffic.includes('clientRetries') ? withOther.replace('initDuration: 200ms', 'initDuration: 200ms, reservedConcurrency: 20') : withOther;
    await expectSameRuns(`name: t\nseed: 5\n${reserved}tenants: { count: 50, popularity: { zipf: 1.1 } }\n${traffic}variants:\n  shared: { tenancy: shared }\n  isolated: { tenancy: isolated }\n`);
  });

  test('two entries on two functions, each past its ring, and counters that wrap past 2^31', async () => {
    const yaml = `name: two\nseed: 6\nhorizon: 3h\n${FN}  other: { runtime: python3.13, memoryMb: 256, duration: { exponential: { mean: 20ms } } }\ntenants: { count: 40, popularity: { zipf: 0.8 } }\ntraffic:\n  - { function: api, poisson: { rate: 60/s }, count: 150000 }\n  - { function: other, constant: { rate: 40/s }, count: 150000 }\nvariants:\n  isolated: { tenancy: isolated }\n`;
    await expectSameRuns(yaml);
    const url = await worker();
    const [v] = variants(yaml);
    const a = simulate(v.config, v.name, { prefetch: false });
    // Start the counters 100,000 below 2^31: each ring's counts cross it and go on as negative int32s.
    expect(simulate(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url, prefetchCounterStart: 2 ** 31 - 100_000 })).toEqual(a);
    expect(simulate(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url, prefetchCounterStart: -5 })).toEqual(a);
  });

  test('two entries on one function: their durations drawn by the simulation, in delivery order', async () => {
    await expectSameRuns(
      `name: shared-stream\nseed: 9\nhorizon: 2h\n${FN}tenants: { count: 60, popularity: { zipf: 1.0 } }\ntraffic:\n  - { function: api, poisson: { rate: 30/s }, count: 120000 }\n  - { function: api, constant: { rate: 10/s }, tenant: tenant-7 }\n  - { function: api, sequential: { interval: 2s, rounds: 2 } }\nvariants:\n  isolated: { tenancy: isolated }\n`,
    );
  });

  test('the tenant-tiers example for a day (groups asleep and onboarding, a named tenant on the same function)', async () => {
    const text = readFileSync(join(root, 'scenarios', 'tenant-tiers.yaml'), 'utf8').replace(/^horizon: .*$/m, 'horizon: 1d');
    await expectSameRuns(text);
  });

  test('tenant groups asleep and onboarding (skipped arrivals), and traffic sent to one group', async () => {
    await expectSameRuns(`name: groups
seed: 8
horizon: 3d
platform: { keepAlive: 5m }
${FN}tenants:
  groups:
    - { name: ent, count: 10, share: 0.5, activeHours: { from: "08:00", to: "18:00", days: weekdays } }
    - { name: free, count: 40, share: 0.5, onboarding: { initial: 5, rate: 10/d } }
traffic:
  - { function: api, poisson: { rate: 0.5/s } }
variants:
  isolated: { tenancy: isolated }
`);
    await expectSameRuns(`name: one-group
seed: 8
horizon: 1h
${FN}tenants:
  groups:
    - { name: a, count: 10, share: 0.5 }
    - { name: b, count: 40, share: 0.5, popularity: { zipf: 1.0 } }
traffic:
  - { function: api, poisson: { rate: 2/s }, group: b }
`);
  });

  test('routes chosen by share, in both deployments', async () => {
    await expectSameRuns(`name: routes
seed: 4
horizon: 1h
tenants: { count: 30, popularity: { zipf: 1.0 } }
routes:
  read: { share: 0.7, duration: { lognormal: { median: 30ms, p99: 200ms } } }
  write: { share: 0.3, duration: { exponential: { mean: 120ms } } }
deployments:
  one:
    functions:
      api: { runtime: nodejs22.x, memoryMb: 1024, routes: [read, write] }
  two:
    functions:
      reader: { runtime: nodejs22.x, memoryMb: 512, routes: [read] }
      writer: { runtime: nodejs22.x, memoryMb: 512, routes: [write] }
traffic:
  - poisson: { rate: 10/s }
`);
  });

  test('any small Poisson workload (property)', async () => {
    const url = await worker();
    await fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 1_000_000 }),
          tenants: fc.integer({ min: 1, max: 300 }),
          zipf: fc.double({ min: 0, max: 2, noNaN: true }),
          rate: fc.integer({ min: 1, max: 200 }),
          count: fc.integer({ min: 1, max: 3_000 }),
          keepAliveS: fc.integer({ min: 1, max: 900 }),
        }),
        (w) => {
          const [v] = variants(`name: p
seed: ${w.seed}
platform: { keepAlive: ${w.keepAliveS}s }
${FN}tenants: { count: ${w.tenants}, popularity: { zipf: ${w.zipf} } }
traffic:
  - { function: api, poisson: { rate: ${w.rate}/s }, count: ${w.count} }
variants:
  isolated: { tenancy: isolated }
`);
          const a = simulate(v.config, v.name, { prefetch: false });
          const b = simulate(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 12 },
    );
  });

  test('progress counts the same arrivals at every step', async () => {
    const url = await worker();
    const [v] = variants(`name: steps\nseed: 2\n${FN}tenants: { count: 20 }\ntraffic:\n  - { function: api, poisson: { rate: 50/s }, count: 100000 }\n`);
    const here = new Simulation(v.config, v.name, { prefetch: false });
    const ahead = new Simulation(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url });
    const seen: number[][] = [];
    for (let done = false; !done; ) {
      done = here.step(30_000);
      expect(ahead.step(30_000)).toBe(done);
      seen.push([here.arrivals, ahead.arrivals, here.now, ahead.now]);
    }
    expect(seen.every(([a, b, t, u]) => a === b && t === u)).toBe(true);
    expect(seen.at(-1)?.[1]).toBe(100_000);
    expect(ahead.finish()).toEqual(here.finish());
  });
});

describe('which entries are generated ahead', () => {
  const config = (traffic: string, extra = '') =>
    variants(`name: e\nseed: 1\nhorizon: 1m\n${FN}  other: { runtime: nodejs22.x, memoryMb: 256, duration: 10ms }\n${extra}tenants: { count: 5 }\ntraffic:\n${traffic}`)[0].config;

  test('every entry but a trace, whatever streams other entries draw from', () => {
    const c = config(`  - { function: api, poisson: { rate: 1/s } }\n  - { function: api, constant: { rate: 1/s } }\n  - { function: other, poisson: { rate: 1/s } }\n`);
    expect(prefetchableEntries(c)).toEqual([0, 1, 2]);
    const trace = { ...c.traffic[1], pattern: { type: 'trace', trace: { spec: { file: 'x.csv' }, data: null, splitFunctions: false, functionNames: null } } };
    expect(prefetchableEntries({ ...c, traffic: [c.traffic[0], trace as unknown as (typeof c.traffic)[number]] })).toEqual([0]);
  });

  test('entries sent to routes too, several of them', () => {
    const routes = `routes:\n  r: { share: 1, duration: 5ms }\ndeployments:\n  d:\n    functions:\n      api: { runtime: nodejs22.x, memoryMb: 512, routes: [r] }\n`;
    const base = (traffic: string) =>
      variants(`name: r\nseed: 1\nhorizon: 1m\ntenants: { count: 5 }\n${routes}traffic:\n${traffic}`)[0].config;
    expect(prefetchableEntries(base(`  - { poisson: { rate: 1/s } }\n  - { poisson: { rate: 2/s }, route: r }\n`))).toEqual([0, 1]);
  });

  test('\'large\' takes the entries expected to bring enough arrivals; none by default', () => {
    const big = `  - { function: api, poisson: { rate: ${PREFETCH_MIN_ARRIVALS / 60}/s } }\n  - { function: other, poisson: { rate: 1000/s } }\n`;
    expect(entriesToPrefetch(config(big), { prefetch: 'large' })).toEqual([0]);
    expect(entriesToPrefetch(config(big), { prefetch: true })).toEqual([0, 1]);
    expect(entriesToPrefetch(config(big), { prefetch: false })).toEqual([]);
    expect(entriesToPrefetch(config(big), {})).toEqual([]);
  });
});

describe('a worker that fails or is stopped', () => {
  test('its error reaches the simulation as an error, not a hang', async () => {
    // A worker entry that runs the real producer on a config it cannot build a source from.
    const url = await bundledWorker('../test/fixtures/prefetch/broken-worker.ts');
    const [v] = variants(`name: b\nseed: 1\n${FN}tenants: { count: 5 }\ntraffic:\n  - { function: api, poisson: { rate: 5/s }, count: 50 }\n`);
    expect(() => simulate(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url })).toThrow(/the arrival worker failed: traffic 0 names unknown function nowhere/);
  });

  test('a producer that fails to load is reported at once', async () => {
    const url = await bundledWorker('model/prefetch-worker.ts', { './prefetch.js': 'test/fixtures/prefetch/unloadable.ts' });
    const [v] = variants(`name: u\nseed: 1\n${FN}tenants: { count: 5 }\ntraffic:\n  - { function: api, poisson: { rate: 5/s }, count: 50 }\n`);
    expect(() => simulate(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url })).toThrow(/the arrival worker failed: the producer could not be loaded/);
  });

  test('a worker that dies before it can report anything does not take the process with it', async () => {
    const [v] = variants(`name: d\nseed: 1\n${FN}tenants: { count: 5 }\ntraffic:\n  - { function: api, poisson: { rate: 5/s }, count: 50 }\n`);
    const p = ArrivalPrefetch.start(v.config, { prefetch: true, prefetchWorkerUrl: new URL('../fixtures/prefetch/throws-at-start.mjs', import.meta.url) });
    expect(p).not.toBeNull();
    await p!.exited; // its 'error' event has been handled by now, instead of ending this process
    expect(p!.failure().message).toBe('the arrival worker failed: boom at start');
    p!.close();
  });

  test('close ends the worker thread, asleep on a full ring or not', async () => {
    const url = await worker();
    const [v] = variants(`name: s\nseed: 1\n${FN}tenants: { count: 5 }\ntraffic:\n  - { function: api, poisson: { rate: 50/s }, count: 1000000 }\n`);
    const p = ArrivalPrefetch.start(v.config, { prefetch: true, prefetchWorkerUrl: url })!;
    const ring = p.rings[0]!;
    expect(ring.current()).toBeGreaterThan(0);
    for (let i = 0; i < 100_000; i++) ring.advance(); // the worker fills the ring, sleeps, and is woken
    p.close();
    await p.exited;
    expect(() => ring.advance()).toThrow(/the arrival worker was stopped/);
  });

  test('a closed simulation stops its worker and cannot step further', async () => {
    const url = await worker();
    const [v] = variants(`name: c\nseed: 1\n${FN}tenants: { count: 5 }\ntraffic:\n  - { function: api, poisson: { rate: 50/s }, count: 100000 }\n`);
    const sim = new Simulation(v.config, v.name, { prefetch: true, prefetchWorkerUrl: url });
    expect(sim.step(1_000)).toBe(false);
    sim.close();
    sim.close(); // idempotent
    expect(() => sim.step()).toThrow(/the arrival worker was stopped/);
  });
});
