/**
 * Reading a scenario file from the command line: only a regular file, of at most 2 MiB, checked with stat
 * before anything is read, and read no further than the limit and one byte (stat may not know the size, or
 * the file may grow meanwhile). `run`, `validate` and `sweep` read through it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readScenarioFile } from '../../src/cli/scenario-input.js';

const dir = mkdtempSync(join(tmpdir(), 'tenancy-scenario-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIMIT = 2 * 1024 * 1024;

/** `work`, or a rejection when it takes longer than `ms` (a read that blocks or never ends must fail the test). */
function within<T>(work: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still reading after ${ms} ms`)), ms).unref())]);
}

/** readScenarioFile on `file`, with what it printed. */
async function read(file: string) {
  let stderr = '';
  const result = await within(readScenarioFile(file, { stdout: () => {}, stderr: (s) => void (stderr += s), cwd: dir }));
  return { result, stderr };
}

describe('only a regular file is read', () => {
  test('a named pipe, a character device and a folder are refused at once, with the file located', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const cases: [string, string][] = [
      ['pipe.yaml', 'pipe.yaml:1:1: (file): cannot read the scenario: it is a named pipe (FIFO), not a regular file\n'],
      ['/dev/urandom', '/dev/urandom:1:1: (file): cannot read the scenario: it is a character device, not a regular file\n'],
      ['.', '.:1:1: (file): cannot read the scenario: it is a folder, not a regular file\n'],
    ];
    for (const [file, message] of cases) {
      const { result, stderr } = await read(file);
      expect(result).toBeNull();
      expect(stderr).toBe(message);
    }
  });

  test('validate and sweep exit with 2 on a named pipe, without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe2.yaml')]);
    for (const argv of [['validate', 'pipe2.yaml'], ['sweep', 'pipe2.yaml', '--set', 'seed=1,2']]) {
      let stderr = '';
      const code = await within(main(argv, { stdout: () => {}, stderr: (s) => void (stderr += s), cwd: dir }));
      expect(code).toBe(2);
      expect(stderr).toMatch(/^pipe2\.yaml:1:1: \(file\): cannot read the scenario: it is a named pipe/);
    }
  });
});

describe('the size is checked before reading', () => {
  test('a 1.5 GiB file is refused from its size, unread', async () => {
    writeFileSync(join(dir, 'huge.yaml'), 'name: huge\n');
    truncateSync(join(dir, 'huge.yaml'), 1.5 * 1024 ** 3); // sparse: no disk space, but a 1.5 GiB read
    const { result, stderr } = await read('huge.yaml');
    expect(result).toBeNull();
    expect(stderr).toBe('huge.yaml:1:1: (file): the scenario is 1536.00 MB; scenario files are limited to 2 MB (describe traffic with patterns, not one entry per call)\n');
  });

  test('2 MiB is read; 2 MiB and one byte is refused', async () => {
    writeFileSync(join(dir, 'max.yaml'), `name: max\n#${'x'.repeat(LIMIT - 12)}\n`);
    expect(statSync(join(dir, 'max.yaml')).size).toBe(LIMIT);
    expect((await read('max.yaml')).result?.text.length).toBe(LIMIT);
    writeFileSync(join(dir, 'over.yaml'), `name: max\n#${'x'.repeat(LIMIT - 11)}\n`);
    const { result, stderr } = await read('over.yaml');
    expect(result).toBeNull();
    expect(stderr).toMatch(/^over\.yaml:1:1: \(file\): the scenario is 2\.00 MB; scenario files are limited to 2 MB/);
  });

  test.skipIf(!existsSync('/proc/kallsyms'))('a file larger than stat says (a /proc file of size 0) is read only to the limit and one byte', async () => {
    expect(statSync('/proc/kallsyms').size).toBe(0);
    const { result, stderr } = await read('/proc/kallsyms');
    expect(result).toBeNull();
    expect(stderr).toBe('/proc/kallsyms:1:1: (file): the scenario is larger than 2 MB; scenario files are limited to 2 MB (describe traffic with patterns, not one entry per call)\n');
  });
});
