/**
 * The Zod schema of a scenario's optional `sweep` section: the grid of values `tenancy-sim sweep` runs the
 * scenario over, its replications, breakpoints and charts. Only the shape is checked here; what needs the
 * rest of the scenario (metric names, the baseline variant, values valid where they go) is checked by the
 * sweep itself, with located messages too. `tenancy-sim run` ignores the section.
 */
import { z } from 'zod';
import { describeValue } from '../errors.js';
import { int, num, text } from './fields.js';

/** Most replications per point. */
export const MAX_REPLICATIONS = 1000;

/**
 * RegExp source of a parameter path: map keys joined by dots, list indices in brackets, odd keys quoted in
 * brackets, as messages write paths: `tenants.count`, `traffic[0].poisson.rate`, `routes["a.b"].share`.
 */
export const SWEEP_PATH_PATTERN = '^(?:[A-Za-z0-9_-]+|\\["[^"]*"\\])(?:\\.[A-Za-z0-9_-]+|\\[\\d+\\]|\\["[^"]*"\\])*$';

/**
 * RegExp source of a breakpoint threshold: `+20%` (relative to the baseline), `+100ms` / `+1.5s` (latency),
 * `+$50` (money) or `+0.02` (the metric's own unit).
 */
export const SWEEP_THRESHOLD_PATTERN = '^\\+ ?(?:\\$ ?)?(?:\\d+(?:\\.\\d+)?|\\.\\d+) ?(?:%|ms|s)?$';

const pathError = (iss: { input?: unknown }) =>
  `expected a path into the scenario such as tenants.count or traffic[0].poisson.rate, got ${describeValue(iss.input)}`;

const thresholdError = (iss: { input?: unknown }) =>
  `expected a threshold such as +20%, +100ms or +$50 (or a number >= 0 in the metric's unit), got ${describeValue(iss.input)}`;

const Threshold = z.union([num(0), z.string({ error: thresholdError }).regex(new RegExp(SWEEP_THRESHOLD_PATTERN), { error: thresholdError })], {
  error: (iss) => (iss.code === 'invalid_union' ? thresholdError(iss) : undefined),
});

const Values = z
  .array(z.unknown(), { error: (iss) => `expected a list of values to try, got ${describeValue(iss.input)}` })
  .min(1, { error: 'expected at least one value' })
  .check((ctx) => {
    const seen = new Set<string>();
    for (const [i, v] of ctx.value.entries()) {
      const key = JSON.stringify(v);
      if (seen.has(key)) ctx.issues.push({ code: 'custom', input: v, path: [i], message: `duplicate value ${describeValue(v)}: each value once` });
      seen.add(key);
    }
  });

/** The `sweep` section. */
export const SweepSchema = z
  .strictObject({
    parameters: z
      .record(z.string().regex(new RegExp(SWEEP_PATH_PATTERN), { error: pathError }), Values)
      .refine((m) => Object.keys(m).length > 0, { error: 'expected at least one parameter' })
      .optional()
      .describe('Values to try, by path into the scenario (e.g. tenants.count: [10, 100, 1000]); every combination is a point. The first parameter is the charts\' x axis. Replaced as a whole by --set.'),
    replications: int(1, MAX_REPLICATIONS).optional().describe('Seeds per point: the first is the scenario seed, the others derived from it. Default: 1 (no confidence intervals).'),
    baseline: text().optional().describe('The variant others are compared with for breakpoints. Default: the first variant.'),
    breakpoints: z
      .record(text(), Threshold)
      .optional()
      .describe('Metric (or cost, p99) -> threshold: report the first value of the first parameter at which a variant exceeds the baseline by it, e.g. { cost: +20%, p99: +100ms }. Limits hit are always reported.'),
    metrics: z
      .array(text(), { error: (iss) => `expected a list of metric names, got ${describeValue(iss.input)}` })
      .min(1, { error: 'expected at least one metric' })
      .optional()
      .describe('Metrics charted in sweep.html (every metric is in sweep.csv and sweep.json). Default: monthlyCostUsd, latencyP99Ms, coldStartRate, peakEnvironments.'),
  })
  .describe('Capacity-planning sweep (tenancy-sim sweep): a grid of values, replications with 95 % confidence intervals, breakpoints. Ignored by run.');

/** A validated `sweep` section. */
export type SweepSection = z.output<typeof SweepSchema>;
