/**
 * Signals at random points of a run: a real process (built from the sources) runs a scenario with a report
 * over an earlier run's results, and gets SIGINT, SIGTERM or SIGHUP after a random delay: while it starts,
 * loads, simulates, writes the outputs and the report, or after it ended. Whatever the moment, the results
 * folder holds either the earlier results or the complete new ones, never a mix and never nothing; the exit
 * code says which; no stack trace is printed; no staging folder or lock is left.
 * 16 runs (fast-check picks the signal, the delay and whether --trace is on), and two fixed ones: a signal at
 * once and one long after the run ended.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MARKER } from '../../src/cli/output-folder.js';
import { RESULT_FILES } from '../../src/results/index.js';
import { bundledWorker } from '../helpers/worker-bundle.js';

const base = mkdtempSync(join(tmpdir(), 'tenancy-signal-fuzz-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const EARLIER = 'name: s\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 3 }\ntraffic:\n  - { function: api, sequential: { interval: 1s } }\n';
/** About 700,000 invocations in two variants: under a second of simulation, then outputs and a report (2.6 s in all). */
const RUN = 'name: mid\nhorizon: 1d\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 200 }\ntraffic:\n  - { function: api, poisson: { rate: 4/s } }\n';
const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

async function start(cwd: string, argv: string[]): Promise<ChildProcess> {
  const url = await bundledWorker('cli/process.ts');
  return spawn(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url.href)}); await m.runProcess(process.argv.slice(1));`, '--', ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

let n = 0;
describe('a signal at a random point of a run', () => {
  test('leaves the earlier results or the complete new ones, exits with the signal\'s code or 0, prints no stack trace, leaves no staging folder or lock', async () => {
    await bundledWorker('cli/process.ts');
    const outcomes = { finished: 0, interrupted: 0, killedBeforeStart: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('SIGINT', 'SIGTERM', 'SIGHUP'), fc.integer({ min: 0, max: 3000 }), fc.boolean(), async (signal, delayMs, trace) => {
        const dir = join(base, `case-${n++}`);
        mkdirSync(dir);
        writeFileSync(join(dir, 'earlier.yaml'), EARLIER.replace('name: s', 'name: mid'));
        writeFileSync(join(dir, 'mid.yaml'), RUN);
        expect((await main(['run', 'earlier.yaml', '--out', 'r', '--quiet', '--report'], { stdout: () => {}, stderr: () => {}, cwd: dir }))).toBe(0);
        const before = readdirSync(join(dir, 'r')).sort().map((f) => [f, readFileSync(join(dir, 'r', f), 'utf8')]);
        const child = await start(dir, ['run', 'mid.yaml', '--out', 'r', '--report', ...(trace ? ['--trace'] : [])]);
        let err = '';
        child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
        child.stdout!.resume();
        const timer = setTimeout(() => child.kill(signal), delayMs);
        const [code, killedBy] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
        clearTimeout(timer);
        const after = readdirSync(join(dir, 'r')).sort();
        expect(err).not.toMatch(/\n\s+at |internal error|Error:/);
        expect(readdirSync(dir).filter((f) => f.startsWith('.')), 'no staging folder or lock').toEqual([]);
        if (code === 0) {
          outcomes.finished++;
          expect(after).toEqual([MARKER, ...RESULT_FILES, 'report.md', 'report.html', ...(trace ? ['invocations.csv'] : [])].sort());
          expect(JSON.parse(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).variants[0].invocations).toBeGreaterThan(300_000);
        } else {
          if (code === null) {
            // killed before its handlers were installed (while Node started): it cannot have written anything
            expect(killedBy).toBe(signal);
            outcomes.killedBeforeStart++;
          } else {
            expect(code, err).toBe(CODES[signal]);
            expect(err).toMatch(/interrupted/);
            outcomes.interrupted++;
          }
          expect(readdirSync(join(dir, 'r')).sort().map((f) => [f, readFileSync(join(dir, 'r', f), 'utf8')])).toEqual(before);
        }
        expect(existsSync(join(dir, 'r', '.tenancy-sim.json'))).toBe(true);
        rmSync(dir, { recursive: true, force: true });
      }),
      // besides the random ones: a signal long after the end (the run finishes) and one at once
      { numRuns: 16, examples: [['SIGTERM', 60_000, true], ['SIGHUP', 0, false]] },
    );
    // both sides of the end of a run were reached
    expect(outcomes.finished, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.interrupted + outcomes.killedBeforeStart, JSON.stringify(outcomes)).toBeGreaterThan(0);
  }, 180_000);
});
