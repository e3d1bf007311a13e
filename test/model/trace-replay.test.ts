/**
 * Trace replay end to end: the real Azure Functions 2021 head sample replayed with apps as tenants, in both
 * tenancies, against the file read independently here; and the located errors of traces that do not fit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulation.js';
import { tenantIdOf } from '../../src/model/tenants.js';
import { loadScenario } from '../../src/scenario/index.js';
import { PrepareError, prepareScenario } from '../../src/scenario/prepare.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'traces');
const file2021 = join(fixtures, 'azure2021-head200', 'Azure2021_200.csv');

/** The 2021 sample read plainly: one { app, func, start, duration } per data row. */
function rows2021() {
  return readFileSync(file2021, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [app, func, end, duration] = line.split(',');
    return { app, func, start: (Number(end) - Number(duration)) * 1000, duration: Number(duration) * 1000 };
  });
}

async function load(yaml: string, dir = fixtures) {
  const r = loadScenario(yaml, join(dir, 'scenario.yaml'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return prepareScenario(r.scenario, dir);
}

const scenario2021 = `name: t21
functions:
  api: { runtime: python3.13, memoryMb: 256, duration: 100ms, timeout: 900s }
traffic:
  - function: api
    trace: { format: azure2021, file: azure2021-head200/Azure2021_200.csv }
`;

describe('the Azure 2021 head sample, apps as tenants', () => {
  it('runs end to end in both modes: every row once, at end - duration, with its duration, as its app', async () => {
    const rows = rows2021();
    const s = await load(scenario2021);
    expect(s.variants.map((v) => v.name)).toEqual(['shared', 'isolated']);
    const apps = [...new Set(rows.map((r) => r.app))];
    const byVariant: Record<string, { cold: number; envTenants: Map<number, Set<string>> }> = {};
    for (const v of s.variants) {
      const c = v.config;
      expect(c.tenants.count).toBe(apps.length);
      expect(c.tenants.groups.map((g) => g.name)).toEqual(['trace']);
      const width = c.tenants.count + 1;
      const seen: { app: string; start: number; run: number }[] = [];
      const envTenants = new Map<number, Set<string>>();
      let cold = 0;
      const record = simulate(c, v.name, {
        observer: {
          started(_now, arrivedAt, env, cell, isCold, runMs) {
            const app = tenantIdOf(c.tenants, (cell % width) - 1);
            seen.push({ app, start: arrivedAt, run: runMs });
            if (!envTenants.has(env)) envTenants.set(env, new Set());
            envTenants.get(env)!.add(app);
            if (isCold) cold++;
          },
        },
      });
      expect(record.functions[0].invocations).toBe(rows.length);
      expect(record.functions[0].completed).toBe(rows.length);
      const key = (x: { app: string; start: number; run: number }) => `${x.app} ${x.start.toFixed(3)} ${x.run.toFixed(3)}`;
      expect(seen.map(key).sort()).toEqual(rows.map((r) => key({ app: r.app, start: r.start, run: r.duration })).sort());
      byVariant[v.name] = { cold, envTenants };
    }
    // isolation: no environment serves two apps, and every app pays at least its own first cold start
    expect([...byVariant.isolated.envTenants.values()].every((t) => t.size === 1)).toBe(true);
    expect(byVariant.isolated.cold).toBeGreaterThanOrEqual(apps.length);
    expect(byVariant.isolated.cold).toBeGreaterThan(byVariant.shared.cold);
    expect([...byVariant.shared.envTenants.values()].some((t) => t.size > 1)).toBe(true);
  });

  it('a start offset shifts the replay; a count stops it', async () => {
    const s = await load(scenario2021.replace('    trace:', '    start: 1h\n    count: 50\n    trace:'));
    const v = s.variants[0];
    let first = Infinity;
    const record = simulate(v.config, v.name, { observer: { started: (_n, at) => void (first = Math.min(first, at)) } });
    expect(record.functions[0].invocations).toBe(50);
    expect(first).toBeCloseTo(3_600_000 + Math.min(...rows2021().map((r) => r.start)), 6);
  });
});

describe('a generic CSV trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-trace-'));
  const yaml = (extra = '') => `name: csv
functions:
  orders: { runtime: nodejs22.x, duration: 20ms }
  search: { runtime: nodejs22.x, duration: 30ms }
tenants: { count: 3, idPattern: "acme-{i}" }
traffic:
  - { trace: { format: csv, file: calls.csv${extra} } }
`;

  it('maps its function column onto the scenario functions and its tenants onto the declared ones (adding new ones)', async () => {
    writeFileSync(join(dir, 'calls.csv'), 'timestamp,function,tenant\n0,orders,acme-1\n1.5,search,acme-2\n2,orders,globex\n');
    const s = await load(yaml(', timeUnit: offset-s'), dir);
    const c = s.variants[1].config;
    expect(c.tenants.count).toBe(4);
    expect(c.tenants.groups.map((g) => [g.name, g.count])).toEqual([['all', 3], ['trace', 1]]);
    const record = simulate(c, 'isolated');
    expect(record.functions.map((f) => f.invocations)).toEqual([2, 1]);
    expect(record.cells.invocations[0 * 5 + 4]).toBe(1); // orders x globex (tenant index 3)
  });

  it('names trace functions the scenario lacks, with a suggestion, located at the trace key', async () => {
    writeFileSync(join(dir, 'calls.csv'), 'timestamp,function,tenant\n0,order,acme-1\n');
    const err = await load(yaml(', timeUnit: offset-s'), dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrepareError);
    const [e] = (err as PrepareError).errors;
    expect(e.line).toBe(7);
    expect(e.message).toMatch(/names a function the scenario does not define: `order`; did you mean `orders`\?/);
  });

  it('reports a broken row at its line in the trace file', async () => {
    writeFileSync(join(dir, 'calls.csv'), 'timestamp,function,tenant\n0,orders,acme-1\nsoon,orders,acme-2\n');
    const err = (await load(yaml(', timeUnit: offset-s'), dir).catch((e: unknown) => e)) as PrepareError;
    expect(err).toBeInstanceOf(PrepareError);
    expect(err.errors[0].file).toMatch(/calls\.csv$/);
    expect(err.errors[0].line).toBe(3);
  });

  it('reports a missing trace file', async () => {
    const err = (await load(yaml().replace('calls.csv', 'nowhere.csv'), dir).catch((e: unknown) => e)) as PrepareError;
    expect(err).toBeInstanceOf(PrepareError);
    expect(err.errors[0].message).toMatch(/nowhere\.csv/);
  });
});

describe('an Azure 2019 trace with splitFunctions', () => {
  it('gives each trace function its own copy of the function, with its memory rounded up and its exact counts', async () => {
    const dir = join(fixtures, 'azure2019-sample10-fullday');
    const s = await load(`name: t19
functions:
  api: { runtime: python3.13, memoryMb: 256, duration: 100ms, timeout: 900s }
traffic:
  - function: api
    trace: { format: azure2019, file: invocations.csv, memoryFile: memory.csv, durationsFile: durations.csv, window: { fromMinute: 600, toMinute: 660 }, splitFunctions: true }
`, dir);
    // the file read plainly: per-function counts in minutes 600..659, and pct99 memory rounded up
    const inv = readFileSync(join(dir, 'invocations.csv'), 'utf8').trim().split('\n');
    const header = inv[0].split(',');
    const from = header.indexOf('600');
    const totals = new Map(inv.slice(1).map((l) => {
      const c = l.split(',');
      return [c[2], c.slice(from, from + 60).reduce((a, x) => a + Number(x), 0)] as const;
    }));
    const mem = new Map(readFileSync(join(dir, 'memory.csv'), 'utf8').trim().split('\n').slice(1).map((l) => {
      const c = l.split(',');
      return [c[2], Math.max(128, Math.ceil(Number(c[11])))] as const;
    }));
    const c = s.variants[1].config;
    const data = c.traffic[0].pattern.type === 'trace' ? c.traffic[0].pattern.trace.data! : null;
    expect(c.functions.map((f) => f.name)).toEqual(data!.functions.map((_f, k) => `api-${k + 1}`));
    expect(c.functions.map((f) => f.memoryMb)).toEqual(data!.functions.map((key) => mem.get(key.split('/').pop()!)));
    const record = simulate(c, 'isolated', {});
    expect(record.functions.map((f) => f.invocations)).toEqual(data!.functions.map((key) => totals.get(key.split('/').pop()!)));
  });

  it('refuses to copy reserved concurrency', async () => {
    const dir = join(fixtures, 'azure2019-sample10-fullday');
    const err = await load(`name: t19
functions:
  api: { runtime: python3.13, duration: 100ms, reservedConcurrency: 50 }
traffic:
  - function: api
    trace: { format: azure2019, file: invocations.csv, splitFunctions: true }
`, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrepareError);
    expect((err as PrepareError).errors[0].message).toMatch(/would copy api's reserved or provisioned concurrency/);
  });
});
