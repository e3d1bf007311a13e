/**
 * Hostile traces through the command line: generated broken trace files (broken rows, unsorted rows, wrong
 * encodings, binary junk) behind a valid scenario must each give located messages and exit code 2 from
 * `validate` and `run`, never an internal error, and `run` must leave earlier results alone. Replay a
 * failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run test/cli/bad-traces.test.ts
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const dir = mkdtempSync(join(tmpdir(), 'tenancy-bad-traces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  return cliWith(undefined, ...argv);
}

async function cliWith(signal: AbortSignal | undefined, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir, signal });
  return { code, stdout, stderr };
}

const FORMATS = {
  csv: { header: 'timestamp,function,tenant,duration', row: (i: number) => `${i * 10},api,t${i % 5},${20 + (i % 7)}`, extra: ', timeUnit: offset-s' },
  azure2021: { header: 'app,func,end_timestamp,duration', row: (i: number) => `app${i % 4},fn${i % 3},${(i + 1) * 0.5},0.25`, extra: '' },
  azure2019: { header: 'HashOwner,HashApp,HashFunction,Trigger,1,2,3', row: (i: number) => `o${i % 2},a${i % 3},f${i},http,${i % 4},1,2`, extra: '' },
} as const;
type Format = keyof typeof FORMATS;

function scenario(format: Format): string {
  return `name: bad-trace
functions:
  api: { runtime: nodejs22.x, duration: 20ms }
traffic:
  - function: api
    trace: { format: ${format}, file: trace.csv${FORMATS[format].extra} }
`;
}

/** A valid trace of `n` rows, as lines (header first). */
const validLines = (format: Format, n: number) => [FORMATS[format].header, ...Array.from({ length: n }, (_x, i) => FORMATS[format].row(i))];

/** Ways to break a trace: each returns the bytes of a broken file. */
const breakage = fc.oneof(
  // a row with a junk cell
  fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), cell: fc.nat(), junk: fc.constantFrom('', 'x', '-1', 'NaN', 'Infinity', '1e999', '"', '1,2', ' ', '\u0000', '１２') }),
  // a row with too many or too few cells
  fc.record({ kind: fc.constant('width' as const), row: fc.nat(), extra: fc.integer({ min: -3, max: 3 }).filter((x) => x !== 0) }),
  // rows out of time order (an error for csv; the 2021 format sorts, so also break a cell there)
  fc.record({ kind: fc.constant('unsorted' as const), row: fc.nat() }),
  // another encoding or binary junk
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 200 }), at: fc.nat() }),
  fc.record({ kind: fc.constant('encoding' as const), which: fc.constantFrom('utf16le-bom', 'utf16be-bom', 'latin1-invalid', 'gzip') }),
);

function build(format: Format, b: { kind: string; row?: number; cell?: number; junk?: string; extra?: number; bytes?: Uint8Array; at?: number; which?: string }): Buffer {
  const lines = validLines(format, 12);
  const r = 1 + ((b.row ?? 0) % 12);
  switch (b.kind) {
    case 'cell': {
      const cells = lines[r].split(',');
      cells[(b.cell ?? 0) % cells.length] = b.junk ?? 'x';
      // a junk id cell can still be valid (any text is an id): break a number as well so the file is bad
      if (format !== 'azure2019') cells[cells.length - 1] = 'oops';
      else cells[4] = '-1';
      lines[r] = cells.join(',');
      return Buffer.from(lines.join('\n'));
    }
    case 'width': {
      const cells = lines[r].split(',');
      const extra = b.extra ?? 1;
      lines[r] = (extra > 0 ? [...cells, ...Array(extra).fill('9')] : cells.slice(0, Math.max(1, cells.length + extra))).join(',');
      return Buffer.from(lines.join('\n'));
    }
    case 'unsorted': {
      if (format === 'csv') {
        [lines[r], lines[r === 12 ? 1 : r + 1]] = [lines[r === 12 ? 1 : r + 1], lines[r]];
        if (r === 12 || lines[1] === validLines(format, 12)[1]) lines.splice(1, 0, lines.pop()!); // make sure some row goes back in time
      } else {
        lines.reverse();
        lines.unshift(lines.pop()!); // header back on top, rows reversed: fine for 2021 and 2019...
        lines[r] = `${lines[r]},junk`; // ...so also break one row's width
      }
      return Buffer.from(lines.join('\n'));
    }
    case 'bytes': {
      const text = Buffer.from(lines.join('\n'));
      const at = (b.at ?? 0) % text.length;
      // binary junk with a NUL or an invalid UTF-8 byte, so it cannot be read as text
      const junk = Buffer.concat([Buffer.from(b.bytes ?? []), Buffer.from([0xc3, 0x28, 0x00])]);
      return Buffer.concat([text.subarray(0, at), junk, text.subarray(at)]);
    }
    default: {
      const text = lines.join('\n');
      if (b.which === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      if (b.which === 'utf16be-bom') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      if (b.which === 'gzip') return Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from(text)]);
      // an id with é written as Latin-1: one byte 0xE9, which is not UTF-8
      const [head, first, ...rest] = lines;
      return Buffer.from([head, first.replace(',', '\xe9,'), ...rest].join('\n'), 'latin1');
    }
  }
}

describe(`hostile traces through the CLI (seed ${SEED})`, () => {
  test.each(Object.keys(FORMATS) as Format[])('%s: a valid trace validates and runs (so the breakage below is what fails)', async (format) => {
    writeFileSync(join(dir, 'scenario.yaml'), scenario(format));
    writeFileSync(join(dir, 'trace.csv'), validLines(format, 12).join('\n'));
    const r = await cli('validate', 'scenario.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test.each(Object.keys(FORMATS) as Format[])('%s: 150 generated broken traces give located messages and exit code 2', async (format) => {
    writeFileSync(join(dir, 'scenario.yaml'), scenario(format));
    await fc.assert(
      fc.asyncProperty(breakage, async (b) => {
        writeFileSync(join(dir, 'trace.csv'), build(format, b));
        const r = await cli('validate', 'scenario.yaml');
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(r.code, r.stderr).toBe(2);
        // every message is located: file:line:col: path: message
        const lines = r.stderr.trim().split('\n');
        const count = /^(\d+) problems? in the traces of scenario\.yaml$/.exec(lines[lines.length - 1]);
        expect(count, lines[lines.length - 1]).not.toBeNull();
        expect(lines.length - 1).toBe(Number(count![1])); // each problem listed
        for (const line of lines.slice(0, -1)) expect(line).toMatch(/^(\S*trace\.csv|scenario\.yaml):\d+:\d+: \S+: ./);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('run with a broken trace exits 2 before simulating and keeps earlier results', async () => {
    writeFileSync(join(dir, 'scenario.yaml'), scenario('azure2021'));
    writeFileSync(join(dir, 'trace.csv'), validLines('azure2021', 12).join('\n'));
    const ok = await cli('run', 'scenario.yaml', '--out', 'out', '--quiet');
    expect(ok.code).toBe(0);
    const before = readFileSync(join(dir, 'out', 'summary.json'), 'utf8');
    writeFileSync(join(dir, 'trace.csv'), `${validLines('azure2021', 12).join('\n')}\nappX,fnY,not-a-number,1\n`);
    const bad = await cli('run', 'scenario.yaml', '--out', 'out', '--quiet');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/trace\.csv:14:\d+: traffic\[0\]\.trace: expected end_timestamp/);
    expect(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'out', 'invocations.csv'))).toBe(false);
  });
});

describe('a CSV trace without a function column', () => {
  test('replays every row as the entry\'s function; without one the entry is told to name it', async () => {
    writeFileSync(join(dir, 'nofn.csv'), 'timestamp,tenant,duration\n0,t1,5\n1,t2,7\n2,t1,\n');
    const yaml = (fn: string) => `name: nofn\nfunctions:\n  api: { runtime: nodejs22.x, duration: 20ms }\ntraffic:\n  - ${fn}trace: { format: csv, file: nofn.csv, timeUnit: offset-s }\n`;
    writeFileSync(join(dir, 'nofn.yaml'), yaml('function: api\n    '));
    const ok = await cli('run', 'nofn.yaml', '--json', '--quiet', '--out', 'nofn-out');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).variants[0].completed).toBe(3);
    writeFileSync(join(dir, 'nofn2.yaml'), yaml(''));
    const bad = await cli('validate', 'nofn2.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^nofn2\.yaml:\d+:\d+: traffic\[0\]\.trace\.file: the trace nofn\.csv has no function column: set this entry's function/m);
  });
});

describe('Ctrl-C while the traces load', () => {
  test('validate, run and sweep exit with 130 without a stack trace; nothing is written and earlier results stay', async () => {
    writeFileSync(join(dir, 'scenario.yaml'), scenario('azure2021'));
    writeFileSync(join(dir, 'trace.csv'), validLines('azure2021', 12).join('\n'));
    expect((await cli('run', 'scenario.yaml', '--out', 'kept', '--quiet')).code).toBe(0);
    const before = readFileSync(join(dir, 'kept', 'summary.json'), 'utf8');
    const commands = [
      ['validate', 'scenario.yaml'],
      ['run', 'scenario.yaml', '--out', 'kept', '--quiet'],
      ['run', 'scenario.yaml', '--out', 'fresh', '--quiet'],
      ['sweep', 'scenario.yaml', '--set', 'tenants.count=1,2', '--out', 'fresh-sweep', '--workers', '0', '--quiet'],
    ];
    for (const argv of commands) {
      const r = await cliWith(AbortSignal.abort(), ...argv);
      expect([r.code, r.stderr, r.stdout], argv.join(' ')).toEqual([130, '\ninterrupted while reading the traces: nothing written\n', '']);
    }
    expect(readFileSync(join(dir, 'kept', 'summary.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
    expect(existsSync(join(dir, 'fresh-sweep'))).toBe(false);
  });
});

describe('a scenario with two variants', () => {
  test('prints each problem of its trace data once', async () => {
    writeFileSync(join(dir, 'twice.csv'), 'timestamp,function,tenant\n0,api,t1\n1,nope,t2\n');
    writeFileSync(join(dir, 'twice.yaml'), `name: twice
functions:
  api: { runtime: nodejs22.x, duration: 20ms }
traffic:
  - trace: { format: csv, file: twice.csv, timeUnit: offset-s }
variants:
  shared: { tenancy: shared }
  isolated: { tenancy: isolated }
`);
    const r = await cli('validate', 'twice.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      "twice.yaml:5:33: traffic[0].trace.file: the trace twice.csv names a function the scenario does not define: `nope`; define them under functions, or set this entry's function to replay every row with one function",
      '1 problem in the traces of twice.yaml',
      '',
    ]);
  });
});
