import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { forkStream } from '../../src/engine/random.js';
import { lambdaMemoryMb } from '../../src/traces/azure2019-side.js';
import { loadTrace, type TraceData, type TraceSpec } from '../../src/traces/index.js';
import { drain, FIXTURES, rawCsv, totals, traceError, writeTemp } from './helpers.js';

const DAY = 'azure2019-sample10-fullday';
const CUT = 'azure2019-sample500-cut';
const MINUTE = 60_000;

/** The raw invocation counts of a fixture, with the header's minute numbers. */
function rawCounts(folder: string) {
  const { header, rows } = rawCsv(join(FIXTURES, folder, 'invocations.csv'));
  const minutes = header.slice(4).map(Number);
  return {
    minutes,
    rows: rows.map((r) => ({ owner: r[0], app: r[1], fn: r[2], counts: r.slice(4).map(Number) })),
  };
}

const specOf = (folder: string, extra: Partial<TraceSpec> = {}): TraceSpec => ({
  format: 'azure2019',
  file: `${folder}/invocations.csv`,
  durationsFile: `${folder}/durations.csv`,
  memoryFile: `${folder}/memory.csv`,
  ...extra,
});

/** Arrivals per (trace function, minute), function-major, and other totals, from one pass of a cursor. */
function tally(trace: TraceData, minutes: number, seed = 1) {
  const c = trace.cursor(forkStream(seed, 'trace'));
  const perMinute = new Int32Array(trace.functions.length * minutes);
  const perTenant = new Float64Array(trace.tenants.length);
  let n = 0;
  let last = -Infinity;
  let unsorted = 0;
  let outside = 0;
  while (c.next()) {
    n++;
    if (c.timeMs < last) unsorted++;
    last = c.timeMs;
    const m = Math.floor(c.timeMs / MINUTE);
    if (c.timeMs < 0 || m >= minutes) outside++;
    else perMinute[c.fn * minutes + m]++;
    perTenant[c.tenant]++;
  }
  return { n, unsorted, outside, perMinute, perTenant };
}

describe('Azure 2019 full day, 10 functions (real data, minute columns 1..1440)', async () => {
  const raw = rawCounts(DAY);
  const trace = await loadTrace(specOf(DAY), FIXTURES);
  const t = tally(trace, 1440);

  test('uniform spreading puts exactly each minute\'s count in that minute, in time order', () => {
    expect(raw.minutes[0]).toBe(1);
    expect(raw.minutes.length).toBe(1440);
    const total = raw.rows.reduce((s, r) => s + r.counts.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(13_037_064); // the daily totals listed in the data README add up to this
    expect(trace.arrivals).toBe(total);
    expect(t.n).toBe(total);
    expect(t.unsorted).toBe(0);
    expect(t.outside).toBe(0);
    expect(trace.endMs).toBe(1440 * MINUTE);
    for (const r of raw.rows) {
      const f = trace.functions.indexOf(r.fn);
      expect(Array.from(t.perMinute.subarray(f * 1440, (f + 1) * 1440))).toEqual(r.counts);
    }
  });

  test('tenants are apps by default, with per-app totals from the file', () => {
    const byApp = totals(raw.rows, (r) => r.app, (r) => r.counts.reduce((a, b) => a + b, 0));
    expect(Object.fromEntries(trace.tenants.map((a, i) => [a, t.perTenant[i]]))).toEqual(byApp);
  });

  test('memory: AverageAllocatedMb_pct99 rounded up to a Lambda size', () => {
    const mem = rawCsv(join(FIXTURES, DAY, 'memory.csv'));
    const col = mem.header.indexOf('AverageAllocatedMb_pct99');
    const fnCol = mem.header.indexOf('HashFunction');
    const expected = trace.functions.map((f) => Math.max(128, Math.ceil(Number(mem.rows.find((r) => r[fnCol] === f)![col]))));
    expect(trace.functionMemoryMb).toEqual(expected);
    expect(expected).toContain(245); // the first function's p99 (245 MB) stays as it is
  });

  test('durations stay within [p0, p100] and follow the percentiles (seed fixed; median within 1 percentage point)', () => {
    const dur = rawCsv(join(FIXTURES, DAY, 'durations.csv'));
    const col = (p: number) => dur.header.indexOf(`percentile_Average_${p}`);
    const c = trace.cursor(forkStream(2, 'trace'));
    const below = new Float64Array(trace.functions.length);
    const seen = new Float64Array(trace.functions.length);
    const range = trace.functions.map((f) => {
      const r = dur.rows.find((row) => row[2] === f)!;
      return [Number(r[col(0)]), Number(r[col(50)]), Number(r[col(100)])];
    });
    let outOfRange = 0;
    for (let i = 0; i < 2_000_000 && c.next(); i++) {
      const [lo, median, hi] = range[c.fn];
      if (!(c.durationMs >= lo && c.durationMs <= hi)) outOfRange++;
      seen[c.fn]++;
      if (c.durationMs <= median) below[c.fn]++;
    }
    expect(outOfRange).toBe(0);
    const checked = [...seen.keys()].filter((f) => seen[f] > 50_000);
    expect(checked.length).toBe(7); // of the 10 functions: the medians below are checked for these
    for (const f of checked) expect(Math.abs(below[f] / seen[f] - 0.5)).toBeLessThan(0.01);
  });
});

describe('Azure 2019 8-hour cut (real data, minute columns 480..959)', async () => {
  const raw = rawCounts(CUT);
  const rowTotal = (r: { counts: number[] }, from = 0, to = r.counts.length) => r.counts.slice(from, to).reduce((a, b) => a + b, 0);

  test('the header\'s minute numbers are used; all functions are there; per-minute counts are exact', async () => {
    const trace = await loadTrace(specOf(CUT), FIXTURES);
    expect(raw.minutes[0]).toBe(480);
    expect(raw.minutes.at(-1)).toBe(959);
    const t = tally(trace, 480);
    expect(t.unsorted).toBe(0);
    expect(trace.functions.length).toBe(raw.rows.filter((r) => rowTotal(r) > 0).length);
    expect(t.n).toBe(raw.rows.reduce((s, r) => s + rowTotal(r), 0));
    for (const r of raw.rows) {
      const f = trace.functions.indexOf(r.fn);
      if (f < 0) expect(rowTotal(r)).toBe(0);
      else expect(Array.from(t.perMinute.subarray(f * 480, (f + 1) * 480))).toEqual(r.counts);
    }
  });

  test('window [600, 660): time 0 is the start of minute 600; only those minutes; idle functions left out', async () => {
    const trace = await loadTrace(specOf(CUT, { window: { fromMinute: 600, toMinute: 660 } }), FIXTURES);
    const [from, to] = [600 - 480, 660 - 480];
    const active = raw.rows.filter((r) => rowTotal(r, from, to) > 0);
    expect(active.length).toBeLessThan(raw.rows.length);
    expect(trace.functions.length).toBe(active.length);
    expect(trace.endMs).toBe(60 * MINUTE);
    const t = tally(trace, 60);
    expect(t.outside).toBe(0);
    expect(t.unsorted).toBe(0);
    expect(t.n).toBe(active.reduce((s, r) => s + rowTotal(r, from, to), 0));
    expect(trace.arrivals).toBe(t.n);
    for (const r of active) {
      const f = trace.functions.indexOf(r.fn);
      expect(Array.from(t.perMinute.subarray(f * 60, (f + 1) * 60))).toEqual(r.counts.slice(from, to));
    }
  });

  test('functions are ordered by their first minute, then by row', async () => {
    const trace = await loadTrace(specOf(CUT), FIXTURES);
    const firstMinute = (r: { counts: number[] }) => r.counts.findIndex((c) => c > 0);
    const expected = raw.rows
      .map((r, i) => ({ fn: r.fn, first: firstMinute(r), i }))
      .filter((r) => r.first >= 0)
      .sort((a, b) => a.first - b.first || a.i - b.i)
      .map((r) => r.fn);
    expect(trace.functions).toEqual(expected);
  });

  test('tenantFrom owner, app and function give the owners, apps and functions, with their totals', async () => {
    for (const [tenantFrom, col] of [['owner', 'owner'], ['app', 'app'], ['function', 'fn']] as const) {
      const trace = await loadTrace(specOf(CUT, { tenantFrom }), FIXTURES);
      const t = tally(trace, 480);
      const expected = totals(raw.rows.filter((r) => rowTotal(r) > 0), (r) => r[col], (r) => rowTotal(r));
      expect(Object.fromEntries(trace.tenants.map((x, i) => [x, t.perTenant[i]]))).toEqual(expected);
    }
    const owners = await loadTrace(specOf(CUT, { tenantFrom: 'owner' }), FIXTURES);
    const apps = await loadTrace(specOf(CUT, { tenantFrom: 'app' }), FIXTURES);
    expect(owners.tenants.length).toBeLessThan(apps.tenants.length);
  });

  test('Poisson spreading: totals have the right mean (seed fixed; every function within 4 sd, the sum within 3 sd)', async () => {
    const trace = await loadTrace(specOf(CUT, { spread: 'poisson' }), FIXTURES);
    const t = tally(trace, 480, 3);
    const mean = raw.rows.reduce((s, r) => s + rowTotal(r), 0);
    expect(trace.arrivals).toBe(mean);
    expect(t.unsorted).toBe(0);
    expect(t.outside).toBe(0);
    expect(Math.abs(t.n - mean)).toBeLessThan(3 * Math.sqrt(mean));
    expect(t.n).not.toBe(mean); // it is random, not the counts again
    for (const r of raw.rows) {
      const f = trace.functions.indexOf(r.fn);
      if (f < 0) continue;
      const got = t.perMinute.subarray(f * 480, (f + 1) * 480).reduce((a, b) => a + b, 0);
      expect(Math.abs(got - rowTotal(r))).toBeLessThanOrEqual(4 * Math.sqrt(rowTotal(r)) + 1);
      // a minute with count 0 has rate 0: no arrivals there
      r.counts.forEach((c, m) => c === 0 && expect(t.perMinute[f * 480 + m]).toBe(0));
    }
  });

  test('memory is joined by HashFunction from a file with HashFunction first; small and fractional MB become 128', async () => {
    const trace = await loadTrace(specOf(CUT), FIXTURES);
    const mem = rawCsv(join(FIXTURES, CUT, 'memory.csv'));
    expect(mem.header[0]).toBe('HashFunction');
    const col = mem.header.indexOf('AverageAllocatedMb_pct99');
    const byFn = new Map(mem.rows.map((r) => [r[0], Number(r[col])]));
    expect(trace.functionMemoryMb).toEqual(trace.functions.map((f) => Math.max(128, Math.ceil(byFn.get(f)!))));
    expect([...byFn.values()].some((v) => v < 128 && !Number.isInteger(v))).toBe(true);
    expect([...byFn.values()].some((v) => v > 128)).toBe(true);
  });

  test('same stream, same arrivals; another stream, other times', async () => {
    const trace = await loadTrace(specOf(CUT, { window: { fromMinute: 480, toMinute: 500 } }), FIXTURES);
    const a = drain(trace, forkStream(9, 'x'));
    expect(drain(trace, forkStream(9, 'x'))).toEqual(a);
    const b = drain(trace, forkStream(10, 'x'));
    expect(b.length).toBe(a.length);
    expect(b.map((x) => x.timeMs)).not.toEqual(a.map((x) => x.timeMs));
  });
});

describe('Azure 2019 side files', () => {
  const header = `HashOwner,HashApp,HashFunction,Trigger,1,2\n`;
  const invocations = `${header}o,a,f,http,2,0\no,a,g,http,0,3\n`;
  const durHeader = 'HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100\n';

  test('without side files: durations NaN, no memory', async () => {
    const dir = writeTemp('inv.csv', invocations);
    const trace = await loadTrace({ format: 'azure2019', file: 'inv.csv' }, dir);
    expect(trace.functionMemoryMb).toBeUndefined();
    expect(drain(trace, forkStream(1, 't')).every((a) => Number.isNaN(a.durationMs))).toBe(true);
  });

  test('a function without a durations or memory row gets NaN durations and null memory', async () => {
    const dir = writeTemp('inv.csv', invocations);
    writeTemp('dur.csv', `${durHeader}o,a,f,5,2,1,9,1,2,3,4,5,6,7\n`, dir);
    writeTemp('mem.csv', 'HashFunction,HashApp,AverageAllocatedMb_pct99\ng,a,128.5\n', dir);
    const trace = await loadTrace({ format: 'azure2019', file: 'inv.csv', durationsFile: 'dur.csv', memoryFile: 'mem.csv' }, dir);
    expect(trace.functions).toEqual(['f', 'g']);
    expect(trace.functionMemoryMb).toEqual([null, 129]);
    const arrivals = drain(trace, forkStream(1, 't'));
    expect(arrivals.map((a) => a.fn)).toEqual([0, 0, 1, 1, 1]);
    for (const a of arrivals) {
      if (a.fn === 0) expect(a.durationMs).toBeGreaterThanOrEqual(1), expect(a.durationMs).toBeLessThanOrEqual(7);
      else expect(a.durationMs).toBeNaN();
    }
  });

  test('Lambda memory sizes: whole MB, at least 128, at most 10,240', () => {
    expect([0, 2.34, 128, 128.01, 245, 615.5, 10_240, 20_000].map(lambdaMemoryMb)).toEqual([128, 128, 128, 129, 245, 616, 10_240, 10_240]);
  });
});
