/**
 * Reading a results folder: what makes it one, located problems for malformed files, formula-escaped cells,
 * the baseline, and the per-tenant numbers computed from tenants.csv.
 */
import { describe, expect, test } from 'vitest';
import { unescapeFormula } from '../../src/report/report-data-csv.js';
import { reportData, ReportInputError, type TenantRow } from '../../src/report/report-data.js';
import { quantile, tenantStats } from '../../src/report/report-tenants.js';
import { runFiles } from './helpers.js';

const files = runFiles('seed-20-tenants');

function problems(f: Record<string, string>, options = {}): string[] {
  try {
    reportData(f, options);
  } catch (e) {
    if (e instanceof ReportInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a ReportInputError');
}

describe('what the report reads', () => {
  test('a run\'s files read whole, variants in run order', () => {
    const d = reportData(files);
    expect(d.summary.variants.map((v) => v.name)).toEqual(['shared', 'isolated']);
    expect(d.configs!.get('isolated')!.functions[0].tenancy).toBe('isolated');
    expect(d.tenants).toHaveLength(40);
    expect(d.groups).toHaveLength(2);
    expect(d.timeseries).toHaveLength(2);
  });

  test('summary.json alone is enough; the other files are optional', () => {
    const d = reportData({ 'summary.json': files['summary.json'] });
    expect([d.configs, d.tenants, d.groups, d.timeseries]).toEqual([null, null, null, null]);
  });

  test('--baseline puts that variant first; an unknown one is named with the choices', () => {
    expect(reportData(files, { baseline: 'isolated' }).summary.variants.map((v) => v.name)).toEqual(['isolated', 'shared']);
    expect(problems(files, { baseline: 'nope' })).toEqual(['no variant named "nope" to compare with; the variants are shared, isolated']);
  });
});

describe('malformed files are reported with their place', () => {
  test('no summary.json: not a results folder', () => {
    expect(problems({ 'tenants.csv': files['tenants.csv'] })).toEqual(['summary.json is missing, so this is not a results folder of tenancy-sim run']);
  });

  test('summary.json that is not JSON, or lacks fields', () => {
    expect(problems({ 'summary.json': '{"scenario": ' })[0]).toMatch(/^summary\.json: not valid JSON \(/);
    const doc = JSON.parse(files['summary.json']);
    doc.variants[1].costUsdExact.total = 'lots';
    delete doc.variants[0].latencyMs;
    expect(problems({ 'summary.json': JSON.stringify(doc) })).toEqual([
      expect.stringMatching(/^summary\.json: variants\[0\]\.latencyMs: /),
      expect.stringMatching(/^summary\.json: variants\[1\]\.costUsdExact\.total: /),
    ]);
    expect(problems({ 'summary.json': '[]' })[0]).toMatch(/^summary\.json: \(top level\): /);
  });

  test('a CSV file with a missing column or a cell that is not a number', () => {
    const tenants = files['tenants.csv'].replace('coldStarts,', 'cold,');
    expect(problems({ ...files, 'tenants.csv': tenants })).toEqual(['tenants.csv:1: missing column coldStarts']);
    const lines = files['timeseries.csv'].split('\n');
    lines[2] = lines[2].replace(/^isolated,0,0,20,/, 'isolated,0,zero,20,');
    expect(problems({ ...files, 'timeseries.csv': lines.join('\n') })).toEqual(['timeseries.csv:3: startMs: expected a number >= 0, got "zero"']);
    expect(problems({ ...files, 'groups.csv': 'a,"b\n' })[0]).toMatch(/^groups\.csv: not a readable CSV file/);
  });

  test('every problem at once', () => {
    expect(problems({ ...files, 'config.json': '{}', 'groups.csv': '' })).toEqual([
      expect.stringMatching(/^config\.json: variants: /),
      'groups.csv: empty: expected a header line',
    ]);
  });

  test('duplicate variant names', () => {
    const doc = JSON.parse(files['summary.json']);
    doc.variants[1].name = 'shared';
    expect(problems({ 'summary.json': JSON.stringify(doc) })).toEqual(['summary.json: variants: the name "shared" appears more than once']);
  });

  test('cells escaped against spreadsheet formulas read as written', () => {
    expect(unescapeFormula("'=1+2")).toBe('=1+2');
    expect(unescapeFormula("'-x")).toBe('-x');
    expect(unescapeFormula("'plain")).toBe("'plain");
    expect(unescapeFormula('tenant-1')).toBe('tenant-1');
  });
});

describe('per-tenant numbers', () => {
  const row = (tenant: string, invocations: number, coldStarts: number, totalUsdExact: number): TenantRow =>
    ({ variant: 'v', tenant, group: 'all', invocations, coldStarts, totalUsdExact });

  test('type 7 quantiles', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(91);
    expect(quantile([7], 0.99)).toBe(7);
  });

  test('concentration: the costliest 1% and 10% (rounded up, at least one) and their share', () => {
    // 20 tenants costing 1..20: total 210; top 1% = 1 tenant (20), top 10% = 2 tenants (20 + 19)
    const rows = Array.from({ length: 20 }, (_, i) => row(`t${i + 1}`, 100, i, i + 1));
    const s = tenantStats('v', [...rows, row('(none)', 50, 5, 100), { ...row('other', 1, 1, 1e6), variant: 'w' }])!;
    expect(s.tenants).toBe(20);
    expect(s.noTenantInvocations).toBe(50);
    expect(s.top1).toEqual({ count: 1, fraction: 0.01, share: 20 / 210 });
    expect(s.top10).toEqual({ count: 2, fraction: 0.1, share: 39 / 210 });
    expect(s.costliest.map((t) => t.tenant)).toEqual(['t20', 't19', 't18', 't17', 't16']);
    expect(s.coldStartRates[0]).toBe(0);
    expect(s.coldStartRates[19]).toBe(0.19);
    expect(s.costPer1000All).toBeCloseTo((210 / 2000) * 1000, 12);
  });

  test('ties are broken by tenant id, so the costliest list is stable', () => {
    const s = tenantStats('v', [row('b', 1, 0, 1), row('a', 1, 0, 1), row('c', 1, 0, 2)])!;
    expect(s.costliest.map((t) => t.tenant)).toEqual(['c', 'a', 'b']);
  });

  test('no tenant with traffic: no per-tenant numbers', () => {
    expect(tenantStats('v', [row('(none)', 5, 1, 1)])).toBeNull();
  });
});
