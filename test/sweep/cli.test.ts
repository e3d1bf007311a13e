/**
 * `tenancy-sim sweep` driven in-process: files, exit codes, output-folder safety, interruption, and the
 * progress bar (only on a terminal, never with --quiet).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { runSweep } from '../../src/cli/sweep-command.js';
import { CAP_SCENARIO, captureIo, scenarioFile, tmp, workerUrl } from './helpers.js';

const cap = scenarioFile(CAP_SCENARIO, 'cap.yaml');

async function sweep(options: Parameters<typeof runSweep>[1], io = captureIo()) {
  const code = await runSweep(cap, { workerUrl: await workerUrl(), workers: 0, ...options }, io.io);
  return { code, ...io.out };
}

describe('tenancy-sim sweep', () => {
  test('writes sweep.csv (tidy), sweep.json and a self-contained sweep.html, and prints the breakpoints', async () => {
    const out = join(tmp(), 'r');
    const r = await sweep({ out, set: ['tenants.count=4,6'], breakpoint: ['p99=+2.5ms'], metric: ['p99', 'environmentHeadroomPct'] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('cap-crossing: sweep of tenants.count (2 values)\n2 points x 2 variants x 1 replication = 4 runs; seeds 3\n');
    expect(r.stdout).toContain('  isolated hits isolated environments of api at tenants.count=6\n');
    expect(r.stdout).toContain('  isolated exceeds shared by more than +2.5ms in latencyP99Ms at tenants.count=4: 105.0 ms vs 102.0 ms (+2.9%)\n');
    expect(r.stdout).toMatch(/tenants\.count  variant\s+latencyP99Ms  environmentHeadroomPct\s+failedShare  limits hit\n/);
    expect(r.stdout).toMatch(/\n6\s+isolated\s+105\.0 ms\s+0\.0%\s+[\d.]+%  isolated environments of api\n/);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('tenants.count,variant,metric,mean,ciLow,ciHigh,n');
    expect(csv).toContain('6,isolated,environmentCapThrottles,1,,,1');
    expect(csv).toContain('4,shared,latencyP99Ms,102,,,1');
    const html = readFileSync(join(out, 'sweep.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|<link|\ssrc=|href="http/);
    expect(html).toContain('isolated hits isolated environments of api at tenants.count=6');
    const doc = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(doc).toMatchObject({ format: 'tenancy-sim-sweep/2', scenario: 'cap-crossing', seeds: [3], pointCount: 2, shard: null });
  });

  test('a numeric parameter spanning 20x or more gets a log axis, and rendering prints nothing', async () => {
    const spies = (['log', 'warn', 'error'] as const).map((k) => vi.spyOn(console, k));
    const out = join(tmp(), 'r');
    expect((await sweep({ out, set: ['tenants.count=3,60'] })).code).toBe(0);
    expect(readFileSync(join(out, 'sweep.html'), 'utf8')).toContain('>60<');
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  test('bad input: located problems, exit 2, nothing written', async () => {
    const out = join(tmp(), 'r');
    const r = await sweep({ out, set: ['tenants.count=4,0'] });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('--set tenants.count=4,0:1:17: tenants.count: expected an integer from 1 to 1000000, got 0\n1 problem in ' + cap + '\n');
    expect(existsSync(out)).toBe(false);
    for (const bad of [{ workers: -1 }, { shard: '0/2' }, { replications: 0 }, { seed: 'x' }, { out: ' ' }]) {
      const b = await sweep({ set: ['tenants.count=4'], ...bad });
      expect(b.code, JSON.stringify(bad)).toBe(2);
      expect(b.stderr).toMatch(/^tenancy-sim sweep: /);
    }
    expect(await runSweep('missing.yaml', {}, captureIo().io)).toBe(2);
  });

  test('an output folder that is not a sweep folder is left alone (exit 3); an earlier sweep is replaced', async () => {
    const out = join(tmp(), 'r');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect((await sweep({ out, set: ['tenants.count=4'] })).code).toBe(3);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    const again = join(tmp(), 'again');
    expect((await sweep({ out: again, set: ['tenants.count=4'] })).code).toBe(0);
    expect((await sweep({ out: again, set: ['tenants.count=5'] })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(again, 'sweep.json'), 'utf8')).parameters).toEqual([{ key: 'tenants.count', values: [5] }]);
    // a run's results folder is named as one, not as files tenancy-sim did not write
    const run = join(tmp(), 'run');
    const { main } = await import('../../src/cli/main.js');
    expect(await main(['run', cap, '--out', run, '--quiet'], captureIo().io)).toBe(0);
    const r = await sweep({ out: run, set: ['tenants.count=4'] });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('it is a results folder of tenancy-sim, not a sweep folder; choose another folder');
  });

  test('interrupted: exit 130, earlier results kept', async () => {
    const out = join(tmp(), 'r');
    expect((await sweep({ out, set: ['tenants.count=4'] })).code).toBe(0);
    const before = readFileSync(join(out, 'sweep.json'), 'utf8');
    const stop = new AbortController();
    stop.abort();
    for (const workers of [0, 1]) {
      const r = await sweep({ out, workers, set: ['tenants.count=5,6'] }, captureIo({ signal: stop.signal }));
      expect(r.code).toBe(130);
      expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(before);
    }
  });

  test('interrupted while the workers run', async () => {
    const out = join(tmp(), 'r');
    const stop = new AbortController();
    // the progress bar's first output comes once tasks are running: stop there
    const io = captureIo({ isTTY: true, signal: stop.signal, stderr: () => stop.abort() });
    const r = await sweep({ out, workers: 1, set: ['tenants.count=3,4,5,6,7,8'], replications: 20, progressAfterMs: 0 }, io);
    expect(r.code).toBe(130);
    expect(existsSync(out)).toBe(false);
  });
});

describe('progress', () => {
  const options = { set: ['tenants.count=3,4,5,6'], progressAfterMs: 0, replications: 3 };

  test('nothing on a non-terminal, nothing with --quiet', async () => {
    expect((await sweep({ out: join(tmp(), 'a'), ...options })).stderr).toBe('');
    expect((await sweep({ out: join(tmp(), 'b'), ...options, quiet: true }, captureIo({ isTTY: true }))).stderr).toBe('');
  });

  test('a bar with points, invocations, rate and ETA on a terminal once the run is long enough', async () => {
    const r = await sweep({ out: join(tmp(), 'c'), ...options }, captureIo({ isTTY: true }));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/100% \| 4\/4 points \| [\d,]+ invocations \| [\d,]+\/s \| ETA 0s/);
    // a sweep shorter than the delay shows nothing
    expect((await sweep({ out: join(tmp(), 'd'), set: ['tenants.count=3'] }, captureIo({ isTTY: true }))).stderr).toBe('');
  });
});

describe('how large a sweep may be', () => {
  test('a sweep expected to exceed the limit in all (points x variants x replications) is refused before it runs; --max-invocations raises it', async () => {
    const out = join(tmp(), 'r');
    // cap.yaml: about 2 x (tenants.count) invocations per variant; 3 points x 2 replications
    const refused = await sweep({ out, set: ['tenants.count=4,6,8'], replications: 2, maxInvocations: '10' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^.*cap\.yaml: the sweep would have about [\d,]+ invocations in 3 points x 2 variants x 2 replications, more than the 10 allowed; pass --max-invocations \d+ to run it anyway/);
    expect(existsSync(out)).toBe(false);
    const needed = /--max-invocations (\d+)/.exec(refused.stderr)![1];
    expect((await sweep({ out, set: ['tenants.count=4,6,8'], replications: 2, maxInvocations: needed })).code).toBe(0);
    expect((await sweep({ out: join(tmp(), 'r'), set: ['tenants.count=4'], maxInvocations: 'lots' })).stderr).toMatch(/--max-invocations must be a whole number above 0, got "lots"/);
  });
});
