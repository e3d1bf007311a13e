/**
 * Structural errors stop the reading: binary data (a NUL byte) and a line longer than 1 MiB end a load at
 * once, reported once at their line and column, in every format; problems of single rows do not stop it.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTrace, type TraceSpec } from '../../src/traces/index.js';
import { loadText, tempDir, traceError } from './helpers.js';

const FORMATS = [
  { spec: { format: 'csv', timeUnit: 'offset-s' }, header: 'timestamp,function,tenant,duration\n', bad: '1,,t,5\n' },
  { spec: { format: 'azure2021' }, header: 'app,func,end_timestamp,duration\n', bad: 'a,f,x,0\n' },
  { spec: { format: 'azure2019' }, header: 'HashOwner,HashApp,HashFunction,Trigger,1,2,3\n', bad: 'o,a,f,http,1,x,3\n' },
] as const;

const LIMIT = 1 << 20;

/** `load`, or a rejection when it takes longer than `ms`. */
function within<T>(load: Promise<T>, ms = 5000): Promise<T> {
  return Promise.race([load, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still loading after ${ms} ms`)), ms).unref())]);
}

describe('binary data stops the reading', () => {
  test.each(FORMATS)('$spec.format: a 2 GiB sparse file (NUL bytes) gives one problem, after reading its start', async ({ spec, header }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sparse.csv'), header);
    truncateSync(join(dir, 'sparse.csv'), 2 ** 31);
    const err = await traceError(within(loadTrace({ ...spec, file: 'sparse.csv' } as TraceSpec, dir)));
    expect(err.problems).toEqual([{ file: 'sparse.csv', line: 2, column: 1, message: expect.stringMatching(/NUL byte.*binary/) }]);
    expect(err.more).toBe(0);
  });

  test.each(FORMATS)('$spec.format: a NUL byte in a row ends the load there; later rows are not read', async ({ spec, header, bad }) => {
    const err = await traceError(loadText(`${header}${bad}ab\0cd\n${bad.repeat(100)}`, spec));
    expect(err.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, expect.any(Number), expect.not.stringMatching(/NUL/)],
      [3, 3, expect.stringMatching(/NUL byte/)],
    ]);
    expect(err.more).toBe(0);
  });
});

describe('no line longer than 1 MiB is read', () => {
  test.each(FORMATS)('$spec.format: a line of 1 MiB is read; one of 1.5 MiB is reported once, at the column past the limit', async ({ spec, header, bad }) => {
    // the bad row with its last cell padded to make a line of exactly 1 MiB (its problem is reported, not its length)
    const longest = `${bad.slice(0, -2)}${'9'.repeat(LIMIT - bad.length + 2)}\n`;
    const err = await traceError(loadText(`${header}${longest}${'x'.repeat(1.5 * LIMIT)}\n${bad.repeat(100)}`, spec));
    expect(err.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, expect.any(Number), expect.not.stringMatching(/longer/)],
      [3, LIMIT + 1, expect.stringMatching(/^line 3 is longer than 1048576 characters \("x{40}\.\.\."\)/)],
    ]);
    expect(err.more).toBe(0);
  });

  test.each(FORMATS)('$spec.format: 5 MiB without a line break is reported once', async ({ spec, header }) => {
    const err = await traceError(loadText(`${header}${'y,'.repeat(2.5 * LIMIT)}`, spec));
    expect(err.problems).toEqual([{ file: 't.csv', line: 2, column: LIMIT + 1, message: expect.stringMatching(/^line 2 is longer than 1048576 characters/) }]);
    expect(err.more).toBe(0);
  });

  test('csv: a quoted cell that runs over many lines is one record, bounded like a line', async () => {
    const err = await traceError(loadText(`timestamp,function\n1,"${'z\n'.repeat(0.6 * LIMIT)}"\n2,f\n`, { format: 'csv' }));
    expect(err.problems).toEqual([{ file: 't.csv', line: expect.any(Number), message: expect.stringMatching(/record longer than 1048576 characters/) }]);
    expect(err.more).toBe(0);
  });
});
