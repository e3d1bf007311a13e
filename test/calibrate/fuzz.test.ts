/**
 * Hostile log files: generated files of crafted lines (random bytes, lines over the 1 MiB bound, JSON nested
 * up to 100,000 deep where a tenant id, a metric, a record or a message belongs, control characters and YAML in
 * names, unclosed CSV quotes, any line ends, gzip or not) must each end with exit 0 or 2, never an exception,
 * with nothing but line feeds among the control characters of stdout and stderr, and a fragment, when there
 * is one, that parses to its functions only. Replay a failure with the seed it prints:
 *   FUZZ_SEED=<seed> npx vitest run test/calibrate/fuzz.test.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../src/cli/io.js';
import { calibrate, fragmentOf, removeTempDirs, reportLine, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = 300;
const MiB = 1024 * 1024;

/** Control characters but the line feed. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;

const METRICS = { durationMs: 12.5, billedDurationMs: 13, memorySizeMB: 128, maxMemoryUsedMB: 20 };

/** JSON text of arrays or objects nested `depth` deep. */
const nested = (depth: number, object: boolean) => (object ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth));

const hostileText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('\u001b[2J', '\u001b]0;x\u0007', '\r', '\u2028', '\u202e', '\u0085', '\u0000', '\nfunctions: {evil: 1}', 'platform: { keepAlive: 1s }', '# ', '"', "'")), { maxLength: 6 })
  .map((p) => p.join(''));

/** A JSON line with `value` (JSON text) put where a report's field belongs. */
const nestedLine = fc
  .record({ depth: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(3, 1000, 20_000) }, { weight: 1, arbitrary: fc.constant(100_000) }), object: fc.boolean(), at: fc.constantFrom('tenantId', 'initDurationMs', 'record', 'metrics', 'message', 'status') })
  .map(({ depth, object, at }) => {
    const value = nested(depth, object);
    const metrics = JSON.stringify(METRICS);
    if (at === 'tenantId') return `{"type":"platform.report","record":{"metrics":${metrics}},"tenantId":${value}}`;
    if (at === 'initDurationMs') return `{"type":"platform.report","record":{"metrics":${metrics.slice(0, -1)},"initDurationMs":${value}}}}`;
    if (at === 'record') return `{"type":"platform.report","record":${value}}`;
    if (at === 'metrics') return `{"type":"platform.report","record":{"metrics":${value}}}`;
    if (at === 'status') return `{"type":"platform.report","record":{"metrics":${metrics},"status":${value}}}`;
    return `{"timestamp":1763632800000,"message":${value},"logGroupName":"/aws/lambda/f"}`;
  });

const text = (a: fc.Arbitrary<string>) => a.map((s) => Buffer.from(s));

/** One line (or two) of a log file, as bytes. */
const line: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: text(fc.integer({ min: 1, max: 5000 }).map((ms) => reportLine(`r-${ms}`, ms / 10))) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b)) },
  { weight: 3, arbitrary: text(nestedLine) },
  {
    weight: 4,
    arbitrary: text(fc.record({ tenant: hostileText, group: hostileText, status: hostileText, type: hostileText, time: fc.oneof(fc.double(), fc.constant(1763632800000)) }).map((h) =>
      JSON.stringify({ timestamp: h.time, logGroupName: `/aws/lambda/${h.group}`, message: JSON.stringify({ type: 'platform.report', record: { metrics: METRICS, status: h.status }, tenantId: h.tenant }) }) +
      `\n${JSON.stringify({ type: `platform.${h.type}`, record: { functionName: h.group, runtimeVersion: h.status } })}`,
    )),
  },
  { weight: 2, arbitrary: text(hostileText.map((h) => `REPORT RequestId: ${h}\tDuration: ${h} ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB`)) },
);

/** Lines over the 1 MiB bound, one in a file now and then (they are slow to write). */
const HUGE = [`REPORT ${'x'.repeat(MiB + 1)}`, `{"type":"platform.report","record":"${'y'.repeat(MiB)}"}`, 'z'.repeat(3 * MiB)].map((h) => Buffer.from(h));

const file = fc.record({
  csv: fc.boolean(),
  lines: fc.array(line, { minLength: 1, maxLength: 12 }),
  huge: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ line: fc.constantFrom(...HUGE), at: fc.nat() }) }),
  end: fc.constantFrom('\n', '\r\n', '\r'),
  gzip: fc.boolean(),
  unclosedQuote: fc.boolean(),
});

/** The bytes of a generated file: its lines (with a huge one spliced in), as CSV records or plain. */
function fileBytes(f: typeof file extends fc.Arbitrary<infer T> ? T : never): Buffer {
  const lines = [...f.lines];
  if (f.huge) lines.splice(f.huge.at % (lines.length + 1), 0, f.huge.line);
  const rows = f.csv
    ? [Buffer.from('@timestamp,@message,@log'), ...lines.map((l) => Buffer.concat([Buffer.from('"2025-11-20 10:00:00.000","'), Buffer.from(l.toString('latin1').replaceAll('"', '""'), 'latin1'), Buffer.from(`${f.unclosedQuote ? '' : '"'},"123456789012:/aws/lambda/c"`)]))]
    : lines;
  const bytes = Buffer.concat(rows.flatMap((r, i) => (i === 0 ? [r] : [Buffer.from(f.end), r])));
  return f.gzip ? gzipSync(bytes) : bytes;
}

describe('fuzz', () => {
  test('a JSON timestamp outside the dates JavaScript can hold is no time, not a RangeError', async () => {
    const dir = tempDir();
    const report = reportLine('r', 5);
    const rows = [1e300, -1e300, 8.64e15 + 1, 1763632800000].map((timestamp) => JSON.stringify({ timestamp, message: report }));
    writeFileSync(join(dir, 'times.jsonl'), `${rows.join('\n')}\n`);
    const r = await calibrate(['times.jsonl'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('arrivals: 2025-11-20T10:00:00Z to 2025-11-20T10:00:00Z (0 ms), no rate (a single instant) (1 timed reports)');
  });

  test('JSON nested 100,000 deep as a tenant id or an init duration: malformed entries, not a stack overflow', async () => {
    const dir = tempDir();
    const metrics = JSON.stringify(METRICS);
    const lines = [
      reportLine('ok', 5),
      `{"type":"platform.report","record":{"metrics":${metrics}},"tenantId":${nested(100_000, false)}}`,
      `{"type":"platform.report","record":{"metrics":${metrics.slice(0, -1)},"initDurationMs":${nested(100_000, true)}}}}`,
    ];
    writeFileSync(join(dir, 'deep.jsonl'), `${lines.join('\n')}\n`);
    const r = await calibrate(['deep.jsonl'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toBe(
      'deep.jsonl:2: tenantId must be a non-empty string, got an array\ndeep.jsonl:3: platform.report `initDurationMs` is not a number >= 0: an object\n2 malformed entries skipped\n',
    );
  });

  test(`${RUNS} crafted log files (random bytes, huge lines, nested JSON, control characters, CSV): no exception, exit 0 or 2, output escaped`, async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const name = `case-${n++}.log${f.gzip ? '.gz' : ''}`;
        writeFileSync(join(dir, name), fileBytes(f));
        const r = await calibrate([name], {}, dir);
        expect([EXIT_OK, EXIT_BAD_INPUT]).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(r.stdout).not.toMatch(CONTROL);
        expect(r.stderr).not.toMatch(CONTROL);
        if (r.code === EXIT_OK) expect(Object.keys(parse(fragmentOf(r.stdout)) as object)).toEqual(['functions']);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
