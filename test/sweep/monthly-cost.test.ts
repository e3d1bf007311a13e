/**
 * The sweep and the report quote the same monthly cost: a one-point sweep with one replication gives, in
 * sweep.json, a raw monthlyCostUsd equal to the last bit to the report's month total of the same scenario
 * run with the same seed (from memory and from its files read back). Once for traffic of 19 s without a
 * horizon (a factor of 30 d / 19 s, not a whole number of days), once with a one-hour horizon.
 */
import { texts } from '../helpers/results.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { reportModel } from '../../src/report/model.js';
import { readResults } from '../../src/results/index.js';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenario/index.js';
import { prepareSweep, runSweepTasks, type SweepDocument, sweepFiles } from '../../src/sweep/index.js';
import { root } from './helpers.js';

/** sweep.json of a one-point, one-replication sweep of `text` (the scenario file `file`) setting `set`. */
async function oneRun(text: string, file: string, set: string): Promise<SweepDocument> {
  const prepared = prepareSweep(text, file, { set: [set], replications: 1 });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  const doc = await runSweepTasks(prepared.sweep, { workers: 0, baseDir: join(root, 'scenarios') });
  return JSON.parse((await sweepFiles(doc))['sweep.json']) as SweepDocument;
}

describe.each([
  { name: 'seed-20-tenants', set: 'tenants.count=20', edit: (y: string) => y, periodMs: 19_000 },
  { name: 'saas-1000-tenants', set: 'horizon=1h', edit: (y: string) => y.replace(/^horizon: 24h$/m, 'horizon: 1h'), periodMs: 3_600_000 },
])('$name', ({ name, set, edit, periodMs }) => {
  test('the sweep\'s monthlyCostUsd of the run is the report\'s month total, exactly', async () => {
    const file = join(root, 'scenarios', `${name}.yaml`);
    const text = readFileSync(file, 'utf8');
    const doc = await oneRun(text, file, set);
    expect(doc.points).toHaveLength(1);
    const loaded = loadScenario(edit(text), file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(doc.seeds).toEqual([loaded.scenario.seed]);
    const run = runScenario(loaded.scenario);
    const fromMemory = reportModel(run.results).variants;
    const fromFiles = reportModel(readResults(texts(run.files))).variants;
    expect(doc.points[0].variants.map((v) => v.name)).toEqual(fromMemory.map((v) => v.summary.name));
    for (const [i, v] of doc.points[0].variants.entries()) {
      expect(fromMemory[i].summary.periodMs).toBe(periodMs);
      const sweep = v.metrics.monthlyCostUsd.values[0];
      expect(sweep, v.name).toBeGreaterThan(0);
      expect(sweep, v.name).toBe(fromMemory[i].month.total);
      expect(sweep, v.name).toBe(fromFiles[i].month.total);
    }
  });
});
