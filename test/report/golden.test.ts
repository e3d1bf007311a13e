/**
 * Golden report.md of small example scenarios: the report must not change unless a change means to change
 * it (or the simulation's numbers changed). To accept new reports after an intended change:
 * UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts, then review the diff of test/report/golden/.
 */
import { texts } from '../helpers/results.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readResults } from '../../src/results/index.js';
import { buildReports } from '../../src/report/index.js';
import { root, runExample, runFiles, tenantTiersOneDay } from './helpers.js';

const update = process.env.UPDATE_GOLDEN === '1';

async function check(name: string, files: Record<string, string>) {
  const md = (await buildReports(readResults(files), { formats: ['report.md'] }))['report.md']!;
  const path = join(root, 'test', 'report', 'golden', `${name}.report.md`);
  if (update) {
    mkdirSync(join(root, 'test', 'report', 'golden'), { recursive: true });
    writeFileSync(path, md);
  }
  expect(md).toBe(readFileSync(path, 'utf8'));
}

test('seed-20-tenants: report.md', async () => {
  await check('seed-20-tenants', runFiles('seed-20-tenants'));
});

test('tenant-tiers, one day: report.md', async () => {
  await check('tenant-tiers-1d', runFiles('tenant-tiers', tenantTiersOneDay));
});

test.each([
  { label: 'seed-20-tenants', scenario: 'seed-20-tenants', edit: (y: string) => y },
  { label: 'tenant-tiers, one day', scenario: 'tenant-tiers', edit: tenantTiersOneDay },
])('$label: the report made in memory from a run equals, byte for byte, the one made from its files read back, both formats', async ({ scenario, edit }) => {
  const { run } = runExample(scenario, edit);
  const fromMemory = await buildReports(run.results);
  const fromFiles = await buildReports(readResults(texts(run.files)));
  expect(Object.keys(fromMemory)).toEqual(['report.md', 'report.html']);
  expect(fromMemory['report.md']).toBe(fromFiles['report.md']);
  expect(fromMemory['report.html']).toBe(fromFiles['report.html']);
});
