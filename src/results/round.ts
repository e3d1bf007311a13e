/**
 * Rounding of the numbers a results folder holds: every figure is rounded once, where it is made, so the
 * files and the typed results in memory hold the same values.
 */
import type { CostLines } from '../billing/index.js';
import type { LatencyStats } from '../model/record.js';
import type { LatencySummary } from './types.js';

/** Rounds to `digits` decimals, for stable, readable output. @example round(0.1234567891, 6) // 0.123457 */
export function round(x: number, digits = 6): number {
  const m = 10 ** digits;
  return Math.round(x * m) / m;
}

/** Money: 10 decimals (a ten-thousandth of a micro-dollar). */
export const roundUsd = (x: number): number => round(x, 10);

/** Each line of `c` rounded to 10 decimals. */
export function roundLines(c: CostLines): CostLines {
  return {
    requests: roundUsd(c.requests), duration: roundUsd(c.duration), tenantEnvironments: roundUsd(c.tenantEnvironments),
    provisionedConcurrency: roundUsd(c.provisionedConcurrency), ephemeralStorage: roundUsd(c.ephemeralStorage), total: roundUsd(c.total),
  };
}

/** Latency to the microsecond. */
export function roundLatency(l: LatencyStats): LatencySummary {
  return { mean: round(l.mean, 3), p50: round(l.p50, 3), p90: round(l.p90, 3), p99: round(l.p99, 3), max: round(l.max, 3), exact: l.exact };
}

/** `part / whole` to 8 decimals, 0 when `whole` is 0 (rates such as cold starts per invocation). */
export const rate = (part: number, whole: number): number => (whole > 0 ? round(part / whole, 8) : 0);

/** Billed ms x memory in GB-s, 6 decimals. */
export const gbSeconds = (ms: number, memoryMb: number): number => round((ms * memoryMb) / 1024 / 1000, 6);
