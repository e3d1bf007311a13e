/**
 * The per-tenant outputs a cost report quotes: each tenant's cost and cost per 1,000 requests, the totals
 * adding up to the variant's, and the cost concentration in summary.json.
 */
import { texts } from './helpers/results.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { runScenario } from '../src/run.js';
import { loadScenario } from '../src/scenario/index.js';

const root = resolve(import.meta.dirname, '..');

function run(file: string, cut?: (text: string) => string) {
  const path = join(root, 'scenarios', file);
  const text = readFileSync(path, 'utf8');
  const loaded = loadScenario(cut ? cut(text) : text, path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const out = runScenario(loaded.scenario);
  return { summary: out.results.summary, tenants: parse(texts(out.files)['tenants.csv'], { columns: true, cast: true }) as Record<string, number | string>[] };
}

describe('tenants.csv and the cost concentration', () => {
  test('seed experiment: isolated tenants cost the same, so the top 1 % (one tenant of 20) carries 1/20', () => {
    const { summary, tenants } = run('seed-20-tenants.yaml');
    const [shared, isolated] = summary.variants;
    expect(isolated.costConcentration.tenants).toBe(20);
    expect(isolated.costConcentration.top1PercentShare).toBeCloseTo(1 / 20, 3);
    expect(isolated.costConcentration.top10PercentShare).toBeCloseTo(2 / 20, 3);
    // shared: tenant-1 paid the only cold start; its share is its cost over all tenants' cost
    const rows = tenants.filter((r) => r.variant === 'shared');
    const total = rows.reduce((s, r) => s + Number(r.totalUsdExact), 0);
    const first = Number(rows.find((r) => r.tenant === 'tenant-1')!.totalUsdExact);
    expect(shared.costConcentration.top1PercentShare).toBeCloseTo(first / total, 3); // rows are rounded to 1e-10 USD
    expect(shared.costConcentration.top1PercentShare).toBeGreaterThan(isolated.costConcentration.top1PercentShare);
  });

  test('each tenant: cost per 1,000 invocations is its cost over its invocations; tenants add up to the variant total', () => {
    const { summary, tenants } = run('lambdalith-vs-single-purpose.yaml', (t) => t.replace('horizon: 24h', 'horizon: 2h'));
    for (const v of summary.variants) {
      const rows = tenants.filter((r) => r.variant === v.name);
      for (const r of rows) expect(Number(r.usdPer1000Invocations)).toBeCloseTo((Number(r.totalUsdExact) / Number(r.invocations)) * 1000, 7);
      const sum = rows.reduce((s, r) => s + Number(r.totalUsdExact), 0);
      // every dollar is some tenant's (no provisioned concurrency here); rows are rounded to 1e-10 each
      expect(Math.abs(sum - v.costUsdExact.total)).toBeLessThan(1e-10 * rows.length + 1e-12);
      expect(v.costConcentration.top10PercentShare).toBeGreaterThanOrEqual(v.costConcentration.top1PercentShare);
      expect(v.costConcentration.top10PercentShare).toBeLessThanOrEqual(1);
    }
  });
});
