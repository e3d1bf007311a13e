/**
 * Reading a results folder: what makes it one, located problems for malformed files, formula-escaped cells,
 * the baseline, and the per-tenant numbers computed from tenants.csv.
 */
import { describe, expect, test } from 'vitest';
import { ReportInputError } from '../../src/report/index.js';
import { reportModel } from '../../src/report/model.js';
import { quantile, tenantStats } from '../../src/report/tenants.js';
import { unescapeFormula } from '../../src/results/csv.js';
import { readResults, ResultsInputError, type TenantRow } from '../../src/results/index.js';
import { runFiles } from './helpers.js';

const files = runFiles('seed-20-tenants');

function problems(f: Record<string, string>, baseline?: string): string[] {
  try {
    reportModel(readResults(f), baseline);
  } catch (e) {
    if (e instanceof ResultsInputError || e instanceof ReportInputError) return e.problems;
    throw e;
  }
  throw new Error('expected a ResultsInputError');
}

describe('what the report reads', () => {
  test('a run\'s files read whole, variants in run order', () => {
    const d = readResults(files);
    expect(d.summary.variants.map((v) => v.name)).toEqual(['shared', 'isolated']);
    expect(d.summary.variants[1].functions[0].tenancy).toBe('isolated');
    expect(d.tenants).toHaveLength(40);
    expect(d.groups).toHaveLength(2);
    expect(d.timeseries).toHaveLength(2);
  });

  test('summary.json alone is enough; the other files are optional', () => {
    const d = readResults({ 'summary.json': files['summary.json'] });
    expect([d.tenants, d.groups, d.timeseries]).toEqual([null, null, null]);
  });

  test('--baseline puts that variant first; an unknown one is named with the choices', () => {
    expect(reportModel(readResults(files), 'isolated').variants.map((v) => v.summary.name)).toEqual(['isolated', 'shared']);
    expect(problems(files, 'nope')).toEqual(['no variant named "nope" to compare with; the variants are shared, isolated']);
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
    lines[2] = lines[2].replace(/^isolated,0,0,60000,20,/, 'isolated,0,zero,60000,20,');
    expect(problems({ ...files, 'timeseries.csv': lines.join('\n') })).toEqual(['timeseries.csv:3: startMs: expected a number >= 0, got "zero"']);
    expect(problems({ ...files, 'groups.csv': 'a,"b\n' })[0]).toMatch(/^groups\.csv: not a readable CSV file/);
  });

  test('every problem at once', () => {
    const doc = JSON.parse(files['summary.json']);
    delete doc.variants[0].periodMs;
    expect(problems({ ...files, 'summary.json': JSON.stringify(doc), 'groups.csv': '' })).toEqual([
      expect.stringMatching(/^summary\.json: variants\[0\]\.periodMs: /),
      'groups.csv: empty: expected a header line',
    ]);
  });

  test('a folder of another format is refused with what to do', () => {
    const doc = JSON.parse(files['summary.json']);
    doc.format = 'tenancy-sim-results/1';
    expect(problems({ 'summary.json': JSON.stringify(doc) })).toEqual([
      'summary.json: format: expected "tenancy-sim-results/4", got "tenancy-sim-results/1": the folder was written by another version of tenancy-sim; run the scenario again',
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
  const row = (tenant: string, invocations: number, coldStarts: number, totalUsdExact: number): TenantRow => ({
    variant: 'v', tenant, group: 'all', invocations, completed: invocations, throttled: 0, rejected: 0, timeouts: 0, throttledShare: 0,
    rejectedShare: 0, timeoutShare: 0, failedShare: 0, coldStarts, coldStartRate: coldStarts / invocations,
    environmentsCreated: coldStarts, coldStartsFirstUse: coldStarts, coldStartsKeepAlive: 0, coldStartsLifetime: 0, coldStartsCapReclaim: 0,
    coldStartsScaleOut: 0, replacements: 0, latencyP50Ms: null, latencyP99Ms: null, billedGbSeconds: 0, requestsUsdExact: 0, durationUsdExact: 0,
    tenantEnvironmentsUsdExact: 0, totalUsdExact, usdPer1000Invocations: (totalUsdExact / invocations) * 1000,
    usdPer1000Completed: (totalUsdExact / invocations) * 1000, warmerPings: 0, warmerThrottled: 0, warmerColdStarts: 0, warmerUsdExact: 0,
  });

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
