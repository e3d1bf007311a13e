/**
 * `tenancy-sim calibrate` driven in-process on the fixtures of test/fixtures/calibrate: counts, cold-start
 * shares, percentiles and rates against hand-computed values, tenants, malformed lines with their line
 * numbers, gzip and CSV input, --out, and exit codes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import yargs from 'yargs';
import { type CalibrationResult, calibrateLogFiles } from '../../src/calibrate/index.js';
import { type CalibrateCliOptions, calibrateOptions } from '../../src/cli/calibrate-command.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT } from '../../src/cli/io.js';
import { FIXTURES, calibrate, fragmentOf, loadFragment, lognormalSample, reportLine, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

async function calibration(files: string[], options: { defaultFunction?: string; runtime?: string } = {}): Promise<CalibrationResult> {
  const outcome = await calibrateLogFiles(files.map((name) => ({ name, path: join(FIXTURES, name) })), options);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

describe('a text export of REPORT lines (report-text.log)', () => {
  test('counts, cold-start share, hand-computed percentiles, runtime from INIT_START', async () => {
    const r = await calibration(['report-text.log'], { defaultFunction: 'api' });
    expect(r.counts).toMatchObject({ lines: 42, reports: 10, initStarts: 2, malformed: 0, other: 30, blank: 0 });
    expect(r.functions).toHaveLength(1);
    const [f] = r.functions;
    expect(f).toMatchObject({ name: 'api', invocations: 10, coldStarts: 2, coldStartShare: 0.2, timing: null, tenants: [] });
    expect(f.runtime).toEqual({ id: 'python3.13', source: 'logs' });
    expect(f.memorySizesMb).toEqual([[128, 10]]);
    // sorted durations 8.91 9.12 9.87 10.01 10.45 11.11 12.34 13.76 15.02 30.5; h = 9q
    expect(f.duration.minMs).toBe(8.91);
    expect(f.duration.p50Ms).toBeCloseTo(10.78, 10);
    expect(f.duration.p90Ms).toBeCloseTo(16.568, 10);
    expect(f.duration.p99Ms).toBeCloseTo(29.1068, 10);
    expect(f.duration.maxMs).toBe(30.5);
    expect(f.initDuration).toMatchObject({ n: 2, minMs: 183.23, maxMs: 201.77, form: 'empirical' });
    expect(f.initDuration!.p50Ms).toBeCloseTo(192.5, 10);
    // Max Memory Used 18 18 19 19 19 18 20 20 22 20: p99 = 20 + 0.91 (22 - 20)
    expect(f.maxMemoryUsedP99Mb).toBeCloseTo(21.82, 10);
  });

  test('the summary and the fragment on stdout, nothing on stderr', async () => {
    const r = await calibrate(['report-text.log'], { function: 'api' });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Read 1 file, 42 lines:\n  10 invocation reports\n  2 init events');
    expect(r.stdout).toContain('Function api: 10 invocations, 2 cold starts (20.00%)');
    expect(r.stdout).toMatch(/duration\s+10\s+8\.91\s+10\.78\s+16\.57\s+29\.11\s+30\.50/);
    expect(r.stdout).toContain('arrivals: no timestamps in the logs');
    const fragment = fragmentOf(r.stdout);
    expect(fragment).toContain('  api:\n    runtime: python3.13 # from the logs\n    memoryMb: 128');
    expect(fragment).toContain('No timestamps in the logs, so no arrival rate');
    expect(loadFragment(fragment)).toMatchObject({ ok: true });
  });
});

describe('a console export with timestamps (console-export.log)', () => {
  test('span, rate and mean inter-arrival from the timestamp column', async () => {
    const [f] = (await calibration(['console-export.log'])).functions;
    expect(f).toMatchObject({ name: 'fn', invocations: 7, coldStarts: 1, runtime: { id: 'nodejs22.x', source: 'logs' } });
    expect(f.timing).toEqual({
      timed: 7,
      firstMs: Date.UTC(2025, 10, 20, 10, 0, 0),
      lastMs: Date.UTC(2025, 10, 20, 10, 1, 0),
      spanMs: 60_000,
      ratePerSecond: 7 / 60,
      meanInterArrivalMs: 10_000,
    });
  });

  test('the commented traffic suggestion has the observed rate and loads once uncommented', async () => {
    const r = await calibrate(['console-export.log']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('arrivals: 2025-11-20T10:00:00Z to 2025-11-20T10:01:00Z (60.0 s), 0.117/s, mean inter-arrival 10.0 s');
    const fragment = fragmentOf(r.stdout);
    expect(fragment).toContain('# traffic:\n#   - function: fn\n#     poisson: { rate: 7/min }\n');
    expect(loadFragment(fragment)).toMatchObject({ ok: true });
    const live = loadFragment(fragment, true);
    expect(live).toMatchObject({ ok: true });
    if (live.ok) expect(live.scenario.variants[0].config.functions[0].memoryMb).toBe(512);
  });
});

describe('JSON platform events of a tenant-isolated function (platform-events.jsonl)', () => {
  test('the function is named by platform.initStart, even for the report logged before it', async () => {
    const r = await calibration(['platform-events.jsonl']);
    expect(r.counts).toMatchObject({ reports: 11, initStarts: 4, other: 11, malformed: 0 });
    expect(Object.fromEntries(r.counts.platformEvents)).toEqual({ 'platform.start': 11, 'platform.initRuntimeDone': 4 });
    expect(r.functions.map((f) => f.name)).toEqual(['checkout']);
    expect(r.functions[0]).toMatchObject({ invocations: 11, coldStarts: 4, memorySizesMb: [[1024, 11]], runtime: { id: 'nodejs22.x', source: 'logs' } });
  });

  test('tenants (top level or in the record) with counts, cold starts, rates over the function span', async () => {
    const [f] = (await calibration(['platform-events.jsonl'])).functions;
    expect(f.timing?.spanMs).toBe(300_000);
    const rows = f.tenants.map((t) => [t.tenantId, t.invocations, t.coldStarts, t.ratePerSecond]);
    expect(rows).toEqual([
      ['acme', 6, 2, 6 / 300],
      ['globex', 3, 1, 3 / 300],
      ['initech', 2, 1, 2 / 300],
    ]);
    const acme = f.tenants[0];
    expect(acme.share).toBeCloseTo(6 / 11, 12);
    expect(acme.duration.p50Ms).toBe(46.5); // 40 42 45 48 50 55
    expect(acme.timing?.meanInterArrivalMs).toBe(60_000); // 0 s to 300 s, 6 reports
  });

  test('--top truncates the tenant table and the comment; the fragment loads with and without the traffic', async () => {
    const r = await calibrate(['platform-events.jsonl'], { top: 2 });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Tenants (top 2 of 3 by invocations):');
    expect(r.stdout).not.toMatch(/^ {2}initech /m);
    const fragment = fragmentOf(r.stdout);
    expect(fragment).toContain('#     tenants (top 2 of 3 by invocations):\n#       acme: 6 invocations (54.55%), 2 cold starts (33.33%), 0.02/s\n');
    expect(fragment).toContain('#       ... and 1 more tenant\n');
    expect(fragment).toContain('# tenants: { count: 3 }\n# traffic:\n#   - function: checkout\n#     poisson: { rate: 2.2/min }\n');
    expect(loadFragment(fragment)).toMatchObject({ ok: true });
    const live = loadFragment(fragment, true);
    expect(live).toMatchObject({ ok: true });
    if (live.ok) expect(live.scenario.variants[0].config.functions[0].name).toBe('checkout');
  });
});

describe('exports with wrappers', () => {
  test('a Logs Insights CSV: multi-line quoted messages, @log names the function, a JSON event in a cell', async () => {
    const r = await calibration(['insights.csv']);
    expect(r.counts).toMatchObject({ lines: 14, headers: 1, reports: 5, other: 4, malformed: 0 });
    expect(r.functions[0]).toMatchObject({ name: 'orders', invocations: 5, coldStarts: 1 });
    expect(r.functions[0].timing).toMatchObject({ timed: 5, spanMs: 90_000 });
  });

  test('JSON lines of filter-log-events with a log group', async () => {
    const r = await calibration(['filter-log-events.jsonl'], { defaultFunction: 'ignored' });
    expect(r.functions[0]).toMatchObject({ name: 'payments', invocations: 5, coldStarts: 1, memorySizesMb: [[2048, 5]] });
    expect(r.functions[0].timing).toMatchObject({ spanMs: 60_000, meanInterArrivalMs: 15_000 });
  });

  test('several files make several functions, in name order; the fragment loads', async () => {
    const r = await calibrate(['platform-events.jsonl', 'insights.csv', 'filter-log-events.jsonl'], { runtime: 'python3.12' });
    expect(r.code).toBe(EXIT_OK);
    expect([...r.stdout.matchAll(/^Function (\S+):/gm)].map((m) => m[1])).toEqual(['checkout', 'orders', 'payments']);
    const fragment = fragmentOf(r.stdout);
    expect(fragment.match(/runtime: python3\.12 # from --runtime/g)).toHaveLength(3);
    const live = loadFragment(fragment, true);
    expect(live).toMatchObject({ ok: true });
    if (live.ok) expect(live.scenario.variants[0].config.traffic).toHaveLength(3);
  });

  test('a gzip-compressed export reads like the plain one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'api.log.gz'), gzipSync(readFileSync(join(FIXTURES, 'report-text.log'))));
    const plain = await calibrate(['report-text.log'], { function: 'api' });
    const gz = await calibrate(['api.log.gz'], { function: 'api' }, dir);
    expect(gz.code).toBe(EXIT_OK);
    expect(gz.stdout.replaceAll('api.log.gz', 'report-text.log')).toBe(plain.stdout);
  });
});

describe('malformed lines', () => {
  test('are skipped and listed on stderr with file:line and why', async () => {
    const r = await calibrate(['malformed.log']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toBe(
      [
        'malformed.log:4: `Duration` is `abc`, not a number',
        'malformed.log:5: REPORT line without `Memory Size`, `Max Memory Used`',
        'malformed.log:6: platform.report metrics `durationMs` missing or not a number >= 0',
        'malformed.log:7: invalid JSON: Unterminated string in JSON at position 92',
        'malformed.log:10: `Duration: 12` has unit s, expected ms',
        'malformed.log:11: platform.report without a `record` object',
        '6 malformed entries skipped',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toContain('  3 invocation reports\n  6 malformed entries (listed on stderr)\n  3 other lines');
    expect(r.stdout).toContain('status: success 2, timeout 1');
    expect(loadFragment(fragmentOf(r.stdout))).toMatchObject({ ok: true });
  });

  test('the first 20 are listed, then a count', async () => {
    const dir = tempDir();
    const lines = [reportLine('ok', 10)];
    for (let i = 0; i < 25; i++) lines.push(`REPORT RequestId: bad-${i}\tDuration: ${i} ms`);
    writeFileSync(join(dir, 'many.log'), `${lines.join('\n')}\n`);
    const r = await calibrate(['many.log'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    const listed = r.stderr.split('\n').filter((l) => l.startsWith('many.log:'));
    expect(listed).toHaveLength(20);
    expect(listed[0]).toBe('many.log:2: REPORT line without `Billed Duration`, `Memory Size`, `Max Memory Used`');
    expect(listed[19]).toMatch(/^many\.log:21: /);
    expect(r.stderr).toContain('... and 5 more malformed entries\n25 malformed entries skipped\n');
  });
});

describe('large samples', () => {
  function writeReports(dir: string, name: string, durations: number[]): void {
    const start = Date.UTC(2025, 10, 20, 10);
    const lines = durations.map((d, i) => `${new Date(start + i * 250).toISOString()}\t${reportLine(`r-${i}`, d, { initMs: i % 100 === 0 ? 300 + (i % 7) * 10 : undefined })}`);
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  }

  test('a lognormal export gets { lognormal: { median, p99 } }; a bimodal one the empirical percentiles; both load', async () => {
    const dir = tempDir();
    writeReports(dir, 'lognormal.log', lognormalSample(3000, Math.log(50), 0.7, 'calibrate/cli-lognormal'));
    writeReports(dir, 'bimodal.log', [...lognormalSample(1500, Math.log(15), 0.15, 'calibrate/cli-a'), ...lognormalSample(1500, Math.log(400), 0.15, 'calibrate/cli-b')]);
    const good = await calibrate(['lognormal.log'], { function: 'smooth' }, dir);
    const bad = await calibrate(['bimodal.log'], { function: 'lumpy' }, dir);
    expect(good.stdout).toMatch(/duration +3,000 .* lognormal fits\n/);
    expect(bad.stdout).toMatch(/duration +3,000 .* lognormal is a poor fit: use the empirical percentiles\n/);
    const goodFragment = fragmentOf(good.stdout);
    const badFragment = fragmentOf(bad.stdout);
    expect(goodFragment).toMatch(/duration: \{ lognormal: \{ median: [\d.]+ms, p99: [\d.]+ms \} \} # lognormal fits/);
    expect(badFragment).toMatch(/duration: \{ empirical: \{ p0: [\d.]+ms, p1: .*p100: [\d.]+ms \} \} # lognormal is a poor fit/);
    // 3,000 reports 250 ms apart: 2,999 gaps over 749.75 s
    expect(goodFragment).toContain('poisson: { rate: 4.001/s }');
    for (const fragment of [goodFragment, badFragment]) {
      const loaded = loadFragment(fragment, true);
      expect(loaded).toMatchObject({ ok: true });
    }
    const loaded = loadFragment(goodFragment);
    if (!loaded.ok) throw new Error('not ok');
    const spec = loaded.scenario.variants[0].config.functions[0].duration;
    expect(spec.type).toBe('lognormal');
    if (spec.type === 'lognormal') expect(Math.exp(spec.mu)).toBeCloseTo(50, -1);
  });

  test('handlers longer than the default 3 s timeout get a timeout that keeps them', async () => {
    const dir = tempDir();
    writeReports(dir, 'slow.log', [1200, 4500.5, 2500, 3100, 800, 6000, 2000, 5200]);
    const r = await calibrate(['slow.log'], {}, dir);
    const fragment = fragmentOf(r.stdout);
    expect(fragment).toContain('    timeout: 6s # the longest logged duration was 6000ms: set your configured timeout\n');
    const loaded = loadFragment(fragment);
    expect(loaded).toMatchObject({ ok: true });
    if (loaded.ok) expect(loaded.scenario.variants[0].config.functions[0].timeoutMs).toBe(6000);
  });
});

describe('exit codes', () => {
  test('a missing file, a folder, a binary file, a broken gzip: 2, every file named, no stack trace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'broken.gz'), Buffer.from([0x1f, 0x8b, 0xff, 0xff, 0x00, 0x13, 0x37]));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'fine.log'), `${reportLine('r', 5)}\n`);
    const r = await calibrate(['nope.log', 'folder', 'binary.bin', 'broken.gz', 'fine.log'], {}, dir);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'nope.log: no such file',
        'folder: is a folder, not a log file',
        'binary.bin: is binary (it has NUL bytes); expected a text log export in UTF-8',
        'broken.gz: starts like gzip but cannot be decompressed',
        '',
      ].join('\n'),
    );
  });

  test('a gzip file cut short: 2, saying how far it was read', async () => {
    const dir = tempDir();
    const text = Array.from({ length: 20_000 }, (_, i) => `${reportLine(`r-${i}`, 10 + (i % 97))}\n`).join('');
    const gz = gzipSync(text);
    writeFileSync(join(dir, 'cut.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    const r = await calibrate(['cut.log.gz'], {}, dir);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stderr).toMatch(/^cut\.log\.gz: could not be read to the end after line \d+ \(Z_BUF_ERROR\)\n$/);
  });

  test('no invocation report in any file: 2, with what was read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.log'), '');
    writeFileSync(join(dir, 'start-end.log'), 'START RequestId: r Version: $LATEST\nEND RequestId: r\n');
    const r = await calibrate(['empty.log', 'start-end.log'], {}, dir);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Read 2 files, 2 lines:\n  0 invocation reports\n  2 other lines');
    expect(r.stderr).toContain('no invocation report (REPORT line or platform.report event) in empty.log, start-end.log\n');
  });

  test('bad options: 2', async () => {
    for (const [files, options] of [
      [[], {}],
      [['report-text.log'], { top: 0 }],
      [['report-text.log'], { top: Number.NaN }],
      [['report-text.log'], { top: 2.5 }],
      [['report-text.log'], { function: ' ' }],
      [['report-text.log'], { out: '' }],
    ] as const) {
      const r = await calibrate([...files], options);
      expect(r.code, JSON.stringify([files, options])).toBe(EXIT_BAD_INPUT);
      expect(r.stderr).toMatch(/^tenancy-sim calibrate: /);
    }
  });

  test('--out writes the fragment printed otherwise; an unwritable --out is 3, checked before reading', async () => {
    const dir = tempDir();
    const printed = fragmentOf((await calibrate(['console-export.log'])).stdout);
    const r = await calibrate(['console-export.log'], { out: join(dir, 'fragment.yaml') });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain(`scenario fragment written to ${join(dir, 'fragment.yaml')}`);
    expect(r.stdout).not.toContain('Scenario fragment:');
    expect(readFileSync(join(dir, 'fragment.yaml'), 'utf8')).toBe(printed);
    const missing = await calibrate(['nope.log'], { out: join(dir, 'no', 'such', 'folder', 'f.yaml') });
    expect(missing.code).toBe(EXIT_OUTPUT);
    expect(missing.stderr).toMatch(/cannot write .*: its folder does not exist/);
    const folder = await calibrate(['console-export.log'], { out: dir });
    expect(folder.code).toBe(EXIT_OUTPUT);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('calibrateOptions', () => {
  test('wired as `calibrate <files...>`, it parses files and options for runCalibrate', async () => {
    const argv = ['calibrate', 'report-text.log', 'console-export.log', '--function', 'api', '--top', '5', '--runtime', 'java21'];
    const args = await yargs(argv).command('calibrate <files...>', 'fit a scenario to logs', calibrateOptions).strict().exitProcess(false).parseAsync();
    expect(args).toMatchObject({ files: ['report-text.log', 'console-export.log'], function: 'api', top: 5, runtime: 'java21' });
    const defaults = await yargs(['calibrate', 'a.log']).command('calibrate <files...>', '', calibrateOptions).exitProcess(false).parseAsync();
    expect(defaults).toMatchObject({ files: ['a.log'], top: 20 });
    expect(defaults.out).toBeUndefined();
    const { files, ...options } = args as unknown as { files: string[] } & CalibrateCliOptions;
    const r = await calibrate(files, { function: options.function, top: options.top, runtime: options.runtime, out: options.out });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Function api: 17 invocations, 3 cold starts (17.65%)');
  });
});
