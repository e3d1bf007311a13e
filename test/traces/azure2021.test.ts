import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTrace } from '../../src/traces/index.js';
import { drain, FIXTURES, loadText, rawCsv, totals, traceError } from './helpers.js';

const FILE = 'azure2021-head200/Azure2021_200.csv';
const raw = rawCsv(join(FIXTURES, FILE));
const refuse = (): never => {
  throw new Error('the 2021 cursor must not draw random numbers');
};
const throwingRng = Object.assign(refuse, { double: refuse });

describe('Azure 2021 head sample (real data)', async () => {
  const trace = await loadTrace({ format: 'azure2021', file: FILE }, FIXTURES);
  const arrivals = drain(trace, throwingRng);

  test('one arrival per data row; 13 apps and 31 functions, as the data README says', () => {
    expect(raw.header).toEqual(['app', 'func', 'end_timestamp', 'duration']);
    expect(raw.rows.length).toBe(199);
    expect(trace.arrivals).toBe(199);
    expect(arrivals.length).toBe(199);
    expect(new Set(raw.rows.map((r) => r[0])).size).toBe(13);
    expect(new Set(raw.rows.map((r) => `${r[0]},${r[1]}`)).size).toBe(31);
    expect(trace.tenants.length).toBe(13);
    expect(trace.functions.length).toBe(31);
    expect(trace.format).toBe('azure2021');
    expect(trace.file).toBe(FILE);
  });

  test('the exact sequence: start = end - duration, sorted by start, ties in file order', () => {
    const expected = raw.rows
      .map((r, i) => ({ i, fn: r[1], app: r[0], timeMs: Math.max(0, (Number(r[2]) - Number(r[3])) * 1000), durationMs: Number(r[3]) * 1000 }))
      .sort((a, b) => a.timeMs - b.timeMs || a.i - b.i);
    expect(arrivals.map((a) => [a.timeMs, trace.functions[a.fn], trace.tenants[a.tenant], a.durationMs])).toEqual(
      expected.map((e) => [e.timeMs, e.fn, e.app, e.durationMs]),
    );
    expect(raw.rows.every((r) => Number(r[2]) >= Number(r[3]))).toBe(true); // no clamping needed in this sample
    expect(trace.endMs).toBe(expected[expected.length - 1].timeMs);
  });

  test('per-function and per-tenant totals match the file', () => {
    expect(totals(arrivals, (a) => trace.functions[a.fn])).toEqual(totals(raw.rows, (r) => r[1]));
    expect(totals(arrivals, (a) => trace.tenants[a.tenant])).toEqual(totals(raw.rows, (r) => r[0]));
    const ms = (x: number) => Math.round(x * 1e6);
    expect(totals(arrivals, (a) => trace.functions[a.fn], (a) => ms(a.durationMs))).toEqual(totals(raw.rows, (r) => r[1], (r) => ms(Number(r[3]) * 1000)));
  });

  test('functions and tenants are numbered in order of first appearance in time', () => {
    const firstSeen = (ids: number[]) => ids.filter((id, i) => ids.indexOf(id) === i);
    expect(firstSeen(arrivals.map((a) => a.fn))).toEqual([...trace.functions.keys()]);
    expect(firstSeen(arrivals.map((a) => a.tenant))).toEqual([...trace.tenants.keys()]);
  });

  test('every cursor replays the same arrivals', () => {
    expect(drain(trace, throwingRng)).toEqual(arrivals);
  });

  test('tenantFrom function: one tenant per function', async () => {
    const t = await loadTrace({ format: 'azure2021', file: FILE, tenantFrom: 'function' }, FIXTURES);
    expect(t.tenants).toEqual(t.functions);
    expect(drain(t).every((a) => a.tenant === a.fn)).toBe(true);
  });

  test('tenantFrom owner is rejected: the 2021 trace has no owner', async () => {
    const err = await traceError(loadTrace({ format: 'azure2021', file: FILE, tenantFrom: 'owner' }, FIXTURES));
    expect(err.problems[0]).toMatchObject({ file: FILE, line: 0 });
    expect(err.message).toMatch(/no owner column/);
  });
});

describe('Azure 2021 edge cases', () => {
  const HEADER = 'app,func,end_timestamp,duration\n';

  test('a start before the origin is replayed at 0 with its full duration', async () => {
    const t = await loadText(`${HEADER}a,f,0.5,1.25\na,f,3,1\n`, { format: 'azure2021' });
    expect(drain(t)).toEqual([
      { timeMs: 0, fn: 0, tenant: 0, durationMs: 1250 },
      { timeMs: 2000, fn: 0, tenant: 0, durationMs: 1000 },
    ]);
  });

  test('a func hash under two apps is keyed app/func; unique ones keep the bare hash', async () => {
    const t = await loadText(`${HEADER}a1,f,1,0\na2,f,2,0\na2,g,3,0\n`, { format: 'azure2021' });
    expect(t.functions).toEqual(['a1/f', 'a2/f', 'g']);
    expect(t.tenants).toEqual(['a1', 'a2']);
  });

  test('CRLF line ends, a UTF-8 byte order mark and a missing final line break are fine', async () => {
    const t = await loadText(`\uFEFF${HEADER.replace('\n', '\r\n')}a,f,2,1\r\na,g,1,0.5`, { format: 'azure2021' });
    expect(drain(t).map((a) => [a.timeMs, t.functions[a.fn]])).toEqual([[500, 'g'], [1000, 'f']]);
  });

  test('equal starts keep file order', async () => {
    const t = await loadText(`${HEADER}a,x,2,1\na,y,1.5,0.5\na,z,1,0\n`, { format: 'azure2021' });
    expect(drain(t).map((a) => t.functions[a.fn])).toEqual(['x', 'y', 'z']);
  });
});
