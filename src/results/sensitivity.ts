/**
 * Reading a sensitivity analysis (see sweep/sensitivity.ts): for each variant after the baseline and each
 * headline metric, the difference from the baseline as written, its range across every run, each setting's
 * range (a tornado chart's bars), the setting that moves it most, and whether the answer keeps its sign in
 * every run. Used by the terminal text and the report alike.
 */
import type { SensitivityMetric, SensitivityResult } from './types.js';

/** The metrics compared, in the order they are shown, with their words and units. */
export const SENSITIVITY_METRICS: readonly { key: SensitivityMetric; label: string; unit: 'usd' | 'count' | 'ms' | 'share' }[] = [
  { key: 'monthlyCostUsd', label: 'cost per 30-day month', unit: 'usd' },
  { key: 'coldStartsPer1000', label: 'cold starts per 1,000 requests', unit: 'count' },
  { key: 'latencyP99Ms', label: 'p99 latency (ms)', unit: 'ms' },
  { key: 'failedShare', label: 'failed share of requests', unit: 'share' },
];

/** One setting's effect on a difference: the lowest and highest it gave, and at which values. */
export interface SettingSwing {
  path: string;
  label: string;
  low: number;
  lowAt: string;
  high: number;
  highAt: string;
}

/** How a variant's difference from the baseline in one metric moves across the settings. */
export interface SensitivityReading {
  variant: string;
  baseline: string;
  metric: SensitivityMetric;
  /** The difference with the settings as written; null when either has no value. */
  asWritten: number | null;
  /** Across every run (one-at-a-time and joint). */
  min: number;
  max: number;
  /** Each setting varied alone, largest swing first. */
  swings: SettingSwing[];
  /** Whether the difference never changes sign across the runs (0 aside: never above 0 in one run and below
   *  in another). */
  holds: boolean;
  /** Runs that had a value (both variants). */
  runs: number;
  /** Runs in which the variant failed (throttled, rejected, timed out) a larger share of its requests than the
   *  baseline: there it did less work, so a lower cost or latency there is not a saving. */
  failsMoreIn: number;
}

/** A failed share more than this above the baseline's counts as failing more (as the report's findings). */
const FAILS_MORE = 0.00005;

/** Whether a reading holds, in words: `isolated is higher in every run`, `... or equal`, or that it flips. */
export function verdictText(r: SensitivityReading): string {
  if (!r.holds) return 'no: it is higher in some runs and lower in others';
  if (r.min === 0 && r.max === 0) return 'yes: equal in every run';
  if (r.min >= 0) return `yes: ${r.variant} is ${r.min > 0 ? 'higher in every run' : 'higher or equal in every run'}`;
  return `yes: ${r.variant} is ${r.max < 0 ? 'lower in every run' : 'lower or equal in every run'}`;
}

/** `; in 3 of 16 runs isolated failed more of its requests than shared, so it did less work there`, or ''. */
export function failureNote(r: SensitivityReading): string {
  return r.failsMoreIn === 0 ? '' : `; in ${r.failsMoreIn} of ${r.runs} runs ${r.variant} failed more of its requests than ${r.baseline}, so it did less work there`;
}

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Every reading of `s`: each variant after the baseline, each metric; metrics without values are left out. */
export function sensitivityReadings(s: SensitivityResult): SensitivityReading[] {
  const out: SensitivityReading[] = [];
  for (let v = 1; v < s.variants.length; v++) {
    for (const { key } of SENSITIVITY_METRICS) {
      const diff = (run: (typeof s.runs)[number]) => {
        const a = run.variants[v][key];
        const b = run.variants[0][key];
        return a === null || b === null ? null : a - b;
      };
      const all = s.runs.map(diff).filter((d): d is number => d !== null);
      if (all.length === 0) continue;
      const swings = s.settings.map((setting): SettingSwing | null => {
        const mine = s.runs.filter((r) => r.setting === setting.path).map((r) => ({ d: diff(r), at: r.values[setting.path] })).filter((x): x is { d: number; at: string } => x.d !== null);
        if (mine.length === 0) return null;
        const lo = mine.reduce((a, b) => (b.d < a.d ? b : a));
        const hi = mine.reduce((a, b) => (b.d > a.d ? b : a));
        return { path: setting.path, label: setting.label, low: lo.d, lowAt: lo.at, high: hi.d, highAt: hi.at };
      }).filter((x): x is SettingSwing => x !== null).sort((a, b) => b.high - b.low - (a.high - a.low));
      // signs as shown: a difference that rounds to 0 at the shown precision is 0 (float noise is no change)
      const step = { usd: 0.005, count: 0.005, ms: 0.05, share: 0.00005 }[SENSITIVITY_METRICS.find((x) => x.key === key)!.unit];
      const signs = new Set(all.map((d) => (Math.abs(d) < step ? 0 : sign(d))).filter((x) => x !== 0));
      const failsMoreIn = s.runs.filter((r) => diff(r) !== null && (r.variants[v].failedShare ?? 0) > (r.variants[0].failedShare ?? 0) + FAILS_MORE).length;
      out.push({
        variant: s.variants[v], baseline: s.variants[0], metric: key, asWritten: diff(s.runs[0]),
        min: Math.min(...all), max: Math.max(...all), swings, holds: signs.size <= 1, runs: all.length, failsMoreIn,
      });
    }
  }
  return out;
}

/** A difference in a metric's unit, signed. */
export function differenceText(x: number, unit: (typeof SENSITIVITY_METRICS)[number]['unit']): string {
  const s = x > 0 ? '+' : x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (unit === 'usd') return `${s}$${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (unit === 'share') return `${s}${(a * 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} points`;
  if (unit === 'ms') return `${s}${a.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`;
  return `${s}${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The analysis as terminal text: per comparison and metric, as written, the range, what moves it most. */
export function sensitivityText(s: SensitivityResult): string {
  const lines = [`sensitivity: ${s.runs.length} runs of ${s.variants.length} variants over the settings AWS does not document (${s.settings.map((x) => `${x.label} ${x.values.join('/')}`).join('; ')}), one at a time and all at both ends`];
  const readings = sensitivityReadings(s);
  for (const variant of s.variants.slice(1)) {
    lines.push(`  ${variant} - ${s.variants[0]}:`);
    for (const r of readings.filter((x) => x.variant === variant)) {
      const m = SENSITIVITY_METRICS.find((x) => x.key === r.metric)!;
      const top = r.swings[0];
      const most = top === undefined || top.high === top.low ? 'no single setting moves it'
        : `moved most by ${top.label} (${differenceText(top.low, m.unit)} at ${top.lowAt} to ${differenceText(top.high, m.unit)} at ${top.highAt})`;
      lines.push(`    ${m.label}: ${r.asWritten === null ? 'n/a' : differenceText(r.asWritten, m.unit)} as written; ${differenceText(r.min, m.unit)} to ${differenceText(r.max, m.unit)} across the settings; ${most}; holds everywhere: ${verdictText(r)}${failureNote(r)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
