/**
 * `calibrate ... | head -c 10` (and `run --json | head -c 10`): when the reader of stdout goes away, calibrate ends quietly (exit 0, nothing
 * on stderr) instead of dying on EPIPE. In-process with an io whose stdout throws EPIPE, and end to end: the
 * real bin/tenancy-sim.js, importing the CLI bundled from the current sources (see
 * ../helpers/worker-bundle.ts) instead of a dist/ that may be stale, run by a shell into `head -c 10`.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { runCalibrate } from '../../src/cli/calibrate-command.js';
import { EXIT_OK } from '../../src/cli/io.js';
import { bundledWorker, root } from '../helpers/worker-bundle.js';
import { FIXTURES, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });

describe('in-process', () => {
  test('stdout throwing EPIPE: exit 0, nothing on stderr, no further writes, --out still written', async () => {
    const dir = tempDir();
    let stderr = '';
    let calls = 0;
    const io = { stdout: () => (calls++, (() => { throw epipe(); })()), stderr: (s: string) => (stderr += s), cwd: FIXTURES };
    expect(await runCalibrate(['platform-events.jsonl'], {}, io)).toBe(EXIT_OK);
    expect(await runCalibrate(['platform-events.jsonl'], { out: join(dir, 'f.yaml') }, io)).toBe(EXIT_OK);
    expect(stderr).toBe('');
    expect(calls).toBe(2);
    expect(readFileSync(join(dir, 'f.yaml'), 'utf8')).toMatch(/^# tenancy-sim calibrate fragment/);
  });
});

describe('end to end', () => {
  test('bin/tenancy-sim.js calibrate <fixture> | head -c 10, 5 times: 10 bytes, exit 0, stderr empty', async () => {
    const dir = tempDir();
    const cli = await bundledWorker('cli/process.ts');
    const bin = join(dir, 'tenancy-sim.mjs');
    writeFileSync(bin, readFileSync(join(root, 'bin', 'tenancy-sim.js'), 'utf8').replace("'../dist/cli/process.js'", JSON.stringify(cli.href)));
    const script = `node "$1" calibrate "$2" 2>"$3" | head -c 10; echo " \${PIPESTATUS[0]}"`;
    for (let i = 0; i < 5; i++) {
      const errFile = join(dir, `stderr-${i}.txt`);
      const { stdout } = await promisify(execFile)('bash', ['-c', script, 'pipe', bin, join(FIXTURES, 'platform-events.jsonl'), errFile]);
      expect(readFileSync(errFile, 'utf8')).toBe('');
      expect(stdout).toBe('Read 1 fil 0\n');
    }
  });

  test('stdout on a full disk (> /dev/full): exit 3, a message on stderr, no stack trace; the results are written', async () => {
    const dir = tempDir();
    const cli = await bundledWorker('cli/process.ts');
    const bin = join(dir, 'tenancy-sim.mjs');
    writeFileSync(bin, readFileSync(join(root, 'bin', 'tenancy-sim.js'), 'utf8').replace("'../dist/cli/process.js'", JSON.stringify(cli.href)));
    for (const [args, out] of [[`run ${join(root, 'scenarios', 'seed-20-tenants.yaml')} --json --quiet --out ${join(dir, 'r')}`, join(dir, 'r')], ['schema', null]] as const) {
      const errFile = join(dir, 'err.txt');
      const { stdout } = await promisify(execFile)('bash', ['-c', `node "$1" ${args} > /dev/full 2>"$2"; echo " $?"`, 'full', bin, errFile]);
      expect(stdout).toBe(' 3\n');
      expect(readFileSync(errFile, 'utf8')).toBe("tenancy-sim: could not write the command's output (standard output: ENOSPC)\n");
      if (out !== null) expect(readFileSync(join(out, 'summary.json'), 'utf8')).toMatch(/^\{/);
    }
  });

  test('bin/tenancy-sim.js run <scenario> --json | true (a reader gone before the first write): exit 0, stderr empty, results written', async () => {
    const dir = tempDir();
    const cli = await bundledWorker('cli/process.ts');
    const bin = join(dir, 'tenancy-sim.mjs');
    writeFileSync(bin, readFileSync(join(root, 'bin', 'tenancy-sim.js'), 'utf8').replace("'../dist/cli/process.js'", JSON.stringify(cli.href)));
    const script = `node "$1" run "$2" --json --quiet --out "$4" 2>"$3" | true; echo " \${PIPESTATUS[0]}"`;
    const errFile = join(dir, 'stderr.txt');
    const { stdout } = await promisify(execFile)('bash', ['-c', script, 'pipe', bin, join(root, 'scenarios', 'seed-20-tenants.yaml'), errFile, join(dir, 'r')]);
    expect(readFileSync(errFile, 'utf8')).toBe('');
    expect(stdout).toBe(' 0\n');
    expect(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).toMatch(/^\{\n  "format"/);
  });
});
