/**
 * A run in which nothing happened, and money shown to the cent: the table and the report say there were no
 * requests and no latencies (never a p99 of 0.0 ms), and a dollar amount never loses its second decimal.
 */
import { describe, expect, test } from 'vitest';
import { renderTable } from '../../src/results/index.js';
import { buildReports } from '../../src/report/index.js';
import { usd, usdFine } from '../../src/report/format.js';
import { runScenario } from '../../src/run.js';
import { loadScenario } from '../../src/scenario/index.js';

function run(yaml: string) {
  const loaded = loadScenario(yaml, 'empty.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return runScenario(loaded.scenario);
}

const EMPTY = 'name: empty\nhorizon: 10m\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntenants: { count: 3 }\ntraffic:\n  - { function: api, poisson: { rate: 0.000001/s } }\n';

describe('a run with no requests', () => {
  test('the table shows n/a for every latency, not 0.0', () => {
    const r = run(EMPTY);
    expect(r.results.summary.variants.map((v) => v.invocations)).toEqual([0, 0]);
    const table = renderTable(r.results.summary);
    for (const s of ['mean', 'p50', 'p90', 'p99', 'max']) expect(table).toMatch(new RegExp(`latency ${s} \\(ms\\)\\s+n/a\\s+n/a\\n`));
  });

  test('the report says the run had no requests and no latencies', async () => {
    const md = (await buildReports(run(EMPTY).results, { formats: ['report.md'] }))['report.md']!;
    expect(md).toContain('- No variant had a request within the run, so there is nothing to compare');
    expect(md).toContain('| latency p99 (ms) | n/a | n/a | n/a |');
    expect(md).toContain('> No tenant sent traffic: the run had no requests.');
    expect(md).not.toContain('every request was sent without a tenant id');
    expect(md).not.toMatch(/p99[^\n]*0\.0 ms/);
  });

  test('a variant that completed nothing (it rejected every request) is not ranked, and says why', async () => {
    // the isolated variant rejects every request (no tenant id), the shared one completes them
    const yaml = 'name: half\nhorizon: 10m\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, noTenant: true, poisson: { rate: 1/s } }\n';
    const r = run(yaml);
    expect(r.results.summary.variants.map((v) => v.completed > 0)).toEqual([true, false]);
    const md = (await buildReports(r.results, { formats: ['report.md'] }))['report.md']!;
    expect(md).toContain('- isolated is not ranked for cost or speed: 100.00% of its requests failed (591 rejected (no tenant id)) against 0.00% for shared, so it did less work.');
    expect(md).not.toMatch(/Cheapest: isolated|Fastest: isolated/);
    expect(renderTable(r.results.summary)).toMatch(/latency p99 \(ms\)\s+[\d.]+\s+n\/a\n/);
  });
});

describe('money', () => {
  test('never drops the second decimal', () => {
    expect(usd(2.9)).toBe('$2.90');
    expect(usd(0.5)).toBe('$0.50');
    expect(usd(0.0000044667)).toBe('$0.0000045');
    expect(usd(0.00001)).toBe('$0.00001');
    expect(usdFine(0.5)).toBe('$0.50');
    expect(usdFine(0.0143)).toBe('$0.0143');
  });

  test('the CLI table shows $2.90, not $2.9', () => {
    const r = run('name: m\nhorizon: 1h\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, poisson: { rate: 1/s } }\n');
    const v = r.results.summary.variants[0];
    const table = renderTable({ ...r.results.summary, variants: [{ ...v, costUsdExact: { ...v.costUsdExact, total: 2.9 } }] });
    expect(table).toMatch(/cost: total\s+\$2\.90\n/);
  });
});
