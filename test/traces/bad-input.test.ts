import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadTrace, MAX_PROBLEMS, TraceError, type TraceSpec } from '../../src/traces/index.js';
import { loadText, tempDir, traceError, writeTemp } from './helpers.js';

const A2021 = 'app,func,end_timestamp,duration\n';
const A2019 = 'HashOwner,HashApp,HashFunction,Trigger,1,2,3\n';
const CSV = 'timestamp,function,tenant,duration\n';
const FORMATS = [
  { spec: { format: 'azure2021' }, header: A2021, row: 'a,f,1,0.5' },
  { spec: { format: 'azure2019' }, header: A2019, row: 'o,a,f,http,1,2,3' },
  { spec: { format: 'csv' }, header: CSV, row: '1,f,t,5' },
] as const;

describe('files that are not there or not text', () => {
  test.each(FORMATS)('$spec.format: a missing file, a folder, an empty file', async ({ spec }) => {
    const dir = tempDir();
    const missing = await traceError(loadTrace({ ...spec, file: 'nope.csv' }, dir));
    expect(missing.problems).toEqual([{ file: 'nope.csv', line: 0, message: expect.stringMatching(/^file not found \(looked for .*nope\.csv\)$/) }]);
    expect((await traceError(loadTrace({ ...spec, file: '.' }, dir))).message).toMatch(/expected a file, found a folder/);
    const empty = await traceError(loadText('', spec));
    expect(empty.problems).toEqual([{ file: 't.csv', line: 1, message: expect.stringMatching(/empty/) }]);
    expect((await traceError(loadText('\n\n  \n', spec))).problems[0].line).toBeGreaterThanOrEqual(1);
  });

  test.each(FORMATS)('$spec.format: UTF-16 (both byte orders), gzip and RAR files are named as such', async ({ spec, header, row }) => {
    const text = header + row;
    const cases: [Buffer, RegExp][] = [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), /UTF-16.*FF FE.*save it as UTF-8/],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), /UTF-16.*FE FF/],
      [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), /gzip/],
      [Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), /RAR archive/],
    ];
    for (const [bytes, message] of cases) {
      const err = await traceError(loadText(bytes, spec));
      expect(err.problems).toEqual([{ file: 't.csv', line: 0, message: expect.stringMatching(message) }]);
    }
  });

  test.each(FORMATS)('$spec.format: invalid UTF-8 and NUL bytes are reported at their line and column', async ({ spec, header, row }) => {
    const bytes = Buffer.concat([Buffer.from(`${header}${row}\nxy`), Buffer.from([0xc3, 0x28]), Buffer.from(`\n${row}\nab\0c\n`)]);
    const err = await traceError(loadText(bytes, spec));
    expect(err.problems).toEqual([
      { file: 't.csv', line: 3, column: 3, message: expect.stringMatching(/invalid UTF-8/) },
      { file: 't.csv', line: 5, column: 3, message: expect.stringMatching(/NUL byte/) },
    ]);
  });

  test('UTF-16 without a byte order mark reads as NUL bytes, reported as such', async () => {
    const err = await traceError(loadText(Buffer.from(`${A2021}a,f,1,0\n`, 'utf16le'), { format: 'azure2021' }));
    expect(err.message).toMatch(/NUL byte.*UTF-16/);
  });

  test('a long run of bytes without a line break is not read into memory', async () => {
    const err = await traceError(loadText(Buffer.alloc(3 << 20, 'x'), { format: 'azure2021' }));
    expect(err.message).toMatch(/longer than 1048576 characters/);
  });
});

describe('broken rows: every problem with its place, up to the limit', () => {
  test('azure2021: cell counts, empty cells, non-numbers, negatives, NaN and Infinity', async () => {
    const rows = ['a,f,1', 'a,f,1,2,3', ',f,1,0', 'a,,1,0', 'a,f,x,0', 'a,f,1,-1', 'a,f,NaN,0', 'a,f,1,Infinity', 'a,f,,0', 'a,f, ,0', 'a,f,1,0'];
    const err = await traceError(loadText(A2021 + rows.join('\n'), { format: 'azure2021' }));
    expect(err.problems.map((p) => [p.line, p.column ?? null, p.message])).toEqual([
      [2, null, expect.stringMatching(/expected 4 cells .* found 3/)],
      [3, null, expect.stringMatching(/found 5/)],
      [4, 1, 'expected an app hash, found an empty cell'],
      [5, 3, 'expected a func hash, found an empty cell'],
      [6, 5, 'expected end_timestamp in seconds (a number), found "x"'],
      [7, 7, 'expected duration >= 0 seconds, found "-1"'],
      [8, 5, 'expected end_timestamp in seconds (a number), found "NaN"'],
      [9, 7, 'expected duration in seconds (a number), found "Infinity"'],
      [10, 5, 'expected end_timestamp in seconds, found an empty cell'],
      [11, 5, 'expected end_timestamp in seconds (a number), found " "'],
    ]);
  });

  test('azure2019: non-integer, negative and empty counts, wrong cell counts', async () => {
    const rows = ['o,a,f,http,1,2', 'o,a,f,http,1,2,3,4', 'o,a,f,http,1,2.5,3', 'o,a,f,http,-1,2,3', 'o,a,f,http,1,,3', 'o,,f,http,1,2,3', 'o,a,g,http,99999999999,0,0'];
    const err = await traceError(loadText(A2019 + rows.join('\n'), { format: 'azure2019' }));
    expect(err.problems.map((p) => [p.line, p.column ?? null, p.message])).toEqual([
      [2, null, 'expected 7 cells as in the header, found 6'],
      [3, null, 'expected 7 cells as in the header, found 8'],
      [4, 14, 'expected a whole number of invocations >= 0 for minute 2, found "2.5"'],
      [5, 12, 'expected a whole number of invocations >= 0 for minute 1, found "-1"'],
      [6, 14, 'expected a whole number of invocations up to 2147483647 for minute 2, found an empty cell'],
      [7, 3, 'expected a HashApp, found an empty cell'],
      [8, 12, 'expected a whole number of invocations up to 2147483647 for minute 1, found "99999999999"'],
    ]);
  });

  test('csv: wrong cell counts, bad times, empty function, bad durations, an unclosed quote', async () => {
    const rows = ['1,f', '1,f,t,x', 'abc,f,t,1', '2,,t,1', '3,f,t,-4', '4,"f,t,1', '5,f,t,1'];
    const err = await traceError(loadText(CSV + rows.join('\n'), { format: 'csv', timeUnit: 'offset-s' }));
    expect(err.problems.map((p) => [p.line, p.column ?? null, p.message])).toEqual([
      [2, null, 'expected 4 cells as in the header, found 2'],
      [3, 7, 'expected a duration >= 0 in ms (or an empty cell), found "x"'],
      [4, 1, 'expected seconds from the start of the trace (12.5), found "abc"'],
      [5, 3, 'expected a function name, found an empty cell'],
      [6, 7, 'expected a duration >= 0 in ms (or an empty cell), found "-4"'],
      [8, null, 'a quoted cell is not closed by the end of the file'],
    ]);
  });

  test.each(FORMATS)('$spec.format: line numbers stay right across 1 MiB chunks', async ({ spec, header, row }) => {
    const many = 60_000; // about 1.2 MB of rows before the broken one
    const bad = spec.format === 'azure2019' ? 'o,a,f,http,1,x,3' : spec.format === 'csv' ? '1,,t,5' : 'a,f,x,0';
    const err = await traceError(loadText(`${header}${`${row}\n`.repeat(many)}${bad}\n${row}\n`, spec));
    expect(err.problems.map((p) => p.line)).toEqual([many + 2]);
  });

  test('csv: a quoted cell over two lines and mixed line ends keep the line count', async () => {
    const err = await traceError(loadText(`${CSV}1,"f\ng",t,5\r\n2,f,t,5\n\n3,,t,5\r\n`, { format: 'csv' }));
    expect(err.problems).toEqual([{ file: 't.csv', line: 6, column: 3, message: 'expected a function name, found an empty cell' }]);
  });

  test(`more than ${MAX_PROBLEMS} problems: the first ${MAX_PROBLEMS} listed, the rest counted`, async () => {
    const err = await traceError(loadText(A2021 + 'a,f,x,0\n'.repeat(1000), { format: 'azure2021' }));
    expect(err.problems.length).toBe(MAX_PROBLEMS);
    expect(err.more).toBe(1000 - MAX_PROBLEMS);
    expect(err.problems.map((p) => p.line)).toEqual(Array.from({ length: MAX_PROBLEMS }, (_, i) => i + 2));
    expect(err.message.split('\n')[0]).toBe('t.csv:2:5: expected end_timestamp in seconds (a number), found "x"');
  });
});

describe('headers', () => {
  test('azure2021: a misspelt or reordered header', async () => {
    const typo = await traceError(loadText('app,func,end_timestap,duration\na,f,1,0\n', { format: 'azure2021' }));
    expect(typo.problems).toEqual([{ file: 't.csv', line: 1, message: expect.stringMatching(/`end_timestamp`.*did you mean `end_timestap`\?/) }]);
    const order = await traceError(loadText('func,app,end_timestamp,duration\nf,a,1,0\n', { format: 'azure2021' }));
    expect(order.message).toMatch(/in this order/);
  });

  test('azure2019: missing id columns, no minute columns, minutes not consecutive, a window outside the file', async () => {
    const cases: [string, Partial<TraceSpec>, RegExp][] = [
      ['HashOwner,HashApp,HashFunctoin,Trigger,1,2\no,a,f,http,1,1\n', {}, /`HashFunction`.*did you mean `HashFunctoin`\?/],
      ['HashOwner,HashApp,HashFunction,Trigger\no,a,f,http\n', {}, /expected minute columns/],
      ['HashOwner,HashApp,HashFunction,Trigger,1,2,4\no,a,f,http,1,1,1\n', {}, /expected the minute column 3 .* found "4"/],
      ['HashOwner,HashApp,HashFunction,Trigger,480,481\no,a,f,http,1,1\n', { window: { fromMinute: 479, toMinute: 481 } }, /window \[479, 481\) is outside the file's minutes 480\.\.481/],
    ];
    for (const [content, extra, message] of cases) {
      const err = await traceError(loadText(content, { format: 'azure2019', ...extra }));
      expect(err.problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(message) });
    }
  });

  test('azure2019: no invocations in the window', async () => {
    const err = await traceError(loadText(`${A2019}o,a,f,http,0,0,1\n`, { format: 'azure2019', window: { fromMinute: 1, toMinute: 3 } }));
    expect(err.message).toMatch(/no invocations in the minutes 1\.\.2/);
  });

  test('header but no rows', async () => {
    for (const { spec, header } of FORMATS) {
      const err = await traceError(loadText(header, spec));
      expect(err.message).toMatch(/no (invocations|rows)/);
    }
  });

  test('azure2019 side files: decreasing percentiles, a bad memory value, a missing column, a repeated row', async () => {
    const dir = writeTemp('inv.csv', `${A2019}o,a,f,http,1,2,3\no,a,g,http,1,0,0\n`);
    const p = 'percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100';
    writeTemp('dur.csv', `HashApp,HashFunction,${p}\na,f,1,2,3,2,5,6,7\na,g,1,2,3,4,5,6,7\na,g,1,2,3,4,5,6,7\n`, dir);
    writeTemp('mem.csv', 'HashFunction,AverageAllocatedMb_pct95\nf,12\n', dir);
    const err = await traceError(loadTrace({ format: 'azure2019', file: 'inv.csv', durationsFile: 'dur.csv', memoryFile: 'mem.csv' }, dir));
    expect(err.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['dur.csv', 2, expect.stringMatching(/do not make a distribution: empirical values must not decrease/)],
      ['dur.csv', 4, expect.stringMatching(/already has a row, on line 3/)],
      ['mem.csv', 1, expect.stringMatching(/`AverageAllocatedMb_pct99`.*did you mean `AverageAllocatedMb_pct95`\?/)],
    ]);
  });

  test('options that do not apply to the format are reported for the file as a whole', async () => {
    const err = await traceError(loadText(CSV, { format: 'csv', window: { fromMinute: 0, toMinute: 1 }, spread: 'poisson' }));
    expect(err.problems.map((p) => [p.line, p.message])).toEqual([
      [0, 'option `spread` applies only to the azure2019 format, not csv'],
      [0, 'option `window` applies only to the azure2019 format, not csv'],
    ]);
    const badWindow = await traceError(loadText(A2019, { format: 'azure2019', window: { fromMinute: 5, toMinute: 5 } }));
    expect(badWindow.message).toMatch(/fromMinute < toMinute/);
  });
});

describe('property: junk never escapes as anything but a TraceError', () => {
  const junkLine = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.oneof(fc.constantFrom('', ',', '"', '-1', '1e999', 'NaN', '0x10', ' ', '\r', '1', '2.5', 'a'), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((cells) => cells.join(',')),
  );
  const junkFile = fc.tuple(fc.boolean(), fc.array(junkLine, { maxLength: 12 }), fc.uint8Array({ maxLength: 30 }));

  test.each(FORMATS)('$spec.format', async ({ spec, header }) => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(junkFile, async ([withHeader, lines, bytes]) => {
        const file = `j${n++}.csv`;
        writeTemp(file, Buffer.concat([Buffer.from((withHeader ? header : '') + lines.join('\n')), Buffer.from(bytes)]), dir);
        try {
          const t = await loadTrace({ ...spec, file } as TraceSpec, dir);
          const c = t.cursor(Object.assign(() => 0.5, { double: () => 0.5 }));
          let last = -Infinity;
          for (let i = 0; i < 10_000 && c.next(); i++) {
            expect(c.timeMs).toBeGreaterThanOrEqual(last);
            last = c.timeMs;
          }
        } catch (err) {
          if (!(err instanceof TraceError)) throw err;
          expect(err.problems.length).toBeGreaterThan(0);
          for (const p of err.problems) expect(Number.isInteger(p.line) && p.line >= 0).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
