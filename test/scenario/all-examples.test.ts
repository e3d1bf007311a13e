/**
 * Every example scenario in scenarios/ loads without a problem, runs, and gives the committed summary.csv and
 * functions.csv of test/golden/examples/<name>/. Each run is cut to its first two simulated hours so that the
 * suite stays fast (the full runs are what `tenancy-sim run` does). To accept new outputs after an intended
 * change: UPDATE_GOLDEN=1 npx vitest run test/scenario/all-examples.test.ts, then review the diff of
 * test/golden/examples/.
 */
import { fileText } from '../../src/results/index.js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenario/index.js';
import { prepareScenario } from '../../src/scenario/prepare.js';

const root = resolve(import.meta.dirname, '..', '..');
const dir = join(root, 'scenarios');
const goldenDir = join(root, 'test', 'golden', 'examples');
const update = process.env.UPDATE_GOLDEN === '1';
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** Simulated time of each run. */
const CUT_MS = 2 * 3_600_000;
/** The files compared with the committed ones. */
const GOLDEN_FILES = ['summary.csv', 'functions.csv'] as const;

describe.each(files)('scenarios/%s', (file) => {
  it('loads, runs its first two hours, and gives the committed summary.csv and functions.csv', async () => {
    const path = join(dir, file);
    const r = loadScenario(readFileSync(path, 'utf8'), path);
    if (!r.ok) expect.fail(r.errors.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`).join('\n'));
    const prepared = await prepareScenario(r.scenario, dir);
    const cut = { ...prepared, variants: prepared.variants.map((v) => ({ ...v, config: { ...v.config, horizonMs: Math.min(v.config.horizonMs ?? Infinity, CUT_MS) } })) };
    const run = runScenario(cut);
    for (const v of run.results.summary.variants) expect(v.invocations, `${file}: ${v.name}`).toBeGreaterThan(0);
    const golden = join(goldenDir, basename(file, '.yaml'));
    for (const f of GOLDEN_FILES) {
      if (update) {
        mkdirSync(golden, { recursive: true });
        writeFileSync(join(golden, f), fileText(run.files[f]));
      }
      expect(fileText(run.files[f]), `${file}: ${f}`).toBe(readFileSync(join(golden, f), 'utf8'));
    }
  });
});

test('every committed example output belongs to an example scenario', () => {
  expect(readdirSync(goldenDir).sort()).toEqual(files.map((f) => basename(f, '.yaml')));
});
