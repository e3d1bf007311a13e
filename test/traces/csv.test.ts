import { describe, expect, test } from 'vitest';
import { isoMs } from '../../src/traces/times.js';
import { drain, loadText, traceError } from './helpers.js';

/** [time, function, tenant, duration] of every arrival, by name. */
async function rows(content: string, spec: Parameters<typeof loadText>[1] = { format: 'csv' }) {
  const t = await loadText(content, spec);
  return drain(t).map((a) => [a.timeMs, t.functions[a.fn], a.tenant < 0 ? null : t.tenants[a.tenant], a.durationMs]);
}

describe('generic CSV: time units', () => {
  const body = (times: string[]) => `timestamp,function,tenant,duration\n${times.map((t, i) => `${t},f${i},t${i},${i}`).join('\n')}\n`;

  test.each([
    ['epoch-ms', ['1714564800000', '1714564800250.5', '1714564801000']],
    ['epoch-s', ['1714564800', '1714564800.2505', '1714564801']],
    ['iso8601', ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.2505Z', '2024-05-01T13:00:01+01:00']],
  ] as const)('%s: explicit and auto-detected; the earliest time is 0', async (timeUnit, times) => {
    const expected = [
      [0, 'f0', 't0', 0],
      [250.5, 'f1', 't1', 1],
      [1000, 'f2', 't2', 2],
    ];
    for (const spec of [{ format: 'csv', timeUnit }, { format: 'csv' }] as const) {
      const got = await rows(body([...times]), spec);
      expect(got.map((r) => [Number((r[0] as number).toFixed(6)), ...r.slice(1)])).toEqual(expected);
    }
  });

  test('offset-s is used as it is (not shifted to 0), explicit and auto', async () => {
    const content = body(['2.5', '2.75', '100']);
    for (const spec of [{ format: 'csv', timeUnit: 'offset-s' }, { format: 'csv' }] as const) {
      expect((await rows(content, spec)).map((r) => r[0])).toEqual([2500, 2750, 100_000]);
    }
  });

  test('auto: the thresholds between offset, epoch seconds and epoch ms', async () => {
    const one = async (t: string) => (await rows(`timestamp,function\n${t},f\n${t},g\n`)).map((r) => r[0]);
    expect(await one('100000000')).toEqual([100_000_000_000, 100_000_000_000]); // 1e8: offset seconds, kept
    expect(await one('100000001')).toEqual([0, 0]); // above 1e8: epoch seconds, shifted
    expect(await one('2024-01-01 00:00:00')).toEqual([0, 0]); // ISO with a space
  });

  test('ISO 8601 without a zone is UTC; offsets and sub-millisecond fractions are kept', () => {
    expect(isoMs('1970-01-01T00:00:01Z')).toBe(1000);
    expect(isoMs('1970-01-01T00:00:01')).toBe(1000);
    expect(isoMs('1970-01-01 01:00:00.0005+01:00')).toBeCloseTo(0.5, 9);
    expect(isoMs('1970-01-01T00:00:00-0130')).toBe(5_400_000);
    expect(isoMs('2024-02-30T00:00:00Z')).toBeNaN();
    expect(isoMs('2024-05-01T24:00:00Z')).toBeNaN();
    expect(isoMs('yesterday')).toBeNaN();
  });

  test('a number where the unit says ISO is an error at its cell', async () => {
    const err = await traceError(loadText('timestamp,function\n2024-05-01T00:00:00Z,f\n12,g\n', { format: 'csv' }));
    expect(err.problems).toEqual([{ file: 't.csv', line: 3, column: 1, message: expect.stringMatching(/expected an ISO 8601 time .* found "12"/) }]);
  });
});

describe('generic CSV: columns', () => {
  test('custom column names in any order; extra columns ignored', async () => {
    const content = 'who,extra,ms,when,what\nacme,x,12.5,1.5,api\n,y,,2,api\n';
    const got = await rows(content, { format: 'csv', columns: { time: 'when', function: 'what', tenant: 'who', duration: 'ms' } });
    expect(got).toEqual([
      [1500, 'api', 'acme', 12.5],
      [2000, 'api', null, NaN],
    ]);
  });

  test('without tenant and duration columns: no tenant, NaN durations; names matched case-insensitively', async () => {
    expect(await rows('Timestamp,Function\n0,a\n1,b\n')).toEqual([
      [0, 'a', null, NaN],
      [1000, 'b', null, NaN],
    ]);
  });

  test('durations in seconds', async () => {
    expect((await rows('timestamp,function,duration\n0,a,0.25\n', { format: 'csv', durationUnit: 's' }))[0][3]).toBe(250);
  });

  test('quoted cells (commas and quotes inside) and CRLF line ends', async () => {
    const got = await rows('"timestamp","function","tenant"\r\n"0","a, b","say ""hi"""\r\n1,c,\r\n');
    expect(got).toEqual([
      [0, 'a, b', 'say "hi"', NaN],
      [1000, 'c', null, NaN],
    ]);
  });

  test('mixed LF and CRLF line ends leave no \\r in cells', async () => {
    expect(await rows('timestamp,function,tenant\n0,a,t1\r\n1,b,t2\n')).toEqual([
      [0, 'a', 't1', NaN],
      [1000, 'b', 't2', NaN],
    ]);
  });

  test('the function column may be absent: every row then has no function name, for the entry\'s function', async () => {
    expect(await rows('timestamp,tenant,duration\n0,t1,5\n1,t2,\n')).toEqual([
      [0, '', 't1', 5],
      [1000, '', 't2', NaN],
    ]);
  });

  test('a missing named column is reported with a suggestion', async () => {
    const err = await traceError(loadText('time,fn,tenant\n0,a,t\n', { format: 'csv', columns: { time: 'time', function: 'function' } }));
    expect(err.problems).toEqual([{ file: 't.csv', line: 1, message: expect.stringMatching(/expected a column `function`.*found time,fn,tenant/) }]);
    const typo = await traceError(loadText('timestamp,function,tenants\n0,a,t\n', { format: 'csv' }));
    expect(typo.problems[0].message).toMatch(/expected a column `tenant`.*did you mean `tenants`\?/);
  });

  test('a semicolon-separated file is recognized as such in the message', async () => {
    const err = await traceError(loadText('timestamp;function\n0;a\n', { format: 'csv' }));
    expect(err.message).toMatch(/separated by commas/);
  });
});

describe('generic CSV: order', () => {
  const unsorted = 'timestamp,function\n0,a\n5,b\n3,c\n4,d\n1,e\n';

  test('unsorted rows are an error at the first row out of order', async () => {
    const err = await traceError(loadText(unsorted, { format: 'csv' }));
    expect(err.problems).toEqual([{ file: 't.csv', line: 4, column: 1, message: expect.stringMatching(/not in time order.*line 3.*sort: true/) }]);
  });

  test('sort: true sorts by time, ties in file order, and numbers functions by first appearance', async () => {
    const t = await loadText(`${unsorted}3,z\n`, { format: 'csv', sort: true });
    expect(drain(t).map((a) => [a.timeMs, t.functions[a.fn]])).toEqual([
      [0, 'a'],
      [1000, 'e'],
      [3000, 'c'],
      [3000, 'z'],
      [4000, 'd'],
      [5000, 'b'],
    ]);
    expect(t.functions).toEqual(['a', 'e', 'c', 'z', 'd', 'b']);
    expect(t.endMs).toBe(5000);
  });

  test('equal times are in order', async () => {
    expect((await rows('timestamp,function\n1,a\n1,b\n')).map((r) => r[1])).toEqual(['a', 'b']);
  });
});
