/**
 * The scenario format of the traffic patterns and tenant groups: what a user writes, what it becomes, and the
 * located messages for what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { brief, loadErrors, loadOk } from './helpers.js';

const base = (traffic: string, tenants = '') => `name: t
horizon: 1d
functions:
  api: { runtime: python3.13, duration: 5ms }
${tenants}traffic:
${traffic}`;

describe('phases', () => {
  it('reads Artillery phases pasted as they are (seconds and arrivals per second as numbers)', () => {
    const s = loadOk(base(`  - function: api
    phases:
      - duration: 60
        arrivalRate: 5
        rampTo: 50
        name: Warm up
      - pause: 30
      - { duration: 2m, arrivalCount: 600 }
      - { duration: 10, arrivalRate: 300/min }
`));
    const p = s.variants[0].config.traffic[0].pattern;
    expect(p).toEqual({
      type: 'phases',
      mode: 'uniform',
      phases: [
        { name: 'Warm up', durationMs: 60_000, fromPerMs: 0.005, toPerMs: 0.05 },
        { name: null, durationMs: 30_000, fromPerMs: 0, toPerMs: 0 },
        { name: null, durationMs: 120_000, fromPerMs: 0.005, toPerMs: 0.005 },
        { name: null, durationMs: 10_000, fromPerMs: 0.005, toPerMs: 0.005 },
      ],
    });
  });

  it('takes mode: poisson, and rejects mode on other patterns', () => {
    const s = loadOk(base('  - { function: api, mode: poisson, phases: [{ duration: 60, arrivalRate: 1 }] }\n'));
    expect(s.variants[0].config.traffic[0].pattern).toMatchObject({ type: 'phases', mode: 'poisson' });
    expect(brief(loadErrors(base('  - { function: api, mode: poisson, poisson: { rate: 1/s } }\n')))).toEqual(['6:28 traffic[0].mode: mode applies to phases only']);
  });

  it('says what a phase is missing or has too much of, at the phase', () => {
    const errors = brief(loadErrors(base(`  - function: api
    phases:
      - { duration: 60 }
      - { duration: 60, arrivalRate: 5, arrivalCount: 10 }
      - { pause: 30, arrivalRate: 5 }
      - { duration: 60, arrivalCount: 10, rampTo: 5 }
      - { arrivalRate: 5 }
      - { duration: -1, arrivalRate: 5 }
      - { duration: 60, arrivalRate: fast }
`)));
    expect(errors).toEqual([
      '8:9 traffic[0].phases[0]: expected exactly one of arrivalRate and arrivalCount in a phase',
      '9:9 traffic[0].phases[1]: expected exactly one of arrivalRate and arrivalCount in a phase',
      '10:9 traffic[0].phases[2]: a pause phase has only pause (and name), got also arrivalRate',
      '11:9 traffic[0].phases[3]: rampTo goes with arrivalRate, not arrivalCount',
      '12:9 traffic[0].phases[4]: expected a phase with duration (and arrivalRate or arrivalCount), or a pause',
      '13:21 traffic[0].phases[5].duration: expected more than 0 seconds, got -1',
      '14:38 traffic[0].phases[6].arrivalRate: expected a rate such as 40/s, 300/min or 2/h, got "fast"',
    ]);
  });

  it('needs no horizon: phases end by themselves', () => {
    loadOk(base('  - { function: api, phases: [{ duration: 60, arrivalRate: 1 }] }\n').replace('horizon: 1d\n', ''));
  });
});

describe('diurnal and bursts', () => {
  it('reads a daily cycle (a trough of 0/s allowed, the peak hour as a number or a time)', () => {
    const s = loadOk(base(`  - { function: api, diurnal: { peakRate: 80/s, troughRate: 0/s, peakHour: "14:30", weekendFactor: 0.3 } }
  - { function: api, diurnal: { peakRate: 10/s, troughRate: 1/s, peakHour: 9 } }
`));
    const [a, b] = s.variants[0].config.traffic.map((t) => t.pattern);
    expect(a).toEqual({ type: 'diurnal', peakPerMs: 0.08, troughPerMs: 0, peakHour: 14.5, weekendFactor: 0.3 });
    expect(b).toEqual({ type: 'diurnal', peakPerMs: 0.01, troughPerMs: 0.001, peakHour: 9, weekendFactor: 1 });
  });

  it('reads bursts and rejects a zero burst rate or burst length', () => {
    const s = loadOk(base('  - { function: api, bursts: { baseRate: 0/s, burstRate: 200/s, meanTimeBetween: 10m, meanLength: 30s } }\n'));
    expect(s.variants[0].config.traffic[0].pattern).toEqual({ type: 'bursts', basePerMs: 0, burstPerMs: 0.2, meanBetweenMs: 600_000, meanBurstMs: 30_000 });
    const errors = brief(loadErrors(base('  - { function: api, bursts: { baseRate: 1/s, burstRate: 0/s, meanTimeBetween: 10m, meanLength: 0s } }\n')));
    expect(errors).toEqual([
      '6:58 traffic[0].bursts.burstRate: expected a rate above zero, got 0/s',
      '6:97 traffic[0].bursts.meanLength: expected a duration more than 0ms, got 0s',
    ]);
  });

  it('needs a horizon (or end or count) for open-ended patterns', () => {
    const errors = loadErrors(base('  - { function: api, diurnal: { peakRate: 1/s, troughRate: 0/s, peakHour: 9 } }\n').replace('horizon: 1d\n', ''));
    expect(errors[0].message).toMatch(/diurnal traffic without `count` or `end` never stops/);
  });
});

describe('tenant groups', () => {
  const groups = `tenants:
  groups:
    - { name: enterprise, count: 20, share: 0.6, popularity: { weights: [${Array(20).fill(1).join(', ')}] }, activeHours: { from: "08:00", to: "18:00", days: weekdays } }
    - { name: free, count: 500, share: 0.4, popularity: { zipf: 1.1 }, idPattern: "f{i:4}", onboarding: { initial: 100, rate: 20/d } }
`;
  it('reads groups into one population, numbered group after group', () => {
    const s = loadOk(base('  - { function: api, poisson: { rate: 5/s } }\n  - { function: api, poisson: { rate: 1/s }, group: free }\n', groups));
    const t = s.variants[0].config.tenants;
    expect(t.count).toBe(520);
    expect(t.grouped).toBe(true);
    expect(t.groups.map((g) => [g.name, g.first, g.count, g.share, g.idPattern])).toEqual([
      ['enterprise', 0, 20, 0.6, 'enterprise-{i}'],
      ['free', 20, 500, 0.4, 'f{i:4}'],
    ]);
    expect(t.groups[0].activeHours).toEqual({ fromMs: 8 * 3_600_000, toMs: 18 * 3_600_000, days: 'weekdays' });
    expect(t.groups[1].onboarding).toEqual({ initial: 100, ratePerMs: 20 / 86_400_000 });
    expect(s.variants[0].config.traffic[1].group).toBe('free');
  });

  it('shares traffic in proportion to count when no group has a share', () => {
    const s = loadOk(base('  - { function: api, poisson: { rate: 5/s } }\n', 'tenants:\n  groups: [{ name: a, count: 1 }, { name: b, count: 3 }]\n'));
    expect(s.variants[0].config.tenants.groups.map((g) => g.share)).toEqual([0.25, 0.75]);
  });

  it('reports shares that do not add up, a missing share, top-level keys beside groups and duplicate names', () => {
    const errors = brief(loadErrors(base('  - { function: api, poisson: { rate: 5/s } }\n', `tenants:
  count: 5
  groups:
    - { name: a, count: 1, share: 0.5 }
    - { name: a, count: 3, share: 0.2 }
    - { name: c, count: 3 }
`)));
    expect(errors.some((e) => e.includes('give every group a share'))).toBe(true);
    expect(errors.some((e) => e.includes('duplicate group name `a`'))).toBe(true);
    expect(errors.some((e) => e.includes('set count in each group'))).toBe(true);
    const sum = brief(loadErrors(base('  - { function: api, poisson: { rate: 5/s } }\n', 'tenants:\n  groups: [{ name: a, count: 1, share: 0.5 }, { name: b, count: 3, share: 0.4 }]\n')));
    expect(sum).toEqual(['6:75 tenants.groups[1].share: group shares must add up to 1, got 0.9']);
  });

  it('reports weights that do not match the count, onboarding beyond the count, bad hours and clashing ids', () => {
    const errors = brief(loadErrors(base('  - { function: api, poisson: { rate: 5/s } }\n', `tenants:
  groups:
    - { name: a, count: 3, popularity: { weights: [1, 2] }, onboarding: { initial: 5, rate: 1/d } }
    - { name: b, count: 2, activeHours: { from: "25:00", to: "18:00" } }
`)));
    expect(errors).toEqual([
      '8:49 tenants.groups[1].activeHours.from: expected a time of day such as "08:30" or a number of hours from 0 to 24, got "25:00"',
    ]);
    const more = brief(loadErrors(base('  - { function: api, poisson: { rate: 5/s } }\n', `tenants:
  groups:
    - { name: a, count: 3, popularity: { weights: [1, 2] }, onboarding: { initial: 5, rate: 1/d } }
    - { name: b, count: 12, idPattern: "t{i}" }
    - { name: c, count: 2, idPattern: "t1{i}" }
`)));
    expect(more).toEqual([
      '7:40 tenants.groups[0].popularity: expected 3 weights (one per tenant), got 2',
      '7:73 tenants.groups[0].onboarding: onboarding.initial (5) must not exceed count (3)',
      '9:39 tenants.groups[2].idPattern: groups b and c both make the tenant id "t11": give them different idPatterns',
    ]);
  });

  it('reports an unknown group in traffic with a suggestion, and group together with tenant', () => {
    const errors = brief(loadErrors(base('  - { function: api, poisson: { rate: 5/s }, group: enterprize }\n  - { function: api, poisson: { rate: 5/s }, group: free, tenant: free-1 }\n', groups)));
    expect(errors[0]).toMatch(/traffic\[0\]\.group: unknown tenant group `enterprize`; did you mean `enterprise`\?/);
    expect(errors[1]).toMatch(/traffic\[1\]\.group: set either `group` or `tenant`, not both/);
  });

  it('finds a named tenant in any group', () => {
    loadOk(base('  - { function: api, poisson: { rate: 5/s }, tenant: f0042 }\n', groups));
    const errors = loadErrors(base('  - { function: api, poisson: { rate: 5/s }, tenant: f0999 }\n', groups));
    expect(errors[0].message).toMatch(/not one of the 520 tenants \(enterprise-1 to enterprise-20; f0001 to f0500\)/);
  });
});

describe('trace entries', () => {
  it('reads a trace entry and checks format-specific keys and the function', () => {
    const s = loadOk(base('  - { function: api, trace: { format: azure2021, file: t.csv, tenantFrom: app } }\n'));
    expect(s.variants[0].config.traffic[0].pattern).toEqual({ type: 'trace', trace: { spec: { format: 'azure2021', file: 't.csv', tenantFrom: 'app' }, data: null, splitFunctions: false, functionNames: null } });
    const errors = brief(loadErrors(base('  - { trace: { format: azure2021, file: t.csv, spread: poisson, tenantFrom: owner } }\n')));
    expect(errors).toEqual([
      '6:5 traffic[0].function: expected the function that replays this azure2021 trace (its functions are hashes)',
      '6:56 traffic[0].trace.spread: spread applies to format azure2019, not azure2021',
      '6:77 traffic[0].trace.tenantFrom: tenantFrom: owner needs format azure2019 (the 2021 trace has no owner)',
    ]);
    loadOk(base('  - { trace: { format: csv, file: t.csv } }\n'));
  });
});
