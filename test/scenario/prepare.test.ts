/**
 * prepareScenario returns a new scenario and leaves the loaded one as it was: the loaded variants keep no
 * trace data, their functions and tenants; the prepared variants share one copy of each trace's data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioConfig } from '../../src/model/config.js';
import { loadScenario } from '../../src/scenario/index.js';
import { PrepareError, prepareScenario } from '../../src/scenario/prepare.js';
import { TraceInterrupted } from '../../src/traces/index.js';

const dir = resolve(import.meta.dirname, '..', 'fixtures', 'traces', 'azure2019-sample10-fullday');

const yaml = `name: split
functions:
  api: { runtime: python3.13, memoryMb: 256, duration: 100ms, timeout: 900s }
traffic:
  - function: api
    trace: { format: azure2019, file: invocations.csv, memoryFile: memory.csv, durationsFile: durations.csv, window: { fromMinute: 600, toMinute: 610 }, splitFunctions: true }
`;

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const traceOf = (c: ScenarioConfig) => (c.traffic[0].pattern.type === 'trace' ? c.traffic[0].pattern.trace : null);

describe('prepareScenario', () => {
  it('returns new variants and leaves the loaded scenario as it was', async () => {
    const r = loadScenario(yaml, join(dir, 'scenario.yaml'));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const before = JSON.stringify(r.scenario.variants);
    const prepared = await prepareScenario(r.scenario, dir);
    expect(JSON.stringify(r.scenario.variants)).toBe(before);
    for (const v of r.scenario.variants) {
      expect(traceOf(v.config)?.data).toBeNull();
      expect(v.config.functions.map((f) => f.name)).toEqual(['api']);
    }
    expect(prepared.variants.map((v) => v.name)).toEqual(r.scenario.variants.map((v) => v.name));
    for (const [i, v] of prepared.variants.entries()) {
      expect(v.config).not.toBe(r.scenario.variants[i].config);
      expect(v.config.functions.map((f) => f.name)).not.toContain('api');
      expect(v.config.tenants.count).toBeGreaterThan(r.scenario.variants[i].config.tenants.count);
    }
  });

  it('shares the loaded trace data between the variants', async () => {
    const r = loadScenario(yaml, join(dir, 'scenario.yaml'));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const [a, b] = (await prepareScenario(r.scenario, dir)).variants;
    expect(traceOf(a.config)?.data).not.toBeNull();
    expect(traceOf(a.config)?.data).toBe(traceOf(b.config)?.data);
  });
});

describe('prepareScenario: interruption', () => {
  it('rejects with TraceInterrupted when its signal is aborted while a trace loads, the loaded scenario left as it was', async () => {
    const big = mkdtempSync(join(tmpdir(), 'tenancy-prepare-'));
    try {
      const rows = Array.from({ length: 400_000 }, (_, i) => `app${i % 30},f${i % 4},${i + 1},0.5`);
      writeFileSync(join(big, 'big.csv'), `app,func,end_timestamp,duration\n${rows.join('\n')}\n`);
      const r = loadScenario(`name: big\nfunctions:\n  api: { runtime: python3.13, duration: 10ms }\ntraffic:\n  - function: api\n    trace: { format: azure2021, file: big.csv }\n`, join(big, 's.yaml'));
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      const before = JSON.stringify(r.scenario);
      const stop = new AbortController();
      let chunks = 0;
      const outcome = await prepareScenario(r.scenario, big, { signal: stop.signal, onProgress: () => (chunks++, stop.abort()) }).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(TraceInterrupted);
      expect(chunks).toBe(1);
      expect(JSON.stringify(r.scenario)).toBe(before);
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });
});

describe('prepareScenario: the limits on tenants and functions hold for traced ones', () => {
  /** A one-variant scenario replaying `trace` (a file in a fresh folder); `tenants` declared. */
  function traced(trace: string, format: string, tenants: number) {
    const folder = mkdtempSync(join(tmpdir(), 'tenancy-limits-'));
    made.push(folder);
    writeFileSync(join(folder, 't.csv'), trace);
    const r = loadScenario(
      `name: limits\nfunctions:\n  api: { runtime: python3.13, duration: 10ms }\ntenants: { count: ${tenants} }\ntraffic:\n  - function: api\n    trace: { format: ${format}, file: t.csv }\nvariants:\n  isolated: { tenancy: isolated }\n`,
      join(folder, 's.yaml'),
    );
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    return { scenario: r.scenario, folder };
  }

  it('the real limit: 999,999 declared tenants and 2 new ones in a trace are 1,000,001, refused with a located message', async () => {
    const { scenario, folder } = traced('timestamp,tenant\n0,tenant-5\n1,new-a\n2,new-b\n', 'csv', 999_999);
    const err = await prepareScenario(scenario, folder).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrepareError);
    expect((err as PrepareError).errors).toEqual([
      {
        file: join(folder, 's.yaml'), line: 7, col: 33, path: 'traffic[0].trace.file',
        message: 'the trace t.csv brings 2 tenants of its own: with the 999,999 declared, 1,000,001 tenants, more than the 1,000,000 a scenario can hold',
      },
    ]);
  });

  it('a lowered limit: reading stops at the row past it, located in the trace', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `app${i},f,${i + 1},0.5`);
    const { scenario, folder } = traced(`app,func,end_timestamp,duration\n${rows.join('\n')}\nbroken\n`, 'azure2021', 1);
    const err = await prepareScenario(scenario, folder, { limits: { tenants: 1000 } }).catch((e: unknown) => e);
    expect((err as PrepareError).errors).toEqual([
      { file: 't.csv', line: 1002, col: 1, path: 'traffic[0].trace', message: "this row brings the trace's distinct tenants (apps) to 1,001, more than the 1,000 a scenario can hold; reading stopped here" },
    ]);
  });

  it('a lowered cell limit holds for split trace functions', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `app${i % 3},f${i},${i + 1},0.5`);
    const { scenario, folder } = traced(`app,func,end_timestamp,duration\n${rows.join('\n')}\n`, 'azure2021', 1);
    for (const v of scenario.variants) if (v.config.traffic[0].pattern.type === 'trace') v.config.traffic[0].pattern.trace.splitFunctions = true;
    const err = await prepareScenario(scenario, folder, { limits: { cells: 100 } }).catch((e: unknown) => e);
    expect((err as PrepareError).errors.map((e) => e.message)).toEqual([
      '30 functions x 4 tenants (with those the traces name) is 120 (function, tenant) pairs, more than the 100 this tool holds in memory',
    ]);
  });
});

describe('prepareScenario: each problem once, not once per variant', () => {
  /** A scenario of `variants` (YAML) replaying `trace` (a CSV file) without an entry function. */
  function twoVariants(trace: string, variants: string) {
    const folder = mkdtempSync(join(tmpdir(), 'tenancy-once-'));
    made.push(folder);
    writeFileSync(join(folder, 't.csv'), trace);
    const r = loadScenario(`name: once\nfunctions:\n  api: { runtime: python3.13, duration: 10ms }\ntraffic:\n  - trace: { format: csv, file: t.csv }\nvariants:\n${variants}`, join(folder, 's.yaml'));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    return { scenario: r.scenario, folder };
  }

  it('a problem of the data found in every variant is listed once', async () => {
    const { scenario, folder } = twoVariants('timestamp,function\n0,api\n1,apj\n', '  shared: { tenancy: shared }\n  isolated: { tenancy: isolated }\n');
    const err = (await prepareScenario(scenario, folder).catch((e: unknown) => e)) as PrepareError;
    expect(err.errors.map((e) => [e.path, e.message])).toEqual([
      ['traffic[0].trace.file', "the trace t.csv names a function the scenario does not define: `apj`; did you mean `api`?; define them under functions, or set this entry's function to replay every row with one function"],
    ]);
  });

  it('one found in only some variants names them', async () => {
    const { scenario, folder } = twoVariants('timestamp,function,tenant\n0,api,new-a\n1,api,new-b\n', '  few: { tenants: { count: 5 } }\n  many: { tenants: { count: 999999 } }\n');
    const err = (await prepareScenario(scenario, folder).catch((e: unknown) => e)) as PrepareError;
    expect(err.errors.map((e) => e.message)).toEqual([
      'the trace t.csv brings 2 tenants of its own: with the 999,999 declared, 1,000,001 tenants, more than the 1,000,000 a scenario can hold (in variant `many`)',
    ]);
  });

  it('a trace file read in two ways (one per variant) lists the problems they share once, and those of each way', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenancy-once-'));
    made.push(folder);
    writeFileSync(join(folder, 't.csv'), 'timestamp,function\n1,api\n2,\nx\n');
    const entry = (unit: string) => `[{ function: api, trace: { format: csv, file: t.csv, timeUnit: ${unit} } }]`;
    const r = loadScenario(
      `name: once\nfunctions:\n  api: { runtime: python3.13, duration: 10ms }\ntraffic: ${entry('offset-s')}\nvariants:\n  offsets: {}\n  iso: { traffic: ${entry('iso8601')} }\n`,
      join(folder, 's.yaml'),
    );
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const err = (await prepareScenario(r.scenario, folder).catch((e: unknown) => e)) as PrepareError;
    expect(err.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'expected a function name, found an empty cell'],
      [4, 'expected 2 cells as in the header, found 1'],
      [2, 'expected an ISO 8601 time (2024-05-01T12:00:00.000Z), found "1"'],
      [3, 'expected an ISO 8601 time (2024-05-01T12:00:00.000Z), found "2"'],
    ]);
  });
});
