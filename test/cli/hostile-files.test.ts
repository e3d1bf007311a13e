/**
 * Oversize and binary input through every command that reads a user's file: a scenario (validate), a trace it
 * replays (validate), a results folder (report), a shard's sweep.json (merge) and a CloudWatch export
 * (calibrate). Each file is random bytes, text with NUL bytes and control characters, a valid start followed by
 * junk, or a sparse file one byte past the command's size limit. Every case must end with exit 2 (calibrate:
 * 0 or 2, as a log file may hold nothing it recognizes), never an exception or a stack trace, with no control
 * character but line feeds in what is printed, and write nothing but its own output.
 * 5 kinds x 60 generated files = 300 cases, plus one sparse oversize file per kind.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MAX_SCENARIO_CHARS } from '../../src/scenario/load.js';
import { MAX_SWEEP_JSON_BYTES } from '../../src/sweep/document.js';
import { MAX_RESULT_FILE_BYTES } from '../../src/cli/report-command.js';
import { MAX_LINE_CHARS } from '../../src/traces/lines.js';
import { MARKER, markerContent } from '../../src/cli/output-folder.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = 60;
const base = mkdtempSync(join(tmpdir(), 'tenancy-hostile-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** What a command printed must hold no control character but line feeds (and tabs in tables). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Hostile contents: random bytes, text sprinkled with NUL, ESC, CR and bidi characters, or a valid start and junk. */
const contents = (validStart: string) => fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('\0', '\u001b[2J', '\r', '\u202e', '\u0085', '"', ',', '\n', ': ', '- ', '{', '[')), { maxLength: 200 }).map((a) => Buffer.from(a.join(''))),
  fc.tuple(fc.integer({ min: 0, max: validStart.length }), fc.uint8Array({ minLength: 1, maxLength: 512 })).map(([cut, junk]) => Buffer.concat([Buffer.from(validStart.slice(0, cut)), Buffer.from(junk)])),
);

let n = 0;
/** A fresh working folder. */
function folder(): string {
  const dir = join(base, `case-${n++}`);
  mkdirSync(dir);
  return dir;
}

/** A sparse file of `bytes` zero bytes (no disk space used). */
function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd });
  return { code, stdout, stderr };
}

/** The invariants of every case; `allowed` are the exit codes that may end it. */
function expectClean(r: { code: number; stdout: string; stderr: string }, allowed: number[]) {
  expect(allowed, r.stderr).toContain(r.code);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(CONTROL.test(r.stdout) || CONTROL.test(r.stderr), JSON.stringify(r.stderr.slice(0, 300))).toBe(false);
}

const SCENARIO = 'name: h\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 3 }\ntraffic:\n  - { function: api, poisson: { rate: 1/s } }\n';
const TRACE_SCENARIO = 'name: h\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - trace: { format: csv, file: t.csv, timeUnit: offset-s }\n';
const TRACE = 'timestamp,function,tenant\n0,api,t1\n1,api,t2\n';
const SWEEP_START = '{"format":"tenancy-sim-sweep/2","scenario":"h","seeds":[1],"pointCount":1,';
const LOG = 'REPORT RequestId: 1 Duration: 2.00 ms Billed Duration: 2 ms Memory Size: 128 MB Max Memory Used: 40 MB\n';

const KINDS = [
  {
    kind: 'scenario',
    start: SCENARIO,
    run: async (dir: string, data: Buffer | null): Promise<{ r: Awaited<ReturnType<typeof cli>>; allowed: number[]; own: string[] }> => {
      if (data === null) sparse(join(dir, 's.yaml'), MAX_SCENARIO_CHARS + 1);
      else writeFileSync(join(dir, 's.yaml'), data);
      const r = await cli(dir, 'validate', 's.yaml');
      if (r.code === 2) expect(r.stderr).toMatch(/s\.yaml(:\d+:\d+)?: /);
      return { r, allowed: [0, 2], own: ['s.yaml'] };
    },
  },
  {
    kind: 'trace',
    start: TRACE,
    run: async (dir: string, data: Buffer | null) => {
      writeFileSync(join(dir, 's.yaml'), TRACE_SCENARIO);
      if (data === null) sparse(join(dir, 't.csv'), MAX_LINE_CHARS + 1);
      else writeFileSync(join(dir, 't.csv'), data);
      const r = await cli(dir, 'validate', 's.yaml');
      if (r.code === 2) expect(r.stderr).toMatch(/t\.csv:\d+:\d+: |s\.yaml:\d+:\d+: /);
      return { r, allowed: [0, 2], own: ['s.yaml', 't.csv'] };
    },
  },
  {
    kind: 'results folder',
    start: '{"format":"tenancy-sim-results/4","scenario":"h","description":"","seed":1,"horizonMs":1000,"variants":[',
    run: async (dir: string, data: Buffer | null) => {
      mkdirSync(join(dir, 'r'));
      writeFileSync(join(dir, 'r', MARKER), markerContent('results'));
      if (data === null) sparse(join(dir, 'r', 'summary.json'), MAX_RESULT_FILE_BYTES + 1);
      else writeFileSync(join(dir, 'r', 'summary.json'), data);
      const r = await cli(dir, 'report', 'r');
      return { r, allowed: [2], own: ['r', `r/${MARKER}`, 'r/summary.json'] };
    },
  },
  {
    kind: 'shard',
    start: SWEEP_START,
    run: async (dir: string, data: Buffer | null) => {
      mkdirSync(join(dir, 'shard'));
      if (data === null) sparse(join(dir, 'shard', 'sweep.json'), MAX_SWEEP_JSON_BYTES + 1);
      else writeFileSync(join(dir, 'shard', 'sweep.json'), data);
      const r = await cli(dir, 'merge', 'shard');
      return { r, allowed: [2], own: ['shard', 'shard/sweep.json'] };
    },
  },
  {
    kind: 'log export',
    start: LOG,
    run: async (dir: string, data: Buffer | null) => {
      if (data === null) sparse(join(dir, 'l.log'), 2 ** 20 + 1); // one line of NULs past the 1 MiB line bound
      else writeFileSync(join(dir, 'l.log'), data);
      const r = await cli(dir, 'calibrate', 'l.log');
      return { r, allowed: [0, 2], own: ['l.log'] };
    },
  },
] as const;

/** Every path under `dir`, relative. */
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

describe.each(KINDS)('hostile $kind', ({ run, start }) => {
  test(`${RUNS} generated files: exit 2 (or 0 where nothing is wrong), located, no stack trace, nothing raw printed, nothing else written`, async () => {
    await fc.assert(
      fc.asyncProperty(contents(start), async (data) => {
        const dir = folder();
        const { r, allowed, own } = await run(dir, data);
        expectClean(r, [...allowed]);
        expect(listing(dir), 'nothing but the input files').toEqual([...own].sort());
        rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a sparse file one byte past the limit: refused with exit 2, not read whole', async () => {
    const dir = folder();
    const { r, own } = await run(dir, null);
    expectClean(r, [2]);
    expect(listing(dir)).toEqual([...own].sort());
    expect(r.stderr).not.toBe('');
  });
});
