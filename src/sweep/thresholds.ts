/**
 * Breakpoint rules: "report the first swept value at which a variant's metric exceeds the baseline's by this
 * much", written `cost=+20%` (relative), `p99=+100ms` (latency), `cost=+$50` (money) or `coldStartRate=+0.01`
 * (the metric's own unit).
 */
import { metricNamed, type MetricDefinition } from './metrics.js';

/** One breakpoint rule. */
export interface BreakpointRule {
  /** Full metric name (aliases resolved), e.g. `monthlyCostUsd`. */
  metric: string;
  /** As written, e.g. `+20%`. */
  threshold: string;
  /** `relative`: amount is a fraction of the baseline's mean (0.2 for +20 %); `absolute`: in the metric's unit. */
  kind: 'relative' | 'absolute';
  amount: number;
}

const THRESHOLD = /^\+ ?(\$ ?)?(\d+(?:\.\d+)?|\.\d+) ?(%|ms|s)?$/;

/**
 * The rule for `metricName` (or an alias such as `cost`, `p99`) and `threshold`, or a message saying what is
 * wrong with either.
 * @example parseRule('cost', '+20%') // { ok: true, rule: { metric: 'monthlyCostUsd', threshold: '+20%', kind: 'relative', amount: 0.2 } }
 */
export function parseRule(metricName: string, threshold: string | number): { ok: true; rule: BreakpointRule } | { ok: false; message: string; onMetric: boolean } {
  const metric = metricNamed(metricName);
  if (metric === undefined) return { ok: false, onMetric: true, message: `unknown metric \`${metricName}\`; use cost, p50, p90, p99 or a metric of sweep.csv such as monthlyCostUsd or coldStartRate` };
  if (typeof threshold === 'number') {
    if (!(Number.isFinite(threshold) && threshold >= 0)) return { ok: false, onMetric: false, message: `expected a threshold >= 0, got ${threshold}` };
    return { ok: true, rule: { metric: metric.name, threshold: `+${threshold}`, kind: 'absolute', amount: threshold } };
  }
  const m = THRESHOLD.exec(threshold.trim());
  if (m === null) return { ok: false, onMetric: false, message: `expected a threshold such as +20%, +100ms or +$50, got ${JSON.stringify(threshold)}` };
  const [, dollar, number, unit] = m;
  const value = Number(number);
  const misfit = unitMisfit(metric, dollar !== undefined, unit);
  if (misfit !== null) return { ok: false, onMetric: false, message: misfit };
  if (unit === '%') return { ok: true, rule: { metric: metric.name, threshold: threshold.trim(), kind: 'relative', amount: value / 100 } };
  return { ok: true, rule: { metric: metric.name, threshold: threshold.trim(), kind: 'absolute', amount: unit === 's' ? value * 1000 : value } };
}

/** Why the threshold's unit does not fit the metric, or null when it does. */
function unitMisfit(metric: MetricDefinition, dollar: boolean, unit: string | undefined): string | null {
  if (dollar && (metric.unit !== 'usd' || unit !== undefined)) return `a $ threshold needs a metric in USD and no other unit; ${metric.name} is in ${metric.unit}`;
  if ((unit === 'ms' || unit === 's') && metric.unit !== 'ms') return `a threshold in ${unit} needs a latency metric; ${metric.name} is in ${metric.unit}`;
  return null;
}

/**
 * Whether `value` exceeds `baseline` by more than `rule` allows. A relative rule over a baseline of 0 is
 * exceeded by any positive value.
 */
export function exceeds(rule: BreakpointRule, value: number, baseline: number): boolean {
  if (rule.kind === 'absolute') return value - baseline > rule.amount;
  if (baseline === 0) return value > 0;
  return (value - baseline) / Math.abs(baseline) > rule.amount;
}
