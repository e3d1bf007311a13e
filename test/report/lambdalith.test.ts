/**
 * The Lambdalith scenario's report answers its question: which layout and tenancy is cheapest and fastest for
 * this traffic, and by how much, with numbers that match the run's summary.
 */
import { expect, test } from 'vitest';
import { readResults } from '../../src/results/index.js';
import { buildReports } from '../../src/report/index.js';
import { runFiles } from './helpers.js';

test('lambdalith-vs-single-purpose (first 3 hours): the findings name the cheapest and the fastest, with the amounts', async () => {
  const files = runFiles('lambdalith-vs-single-purpose', (t) => t.replace('horizon: 24h', 'horizon: 3h'));
  const summary = JSON.parse(files['summary.json']) as { variants: { name: string; costUsdExact: { total: number }; latencyMs: { p99: number } }[] };
  const byCost = [...summary.variants].sort((a, b) => a.costUsdExact.total - b.costUsdExact.total);
  const md = (await buildReports(readResults(files), { formats: ['report.md'] }))['report.md']!;
  const findings = md.slice(md.indexOf('## Findings'), md.indexOf('## Variants side by side'));
  expect(findings).toContain(`Cheapest: ${byCost[0].name}`);
  const saving = ((byCost[1].costUsdExact.total - byCost[0].costUsdExact.total) / byCost[1].costUsdExact.total) * 100;
  expect(findings).toContain(`(${saving.toFixed(1)}%) less than the next cheapest, ${byCost[1].name}`);
  const fastest = Math.min(...summary.variants.map((v) => v.latencyMs.p99));
  const fastestNames = summary.variants.filter((v) => v.latencyMs.p99 === fastest).map((v) => v.name);
  expect(findings).toMatch(new RegExp(`Fastest: ${fastestNames[0]}`));
  // every non-baseline variant gets a sentence with its monthly delta and cold starts per 1,000 requests
  for (const v of summary.variants.slice(1)) expect(findings).toMatch(new RegExp(`- ${v.name} (adds|saves) \\$[\\d,.]+ a month .* cold starts per 1,000 requests`));
});
