/**
 * Output folders are replaced only when tenancy-sim wrote all of them, through real paths, one writer at a
 * time, and an interruption at any point before the swap (a signal while the outputs are made, SIGTERM,
 * SIGHUP) leaves the earlier folder as it was. Runs in-process and, for signals, as a real process built
 * from the sources.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MARKER } from '../../src/cli/output-folder.js';
import { bundledWorker } from '../helpers/worker-bundle.js';

const base = mkdtempSync(join(tmpdir(), 'tenancy-out-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const SCENARIO = 'name: s\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 3 }\ntraffic:\n  - { function: api, sequential: { interval: 1s } }\n';
const LONG = 'name: long\nhorizon: 30d\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 50 }\ntraffic:\n  - function: api\n    poisson: { rate: 100/s }\n';

let n = 0;
/** A fresh folder with the scenarios in it. */
function folder(): string {
  const dir = join(base, `case-${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 's.yaml'), SCENARIO);
  writeFileSync(join(dir, 'long.yaml'), LONG);
  return dir;
}

async function cli(cwd: string, argv: string[], signal?: AbortSignal, onStderr?: (s: string) => void) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => ((stderr += s), onStderr?.(s)), cwd, signal });
  return { code, stdout, stderr };
}

/** Everything under `dir`, as sorted relative names (what a run must not have touched). */
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

describe('which folders may be replaced', () => {
  test('an earlier run\'s folder is replaced; it gets the marker', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'r', MARKER), 'utf8'))).toEqual({ tool: 'tenancy-sim', kind: 'results', format: 'tenancy-sim-results/4' });
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet', '--seed', '2'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).seed).toBe(2);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]); // no lock, no staging left
  });

  test('a folder holding a summary.json and anything tenancy-sim did not write (.git, src, notes) is refused', async () => {
    const dir = folder();
    const victim = join(dir, 'project');
    mkdirSync(join(victim, 'src'), { recursive: true });
    mkdirSync(join(victim, '.git'));
    writeFileSync(join(victim, 'summary.json'), '{}');
    writeFileSync(join(victim, 'src', 'index.ts'), 'keep');
    const before = listing(victim);
    const r = await cli(dir, ['run', 's.yaml', '--out', 'project', '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/it will not be replaced: it holds "\.git", "src", which tenancy-sim did not write/);
    expect(listing(victim)).toEqual(before);
    // one foreign file beside the marker is enough
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(0);
    writeFileSync(join(dir, 'r', 'notes.txt'), 'mine');
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(3);
    expect(readFileSync(join(dir, 'r', 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('a folder of earlier results without the marker (an older version) is replaced only if it holds nothing else', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'old', 'summary.json'), '{}');
    writeFileSync(join(dir, 'old', 'tenants.csv'), 'x');
    expect((await cli(dir, ['run', 's.yaml', '--out', 'old', '--quiet'])).code).toBe(0);
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain', 'tenants.csv'), 'x');
    expect((await cli(dir, ['run', 's.yaml', '--out', 'plain', '--quiet'])).stderr).toMatch(/it is not a results folder of tenancy-sim/);
  });

  test('through a symlinked working folder, --out "$PWD" is still the working folder: refused', async () => {
    const dir = folder();
    const link = join(base, `link-${n++}`);
    symlinkSync(dir, link);
    const before = listing(dir);
    const r = await cli(link, ['run', 's.yaml', '--out', link, '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is or contains the working folder/);
    expect(listing(dir)).toEqual(before);
  });

  test('a symlinked --out replaces the folder it points to and keeps the link', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'real', '--quiet'])).code).toBe(0);
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    expect((await cli(dir, ['run', 's.yaml', '--out', 'alias', '--quiet', '--seed', '5'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'alias', 'summary.json'), 'utf8')).seed).toBe(5);
    expect(JSON.parse(readFileSync(join(dir, 'real', 'summary.json'), 'utf8')).seed).toBe(5);
  });
});

describe('one writer at a time, and what a dead writer left', () => {
  test('a live writer\'s lock refuses a second run (exit 3); a dead writer\'s lock is taken over', async () => {
    const dir = folder();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, '.r.lock'), `${sleeper.pid}\n${hostname()}\n`);
      const r = await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`another tenancy-sim \\(process ${sleeper.pid}\\) is writing`));
    } finally {
      sleeper.kill();
    }
    await new Promise((resolve) => sleeper.once('exit', resolve));
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(0); // its process is gone: stale
    expect(existsSync(join(dir, '.r.lock'))).toBe(false);
  });

  test('a results folder lost between the two renames of a swap is put back, and dead staging folders removed', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet', '--seed', '7'])).code).toBe(0);
    // as a writer killed between its two renames leaves it: the old folder aside, the target missing
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, 'r'), join(dir, '.r.tmp-AbC123.old'));
    mkdirSync(join(dir, '.r.tmp-XyZ789')); // a staging folder of a dead writer
    writeFileSync(join(dir, '.r.tmp-XyZ789', 'summary.json'), '{}');
    mkdirSync(join(dir, '.r.tmp-Foreig')); // not tenancy-sim's: left alone
    writeFileSync(join(dir, '.r.tmp-Foreig', 'thesis.tex'), 'keep');
    const lost = await cli(dir, ['run', 'long.yaml', '--out', 'r', '--quiet'], AbortSignal.abort('SIGINT'));
    expect(lost.code).toBe(130);
    expect(JSON.parse(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).seed).toBe(7); // repaired before the run
    expect(readdirSync(dir).filter((f) => f.startsWith('.')).sort()).toEqual(['.r.tmp-Foreig']);
  });

  test('a staging folder of a writer stopped before its marker (a partial invocations.csv, no summary.json) is removed by the next run', async () => {
    const dir = folder();
    mkdirSync(join(dir, '.r.tmp-Qwe456'));
    writeFileSync(join(dir, '.r.tmp-Qwe456', 'invocations.csv'), 'variant,traffic\nshared,a');
    writeFileSync(join(dir, '.r.lock'), `999999999\n${hostname()}\n`); // its lock, its process gone
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  test('a lock file tenancy-sim cannot have written (a FIFO, a large file, other text) is refused and left alone; exit 3 at once', async () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, '.fifo.lock')]);
    const fifo = await cli(dir, ['run', 's.yaml', '--out', 'fifo', '--quiet']);
    expect(fifo.code).toBe(3);
    expect(fifo.stderr).toMatch(/\.fifo\.lock is in the way of the lock of .* and is not a lock tenancy-sim wrote \(not a regular file\); move it away/);
    writeFileSync(join(dir, '.big.lock'), 'x'.repeat(100_000));
    const big = await cli(dir, ['run', 's.yaml', '--out', 'big', '--quiet']);
    expect(big.code).toBe(3);
    expect(big.stderr).toMatch(/\(100,000 bytes\)/);
    writeFileSync(join(dir, '.txt.lock'), 'my shopping list\n');
    expect((await cli(dir, ['run', 's.yaml', '--out', 'txt', '--quiet'])).code).toBe(3);
    expect(readFileSync(join(dir, '.big.lock'), 'utf8')).toHaveLength(100_000);
    expect(readFileSync(join(dir, '.txt.lock'), 'utf8')).toBe('my shopping list\n');
  });

  test('a lock naming a live process that is not its writer (this process, or a pid reused by a later process) is stale', async () => {
    const dir = folder();
    writeFileSync(join(dir, '.own.lock'), `${process.pid}\n${hostname()}\n`); // this very process cannot be another writer
    expect((await cli(dir, ['run', 's.yaml', '--out', 'own', '--quiet'])).code).toBe(0);
    const sleeper = spawn('sleep', ['30']);
    try {
      // a live process, but started at another time than the writer that wrote the lock
      writeFileSync(join(dir, '.reused.lock'), `${sleeper.pid}\n${hostname()}\n1\n`);
      expect((await cli(dir, ['run', 's.yaml', '--out', 'reused', '--quiet'])).code).toBe(0);
      // the same process, at its own start time: busy
      const stat = readFileSync(`/proc/${sleeper.pid}/stat`, 'utf8');
      const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      writeFileSync(join(dir, '.live.lock'), `${sleeper.pid}\n${hostname()}\n${started}\n`);
      expect((await cli(dir, ['run', 's.yaml', '--out', 'live', '--quiet'])).code).toBe(3);
    } finally {
      sleeper.kill();
    }
  });

  test('a file put into the results folder while the run was running stops the swap: the folder and the file stay, exit 3', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet', '--seed', '3'])).code).toBe(0);
    let added = false;
    // about 6 million invocations: the notice printed before it runs is the moment to write into the folder
    writeFileSync(join(dir, 'mid.yaml'), LONG.replace('horizon: 30d', 'horizon: 1d').replace('rate: 100/s', 'rate: 35/s'));
    const r = await cli(dir, ['run', 'mid.yaml', '--out', 'r'], undefined, (s) => {
      if (!added && s.includes('invocations in 2 variants')) {
        added = true; // simulating: a user writes into the folder
        writeFileSync(join(dir, 'r', 'notes.txt'), 'mine');
      }
    });
    expect(added).toBe(true);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/it was not replaced: it holds "notes\.txt", which tenancy-sim did not write while the run was running; the results were not written/);
    expect(readFileSync(join(dir, 'r', 'notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).seed).toBe(3);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('an interruption anywhere before the swap leaves the earlier results', () => {
  test('Ctrl-C once the simulation has finished (while the outputs and report are made): exit 130, nothing written', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(0);
    const before = readFileSync(join(dir, 'r', 'summary.json'), 'utf8');
    const stop = new AbortController();
    // the progress line of the last variant comes after its simulation: interrupt then
    const r = await cli(dir, ['run', 's.yaml', '--out', 'r', '--report', '--seed', '3'], stop.signal, (s) => s.includes('simulated variant 2/2') && stop.abort('SIGINT'));
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: nothing written/);
    expect(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  test('report: an interruption before the files are swapped in keeps the earlier report; exit 130', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet', '--report'])).code).toBe(0);
    const md = readFileSync(join(dir, 'r', 'report.md'), 'utf8');
    const r = await cli(dir, ['report', 'r', '--baseline', 'isolated'], AbortSignal.abort('SIGINT'));
    expect(r.code).toBe(130);
    expect(readFileSync(join(dir, 'r', 'report.md'), 'utf8')).toBe(md);
    expect(readdirSync(join(dir, 'r')).filter((f) => f.startsWith('.') && f !== MARKER)).toEqual([]);
  });

  test('report writes both files or neither: report.html that cannot be replaced leaves report.md as it was', async () => {
    const dir = folder();
    expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet', '--report'])).code).toBe(0);
    const md = readFileSync(join(dir, 'r', 'report.md'), 'utf8');
    rmSync(join(dir, 'r', 'report.html'));
    mkdirSync(join(dir, 'r', 'report.html'));
    writeFileSync(join(dir, 'r', 'report.html', 'x'), 'x');
    const r = await cli(dir, ['report', 'r', '--baseline', 'isolated']);
    expect(r.code).toBe(3);
    expect(readFileSync(join(dir, 'r', 'report.md'), 'utf8')).toBe(md);
  });
});

describe('signals to the process', () => {
  /** `tenancy-sim argv...` as a process built from the sources, with `cwd`. */
  async function start(cwd: string, argv: string[]): Promise<ChildProcess> {
    const url = await bundledWorker('cli/process.ts');
    return spawn(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url.href)}); await m.runProcess(process.argv.slice(1));`, '--', ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const) {
    test(`${signal} during a run: exit ${code}, earlier results kept, no lock or staging folder left`, async () => {
      const dir = folder();
      expect((await cli(dir, ['run', 's.yaml', '--out', 'r', '--quiet'])).code).toBe(0);
      const before = readFileSync(join(dir, 'r', 'summary.json'), 'utf8');
      const child = await start(dir, ['run', 'long.yaml', '--out', 'r']);
      let err = '';
      let sent = false;
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('%') && !sent) {
          sent = true; // once: a second signal ends the process at once, by design
          child.kill(signal); // simulating: progress has been printed
        }
      });
      const exit = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(exit, err).toBe(code);
      expect(err).toMatch(/interrupted: nothing written/);
      expect(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')).toBe(before);
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  }
});
