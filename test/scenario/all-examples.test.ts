/**
 * Every example scenario in scenarios/ loads without a problem and runs (cut to its first two simulated hours,
 * so that the suite stays fast; the full runs are what `tenancy-sim run` does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulation.js';
import { loadScenario } from '../../src/scenario/index.js';
import { prepareScenario } from '../../src/scenario/prepare.js';

const dir = resolve(import.meta.dirname, '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe.each(files)('scenarios/%s', (file) => {
  it('loads, and its variants run with traffic', async () => {
    const path = join(dir, file);
    const r = loadScenario(readFileSync(path, 'utf8'), path);
    if (!r.ok) expect.fail(r.errors.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`).join('\n'));
    const prepared = await prepareScenario(r.scenario, dir);
    for (const v of prepared.variants) {
      const record = simulate({ ...v.config, horizonMs: Math.min(v.config.horizonMs ?? Infinity, 2 * 3_600_000) }, v.name);
      expect(record.functions.reduce((s, f) => s + f.invocations, 0)).toBeGreaterThan(0);
    }
  });
});
