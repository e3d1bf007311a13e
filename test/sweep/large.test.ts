/**
 * Sizes a sweep.json may reach: the summary, sweep.html and the breakpoint search take time in proportion to
 * the points, variants and limits, and a merge whose tables would be too large to render is refused.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { SweepDocument } from '../../src/sweep/document.js';
import { sweepFiles, sweepText } from '../../src/sweep/index.js';
import { completeDocument } from '../../src/sweep/merge.js';
import { METRICS } from '../../src/sweep/metrics.js';
import { captureIo, tmp } from './helpers.js';

/** A whole sweep of `points` points (one parameter) and `variants` variants, without metrics; `limits(p, v)` gives each row's. */
function syntheticDoc(points: number, variants: number, limits: (p: number, v: number) => SweepDocument['points'][0]['variants'][0]['limits']): SweepDocument {
  const names = Array.from({ length: variants }, (_, v) => `v${v}`);
  return {
    format: 'tenancy-sim-sweep/2', scenario: 'large', description: '', scenarioSha256: '0'.repeat(64), seed: 1, seeds: [1], replications: 1, confidence: 0.95,
    parameters: [{ key: 'tenants.count', values: Array.from({ length: points }, (_, p) => p + 1) }], variants: names, baseline: 'v0', breakpointRules: [],
    charts: ['invocations'], metrics: METRICS.map((m) => ({ name: m.name, unit: m.unit, label: m.label })), pointCount: points, shard: null,
    points: Array.from({ length: points }, (_, p) => ({ index: p, values: [p + 1], variants: names.map((name, v) => ({ name, metrics: {}, limits: limits(p, v) })) })),
    breakpoints: null,
  };
}

describe('large sweeps', () => {
  test('the summary of 200,000 rows (2,000 points x 100 variants)', () => {
    const text = sweepText(completeDocument(syntheticDoc(2000, 100, () => [])));
    expect(text.split("\n")).toHaveLength(200_000 + 8); // 5 lines above the rows, 3 below
  });

  test('rows of 50,000 limits each: breakpoints and sweep.html in linear time (under 10 s; it took two minutes)', async () => {
    const limits = Array.from({ length: 50_000 }, (_, i) => ({ kind: 'reserved' as const, limit: `reserved concurrency of f${i}`, value: 10, peak: 1, headroomPct: 90, throttles: 0, hit: false }));
    const doc = syntheticDoc(2, 1, (p) => (p === 1 ? limits.map((l, i) => (i === 49_999 ? { ...l, throttles: 1, hit: true } : l)) : limits));
    const start = performance.now();
    const whole = completeDocument(doc);
    const files = await sweepFiles(whole);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(whole.breakpoints?.map((b) => b.text)).toEqual(['v0 hits reserved concurrency of f49999 at tenants.count=2']);
    expect(files['sweep.html']).toContain('class="hit">1 / 10 (90%), 1 429s</td>');
  });

  test('merge refuses a sweep whose tables would hold more than 100 million cells (exit 2), before rendering it', async () => {
    // 10,000 points x 100 variants, 100 different limits spread over the rows: 10^6 rows x (1 parameter + 1 chart + 100 limits)
    const limit = (i: number) => ({ kind: 'account' as const, limit: `limit ${i}`, value: 1, peak: 0, headroomPct: 100, throttles: 0, hit: false });
    const doc = syntheticDoc(10_000, 100, (p, v) => (p === 0 ? [limit(v)] : []));
    const work = tmp();
    mkdirSync(join(work, 'shard'));
    writeFileSync(join(work, 'shard', 'sweep.json'), JSON.stringify(doc));
    const { io, out } = captureIo({ cwd: work });
    expect(await main(['merge', 'shard'], io)).toBe(2);
    expect(out.stderr).toBe('tenancy-sim merge: the merged sweep is too large to render: 10,000 points x 100 variants x (1 parameter + 1 chart + 100 limits + 0 breakpoint rules) and the swept values\' text make 105,889,400 table cells; at most 100,000,000\n');
  });
});
