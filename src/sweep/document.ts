/**
 * sweep.json: everything a sweep measured, from which sweep.csv, sweep.html and the printed summary are
 * rendered. A shard's document holds its points only and no breakpoints; merging the shards' documents
 * gives, byte for byte, the document of the whole sweep run at once.
 */
import type { LimitName } from '../model/platform.js';
import type { MetricUnit } from './metrics.js';
import type { Shard } from './grid.js';
import type { BreakpointRule } from './thresholds.js';

/** Identifies the format of sweep.json. */
export const SWEEP_FORMAT = 'tenancy-sim-sweep/2';

/** The largest sweep.json `merge` reads: 256 MiB (a whole sweep of 10,000 points is far smaller). */
export const MAX_SWEEP_JSON_BYTES = 256 * 1024 * 1024;

/** A metric's mean over a point's replications, with its confidence interval and the values it came from. */
export interface MetricEstimate {
  mean: number;
  /** Null with fewer than 2 values. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Replications the metric applied to. */
  n: number;
  /** One per replication, in order; null where the metric did not apply. */
  values: (number | null)[];
}

/** One limit of one variant at one point, over its replications. */
export interface LimitSummary {
  kind: LimitName;
  limit: string;
  /** The limit; null for the scaling rate. */
  value: number | null;
  /** The highest peak of any replication; null for the scaling rate. */
  peak: number | null;
  /** (value - peak) / value x 100, with that highest peak; null when unknown. */
  headroomPct: number | null;
  /** 429s it returned, mean over the replications. */
  throttles: number;
  /** Whether it returned a 429 in any replication. */
  hit: boolean;
}

/** One variant at one point. */
export interface VariantPoint {
  name: string;
  /** By metric name, in the order of `SweepDocument.metrics`; metrics that never applied are left out. */
  metrics: Record<string, MetricEstimate>;
  limits: LimitSummary[];
}

/** One point of the grid. */
export interface PointResult {
  /** Position in the full grid. */
  index: number;
  /** One value per parameter. */
  values: unknown[];
  variants: VariantPoint[];
}

/** The first value of the first parameter at which something happens, in one series of the other parameters. */
export interface Breakpoint {
  kind: 'limit' | 'threshold';
  variant: string;
  /** Values of the other parameters (the series), by key; empty with one parameter. */
  series: Record<string, unknown>;
  /** The first parameter's key. */
  parameter: string;
  /** The first value at which it happens. */
  value: unknown;
  /** Grid index of that point. */
  point: number;
  /** kind `limit`: the limit hit, e.g. `isolated environments of api`, and which kind of limit it is. */
  limit?: string;
  limitKind?: LimitName;
  /** kind `threshold`: the metric, the rule's threshold and both means at that point. */
  metric?: string;
  threshold?: string;
  baselineMean?: number;
  variantMean?: number;
  /** The breakpoint in words. */
  text: string;
}

/** sweep.json. */
export interface SweepDocument {
  format: typeof SWEEP_FORMAT;
  scenario: string;
  description: string;
  /** SHA-256 of the scenario file's text: shards of different files do not merge. */
  scenarioSha256: string;
  /** The scenario seed (or --seed); replication k runs `seeds[k]`. */
  seed: number;
  seeds: number[];
  replications: number;
  /** Confidence level of the intervals, 0.95. */
  confidence: number;
  parameters: { key: string; values: unknown[] }[];
  variants: string[];
  baseline: string;
  breakpointRules: BreakpointRule[];
  /** Metrics charted in sweep.html. */
  charts: string[];
  metrics: { name: string; unit: MetricUnit; label: string }[];
  /** Points in the full grid. */
  pointCount: number;
  /** Null for a whole sweep (or a merge of shards). */
  shard: Shard | null;
  /** This document's points, by grid index. */
  points: PointResult[];
  /** Null in a shard: breakpoints need every point. */
  breakpoints: Breakpoint[] | null;
}

/** The document's header: everything but the shard, its points and its breakpoints. */
export type SweepHeader = Omit<SweepDocument, 'shard' | 'points' | 'breakpoints'>;

/** The header of `doc`, as a fresh object in field order. */
export function headerOf(doc: SweepDocument): SweepHeader {
  const { shard: _s, points: _p, breakpoints: _b, ...header } = doc;
  return header;
}
