/**
 * Breakpoints on a scenario built to cross known values: one call per tenant a second apart, 5 ms handler
 * plus a 100 ms init when cold, reserved concurrency 2 (so the isolated environment cap is
 * floor(2,500 x 2 / 1,000) = 5). Isolated, every tenant keeps its own environment alive: the 6th tenant's
 * environment is refused. Latency p99 (type 7, exact): shared has one cold call among N, so
 * p99 = 5 + (0.99 (N - 1) - (N - 2)) x 100 = 106 - N ms; isolated is 105 ms; the gap N - 1 ms first exceeds
 * 3.5 ms at N = 5.
 */
import { describe, expect, test } from 'vitest';
import { prepareSweep, runSweepTasks, type SweepDocument } from '../../src/sweep/index.js';
import { CAP_SCENARIO } from './helpers.js';

async function sweep(options: Parameters<typeof prepareSweep>[2]): Promise<SweepDocument> {
  const prepared = prepareSweep(CAP_SCENARIO, 'cap.yaml', options);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  return runSweepTasks(prepared.sweep, { workers: 0, baseDir: '.' });
}

describe('breakpoints at known values', () => {
  test('the isolated environment cap is hit at 6 tenants; p99 +3.5 ms is crossed at 5', async () => {
    const doc = await sweep({ set: ['tenants.count=3,4,5,6,7,8'], breakpoint: ['p99=+3.5ms'] });
    expect(doc.breakpoints?.map((b) => [b.kind, b.variant, b.limit ?? b.metric, b.value])).toEqual([
      ['limit', 'isolated', 'isolated environments of api', 6],
      ['threshold', 'isolated', 'latencyP99Ms', 5],
    ]);
    const p99 = (v: number) => doc.points.map((p) => p.variants[v].metrics.latencyP99Ms.mean);
    expect(p99(0)).toEqual([103, 102, 101, 100, 99, 98]);
    expect(p99(1)).toEqual([105, 105, 105, 105, 105, 105]);
    expect(doc.breakpoints?.[1].text).toBe('isolated exceeds shared by more than +3.5ms in latencyP99Ms at tenants.count=5: 105.0 ms vs 101.0 ms (+4.0%)');
  });

  test('the limits at the crossing: peak 5 of 5, no headroom, one 429 per tenant beyond the cap', async () => {
    const doc = await sweep({ set: ['tenants.count=5,6,8'] });
    const cap = (i: number) => doc.points[i].variants[1].limits.find((l) => l.kind === 'tenantEnvironmentCap');
    expect(cap(0)).toEqual({ kind: 'tenantEnvironmentCap', limit: 'isolated environments of api', value: 5, peak: 5, headroomPct: 0, throttles: 0, hit: false });
    expect(cap(1)).toMatchObject({ peak: 5, headroomPct: 0, throttles: 1, hit: true });
    expect(cap(2)).toMatchObject({ throttles: 3, hit: true });
    const m = doc.points[2].variants[1].metrics;
    expect([m.environmentCapThrottles.mean, m.throttled.mean, m.throttleShare.mean, m.environmentHeadroomPct.mean]).toEqual([3, 3, 0.375, 0]);
    expect(doc.points[2].variants[0].metrics.environmentHeadroomPct).toBeUndefined(); // shared: no cap
    expect(doc.points[2].variants[0].metrics.concurrencyHeadroomPct.mean).toBe(50); // 1 busy of 2 reserved
    const reserved = doc.points[2].variants[0].limits.find((l) => l.kind === 'reserved');
    expect(reserved).toMatchObject({ value: 2, peak: 1, headroomPct: 50, hit: false });
  });

  test('no breakpoint below the crossing; a series per value of the other parameters', async () => {
    const none = await sweep({ set: ['tenants.count=3,4'], breakpoint: ['p99=+10ms'] });
    expect(none.breakpoints).toEqual([]);
    // with a 500 ms keep-alive, environments expire between calls (1 s apart): the cap is never reached
    const two = await sweep({ set: ['tenants.count=5,6', 'platform.keepAlive=10m,500ms'] });
    expect(two.breakpoints?.map((b) => [b.series, b.value])).toEqual([[{ 'platform.keepAlive': '10m' }, 6]]);
  });
});
