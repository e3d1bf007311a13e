#!/usr/bin/env node
// Instructions per invocation, counted by valgrind: a figure that repeats to within about 0.5 % from run to run,
// where wall time on a shared machine varies by 10 to 20 % (see docs/performance.md, "Counting
// instructions"). Runs a workload at 1,000,000 and at 1,000 invocations under cachegrind, with V8 compiling
// on the main thread, and divides the difference by the invocations between them; does the same for the
// reference engine (../shared/bench/reference-des.mjs) when it is present. The simulator runs in one thread
// (no arrival worker, see src/model/prefetch.ts), so the figure is all of an invocation's work.
//   npm run bench:instructions            W1
//   npm run bench:instructions -- w2      another bench/<name>.yaml
// Needs valgrind (Debian: apt-get install valgrind); takes about a minute per workload.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const reference = join(here, '..', '..', 'shared', 'bench', 'reference-des.mjs');
const name = process.argv[2] ?? 'w1';
const scenario = join(here, `${name}.yaml`);
const LARGE = 1_000_000;
const SMALL = 1_000;

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench:instructions needs valgrind on the PATH (Debian: apt-get install valgrind)');
  process.exit(2);
}
if (!existsSync(scenario)) {
  console.error(`no workload ${scenario}`);
  process.exit(2);
}

/** Instructions valgrind counted for `node --single-threaded ...args`. */
function instructions(args) {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || m === null) throw new Error(`valgrind failed on ${args.join(' ')}:\n${r.stderr.slice(-2000)}`);
  return Number(m[1].replaceAll(',', ''));
}

const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-instructions-'));
try {
  const doc = parse(readFileSync(scenario, 'utf8'));
  if (typeof doc?.traffic?.[0]?.count !== 'number') throw new Error(`${scenario}: its first traffic entry has no count to change`);
  const variant = Object.keys(doc.variants ?? {})[0];
  const sized = (n) => {
    const file = join(dir, `${name}-${n}.yaml`);
    writeFileSync(file, stringify({ ...doc, traffic: [{ ...doc.traffic[0], count: n }, ...doc.traffic.slice(1)] }));
    return file;
  };
  const measure = join(here, 'measure.mjs');
  const ours = (instructions([measure, sized(LARGE), variant, '1']) - instructions([measure, sized(SMALL), variant, '1'])) / (LARGE - SMALL);
  console.log(`${name}: ${Math.round(ours).toLocaleString('en-US')} instructions per invocation (one thread)`);
  if (name === 'w1' && existsSync(reference)) {
    const ref = (n) => instructions([reference, '--invocations', String(n), '--tenants', '1000']);
    const theirs = (ref(LARGE) - ref(SMALL)) / (LARGE - SMALL);
    console.log(`reference engine on W1: ${Math.round(theirs).toLocaleString('en-US')} instructions per invocation`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
