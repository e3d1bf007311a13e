/**
 * What calibrate keeps per key is bounded too: distinct tenant ids (100,000), log groups and log streams
 * (100,000), lowered here through the limits option to keep the tests fast. One more stops with a located
 * error (`file:line: ...`) and exit 2 before memory runs out, never a stack trace. Strings and sizes from the
 * logs that are only counted (statuses, memory sizes, runtime versions) keep 20 apart and count the rest
 * together.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/calibrate/index.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../src/cli/io.js';
import { calibrate, fragmentOf, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** A platform.report event as Lambda writes it under the JSON log format. */
function reportEvent(i: number, fields: { tenantId?: string; memoryMb?: number; status?: string } = {}): string {
  const metrics = { durationMs: 40 + (i % 7), billedDurationMs: 41, memorySizeMB: fields.memoryMb ?? 1024, maxMemoryUsedMB: 90 };
  const event: Record<string, unknown> = { time: '2025-11-20T10:00:00.000Z', type: 'platform.report', record: { requestId: `r${i}`, metrics, status: fields.status ?? 'success' } };
  if (fields.tenantId !== undefined) event.tenantId = fields.tenantId;
  return JSON.stringify(event);
}

const limits = { maxTenants: 50, maxLogStreams: 10 };

test('the default bounds are 100,000 tenant ids and 100,000 log groups and streams', () => {
  expect(DEFAULT_LIMITS.maxTenants).toBe(100_000);
  expect(DEFAULT_LIMITS.maxLogStreams).toBe(100_000);
});

describe('tenants', () => {
  test('one tenant id more than the bound (lowered to 50): exit 2 at its line, in a gzip export', async () => {
    const dir = tempDir();
    // Tenants come back: only the 51st distinct id passes the bound.
    const lines = Array.from({ length: 120 }, (_, i) => reportEvent(i, { tenantId: `t${i < 100 ? i % 50 : i}` }));
    writeFileSync(join(dir, 'many.jsonl.gz'), gzipSync(`${lines.join('\n')}\n`));
    const r = await calibrate(['many.jsonl.gz'], { out: 'frag.yaml' }, dir, { limits });
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toBe(
      'many.jsonl.gz:101: more than 50 tenant ids (told apart per log group, or per log stream in lines without one), the most calibrate keeps: ' +
        'expected fewer tenants in one calibration; split the export (by time range, or by function) and calibrate the parts apart\n',
    );
    expect(r.stdout).toBe('');
  });

  test('as many tenant ids as the bound: calibrated, the top ones listed', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 100 }, (_, i) => reportEvent(i, { tenantId: `t${i % 50}` }));
    writeFileSync(join(dir, 'fifty.jsonl'), `${lines.join('\n')}\n`);
    const r = await calibrate(['fifty.jsonl'], {}, dir, { limits });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Tenants (top 20 of 50 by invocations):');
    expect(fragmentOf(r.stdout)).toContain('#       ... and 30 more tenants\n');
  });

  test('the bound counts over all files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), Array.from({ length: 30 }, (_, i) => reportEvent(i, { tenantId: `a${i}` })).join('\n'));
    writeFileSync(join(dir, 'b.jsonl'), Array.from({ length: 30 }, (_, i) => reportEvent(i, { tenantId: `b${i}` })).join('\n'));
    const r = await calibrate(['a.jsonl', 'b.jsonl'], {}, dir, { limits });
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toMatch(/^b\.jsonl:21: more than 50 tenant ids /);
  });
});

describe('log streams', () => {
  const row = (i: number, stream: string, message: string) => JSON.stringify({ timestamp: 1763632800000 + i, message, logStreamName: stream });

  test('one log stream more than the bound (lowered to 10), of reports or of init events: exit 2 at its line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reports.jsonl'), Array.from({ length: 15 }, (_, i) => row(i, `s${i}`, reportEvent(i))).join('\n'));
    const init = JSON.stringify({ time: '2025-11-20T10:00:00.000Z', type: 'platform.initStart', record: { functionName: 'orders' } });
    writeFileSync(join(dir, 'inits.jsonl'), [row(0, 's0', reportEvent(0)), ...Array.from({ length: 15 }, (_, i) => row(i, `s${i}`, init))].join('\n'));
    for (const [file, line] of [['reports.jsonl', 11], ['inits.jsonl', 12]] as const) {
      const r = await calibrate([file], {}, dir, { limits });
      expect(r.code).toBe(EXIT_BAD_INPUT);
      expect(r.stderr).toBe(
        `${file}:${line}: more than 10 log groups and log streams (a log stream counts when its lines name no log group), the most calibrate keeps apart: ` +
          'expected fewer in one calibration; split the export (by time range, or by function) and calibrate the parts apart\n',
      );
    }
  });

  test('log groups count too; lines of one log group in many streams are one', async () => {
    const dir = tempDir();
    const grouped = (i: number, group: string) => JSON.stringify({ timestamp: 1763632800000 + i, message: reportEvent(i), logStreamName: `s${i}`, logGroupName: group });
    writeFileSync(join(dir, 'one.jsonl'), Array.from({ length: 30 }, (_, i) => grouped(i, '/aws/lambda/orders')).join('\n'));
    writeFileSync(join(dir, 'many.jsonl'), Array.from({ length: 30 }, (_, i) => grouped(i, `/aws/lambda/f${i}`)).join('\n'));
    expect((await calibrate(['one.jsonl'], {}, dir, { limits })).code).toBe(EXIT_OK);
    const r = await calibrate(['many.jsonl'], {}, dir, { limits });
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toMatch(/^many\.jsonl:11: more than 10 log groups and log streams /);
  });
});

describe('values only counted', () => {
  test('past 20 memory sizes, the others are counted together and never chosen', async () => {
    const dir = tempDir();
    const lines = [
      ...Array.from({ length: 40 }, (_, i) => reportEvent(i, { memoryMb: 200 + i, status: `s${i}` })),
      ...Array.from({ length: 50 }, (_, i) => reportEvent(100 + i, { memoryMb: 512 })),
    ];
    writeFileSync(join(dir, 'sizes.jsonl'), lines.join('\n'));
    const r = await calibrate(['sizes.jsonl'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    // 512 MB came after 20 other sizes: it is counted with the others, and the first size seen is written.
    expect(r.stdout).toContain('  memory: 200 MB configured (also 201 MB in 1 report, 202 MB in 1 report, 203 MB in 1 report, 204 MB in 1 report, 205 MB in 1 report and 14 more sizes, and 70 reports of other sizes)');
    expect(r.stdout).toContain('status: (others) 70, s0 1, s1 1, s10 1,');
    expect(fragmentOf(r.stdout)).toContain('    memoryMb: 200 #');
  });
});
