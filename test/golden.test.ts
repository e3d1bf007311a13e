/**
 * Golden outputs: the example scenarios' files must not change unless a change means to change them.
 * To accept new outputs after an intended change: UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts
 * and review the diff of test/golden/.
 */
import { texts } from './helpers/results.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { runScenario } from '../src/run.js';
import { loadScenario } from '../src/scenario/index.js';

const root = resolve(import.meta.dirname, '..');
const update = process.env.UPDATE_GOLDEN === '1';

function check(scenario: string, files: string[]) {
  const path = join(root, 'scenarios', `${scenario}.yaml`);
  const loaded = loadScenario(readFileSync(path, 'utf8'), path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const out = texts(runScenario(loaded.scenario).files);
  const dir = join(root, 'test', 'golden', scenario);
  for (const f of files) {
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, f), out[f]);
    }
    expect(out[f], `${scenario}/${f}`).toBe(readFileSync(join(dir, f), 'utf8'));
  }
}

test('seed-20-tenants: every output file', () => {
  check('seed-20-tenants', ['summary.json', 'summary.csv', 'functions.csv', 'tenants.csv', 'groups.csv', 'timeseries.csv', 'config.json']);
});

test('saas-1000-tenants: summary.json and summary.csv', () => {
  check('saas-1000-tenants', ['summary.json', 'summary.csv']);
});

test('listing the variants in another order changes no variant\'s numbers', () => {
  const path = join(root, 'scenarios', 'seed-20-tenants.yaml');
  const text = readFileSync(path, 'utf8');
  const run = (variants?: string[]) => {
    const loaded = loadScenario(text, path, { variants });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    return runScenario(loaded.scenario).results.summary.variants;
  };
  const forward = run();
  const backward = run(['isolated', 'shared']);
  expect(backward.map((v) => v.name)).toEqual(['isolated', 'shared']);
  expect(backward[0]).toEqual(forward[1]);
  expect(backward[1]).toEqual(forward[0]);
});
