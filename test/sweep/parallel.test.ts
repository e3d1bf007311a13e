/**
 * The same sweep gives the same bytes whatever the number of worker threads (0: this thread, 1, 2), and the
 * shards of a sweep merge into exactly the files the whole sweep writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runMerge } from '../../src/cli/merge-command.js';
import { runSweep, type SweepCliOptions } from '../../src/cli/sweep-command.js';
import { captureIo, NOISY_SCENARIO, scenarioFile, tmp, workerUrl } from './helpers.js';

const scenario = scenarioFile(NOISY_SCENARIO);
/** The files of an output folder (its marker left out: it says who wrote it, not what). */
const files = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => f !== '.tenancy-sim.json').sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

async function sweep(options: SweepCliOptions) {
  const out = join(tmp(), 'out');
  const { io, out: o } = captureIo();
  const code = await runSweep(scenario, { out, workerUrl: await workerUrl(), ...options }, io);
  expect(code, o.stderr).toBe(0);
  return { out, stdout: o.stdout };
}

let whole: { out: string; stdout: string };
beforeAll(async () => {
  whole = await sweep({ workers: 0 });
});

describe('worker threads', () => {
  test('1 and 2 workers write the bytes the main thread writes', async () => {
    const expected = files(whole.out);
    expect(Object.keys(expected)).toEqual(['sweep.csv', 'sweep.html', 'sweep.json']);
    for (const workers of [1, 2]) {
      const r = await sweep({ workers });
      expect(files(r.out), `${workers} workers`).toEqual(expected);
      expect(r.stdout.replace(r.out, '')).toBe(whole.stdout.replace(whole.out, ''));
    }
  });
});

describe('shards and merge', () => {
  test('the merge of 3 shards (in any order) is the whole sweep, byte for byte', async () => {
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await sweep({ workers: i === 2 ? 1 : 0, shard: `${i}/3` }));
    expect(Object.keys(files(shards[0].out))).toEqual(['sweep.csv', 'sweep.json']);
    expect(shards[1].stdout).toMatch(/2 of 6 points .*\n[\s\S]*shard 2\/3: breakpoints need every point; combine the shards with tenancy-sim merge/);
    const out = join(tmp(), 'merged');
    const { io, out: o } = captureIo();
    expect(await runMerge([shards[2].out, shards[0].out, shards[1].out], { out }, io), o.stderr).toBe(0);
    expect(files(out)).toEqual(files(whole.out));
    expect(o.stdout.replace(out, '')).toBe(whole.stdout.replace(whole.out, ''));
  });

  test('merging refuses a missing shard, a shard given twice, and shards of another sweep', async () => {
    const a = await sweep({ workers: 0, shard: '1/2' });
    const b = await sweep({ workers: 0, shard: '2/2' });
    const other = await sweep({ workers: 0, shard: '2/2', replications: 2 });
    const merge = async (...dirs: string[]) => {
      const { io, out } = captureIo();
      const code = await runMerge(dirs, { out: join(tmp(), 'm') }, io);
      return { code, stderr: out.stderr };
    };
    expect(await merge(a.out)).toEqual({ code: 2, stderr: 'tenancy-sim merge: 3 of 6 points are missing (1, 3, 5): merge every shard\n' });
    expect((await merge(a.out, b.out, b.out)).stderr).toMatch(/point 1 is in .* and in an earlier folder: give each shard once/);
    expect((await merge(a.out, other.out)).stderr).toMatch(/is from another sweep than .*: their `seeds` differs/);
    expect((await merge(join(tmp(), 'nothing'))).stderr).toMatch(/none of the folders holds a sweep\.json \(sweep --shard\) or a shard\.json \(run --shard\)/);
    expect((await merge(a.out, b.out)).code).toBe(0);
  });
});
