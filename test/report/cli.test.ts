/**
 * `tenancy-sim report <dir>` driven in-process through runReport: it writes report.md and report.html into
 * a results folder and touches nothing else; anything that is not a results folder is refused with exit
 * code 2 and a message, never a stack trace.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readResults } from '../../src/results/index.js';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_OUTPUT } from '../../src/cli/io.js';
import { reportFiles, type ReportCliOptions, runReport, writeReports } from '../../src/cli/report-command.js';
import { cleanUp, resultsFolder, runFiles, tempDir } from './helpers.js';

afterAll(cleanUp);

const files = runFiles('seed-20-tenants');

async function report(dir: string, options: ReportCliOptions = {}, cwd = '/') {
  let stdout = '';
  let stderr = '';
  const code = await runReport(dir, options, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('tenancy-sim report', () => {
  test('writes report.md and report.html beside the results and leaves every other file as it was', async () => {
    const dir = resultsFolder(files);
    const before = snapshot(dir);
    const r = await report(dir);
    expect(r).toEqual({ code: EXIT_OK, stdout: `report written to ${join(dir, 'report.md')} and ${join(dir, 'report.html')}\n`, stderr: '' });
    const after = snapshot(dir);
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'report.html', 'report.md'].sort());
    for (const f of Object.keys(before)) expect(after[f], f).toBe(before[f]);
    expect(after['report.md']).toMatch(/^# What seed-20-tenants costs, variant by variant\n/);
  });

  test('a second report replaces the first in place, leaving no temporary file', async () => {
    const dir = resultsFolder(files);
    writeFileSync(join(dir, 'report.md'), 'old');
    expect((await report(dir, { format: ['md'] })).code).toBe(EXIT_OK);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# What/);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(dir)).not.toContain('report.html');
  });

  test('a relative folder resolves against the working folder; --baseline changes the comparison', async () => {
    const dir = resultsFolder(files);
    const r = await report('results', { baseline: 'isolated', format: ['md'] }, join(dir, '..'));
    expect(r.code).toBe(EXIT_OK);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('| --- | ---: | ---: | ---: |\n| requests | 20 | 20 | = |');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('|  | isolated | shared | shared vs isolated |');
  });

  test('refusals: exit code 2 and a message naming the problem, nothing written', async () => {
    const empty = join(tempDir(), 'empty');
    mkdirSync(empty);
    const file = join(tempDir(), 'file.txt');
    writeFileSync(file, 'x');
    const broken = resultsFolder({ ...files, 'summary.json': '{"scenario": "x"}' });
    const unpriceable = JSON.parse(files['summary.json']);
    unpriceable.variants[0].functions[0].usage.billedMs = 1.5;
    unpriceable.variants[1].functions[0].usage.tenantEnvironments = 2 ** 53;
    const cases: Array<[string, ReportCliOptions, RegExp]> = [
      [join(tempDir(), 'missing'), {}, /^tenancy-sim report: \S+missing does not exist\n$/],
      [file, {}, /^tenancy-sim report: \S+file\.txt is a file, not a results folder\n$/],
      [empty, {}, /^tenancy-sim report: \S+empty is not a results folder: it has no summary\.json \(tenancy-sim run <scenario> --out \S+ writes one\)\n$/],
      [broken, {}, /^tenancy-sim report: cannot make a report from \S+:\n {2}summary\.json: format: .*\n {2}summary\.json: description: .*\n/],
      [resultsFolder(files), { baseline: 'nope' }, /^tenancy-sim report: cannot make a report from \S+:\n {2}no variant named "nope"/],
      [resultsFolder({ ...files, 'summary.json': JSON.stringify(unpriceable) }), {}, /^tenancy-sim report: cannot make a report from \S+:\n {2}summary\.json: variants\[0\]\.functions\[0\]\.usage\.billedMs: .*\n {2}summary\.json: variants\[1\]\.functions\[0\]\.usage\.tenantEnvironments: .*\n$/],
      [resultsFolder(files), { format: ['pdf'] }, /^tenancy-sim report: --format must be md or html, got "pdf"\n$/],
      ['', {}, /^tenancy-sim report: name the results folder/],
    ];
    for (const [dir, options, message] of cases) {
      const r = await report(dir, options);
      expect(r.code, dir).toBe(EXIT_BAD_INPUT);
      expect(r.stderr, dir).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(broken)).not.toContain('report.md');
  });

  test('report.md that cannot be replaced (a folder is in the way): exit code 3, no temporary file left', async () => {
    const dir = resultsFolder(files);
    mkdirSync(join(dir, 'report.md'));
    writeFileSync(join(dir, 'report.md', 'keep'), 'x');
    const r = await report(dir, { format: ['md'] });
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toMatch(/^tenancy-sim report: the report is not written into \S+: it holds "report\.md", which tenancy-sim did not write\n$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readFileSync(join(dir, 'report.md', 'keep'), 'utf8')).toBe('x');
  });

  test.skipIf(process.getuid?.() === 0)('a read-only results folder: exit code 3, nothing written', async () => {
    const dir = resultsFolder(files);
    chmodSync(dir, 0o555);
    try {
      const r = await report(dir);
      expect(r.code).toBe(EXIT_OUTPUT);
      expect(r.stderr).toMatch(/^tenancy-sim report: cannot write the report to \S+: EACCES\n$/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe('run --report', () => {
  test('reportFiles gives the two files to write with the results', async () => {
    const out = await reportFiles(readResults(files));
    expect(Object.keys(out)).toEqual(['report.md', 'report.html']);
  });

  test('writeReports writes them into a results folder just written', async () => {
    const dir = resultsFolder(files);
    const written = await writeReports(dir, readResults(files));
    expect(written).toEqual({ written: [join(dir, 'report.md'), join(dir, 'report.html')], removed: [] });
    // a report of one format removes the other, which would no longer agree with it
    const fromDisk = await report(dir, { format: ['md'] });
    expect(fromDisk.code).toBe(EXIT_OK);
    expect(fromDisk.stdout).toBe(`report written to ${join(dir, 'report.md')}\nremoved the earlier ${join(dir, 'report.html')}, which no longer matched\n`);
    expect(readdirSync(dir)).not.toContain('report.html');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe((await reportFiles(readResults(files), { formats: ['report.md'] }))['report.md']);
  });
});
