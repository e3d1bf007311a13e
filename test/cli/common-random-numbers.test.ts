/**
 * Common random numbers through the command line: a variant that adds, removes or changes one traffic entry
 * leaves every other entry's arrivals, tenants and handler durations as they were (`run --trace`, compared
 * row by row in invocations.csv). Before each entry drew its handler durations from its own stream, adding a
 * 12/h entry for one tenant shifted every duration of the unchanged entry by one draw.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-crn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A day of two entries on one isolated function, and variants that add, remove and change an entry. */
const SCENARIO = `name: crn
seed: 11
horizon: 6h
tenancy: isolated
functions:
  api: { runtime: nodejs22.x, memoryMb: 512, duration: { lognormal: { median: 40ms, p99: 900ms } }, timeout: 10s }
tenants: { count: 30, popularity: { zipf: 1.1 } }
traffic:
  - function: api
    poisson: { rate: 2/s }
  - function: api
    group: all
    diurnal: { peakRate: 1/s, troughRate: 0.1/s, peakHour: 3 }
variants:
  base: {}
  plus-one:
    traffic:
      - { function: api, poisson: { rate: 2/s } }
      - { function: api, group: all, diurnal: { peakRate: 1/s, troughRate: 0.1/s, peakHour: 3 } }
      - { function: api, tenant: tenant-30, poisson: { rate: 12/h } }
  first-removed:
    traffic:
      - { function: api, group: all, diurnal: { peakRate: 1/s, troughRate: 0.1/s, peakHour: 3 } }
  first-changed:
    traffic:
      - { function: api, poisson: { rate: 3/s } }
      - { function: api, group: all, diurnal: { peakRate: 1/s, troughRate: 0.1/s, peakHour: 3 } }
  trace-added:
    traffic:
      - { function: api, poisson: { rate: 2/s } }
      - { function: api, group: all, diurnal: { peakRate: 1/s, troughRate: 0.1/s, peakHour: 3 } }
      - { function: api, trace: { format: csv, file: crn-trace.csv, timeUnit: offset-s } }
`;

interface Row {
  variant: string;
  tenant: string;
  arrivalMs: string;
  outcome: string;
  runMs: string;
  traffic: string;
}

/** invocations.csv of a run of SCENARIO, as rows. */
async function traced(): Promise<Row[]> {
  const file = join(dir, 'crn.yaml');
  writeFileSync(file, SCENARIO);
  // a trace that names three tenants the population does not have: they join it, in a group of their own
  writeFileSync(join(dir, 'crn-trace.csv'), `timestamp,tenant,duration\n${Array.from({ length: 30 }, (_, i) => `${i * 60},newco-${i % 3},50`).join('\n')}\n`);
  const out = join(dir, 'out');
  const code = await main(['run', file, '--trace', '--quiet', '--out', out], { stdout: () => {}, stderr: () => {}, cwd: dir });
  expect(code).toBe(0);
  return parse(readFileSync(join(out, 'invocations.csv'), 'utf8'), { columns: true }) as Row[];
}

/** What an entry drew in a variant: each invocation's arrival, tenant and handler run time, in order. */
function draws(rows: Row[], variant: string, traffic: string): string[] {
  return rows.filter((r) => r.variant === variant && r.traffic === traffic && r.outcome === 'ran').map((r) => `${r.arrivalMs} ${r.tenant} ${r.runMs}`);
}

describe('common random numbers across variants (run --trace)', async () => {
  const rows = await traced();
  const keys = (variant: string) => [...new Set(rows.filter((r) => r.variant === variant).map((r) => r.traffic))];
  const [poisson, diurnal] = keys('base');

  test('each entry has its own key, the same in every variant that has it', () => {
    expect(keys('base')).toHaveLength(2);
    expect(keys('plus-one')).toEqual(expect.arrayContaining([poisson, diurnal]));
    expect(keys('plus-one')).toHaveLength(3);
    expect(keys('first-removed')).toEqual([diurnal]);
    expect(keys('first-changed')).toContain(diurnal);
    expect(keys('first-changed')).not.toContain(poisson);
  });

  test('adding a 12/h entry for one tenant changes none of the other entries\' draws', () => {
    const before = draws(rows, 'base', poisson);
    expect(before.length).toBeGreaterThan(40_000);
    expect(draws(rows, 'plus-one', poisson)).toEqual(before);
    expect(draws(rows, 'plus-one', diurnal)).toEqual(draws(rows, 'base', diurnal));
    expect(draws(rows, 'plus-one', keys('plus-one').find((k) => k !== poisson && k !== diurnal)!).length).toBeGreaterThan(30);
  });

  test('a trace that brings new tenants changes no other entry\'s tenants: traffic to all tenants goes to the declared ones', () => {
    expect(draws(rows, 'trace-added', poisson)).toEqual(draws(rows, 'base', poisson));
    expect(draws(rows, 'trace-added', diurnal)).toEqual(draws(rows, 'base', diurnal));
    const traced = rows.filter((r) => r.variant === 'trace-added' && r.tenant.startsWith('newco-'));
    expect(traced).toHaveLength(30);
    expect(new Set(traced.map((r) => r.traffic)).size).toBe(1);
  });

  test('removing or changing the first entry leaves the second one\'s draws as they were', () => {
    const second = draws(rows, 'base', diurnal);
    expect(second.length).toBeGreaterThan(5_000);
    expect(draws(rows, 'first-removed', diurnal)).toEqual(second);
    expect(draws(rows, 'first-changed', diurnal)).toEqual(second);
  });
});
