/**
 * A sweep from start to end, without files or console: read and validate it (every point loaded), run its
 * tasks (or a shard's), aggregate them into sweep.json's document, and render the output files.
 */
import { createHash } from 'node:crypto';
import { type ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/index.js';
import { readYaml } from '../scenario/yaml-source.js';
import { aggregatePoints, assemble } from './aggregate.js';
import { CONFIDENCE } from './confidence.js';
import { SWEEP_FORMAT, type SweepDocument, type SweepHeader } from './document.js';
import { type Shard, shardPoints } from './grid.js';
import { sweepCsv } from './csv.js';
import { sweepHtml } from './html.js';
import { completeDocument } from './merge.js';
import { METRICS } from './metrics.js';
import { type PointPlan, planPoints, sortErrors } from './points.js';
import { type PoolOptions, runTasks } from './pool.js';
import { replicationSeeds } from './seeds.js';
import { readSweepSpec, type SweepArgs } from './spec.js';
import type { SweepTask, TaskResult } from './task.js';

/** A validated sweep, ready to run: its document header and every point of the grid. */
export interface PreparedSweep {
  header: SweepHeader;
  points: PointPlan[];
  file: string;
}

/** Options of {@link prepareSweep}: the command line's sweep options, seed and variants. */
export interface PrepareOptions extends SweepArgs {
  /** Replaces the scenario seed. Default: the scenario's. */
  seed?: number;
  /** Only these variants, in this order. Default: all. */
  variants?: string[];
}

/**
 * Reads the scenario `text` (`file` names it in messages) and its sweep, and loads every point of the grid.
 * Never throws for bad input: returns every problem, located.
 */
export function prepareSweep(text: string, file: string, options: PrepareOptions = {}): { ok: true; sweep: PreparedSweep } | { ok: false; errors: ScenarioError[] } {
  const load = { seed: options.seed, variants: options.variants };
  const loaded = loadScenario(text, file, load);
  if (!loaded.ok) return loaded;
  const scenario = loaded.scenario;
  const read = readYaml(text, file);
  const doc = (read.ok ? read.value : {}) as Record<string, unknown>;
  const spec = readSweepSpec(doc, scenario, options);
  if (!spec.ok) return { ok: false, errors: sortErrors(spec.errors) };
  const { parameters, replications, baseline, rules, charts } = spec.spec;
  const base = { ...doc };
  delete base.sweep;
  const planned = planPoints(base, parameters, file, load);
  if (!planned.ok) return planned;
  const header: SweepHeader = {
    format: SWEEP_FORMAT, scenario: scenario.name, description: scenario.description,
    scenarioSha256: createHash('sha256').update(text).digest('hex'), seed: scenario.seed, seeds: replicationSeeds(scenario.seed, replications),
    replications, confidence: CONFIDENCE, parameters: parameters.map((p) => ({ key: p.key, values: p.values })),
    variants: scenario.variants.map((v) => v.name), baseline, breakpointRules: rules, charts,
    metrics: METRICS.map((m) => ({ name: m.name, unit: m.unit, label: m.label })), pointCount: planned.points.length,
  };
  return { ok: true, sweep: { header, points: planned.points, file } };
}

/** The tasks of `points`: for each point, each replication, each variant. */
export function tasksOf(sweep: PreparedSweep, points: readonly PointPlan[], baseDir: string): SweepTask[] {
  const { seeds, variants } = sweep.header;
  return points.flatMap((p) => seeds.flatMap((seed, replication) => variants.map((variant) => ({ point: p.index, replication, variant, seed, text: p.text, file: sweep.file, baseDir }))));
}

/** Problems the traces of some points revealed while running. */
export class SweepProblems extends Error {
  override name = 'SweepProblems';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Options of {@link runSweepTasks}. */
export interface ExecuteOptions extends PoolOptions {
  /** Run only this shard's points. Default: all (a shard 1/1 is all too). */
  shard?: Shard | null;
  /** The scenario's folder (trace paths resolve against it). */
  baseDir: string;
}

/**
 * Runs the sweep (or a shard of it) and returns its document: complete with breakpoints for a whole sweep.
 * @throws SweepInterrupted when `options.signal` aborts it; SweepProblems for bad trace data.
 */
export async function runSweepTasks(sweep: PreparedSweep, options: ExecuteOptions): Promise<SweepDocument> {
  const shard = options.shard && options.shard.count > 1 ? options.shard : null;
  const points = shardPoints(sweep.points, shard);
  const results: TaskResult[] = await runTasks(tasksOf(sweep, points, options.baseDir), options);
  const problems = [...new Set(results.flatMap((r) => r.problems ?? []))];
  if (problems.length > 0) throw new SweepProblems(problems);
  const aggregated = aggregatePoints(points.map((p) => p.index), points.map((p) => p.values), sweep.header.variants, sweep.header.replications, results);
  const doc = assemble(sweep.header, shard, aggregated, null);
  return shard === null ? completeDocument(doc) : doc;
}

/** The files of `doc`: sweep.json and sweep.csv, and sweep.html for a whole sweep. */
export async function sweepFiles(doc: SweepDocument): Promise<Record<string, string>> {
  const files: Record<string, string> = { 'sweep.json': `${JSON.stringify(doc, null, 2)}\n`, 'sweep.csv': sweepCsv(doc) };
  if (doc.breakpoints !== null) files['sweep.html'] = await sweepHtml(doc);
  return files;
}
