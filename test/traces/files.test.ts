/**
 * What a trace may name and what its errors may repeat: only regular files are read (a named pipe, a device
 * or a folder is refused before anything is read, so none of them can hang a load), and a file that fails
 * the format check is quoted only as a short excerpt with its control characters escaped.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTrace, type TraceSpec } from '../../src/traces/index.js';
import { loadText, tempDir, traceError } from './helpers.js';

const FORMATS = [{ format: 'csv' }, { format: 'azure2021' }, { format: 'azure2019' }] as const;

/** `load`, or a rejection when it takes longer than `ms` (a read that blocks must fail the test, not hang it). */
function within<T>(load: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([load, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still loading after ${ms} ms`)), ms).unref())]);
}

describe('only regular files are read', () => {
  test.each(FORMATS)('$format: a named pipe, a link to one, a character device and a folder are refused at once', async (spec) => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync(join(dir, 'pipe'), join(dir, 'link'));
    const cases: [string, RegExp][] = [
      ['pipe', /^expected a regular file, found a named pipe \(FIFO\) \(.*pipe\)$/],
      ['link', /^expected a regular file, found a named pipe \(FIFO\)/],
      ['/dev/zero', /^expected a regular file, found a character device \(\/dev\/zero\)$/],
      ['.', /^expected a file, found a folder/],
    ];
    for (const [file, message] of cases) {
      const err = await traceError(within(loadTrace({ ...spec, file } as TraceSpec, dir)));
      expect(err.problems).toEqual([{ file, line: 0, message: expect.stringMatching(message) }]);
    }
  });

  test('an Azure 2019 side file that is not a regular file is refused too', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'durations.csv')]);
    writeFileSync(join(dir, 'inv.csv'), 'HashOwner,HashApp,HashFunction,Trigger,1\no,a,f,http,1\n');
    const err = await traceError(within(loadTrace({ format: 'azure2019', file: 'inv.csv', durationsFile: 'durations.csv' }, dir)));
    expect(err.problems).toEqual([{ file: 'durations.csv', line: 0, message: expect.stringMatching(/found a named pipe/) }]);
  });
});

/** Control characters a terminal would act on, and text that must not reach the user whole. */
const SECRET = `root:$6$${'s3cr3t'.repeat(30)}:19000:0:99999:7:::`;
const HOSTILE = '\u001b[2J\u009b31m\u202eevil\u2028\u0007';

describe('a file that fails the format check is quoted as a short, escaped excerpt', () => {
  test.each(FORMATS)('$format: a foreign first line (a password file) is cut to about 40 characters', async (spec) => {
    const err = await traceError(loadText(`${SECRET}\nbin:x:1:1\n`, spec));
    expect(err.problems.some((p) => p.message.includes(SECRET.slice(0, 20)))).toBe(true);
    for (const p of err.problems) expect(p.message).not.toContain(SECRET.slice(0, 60));
  });

  test.each(FORMATS)('$format: control, bidirectional and separator characters in a header are escaped', async (spec) => {
    const err = await traceError(loadText(`${HOSTILE},${HOSTILE}\n1,2\n`, spec));
    expect(err.problems.length).toBeGreaterThan(0);
    // eslint-disable-next-line no-control-regex
    for (const p of err.problems) expect(p.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(err.problems.map((p) => p.message).join('\n')).toMatch(/\\u001b\[2J\\u009b31m\\u202eevil\\u2028\\u0007/);
  });

  test('a near-miss column name in "did you mean" is escaped too', async () => {
    const err = await traceError(loadText('timestamp,function,tenant\u0085\n1,f,t\n', { format: 'csv' }));
    expect(err.problems[0].message).toMatch(/did you mean `tenant\\u0085`\?/);
  });

  test('a bad cell is escaped in the message', async () => {
    const err = await traceError(loadText(`app,func,end_timestamp,duration\na,f,1\u202e2,0\n`, { format: 'azure2021' }));
    expect(err.problems).toEqual([{ file: 't.csv', line: 2, column: 5, message: 'expected end_timestamp in seconds (a number), found "1\\u202e2"' }]);
  });

  test('a CSV quoting error does not repeat the cell it found the quote in', async () => {
    const cell = 'x'.repeat(5000);
    const err = await traceError(loadText(`timestamp,function\n1,${cell}"y\n2,f\n`, { format: 'csv' }));
    expect(err.problems).toEqual([{ file: 't.csv', line: 2, message: expect.stringMatching(/quote/) }]);
    expect(err.problems[0].message.length).toBeLessThan(200);
  });
});
