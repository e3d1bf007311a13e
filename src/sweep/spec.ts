/**
 * What a sweep runs: its parameters, replications, baseline, breakpoint rules and charts, read from the
 * scenario's `sweep` section and the command line (which takes precedence), every problem located: in the
 * file at the section's key, or in the command-line argument at its column.
 */
import { type PathSegment, type ScenarioError, formatPath, isPlainObject } from '../scenario/errors.js';
import type { LoadedScenario } from '../scenario/index.js';
import { type SweepSection, SweepSchema } from '../scenario/schema/sweep.js';
import { listNames } from '../text/suggest.js';
import { DEFAULT_CHART_METRICS, metricNamed } from './metrics.js';
import { parsePath } from './paths.js';
import { parseSetArgument, setArgumentError } from './set-arg.js';
import { type BreakpointRule, parseRule } from './thresholds.js';

/** Most points in a grid. */
export const MAX_POINTS = 10_000;

/** Most swept parameters (a grid of 10,000 points has at most 13 with two values or more). */
export const MAX_PARAMETERS = 100;

/** Most breakpoint rules. */
export const MAX_BREAKPOINT_RULES = 100;

/** Deepest nesting of lists and maps in a swept value. */
export const MAX_VALUE_DEPTH = 32;

/** Longest swept value, as JSON. */
export const MAX_VALUE_CHARS = 10_000;

/** Whether `v` nests lists and maps more than `depth` deep. */
function nestedDeeper(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  return depth === 0 || Object.values(v).some((x) => nestedDeeper(x, depth - 1));
}

/** Why `v` cannot be a swept value (nested too deep, or too long as JSON), or null. */
export function sweptValueProblem(v: unknown): string | null {
  if (nestedDeeper(v, MAX_VALUE_DEPTH)) return `a swept value nests lists and maps at most ${MAX_VALUE_DEPTH} deep`;
  const length = JSON.stringify(v)?.length ?? 0;
  if (length > MAX_VALUE_CHARS) return `a swept value is at most ${MAX_VALUE_CHARS.toLocaleString('en-US')} characters as JSON, got ${length.toLocaleString('en-US')}`;
  return null;
}

/** One swept parameter. */
export interface SweepParameter {
  /** The path as messages and sweep.csv write it, e.g. `tenants.count`. */
  key: string;
  path: PathSegment[];
  values: unknown[];
  /** Places a message about value `i` where it was written. */
  at: (i: number, path: string, message: string) => ScenarioError;
}

/** A sweep, ready to expand. */
export interface SweepSpec {
  parameters: SweepParameter[];
  replications: number;
  /** The variant others are compared with. */
  baseline: string;
  rules: BreakpointRule[];
  /** Full names of the metrics charted. */
  charts: string[];
}

/** What the command line says about the sweep (each replaces the section's key as a whole). */
export interface SweepArgs {
  set?: string[];
  replications?: number;
  baseline?: string;
  breakpoint?: string[];
  metric?: string[];
}

/** Keys a parameter may not change. */
const FORBIDDEN: Readonly<Record<string, string>> = {
  name: 'the scenario name is not swept (results are named after it)',
  seed: 'seeds are not swept: use replications (--replications N) to run several seeds per point',
  sweep: 'the sweep section is not swept',
};

type Located = (path: PathSegment[], message: string) => ScenarioError;

/** Reads the sweep of `scenario` (its parsed document `doc`) with the command line's `args`. */
export function readSweepSpec(doc: Record<string, unknown>, scenario: LoadedScenario, args: SweepArgs): { ok: true; spec: SweepSpec } | { ok: false; errors: ScenarioError[] } {
  const locate: Located = (path, message) => scenario.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: formatPath(path), message };
  const section: SweepSection = doc.sweep === undefined ? {} : SweepSchema.parse(doc.sweep); // loadScenario has validated it
  const errors: ScenarioError[] = [];
  const parameters = readParameters(section, args, locate, errors);
  checkParameters(parameters, doc, errors, locate);
  const variants = scenario.variants.map((v) => v.name);
  const baseline = args.baseline ?? section.baseline ?? variants[0];
  if (!variants.includes(baseline)) {
    const message = `unknown baseline variant \`${baseline}\`; variants: ${listNames(variants)}`;
    errors.push(args.baseline !== undefined ? cliError('--baseline', args.baseline, 0, 'baseline', message) : locate(['sweep', 'baseline'], message));
  }
  const rules = readRules(section, args, locate, errors);
  const charts = readCharts(section, args, locate, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, spec: { parameters, replications: args.replications ?? section.replications ?? 1, baseline, rules, charts } };
}

function cliError(flag: string, text: string, offset: number, path: string, message: string): ScenarioError {
  return { file: `${flag} ${text}`, line: 1, col: offset + 1, path, message };
}

function readParameters(section: SweepSection, args: SweepArgs, locate: Located, errors: ScenarioError[]): SweepParameter[] {
  if (args.set !== undefined && args.set.length > 0) {
    const out: SweepParameter[] = [];
    for (const text of args.set) {
      const r = parseSetArgument(text);
      if (!r.ok) {
        errors.push(r.error);
        continue;
      }
      const { path, values, offsets } = r.value;
      out.push({ key: formatPath(path), path, values, at: (i, p, m) => setArgumentError(text, offsets[i], p, m) });
    }
    return out;
  }
  const out: SweepParameter[] = [];
  for (const [key, values] of Object.entries(section.parameters ?? {})) {
    const path = parsePath(key) as PathSegment[]; // the schema's pattern admits only paths
    const k = formatPath(path);
    // the location names the value in the sweep section; a problem found elsewhere in the document names its path
    out.push({ key: k, path, values, at: (i, p, m) => locate(['sweep', 'parameters', key, i], p === k ? m : `${p}: ${m}`) });
  }
  if (out.length === 0) {
    // located at the nearest key that exists: sweep, or the top of the file
    errors.push(locate(['sweep', 'parameters'], 'nothing to sweep: add sweep.parameters (e.g. { tenants.count: [10, 100, 1000] }) or --set path=value1,value2'));
  }
  return out;
}

/** Forbidden paths, variants that do not exist, repeated paths, oversized values and oversized grids. */
function checkParameters(parameters: SweepParameter[], doc: Record<string, unknown>, errors: ScenarioError[], locate: Located): void {
  const declared = isPlainObject(doc.variants) ? Object.keys(doc.variants) : [];
  const seen = new Set<string>();
  for (const p of parameters) {
    const head = String(p.path[0]);
    const bad = (message: string) => errors.push({ ...p.at(0, p.key, message), path: p.key });
    if (Object.hasOwn(FORBIDDEN, head)) bad(FORBIDDEN[head]);
    else if (head === 'variants' && (p.path.length < 3 || !declared.includes(String(p.path[1])))) {
      bad(declared.length === 0
        ? 'the scenario has no variants section: sweep a setting of the scenario and every variant sees it'
        : `expected variants.<variant>.<setting> with one of the file's variants ${listNames(declared)}`);
    }
    if (seen.has(p.key)) bad(`\`${p.key}\` is swept twice`);
    seen.add(p.key);
    for (const [i, v] of p.values.entries()) {
      const problem = sweptValueProblem(v);
      if (problem !== null) errors.push(p.at(i, p.key, problem));
    }
  }
  if (parameters.length > MAX_PARAMETERS) {
    const p = parameters[MAX_PARAMETERS];
    errors.push({ ...p.at(0, p.key, ''), path: p.key, message: `a sweep has at most ${MAX_PARAMETERS} parameters, got ${parameters.length}` });
  }
  if (isPlainObject(doc.variants)) {
    for (const [name, o] of Object.entries(doc.variants)) {
      if (isPlainObject(o) && Object.hasOwn(o, 'sweep')) errors.push(locate(['variants', name, 'sweep'], 'a variant may not contain `sweep`'));
    }
  }
  const points = parameters.reduce((n, p) => n * p.values.length, 1);
  if (points > MAX_POINTS && parameters.length > 0) {
    errors.push({ ...parameters[0].at(0, parameters[0].key, ''), message: `the grid has ${points.toLocaleString('en-US')} points; a sweep is limited to ${MAX_POINTS.toLocaleString('en-US')} (fewer values, or several sweeps)` });
  }
}

function readRules(section: SweepSection, args: SweepArgs, locate: Located, errors: ScenarioError[]): BreakpointRule[] {
  const rules: BreakpointRule[] = [];
  if (args.breakpoint !== undefined && args.breakpoint.length > 0) {
    for (const text of args.breakpoint) {
      const eq = text.indexOf('=');
      const r = eq < 0 ? null : parseRule(text.slice(0, eq).trim(), text.slice(eq + 1).trim());
      if (r === null) errors.push(cliError('--breakpoint', text, 0, 'breakpoint', `expected metric=threshold such as cost=+20% or p99=+100ms, got ${JSON.stringify(text)}`));
      else if (!r.ok) errors.push(cliError('--breakpoint', text, r.onMetric ? 0 : eq + 1, 'breakpoint', r.message));
      else rules.push(r.rule);
    }
    if (args.breakpoint.length > MAX_BREAKPOINT_RULES) {
      errors.push(cliError('--breakpoint', args.breakpoint[MAX_BREAKPOINT_RULES], 0, 'breakpoint', `a sweep has at most ${MAX_BREAKPOINT_RULES} breakpoint rules, got ${args.breakpoint.length}`));
    }
    return rules;
  }
  for (const [name, threshold] of Object.entries(section.breakpoints ?? {})) {
    const r = parseRule(name, threshold);
    if (!r.ok) errors.push(locate(['sweep', 'breakpoints', name], r.message));
    else rules.push(r.rule);
  }
  return rules;
}

function readCharts(section: SweepSection, args: SweepArgs, locate: Located, errors: ScenarioError[]): string[] {
  const fromArgs = args.metric !== undefined && args.metric.length > 0;
  const names = fromArgs ? args.metric! : (section.metrics ?? DEFAULT_CHART_METRICS);
  const out: string[] = [];
  for (const [i, name] of names.entries()) {
    const m = metricNamed(name);
    if (m === undefined) {
      const message = `unknown metric \`${name}\`; use cost, p50, p90, p99 or a metric of sweep.csv such as monthlyCostUsd or coldStartRate`;
      errors.push(fromArgs ? cliError('--metric', name, 0, 'metric', message) : locate(['sweep', 'metrics', i], message));
    } else if (!out.includes(m.name)) out.push(m.name);
  }
  return out;
}
