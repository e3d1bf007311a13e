/**
 * What calibrate reads is bounded: a line (1 MiB), a CSV record (1 MiB), a file's text after decompression
 * (2 GiB; lowered here through the limits option to keep the test fast). Passing a bound stops the file with
 * a located error (`file:line: ...`) and exit 2, never a stack trace. The bombs are made on the fly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { LimitError, boundedLines } from '../../src/calibrate/line-reader.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../../src/cli/io.js';
import { calibrate, fragmentOf, removeTempDirs, reportLine, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const MiB = 1024 * 1024;

/** A gzip file of `members` concatenated members, each `size` copies of `byte`: tiny on disk, huge inflated. */
function gzipBomb(byte: string, size: number, members: number, prefix = ''): Buffer {
  const member = gzipSync(Buffer.alloc(size, byte));
  return Buffer.concat([gzipSync(prefix), ...Array.from({ length: members }, () => member)]);
}

describe('line length', () => {
  test('a gzip bomb of one 2 GiB line: exit 2 after reading 1 MiB of it, located, no stack', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bomb.log.gz'), gzipBomb('a', 16 * MiB, 128, `${reportLine('r', 5)}\n`));
    const started = Date.now();
    const r = await calibrate(['bomb.log.gz'], {}, dir);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toBe('bomb.log.gz:2: line longer than 1,048,576 bytes (1 MiB): expected a log export with one event per line\n');
    expect(r.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a file without newlines after a report: exit 2, located', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'flat.log'), `${reportLine('r', 5)}\n${'x'.repeat(3 * MiB)}`);
    const r = await calibrate(['flat.log'], {}, dir);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toBe('flat.log:2: line longer than 1,048,576 bytes (1 MiB): expected a log export with one event per line\n');
  });

  test('the bound is 1 MiB exactly: such a line is read (lines end at \\n, \\r\\n or \\r), one byte more stops', async () => {
    const dir = tempDir();
    const long = `START ${'y'.repeat(MiB - 6)}`;
    writeFileSync(join(dir, 'ok.log'), `${reportLine('a', 5)}\r\n${long}\n${reportLine('b', 6)}\r${reportLine('c', 7)}`);
    writeFileSync(join(dir, 'over.log'), `${reportLine('a', 5)}\r\n${long}y\r\n`);
    const ok = await calibrate(['ok.log'], {}, dir);
    expect(ok.code).toBe(EXIT_OK);
    expect(ok.stdout).toContain('Read 1 file, 4 lines:\n  3 invocation reports\n  1 other line');
    const over = await calibrate(['over.log'], {}, dir);
    expect(over.code).toBe(EXIT_BAD_INPUT);
    expect(over.stderr).toBe('over.log:2: line longer than 1,048,576 bytes (1 MiB): expected a log export with one event per line\n');
  });
});

describe('boundedLines', () => {
  const collect = async (chunks: Buffer[], maxLineBytes = MiB) => {
    const lines: string[] = [];
    for await (const batch of boundedLines(Readable.from(chunks), { maxLineBytes, maxTextBytes: 2048 * MiB })) lines.push(...batch);
    return lines;
  };
  const readlineLines = async (bytes: Buffer) => {
    const lines: string[] = [];
    for await (const line of createInterface({ input: Readable.from([bytes]), crlfDelay: Infinity })) lines.push(line);
    return lines;
  };
  const text = fc.array(fc.oneof(fc.constantFrom('\n', '\r', '\r\n', 'é', '€', '😀', ''), fc.string({ maxLength: 5 })), { maxLength: 30 }).map((p) => p.join(''));

  test('200 texts cut into chunks at any byte read as node:readline reads them', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 6 }), async (t, cuts) => {
        const bytes = Buffer.from(t);
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => bytes.subarray(from, i < at.length ? at[i] : bytes.length)).filter((c) => c.length > 0);
        expect(await collect(chunks)).toEqual(await readlineLines(bytes));
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });

  test('a line over the bound is located, in one chunk or across several', async () => {
    const over = Buffer.from('ok\r\nfine\n0123456789abc\nnext\n');
    for (const chunks of [[over], [over.subarray(0, 12), over.subarray(12, 16), over.subarray(16)]]) {
      const failure = await collect(chunks, 10).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(LimitError);
      expect((failure as LimitError).line).toBe(3);
    }
  });
});

describe('CSV records', () => {
  test('a quote never closed: exit 2 once the record passes 1 MiB, located at its first line', async () => {
    const dir = tempDir();
    const row = `"2025-11-20 10:00:00.000","${reportLine('r', 5)}","s","123456789012:/aws/lambda/orders"`;
    const open = `"2025-11-20 10:00:01.000","REPORT RequestId: x`;
    const filler = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'z'.repeat(90)}`);
    writeFileSync(join(dir, 'open.csv'), ['@timestamp,@message,@logStream,@log', row, open, ...filler].join('\n'));
    const r = await calibrate(['open.csv'], {}, dir);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toBe('open.csv:3: CSV record longer than 1,048,576 bytes (1 MiB): a quote that is never closed?\n');
  });
});

describe('decompressed size', () => {
  test('more text than the bound (lowered to 1 MiB): exit 2 where it passes it', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 30_000 }, (_, i) => `${reportLine(`r-${i}`, 5 + (i % 50))}\n`).join('');
    expect(lines.length).toBeGreaterThan(2 * MiB);
    writeFileSync(join(dir, 'big.log.gz'), gzipSync(lines));
    const r = await calibrate(['big.log.gz'], {}, dir, { limits: { maxTextBytes: MiB } });
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toMatch(/^big\.log\.gz:\d+: more than 1,048,576 bytes \(1 MiB\) of text, the most calibrate reads from one file: split the export\n$/);
    const line = Number(/:(\d+):/.exec(r.stderr)![1]);
    expect(line).toBeGreaterThan(5000);
    expect(line).toBeLessThan(20_000);
  });

  test('a plain file larger than the bound is refused before it is read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.log'), `${reportLine('r', 5)}\n`.repeat(20_000));
    const r = await calibrate(['big.log'], {}, dir, { limits: { maxTextBytes: MiB } });
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toMatch(/^big\.log: is [\d,]+ bytes, more than the 1,048,576 bytes \(1 MiB\) calibrate reads from one file: split the export\n$/);
  });
});

describe('lists of what the logs name', () => {
  test('1,000 distinct statuses, platform event types and memory sizes: 20 of each kind kept, 5 sizes listed', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) {
      lines.push(`${reportLine(`r-${i}`, 5, { memoryMb: 128 + i })}Status: s${String(i).padStart(4, '0')}`);
      lines.push(JSON.stringify({ type: `platform.x${i}`, record: {} }));
    }
    writeFileSync(join(dir, 'many.log'), `${lines.join('\n')}\n`);
    const r = await calibrate(['many.log'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    const status = r.stdout.split('\n').find((l) => l.startsWith('  status: '))!;
    expect(status.split(', ')).toHaveLength(21);
    expect(status).toContain('(others) 980');
    const platform = r.stdout.split('\n').find((l) => l.includes('other platform events: '))!;
    expect(platform.split(', ')).toHaveLength(21);
    expect(platform).toContain('(others) 980');
    const memory = r.stdout.split('\n').find((l) => l.startsWith('  memory: '))!;
    expect(memory).toMatch(/^ {2}memory: 128 MB configured \(also 129 MB in 1 report, .* 133 MB in 1 report and 14 more sizes, and 980 reports of other sizes\); /);
    expect(fragmentOf(r.stdout)).toMatch(/# Memory Size in the logs; .*; also logged: 129 MB \(1 report\), .*, 133 MB \(1 report\) and 14 more sizes, and 980 reports of other sizes\n/);
  });
});
