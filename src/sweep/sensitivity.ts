/**
 * `run --sensitivity`: the scenario's variants rerun over the plausible range of every platform setting AWS
 * does not document (keep-alive, maximum lifetime, how a lifetime's end is replaced, what the isolated
 * environment cap does when full), one setting at a time and then all together at both extremes, on the
 * sweep's worker pool with the scenario's own seed, so every run sees the same arrivals (common random
 * numbers) and the differences are the settings'. Reduced to each variant's headline numbers; comparing them
 * with the baseline's (ranges, what moves them most, whether a conclusion holds everywhere) is done where
 * they are shown.
 */
import { stringify } from 'yaml';
import type { SensitivityMetric, SensitivityResult, SensitivityRun } from '../results/index.js';
import { loadScenario } from '../scenario/index.js';
import { readYaml } from '../scenario/yaml-source.js';
import { METRICS } from './metrics.js';
import { type PoolOptions, runTasks } from './pool.js';
import type { SweepTask, TaskResult } from './task.js';

/** The undocumented settings and their plausible values (docs/model.md gives the evidence for each range). */
export const UNKNOWN_SETTINGS: readonly { path: string; label: string; values: readonly string[] }[] = [
  { path: 'platform.keepAlive', label: 'keep-alive', values: ['5m', '7m', '10m', '15m', '30m'] },
  { path: 'platform.maxLifetime', label: 'maximum lifetime', values: ['1h', '2h', '6h', 'none'] },
  { path: 'platform.lifetimeReplacement', label: 'lifetime replacement', values: ['background', 'on-request'] },
  { path: 'platform.capPolicy', label: 'cap policy when full', values: ['throttle', 'reclaim-idle'] },
];

/** All settings together at the end that makes environments scarcest (more cold starts, fewer warm ones)
 *  and at the other end. */
export const JOINT_EXTREMES: readonly { label: string; values: Readonly<Record<string, string>> }[] = [
  { label: 'all settings at their scarcest', values: { 'platform.keepAlive': '5m', 'platform.maxLifetime': '1h', 'platform.lifetimeReplacement': 'on-request', 'platform.capPolicy': 'throttle' } },
  { label: 'all settings at their most generous', values: { 'platform.keepAlive': '30m', 'platform.maxLifetime': 'none', 'platform.lifetimeReplacement': 'background', 'platform.capPolicy': 'reclaim-idle' } },
];

/** Runs of a sensitivity analysis: as written, each setting value, both joint extremes. */
export const SENSITIVITY_RUNS = 1 + UNKNOWN_SETTINGS.reduce((n, s) => n + s.values.length, 0) + JOINT_EXTREMES.length;

/** The headline metrics and the sweep metric each is read from. */
const FROM: Readonly<Record<SensitivityMetric, (values: readonly (number | null)[]) => number | null>> = {
  monthlyCostUsd: (v) => v[index('monthlyCostUsd')],
  coldStartsPer1000: (v) => {
    const n = v[index('invocations')];
    const c = v[index('coldStarts')];
    return n === null || c === null || n === 0 ? null : (c / n) * 1000;
  },
  latencyP99Ms: (v) => v[index('latencyP99Ms')],
  failedShare: (v) => v[index('failedShare')],
};

function index(metric: string): number {
  const i = METRICS.findIndex((m) => m.name === metric);
  if (i < 0) throw new Error(`no metric ${metric}`);
  return i;
}

/** Runs planned: the label, the setting changed (null: none or all), and the values set. */
function plan(): { label: string; setting: string | null; values: Record<string, string> }[] {
  return [
    { label: 'as written', setting: null, values: {} },
    ...UNKNOWN_SETTINGS.flatMap((s) => s.values.map((v) => ({ label: `${s.path}=${v}`, setting: s.path, values: { [s.path]: v } }))),
    ...JOINT_EXTREMES.map((x) => ({ label: x.label, setting: null, values: { ...x.values } })),
  ];
}

/** `doc` with `values` set at their dotted paths (platform settings: one level of nesting). */
function withValues(doc: Record<string, unknown>, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const [path, value] of Object.entries(values)) {
    const [section, key] = path.split('.');
    const inner = typeof out[section] === 'object' && out[section] !== null ? { ...(out[section] as Record<string, unknown>) } : {};
    inner[key] = value;
    out[section] = inner;
  }
  delete out.sweep;
  return out;
}

/** Options of {@link runSensitivity}. */
export interface SensitivityOptions extends PoolOptions {
  /** The scenario's seed to use (`--seed`). Default: the scenario's. */
  seed?: number;
  /** Only these variants, in this order (`--variant`). Default: all. */
  variants?: string[];
  /** The scenario's folder (trace paths resolve against it). */
  baseDir: string;
}

/**
 * Runs the sensitivity analysis of the scenario document `text` (`file` names it).
 * @throws SweepInterrupted when `options.signal` aborts it; Error when a run's scenario does not load (a bug:
 *   every value is one the schema accepts).
 */
export async function runSensitivity(text: string, file: string, options: SensitivityOptions): Promise<SensitivityResult> {
  const read = readYaml(text, file);
  const doc = (read.ok ? read.value : {}) as Record<string, unknown>;
  const runs = plan();
  const texts = runs.map((r) => stringify(withValues(doc, r.values)));
  const first = loadScenario(texts[0], file, { seed: options.seed, variants: options.variants });
  if (!first.ok) throw new Error(`the scenario does not load: ${first.errors.map((e) => e.message).join('; ')}`);
  const variants = first.scenario.variants.map((v) => v.name);
  const seed = first.scenario.seed;
  const tasks: SweepTask[] = texts.flatMap((t, point) => variants.map((variant) => ({ point, replication: 0, variant, seed, text: t, file, baseDir: options.baseDir })));
  const results: TaskResult[] = await runTasks(tasks, options);
  const problems = [...new Set(results.flatMap((r) => r.problems ?? []))];
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const metrics = Object.keys(FROM) as SensitivityMetric[];
  return {
    variants,
    settings: UNKNOWN_SETTINGS.map((s) => ({ path: s.path, label: s.label, values: [...s.values] })),
    runs: runs.map((r, point): SensitivityRun => ({
      ...r,
      variants: variants.map((_, v) => {
        const res = results[point * variants.length + v];
        return Object.fromEntries(metrics.map((m) => [m, FROM[m](res.values)])) as Record<SensitivityMetric, number | null>;
      }),
    })),
  };
}
