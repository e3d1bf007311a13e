/**
 * Runs every variant of a loaded scenario and turns the records into typed results and the files of a
 * results folder. No file system, no console.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { VariantConfig } from './model/config.js';
import { PREFETCH_WORKER_URL, type PrefetchOptions } from './model/prefetch.js';
import { expectedInvocations } from './model/estimate.js';
import { type InvocationObserver, simulate, Simulation } from './model/simulation.js';
import { type FileContent, renderFiles, type ResultFile, runResults, type RunResults, type VariantRun, variantRun } from './results/index.js';
import type { LoadedScenario } from './scenario/index.js';

/** What running a scenario produced. */
export interface ScenarioRun {
  /** Each variant's results with the configuration it ran. */
  runs: VariantRun[];
  /** The run's typed results (what the files hold). */
  results: RunResults;
  /** Output file name -> content (the CSV files in chunks: see fileText). */
  files: Record<ResultFile, FileContent>;
}

/** Where a running scenario is. */
export interface Progress {
  variant: string;
  /** 0-based index of the variant and how many there are. */
  index: number;
  of: number;
  /** Simulated time reached (ms). */
  simulatedMs: number;
  arrivals: number;
  /** Expected arrivals of this variant (see {@link expectedInvocations}). */
  expectedArrivals: number;
  /** Share of this variant done, 0 to 1: by simulated time when there is a horizon, else by arrivals. */
  fraction: number;
  /** True once this variant has finished. */
  variantDone: boolean;
}

/** Options of {@link runScenarioAsync}. */
export interface RunOptions {
  /** Called between steps and after each variant. */
  onProgress?: (p: Progress) => void;
  /** When aborted, the run stops between two steps and rejects with {@link RunInterrupted}. */
  signal?: AbortSignal;
  /** An observer for a variant's invocations (e.g. a trace writer). Default: none. */
  observerFor?: (variant: VariantConfig) => InvocationObserver | undefined;
  /** Events per step, between which the run yields to the event loop. Default: 500 000. */
  stepEvents?: number;
}

/**
 * Whether long traffic entries get their arrivals drawn on a second thread ('large'; see prefetch.ts): only
 * on the main thread of a machine with two cores or more (a sweep's workers already use every core), and
 * when the compiled worker is there (not when run from the sources, as in tests). Results are the same
 * either way.
 */
export function arrivalWorker(): PrefetchOptions['prefetch'] {
  if (!isMainThread || availableParallelism() < 2) return false;
  return existsSync(fileURLToPath(PREFETCH_WORKER_URL)) ? 'large' : false;
}

/** The run was stopped through its abort signal. */
export class RunInterrupted extends Error {
  override name = 'RunInterrupted';
}

/**
 * Simulates each variant in turn (each from the same seed, so they share arrivals, tenants and handler
 * durations) and renders summary.json and the CSV files. Synchronous; see {@link runScenarioAsync}.
 */
export function runScenario(scenario: LoadedScenario): ScenarioRun {
  const prefetch = arrivalWorker();
  return render(scenario.variants.map((v) => variantRun(v.config, simulate(v.config, v.name, { prefetch }))));
}

/**
 * The same as {@link runScenario}, in steps: it yields to the event loop between steps, so that progress
 * can be shown and an interruption (Ctrl-C) honoured. Results are identical.
 */
export async function runScenarioAsync(scenario: LoadedScenario, options: RunOptions = {}): Promise<ScenarioRun> {
  const runs: VariantRun[] = [];
  const of = scenario.variants.length;
  for (const [index, v] of scenario.variants.entries()) {
    const sim = new Simulation(v.config, v.name, { observer: options.observerFor?.(v), prefetch: arrivalWorker() });
    const expected = expectedInvocations(v.config);
    const report = (variantDone: boolean) => {
      const h = v.config.horizonMs;
      const fraction = variantDone ? 1 : h !== null && h > 0 ? sim.now / h : expected > 0 ? Math.min(1, sim.arrivals / expected) : 0;
      options.onProgress?.({ variant: v.name, index, of, simulatedMs: sim.now, arrivals: sim.arrivals, expectedArrivals: expected, fraction, variantDone });
    };
    try {
      while (!sim.step(options.stepEvents ?? 500_000)) {
        report(false);
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) throw new RunInterrupted(`interrupted in variant ${v.name}`);
      }
      runs.push(variantRun(v.config, sim.finish()));
    } finally {
      sim.close(); // its arrival worker, if any, when interrupted
    }
    report(true);
  }
  return render(runs);
}

function render(runs: VariantRun[]): ScenarioRun {
  const results = runResults(runs);
  return { runs, results, files: renderFiles(results, runs) };
}
