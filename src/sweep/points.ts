/**
 * The scenario of each point of a sweep: the file's document with the point's values set at their paths
 * (deep-merged, as variants are), written back as YAML and loaded by `loadScenario`, so every point is
 * validated like a scenario file before anything runs. A point's problems are shown where its value was
 * written (the `sweep` section or the `--set` argument).
 */
import { stringify } from 'yaml';
import { type ScenarioError, formatError } from '../scenario/errors.js';
import { loadScenario, type LoadOptions } from '../scenario/index.js';
import { expandGrid } from './grid.js';
import { setAtPath } from './paths.js';
import type { SweepParameter } from './spec.js';

/** One point, ready to run. */
export interface PointPlan {
  /** Position in the full grid. */
  index: number;
  /** Index into each parameter's values. */
  choice: number[];
  /** The point's values, one per parameter. */
  values: unknown[];
  /** The point's scenario document as YAML. */
  text: string;
}

/** `tenants.count=10, platform.keepAlive=5m`: a point in words. */
export function pointLabel(parameters: readonly { key: string }[], values: readonly unknown[]): string {
  return parameters.map((p, j) => `${p.key}=${valueText(values[j])}`).join(', ');
}

/** A swept value as sweep.csv and labels write it: strings as they are, anything else as JSON. */
export function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Whether the problem at `errorPath` is about the value at `key` or inside it. */
function isUnder(errorPath: string, key: string): boolean {
  return errorPath === key || errorPath.startsWith(`${key}.`) || errorPath.startsWith(`${key}[`);
}

/** Where each problem of a point belongs: the parameter it is about (its value's location). */
class Placer {
  /** Problems a parameter causes on its own, by `${j}/${choice}` (for rules across fields). */
  private readonly alone = new Map<string, Set<string>>();

  constructor(
    private readonly base: Record<string, unknown>,
    private readonly parameters: readonly SweepParameter[],
    private readonly file: string,
    private readonly options: LoadOptions,
  ) {}

  /** `e`, found at the point `choice`, located at the value it is about. */
  place(e: ScenarioError, choice: readonly number[]): ScenarioError {
    const ps = this.parameters;
    let j = ps.findIndex((p) => isUnder(e.path, p.key));
    if (j < 0) j = ps.findIndex((_, k) => this.causedAlone(k, choice[k], e));
    if (j >= 0) return ps[j].at(choice[j], e.path, e.message);
    const label = pointLabel(ps, choice.map((i, k) => ps[k].values[i]));
    return ps[0].at(choice[0], e.path, `${e.message} (at the point ${label})`);
  }

  /** Whether value `i` of parameter `j` alone, set over the base, gives problem `e`. */
  private causedAlone(j: number, i: number, e: ScenarioError): boolean {
    const id = `${j}/${i}`;
    let found = this.alone.get(id);
    if (found === undefined) {
      const p = this.parameters[j];
      const r = setAtPath(this.base, p.path, p.values[i]);
      const l = r.ok ? loadScenario(stringify(r.doc), this.file, this.options) : null;
      found = new Set(l === null || l.ok ? [] : l.errors.map((x) => `${x.path}: ${x.message}`));
      this.alone.set(id, found);
    }
    return found.has(`${e.path}: ${e.message}`);
  }
}

/** The document of the point `choice`, or the problems of setting its values. */
function pointDocument(base: unknown, parameters: readonly SweepParameter[], choice: readonly number[]): { doc: unknown; problems: ScenarioError[] } {
  let doc = base;
  const problems: ScenarioError[] = [];
  for (const [j, p] of parameters.entries()) {
    const r = setAtPath(doc, p.path, p.values[choice[j]]);
    if (r.ok) doc = r.doc;
    else problems.push(p.at(choice[j], p.key, r.message));
  }
  return { doc, problems };
}

/**
 * Builds and validates every point of the grid of `parameters` over `base` (the file's document without
 * its `sweep` section). Problems are deduplicated (a bad value is reported once, not once per point).
 */
export function planPoints(base: Record<string, unknown>, parameters: readonly SweepParameter[], file: string, options: LoadOptions): { ok: true; points: PointPlan[] } | { ok: false; errors: ScenarioError[] } {
  const errors = new Map<string, ScenarioError>();
  const add = (e: ScenarioError) => errors.set(formatError(e), e);
  const placer = new Placer(base, parameters, file, options);
  const points: PointPlan[] = [];
  for (const g of expandGrid(parameters.map((p) => p.values.map((_, i) => i)))) {
    const choice = g.values as number[];
    const { doc, problems } = pointDocument(base, parameters, choice);
    problems.forEach(add);
    if (problems.length > 0) continue;
    const text = stringify(doc);
    const loaded = loadScenario(text, file, options);
    if (loaded.ok) points.push({ index: g.index, choice, values: choice.map((i, j) => parameters[j].values[i]), text });
    else for (const e of loaded.errors) add(placer.place(e, choice));
  }
  return errors.size > 0 ? { ok: false, errors: sortErrors([...errors.values()]) } : { ok: true, points };
}

/** Problems in file order: by file name, line, column (stable). */
export function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return [...errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}
