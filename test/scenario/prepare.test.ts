/**
 * prepareScenario returns a new scenario and leaves the loaded one as it was: the loaded variants keep no
 * trace data, their functions and tenants; the prepared variants share one copy of each trace's data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioConfig } from '../../src/model/config.js';
import { loadScenario } from '../../src/scenario/index.js';
import { prepareScenario } from '../../src/scenario/prepare.js';
import { TraceInterrupted } from '../../src/traces/index.js';

const dir = resolve(import.meta.dirname, '..', 'fixtures', 'traces', 'azure2019-sample10-fullday');

const yaml = `name: split
functions:
  api: { runtime: python3.13, memoryMb: 256, duration: 100ms, timeout: 900s }
traffic:
  - function: api
    trace: { format: azure2019, file: invocations.csv, memoryFile: memory.csv, durationsFile: durations.csv, window: { fromMinute: 600, toMinute: 610 }, splitFunctions: true }
`;

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
