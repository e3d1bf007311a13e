/**
 * Each arrival pattern against its definition: counts and rates over time, ramp shapes, phase boundaries,
 * burst on/off fractions, and the tenant groups' shares, active hours and onboarding. Seeds are fixed;
 * tolerances are stated next to each check (4 standard deviations for Poisson counts unless said).
 */
import { describe, expect, test } from 'vitest';
import { forkStream } from '../../src/engine/random.js';
import { BurstsProcess, DiurnalProcess, diurnalRate, PhasesProcess, rampInverse } from '../../src/model/arrival-processes.js';
import type { ArrivalPattern, PhaseConfig, TenantsConfig, TrafficConfig } from '../../src/model/config.js';
import { diurnalIntegral, expectedArrivals } from '../../src/model/estimate.js';
import { type InvocationObserver, simulate } from '../../src/model/simulation.js';
import { DAY_MS, singleGroup } from '../../src/model/tenants.js';
import { fn, ms, scenario, traffic } from '../helpers/config.js';

const S = 1000;
const H = 3_600_000;
const perSec = (r: number) => r / S;
const phase = (durationS: number, from: number, to = from, name: string | null = null): PhaseConfig => ({ name, durationMs: durationS * S, fromPerMs: perSec(from), toPerMs: perSec(to) });

/** All arrival times of a process from `start` until Infinity or `limit` arrivals. */
function times(next: (now: number, first: boolean) => number, start = 0, limit = 20_000_000): number[] {
  const out: number[] = [];
  let t = next(start, true);
  while (t !== Infinity && out.length < limit) {
    out.push(t);
    t = next(t, false);
  }
  return out;
}

/** How many of `ts` fall in [a, b). */
const within = (ts: number[], a: number, b: number) => ts.filter((t) => t >= a && t < b).length;

/** |observed - expected| <= k standard deviations of a Poisson count. */
function expectPoisson(observed: number, expected: number, k = 4): void {
  expect(Math.abs(observed - expected)).toBeLessThanOrEqual(k * Math.sqrt(expected) + 1);
}

describe('rampInverse', () => {
  test('inverts the cumulative rate a t + b t^2 / 2 exactly for constant rates and closely for ramps', () => {
    expect(rampInverse(0.005, 0, 300)).toBe(60_000);
    for (const [a, b, y] of [[0.005, 0.0000075, 1000], [0.05, -0.0000008, 1000], [0, 0.00001, 50]]) {
      const t = rampInverse(a, b, y);
      expect(a * t + (b * t * t) / 2).toBeCloseTo(y, 6);
    }
    expect(rampInverse(0.05, -0.001, 10_000)).toBeNaN(); // the rate runs out first
  });
});

describe('phases (uniform, as Artillery spaces them)', () => {
  const run = (phases: PhaseConfig[], start = 0) => {
    const p = new PhasesProcess(phases, 'uniform', start, forkStream(1, 'x'));
    return times(() => p.next());
  };

  test('a constant phase: arrivalRate 5 for 60 s is 300 arrivals 200 ms apart from the phase start', () => {
    const ts = run([phase(60, 5)], 1000);
    expect(ts).toHaveLength(300);
    expect(ts[0]).toBe(1000);
    expect(ts[1] - ts[0]).toBe(200);
    expect(ts[299]).toBe(1000 + 299 * 200);
  });

  test('phases run in series; a pause has no arrivals; arrivalCount spreads evenly', () => {
    // warm up 60 s at 5/s, pause 30 s, then 600 arrivals over 120 s
    const ts = run([phase(60, 5), { name: null, durationMs: 30 * S, fromPerMs: 0, toPerMs: 0 }, { name: null, durationMs: 120 * S, fromPerMs: 600 / (120 * S), toPerMs: 600 / (120 * S) }]);
    expect(within(ts, 0, 60 * S)).toBe(300);
    expect(within(ts, 60 * S, 90 * S)).toBe(0);
    expect(within(ts, 90 * S, 210 * S)).toBe(600);
    expect(ts[300]).toBe(90 * S); // the third phase starts at 90 s
    expect(ts[301] - ts[300]).toBeCloseTo(200, 9);
    expect(ts).toHaveLength(900);
  });

  test('a ramp from 5/s to 50/s over 60 s follows the linear rate: (5 + 50) / 2 x 60 = 1650 arrivals, each 10 s matching its integral', () => {
    const ts = run([phase(60, 5, 50)]);
    expect(ts).toHaveLength(1650);
    for (let s = 0; s < 60; s += 10) {
      const rate = (x: number) => 5 + (45 * x) / 60;
      const integral = ((rate(s) + rate(s + 10)) / 2) * 10;
      expect(Math.abs(within(ts, s * S, (s + 10) * S) - integral)).toBeLessThanOrEqual(1);
    }
    // gaps shrink as the rate grows: 1 / rate at each end
    expect(ts[1] - ts[0]).toBeCloseTo(1000 / 5, -1);
    expect(ts[1649] - ts[1648]).toBeCloseTo(1000 / 50, 0);
  });

  test('a ramp from 0 starts with no arrival at its very start; a ramp down to 0 ends cleanly', () => {
    const up = run([phase(60, 0, 10)]);
    expect(up[0]).toBeGreaterThan(0);
    expect(up).toHaveLength(299); // 300 expected, less the one that would fall at t = 0
    const down = run([phase(60, 10, 0)]);
    expect(down).toHaveLength(300);
    expect(down[down.length - 1]).toBeLessThan(60 * S);
  });

  test('the estimate counts uniform phases exactly', () => {
    const phases = [phase(60, 5, 50), phase(30, 0, 0), phase(120, 5)];
    const t = traffic({ type: 'phases', phases, mode: 'uniform' });
    expect(expectedArrivals(t, 1, null)).toBe(run(phases).length);
  });
});

describe('phases (poisson)', () => {
  test('counts per phase match the ramp integral within 4 standard deviations, and no arrival crosses a boundary', () => {
    const phases = [phase(600, 5, 50), phase(300, 0, 0), phase(600, 20)];
    const p = new PhasesProcess(phases, 'poisson', 0, forkStream(3, 'phases'));
    const ts = times(() => p.next());
    expectPoisson(within(ts, 0, 600 * S), 27.5 * 600);
    expect(within(ts, 600 * S, 900 * S)).toBe(0);
    expectPoisson(within(ts, 900 * S, 1500 * S), 20 * 600);
    expect(ts[ts.length - 1]).toBeLessThan(1500 * S);
    // the ramp's shape: the last minute of the ramp has about 50/5 times the first minute's rate... as integrals
    expectPoisson(within(ts, 0, 60 * S), ((5 + 9.5) / 2) * 60);
    expectPoisson(within(ts, 540 * S, 600 * S), ((45.5 + 50) / 2) * 60);
  });
});

describe('diurnal (thinning)', () => {
  const pattern: Extract<ArrivalPattern, { type: 'diurnal' }> = { type: 'diurnal', peakPerMs: perSec(2), troughPerMs: perSec(0.2), peakHour: 14, weekendFactor: 0.25 };

  test('the rate is a cosine: peak at the peak hour, trough twelve hours away, the mean in between; weekends scaled', () => {
    expect(diurnalRate(pattern, 14 * H) * S).toBeCloseTo(2, 12);
    expect(diurnalRate(pattern, 2 * H) * S).toBeCloseTo(0.2, 12);
    expect(diurnalRate(pattern, 8 * H) * S).toBeCloseTo(1.1, 12);
    expect(diurnalRate(pattern, 5 * DAY_MS + 14 * H) * S).toBeCloseTo(0.5, 12); // Saturday
  });

  test('a week of arrivals: the total matches the closed-form integral, each hour its own integral, weekends a quarter', () => {
    const end = 7 * DAY_MS;
    const p = new DiurnalProcess(pattern, end, forkStream(5, 'diurnal'));
    const ts = times((now) => p.next(now));
    const expected = diurnalIntegral(pattern, 0, end);
    // weekdays (2 + 0.2) / 2 x 86,400 x 5 plus weekends a quarter of that per day
    expect(expected).toBeCloseTo(1.1 * 86_400 * (5 + 2 * 0.25), 3);
    expectPoisson(ts.length, expected);
    for (const hour of [2, 8, 14, 20]) {
      // the same hour on the five weekdays
      let observed = 0;
      let want = 0;
      for (let d = 0; d < 5; d++) {
        observed += within(ts, d * DAY_MS + hour * H, d * DAY_MS + (hour + 1) * H);
        want += diurnalIntegral(pattern, d * DAY_MS + hour * H, d * DAY_MS + (hour + 1) * H);
      }
      expectPoisson(observed, want);
    }
    expectPoisson(within(ts, 5 * DAY_MS, 7 * DAY_MS), diurnalIntegral(pattern, 5 * DAY_MS, 7 * DAY_MS));
  });

  test('the estimate is the integral', () => {
    const t = traffic(pattern, { endMs: 3 * DAY_MS });
    expect(expectedArrivals(t, 1, null)).toBeCloseTo(1.1 * 86_400 * 3, 6);
  });
});

describe('bursts (Markov-modulated Poisson)', () => {
  const pattern: Extract<ArrivalPattern, { type: 'bursts' }> = { type: 'bursts', basePerMs: perSec(1), burstPerMs: perSec(100), meanBetweenMs: 10 * 60 * S, meanBurstMs: 30 * S };

  test('burst and gap lengths are exponential with the stated means: in a burst 30 / 630 of the time', () => {
    // arrivals so rare that the walk is all state changes: 200 days, about 27,000 cycles
    const end = 200 * DAY_MS;
    const p = new BurstsProcess({ ...pattern, basePerMs: 0, burstPerMs: 1e-15 }, end, forkStream(9, 'bursts-states'));
    const switches: [number, boolean][] = [];
    p.onSwitch = (t, inBurst) => switches.push([t, inBurst]);
    expect(p.next(0, true)).toBe(Infinity);
    const lengths = { burst: [] as number[], gap: [] as number[] };
    for (let i = 1; i + 1 < switches.length; i++) lengths[switches[i][1] ? 'burst' : 'gap'].push(switches[i + 1][0] - switches[i][0]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(lengths.burst.length).toBeGreaterThan(25_000);
    // standard error of an exponential mean over n values: mean / sqrt(n), about 0.6 %; allow 2.5 %
    expect(Math.abs(mean(lengths.burst) / pattern.meanBurstMs - 1)).toBeLessThan(0.025);
    expect(Math.abs(mean(lengths.gap) / pattern.meanBetweenMs - 1)).toBeLessThan(0.025);
    const on = lengths.burst.reduce((a, b) => a + b, 0);
    const off = lengths.gap.reduce((a, b) => a + b, 0);
    expect(Math.abs(on / (on + off) - 30 / 630)).toBeLessThan(0.002);
    // exponential: the share of bursts longer than their mean is e^-1
    expect(lengths.burst.filter((x) => x > pattern.meanBurstMs).length / lengths.burst.length).toBeCloseTo(Math.exp(-1), 1);
  });

  test('arrivals come at the state rate: the mean rate, and 3000 / 3600 of them inside bursts', () => {
    const end = 20 * DAY_MS;
    const p = new BurstsProcess(pattern, end, forkStream(9, 'bursts'));
    const switches: [number, boolean][] = [];
    p.onSwitch = (t, inBurst) => switches.push([t, inBurst]);
    const ts = times((now, first) => p.next(now, first));
    let inBurst = 0;
    let j = 0;
    for (let i = 0; i < switches.length; i++) {
      const to = i + 1 < switches.length ? switches[i + 1][0] : end;
      for (; j < ts.length && ts[j] < to; j++) if (switches[i][1]) inBurst++;
    }
    // about 2,700 cycles: the count of an MMPP varies far more than a Poisson count; allow 6 %
    const mean = (1 * 600 + 100 * 30) / 630;
    expect(Math.abs(ts.length / (mean * 20 * 86_400) - 1)).toBeLessThan(0.06);
    expect(Math.abs(inBurst / ts.length - 3000 / 3600)).toBeLessThan(0.02);
  });

  test('the estimate is the mean rate times the span', () => {
    const t = traffic(pattern, { endMs: DAY_MS });
    expect(expectedArrivals(t, 1, null)).toBeCloseTo(((1 * 600 + 100 * 30) / 630) * 86_400, 6);
  });
});

describe('tenant groups', () => {
  /** Arrivals per tenant and their times, from a run's observer. */
  function observe(tenants: TenantsConfig, entries: TrafficConfig[], horizonMs: number) {
    const perTenant = new Map<number, number[]>();
    const width = tenants.count + 1;
    const cold: number[] = [];
    const observer: InvocationObserver = {
      started(now, arrivedAt, _e, cell, isCold) {
        const t = (cell % width) - 1;
        let list = perTenant.get(t);
        if (!list) perTenant.set(t, (list = []));
        list.push(arrivedAt);
        if (isCold) cold.push(now);
      },
    };
    const record = simulate(scenario({ horizonMs, tenants, functions: [fn({ tenancy: 'isolated', duration: ms(10), initDuration: ms(100) })], platform: { accountConcurrency: 100_000, scalingBurst: 1_000_000 }, traffic: entries }), 'x', { observer });
    return { perTenant, cold, record };
  }

  const groups = (over: Partial<TenantsConfig['groups'][number]>[] = []): TenantsConfig => {
    const base = [
      { name: 'enterprise', count: 10, first: 0, share: 0.7, idPattern: 'ent-{i}', ids: null, popularity: { type: 'uniform' as const }, activeHours: null, onboarding: null, tenancy: null },
      { name: 'free', count: 90, first: 10, share: 0.3, idPattern: 'free-{i}', ids: null, popularity: { type: 'zipf' as const, exponent: 1 }, activeHours: null, onboarding: null, tenancy: null },
    ].map((g, i) => ({ ...g, ...over[i] }));
    return { count: 100, grouped: true, groups: base };
  };

  test('traffic to all tenants splits by share between groups', () => {
    const { perTenant } = observe(groups(), [traffic({ type: 'poisson', ratePerMs: perSec(50) }, { count: 50_000 })], Infinity as unknown as number);
    let ent = 0;
    for (const [t, list] of perTenant) if (t < 10) ent += list.length;
    // binomial: 50,000 x 0.7, sd about 102
    expect(Math.abs(ent - 35_000)).toBeLessThan(500);
  });

  test('traffic to one group reaches only its tenants, by the group popularity', () => {
    const { perTenant } = observe(groups(), [traffic({ type: 'poisson', ratePerMs: perSec(50) }, { count: 20_000, group: 'free' })], Infinity as unknown as number);
    expect([...perTenant.keys()].every((t) => t >= 10)).toBe(true);
    // Zipf 1 over 90: the first free tenant gets 1 / H(90) of the traffic, about 19.9 %
    const h90 = Array.from({ length: 90 }, (_x, i) => 1 / (i + 1)).reduce((a, b) => a + b);
    expect(perTenant.get(10)!.length / 20_000).toBeCloseTo(1 / h90, 1);
  });

  test('a group asleep outside its active hours sends nothing then, and its tenants start each day cold', () => {
    const t = groups([{ activeHours: { fromMs: 8 * H, toMs: 18 * H, days: 'weekdays' } }]);
    const { perTenant, record } = observe(t, [traffic({ type: 'poisson', ratePerMs: perSec(0.5) })], 7 * DAY_MS);
    for (let tenant = 0; tenant < 10; tenant++) {
      for (const a of perTenant.get(tenant) ?? []) {
        const hour = (a % DAY_MS) / H;
        expect(hour >= 8 && hour < 18).toBe(true);
        expect(a).toBeLessThan(5 * DAY_MS); // weekdays only
      }
    }
    // each enterprise tenant has at least one cold start on each of the 5 mornings (keep-alive 10 min < 14 h)
    const cells = record.cells;
    let entCold = 0;
    for (let tenant = 0; tenant < 10; tenant++) entCold += cells.coldStarts[tenant + 1];
    expect(entCold).toBeGreaterThanOrEqual(50);
    // the free tier is awake all week: it gets traffic at night and at weekends
    const free = [...perTenant.entries()].filter(([k]) => k >= 10).flatMap(([, v]) => v);
    expect(free.some((a) => a % DAY_MS < 8 * H)).toBe(true);
    expect(free.some((a) => a >= 5 * DAY_MS)).toBe(true);
  });

  test('onboarding: tenant k of a group sends nothing before it joins', () => {
    const t = groups([{}, { onboarding: { initial: 30, ratePerMs: 10 / DAY_MS } }]);
    const { perTenant } = observe(t, [traffic({ type: 'poisson', ratePerMs: perSec(0.5) })], 7 * DAY_MS);
    for (const [tenant, list] of perTenant) {
      if (tenant < 10 + 30) continue;
      const k = tenant - 10; // index in the free group
      const join = (k - 30 + 1) * (DAY_MS / 10);
      expect(Math.min(...list)).toBeGreaterThanOrEqual(join);
    }
    // the free group's traffic grows as its tenants join: day 6 has more than day 0
    const free = [...perTenant.entries()].filter(([k]) => k >= 10).flatMap(([, v]) => v);
    expect(within(free, 6 * DAY_MS, 7 * DAY_MS)).toBeGreaterThan(within(free, 0, DAY_MS) * 1.05);
    expect(perTenant.has(10 + 89)).toBe(true); // the last joins at day 6 and then sends traffic
  });

  test('a single group keeps the popularity of a scenario without groups', () => {
    const one = singleGroup(50, 't-{i}', { type: 'zipf', exponent: 1 });
    expect(one.groups[0].share).toBe(1);
  });
});
