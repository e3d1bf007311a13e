/**
 * `tenancy-sim merge` reads shard folders that come from users: a sweep.json it did not write must never
 * choose where results go, crash it, exhaust its memory or reach the terminal raw. Each case starts from a
 * real sweep's sweep.json, changes it, and merges it through `main`, in a working folder nested in a fresh
 * temporary tree so that anything written outside the output folder shows.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runSweep } from '../../src/cli/sweep-command.js';
import { captureIo, NOISY_SCENARIO, scenarioFile, tmp, workerUrl } from './helpers.js';

/** sweep.json of a whole sweep (merging it alone gives the same sweep back). */
let wholeText: string;
/** Its parsed document, for tests to change. */
const whole = () => JSON.parse(wholeText) as Record<string, unknown>;

beforeAll(async () => {
  const out = join(tmp(), 'whole');
  const { io, out: o } = captureIo();
  expect(await runSweep(scenarioFile(NOISY_SCENARIO), { out, workers: 0, workerUrl: await workerUrl() }, io), o.stderr).toBe(0);
  wholeText = readFileSync(join(out, 'sweep.json'), 'utf8');
});

/** Every path under `dir`, relative, folders ending in /. */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? [`${prefix}${d.name}/`, ...listing(join(dir, d.name), `${prefix}${d.name}/`)] : [`${prefix}${d.name}`]);
}

/**
 * Writes `sweepJson` as `shard/sweep.json` in a working folder `top/a/b/work` and runs `tenancy-sim merge
 * shard ...args` there. Returns the exit code, what was printed, and every path under `top` written besides
 * the shard (so `a/b/work/results/<name>-sweep/...` after a merge to the default folder).
 */
async function mergeShard(sweepJson: string, args: string[] = []) {
  const top = tmp();
  const work = join(top, 'a', 'b', 'work');
  mkdirSync(join(work, 'shard'), { recursive: true });
  writeFileSync(join(work, 'shard', 'sweep.json'), sweepJson);
  const { io, out } = captureIo({ cwd: work });
  const code = await main(['merge', 'shard', ...args], io);
  const written = listing(top).filter((p) => !['a/', 'a/b/', 'a/b/work/', 'a/b/work/shard/', 'a/b/work/shard/sweep.json'].includes(p));
  expect(readFileSync(join(work, 'shard', 'sweep.json'), 'utf8'), 'the shard is left as it was').toBe(sweepJson);
  return { code, ...out, written };
}

const withField = (field: string, value: unknown) => JSON.stringify({ ...whole(), [field]: value });

describe('the output folder', () => {
  test('a whole sweep merged alone goes to results/<scenario>-sweep', async () => {
    const r = await mergeShard(wholeText);
    expect(r.code, r.stderr).toBe(0);
    expect(r.written).toEqual(['a/b/work/results/', 'a/b/work/results/noisy-sweep/', ...['sweep.csv', 'sweep.html', 'sweep.json'].map((f) => `a/b/work/results/noisy-sweep/${f}`)]);
  });

  test('a scenario name that is a path is refused (exit 2), nothing is written', async () => {
    for (const name of ['../../victim', '../../../../victim/data', '/tmp/victim', 'a/b', '..', '']) {
      const r = await mergeShard(withField('scenario', name));
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain(`shard/sweep.json: scenario: expected a scenario name of letters, digits, '.', '_' and '-' (not only dots), got ${JSON.stringify(name)}`);
      expect(r.written, name).toEqual([]);
    }
  });
});

describe('reading sweep.json', () => {
  /** Runs merge on a folder whose sweep.json `make` creates; fails the test if merge takes more than 5 s. */
  async function mergeMade(make: (file: string) => void, unblock: (file: string) => void = () => {}) {
    const work = tmp();
    mkdirSync(join(work, 'shard'));
    const file = join(work, 'shard', 'sweep.json');
    make(file);
    const { io, out } = captureIo({ cwd: work });
    const merged = main(['merge', 'shard'], io);
    const late = Symbol('late');
    const first = await Promise.race([merged, new Promise<symbol>((r) => setTimeout(() => r(late), 5000))]);
    if (first === late) {
      unblock(file);
      await merged;
    }
    return { late: first === late, code: await merged, ...out, written: readdirSync(work) };
  }

  test('a FIFO or a device is refused at once (exit 2), without waiting for it', async () => {
    const fifo = await mergeMade((f) => execFileSync('mkfifo', [f]), (f) => closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK)));
    expect(fifo.late, 'merge waited for a writer').toBe(false);
    expect(fifo).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: not a regular file\n', written: ['shard'] });
    const device = await mergeMade((f) => symlinkSync('/dev/zero', f));
    expect(device.late, 'merge read /dev/zero').toBe(false);
    expect(device).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: not a regular file\n', written: ['shard'] });
  });

  test('a sweep.json over 256 MiB is refused before it is read (exit 2)', async () => {
    const r = await mergeMade((f) => {
      writeFileSync(f, '');
      truncateSync(f, 256 * 1024 * 1024 + 1); // sparse: nothing to write
    });
    expect(r.late).toBe(false);
    expect(r).toMatchObject({ code: 2, stderr: 'tenancy-sim merge: shard/sweep.json: 268,435,457 bytes; a sweep.json has at most 268,435,456 (256 MiB)\n', written: ['shard'] });
  });
});
