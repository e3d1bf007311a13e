/**
 * What calibrate echoes: a line that fails to parse is quoted in at most a short excerpt, and nothing from the
 * logs reaches the terminal with a control character (an escape sequence, a carriage return, a
 * bidirectional override) in it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EXIT_OK } from '../../src/cli/io.js';
import { calibrate, removeTempDirs, reportLine, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** C0 and C1 controls but the line feeds that end lines. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('what reaches the terminal', () => {
  test('a malformed line is quoted in at most 60 characters, control characters escaped', async () => {
    const dir = tempDir();
    const junk = `\u001b[2J\u001b]0;owned\u0007${'x'.repeat(10_000)}`;
    const lines = [
      reportLine('ok', 5),
      `REPORT RequestId: r\tDuration: ${junk} ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB`,
      JSON.stringify({ type: 'platform.report', record: { metrics: { durationMs: 1, billedDurationMs: 1, memorySizeMB: 128, maxMemoryUsedMB: 1 } }, tenantId: { deep: [junk, { deeper: junk }] } }),
      JSON.stringify({ type: `platform.${junk}` }),
      `{"type":"platform.report",\u001b[31m${'y'.repeat(5000)}`,
    ];
    writeFileSync(join(dir, 'junk.log'), `${lines.join('\n')}\n`);
    const r = await calibrate(['junk.log'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('junk.log:'));
    expect(problems).toHaveLength(4);
    for (const line of problems) {
      expect(line).not.toMatch(CONTROL);
      expect(line.length).toBeLessThan(260);
    }
    expect(problems[0]).toBe(`junk.log:2: \`Duration\` is \`\\x1b[2J\\x1b]0;owned\\x07${'x'.repeat(46)}...\`, not a number`);
    expect(problems[1]).toBe('junk.log:3: tenantId must be a non-empty string, got an object');
    expect(problems[2]).toMatch(/^junk\.log:4: platform\.\\x1b\[2J\\x1b\]0;owned\\x07x+\.\.\. without a `record` object$/);
  });

  test('tenant ids, function names and statuses from the logs are escaped in the summary', async () => {
    const dir = tempDir();
    const metrics = { durationMs: 5, billedDurationMs: 5, memorySizeMB: 128, maxMemoryUsedMB: 5 };
    const row = JSON.stringify({
      timestamp: 1763632800000,
      logGroupName: '/aws/lambda/fn\u001b[31m',
      message: JSON.stringify({ type: 'platform.report', record: { metrics, status: 'ok\u001b[0m\r' }, tenantId: 'acme\u001b]0;x\u0007\u202e' }),
    });
    writeFileSync(join(dir, 'esc.jsonl'), `${row}\n`);
    const r = await calibrate(['esc.jsonl'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).not.toContain('\u202e');
    expect(r.stdout).toContain('Function fn\\x1b[31m: 1 invocation');
    expect(r.stdout).toContain('status: ok\\x1b[0m\\r 1');
    expect(r.stdout).toMatch(/^ {2}acme\\x1b\]0;x\\x07\\u202e +1 /m);
  });
});
