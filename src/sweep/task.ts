/**
 * One unit of a sweep's work: one variant of one point, simulated with one replication's seed, reduced to
 * its metrics and limits. Tasks are plain data, so they run alike in this thread or in a worker thread.
 */
import { simulate } from '../model/simulation.js';
import { type LimitFact, monthOf, variantRun } from '../results/index.js';
import { formatError, loadScenario, type LoadedScenario } from '../scenario/index.js';
import { hasTraces, PrepareError, prepareScenario } from '../scenario/prepare.js';
import { METRICS } from './metrics.js';

/** What a task runs. */
export interface SweepTask {
  /** Grid index of the point. */
  point: number;
  /** 0-based replication. */
  replication: number;
  variant: string;
  seed: number;
  /** The point's scenario document as YAML (already validated). */
  text: string;
  /** The scenario file's name, for messages. */
  file: string;
  /** Folder trace paths resolve against (the scenario's). */
  baseDir: string;
}

/** What a task measured. */
export interface TaskResult {
  point: number;
  replication: number;
  variant: string;
  /** One value per metric of {@link METRICS}, in its order; null where a metric does not apply. */
  values: (number | null)[];
  limits: LimitFact[];
  /** Arrivals simulated (for progress). */
  invocations: number;
  /** Simulated time (ms). */
  simulatedMs: number;
  /** Located problems that only the traces revealed (the run did not happen). Default: none. */
  problems?: string[];
}

/** The last loaded scenario, so that a thread running several tasks of one point loads it (and its traces) once. */
export class ScenarioCache {
  private text = '';
  private scenario: Promise<LoadedScenario> | null = null;

  /** The scenario of `task`, loaded and prepared. @throws PrepareError, or Error for an invalid document. */
  get(task: SweepTask): Promise<LoadedScenario> {
    if (this.scenario === null || this.text !== task.text) {
      this.text = task.text;
      this.scenario = load(task);
    }
    return this.scenario;
  }
}

async function load(task: SweepTask): Promise<LoadedScenario> {
  const loaded = loadScenario(task.text, task.file);
  if (!loaded.ok) throw new Error(`sweep point ${task.point} does not load: ${loaded.errors.map(formatError).join('; ')}`);
  return hasTraces(loaded.scenario) ? prepareScenario(loaded.scenario, task.baseDir) : loaded.scenario;
}

/** Runs `task`: simulates its variant with its seed and measures the run. Deterministic. */
export async function runTask(task: SweepTask, cache = new ScenarioCache()): Promise<TaskResult> {
  const base = { point: task.point, replication: task.replication, variant: task.variant };
  let scenario: LoadedScenario;
  try {
    scenario = await cache.get(task);
  } catch (e) {
    if (!(e instanceof PrepareError)) throw e;
    return { ...base, values: [], limits: [], invocations: 0, simulatedMs: 0, problems: e.errors.map(formatError) };
  }
  const v = scenario.variants.find((x) => x.name === task.variant);
  if (v === undefined) throw new Error(`sweep point ${task.point} has no variant ${task.variant}`);
  const config = { ...v.config, seed: task.seed };
  const { summary } = variantRun(config, simulate(config, v.name));
  const values = METRICS.map((m) => finite(m.measure({ summary, monthly: monthOf(summary)?.cost.exact ?? null })));
  return { ...base, values, limits: summary.limits, invocations: summary.invocations, simulatedMs: summary.horizonMs };
}

/** JSON has no NaN or Infinity: they become null (does not apply). */
const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
