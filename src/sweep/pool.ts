/**
 * Runs a sweep's tasks on a pool of worker threads (tinypool), or in this thread with 0 workers. Results come
 * back in task order whatever the number of workers or the order tasks finish in, so the outputs do not
 * depend on either.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Tinypool } from 'tinypool';
import { runTask, ScenarioCache, type SweepTask, type TaskResult } from './task.js';

/** The compiled worker entry, beside this module in dist/. */
export const DEFAULT_WORKER_URL = new URL('./worker.js', import.meta.url);

/** The run was stopped through its abort signal. */
export class SweepInterrupted extends Error {
  override name = 'SweepInterrupted';
}

/** Options of {@link runTasks}. */
export interface PoolOptions {
  /** Worker threads; 0 runs every task in this thread. Default: all cores ({@link defaultWorkers}). */
  workers?: number;
  /** The worker entry module. Default: {@link DEFAULT_WORKER_URL}. */
  workerUrl?: URL;
  /** Called as each task finishes (in finishing order), with its index in `tasks`. */
  onResult?: (index: number, result: TaskResult) => void;
  /** Stops the run: pending tasks are dropped and {@link runTasks} rejects with {@link SweepInterrupted}. */
  signal?: AbortSignal;
}

/** All cores: `os.availableParallelism()`. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Runs `tasks` and returns their results in task order. */
export async function runTasks(tasks: readonly SweepTask[], options: PoolOptions = {}): Promise<TaskResult[]> {
  const workers = Math.min(options.workers ?? defaultWorkers(), tasks.length);
  return workers <= 0 ? runHere(tasks, options) : runOnPool(tasks, workers, options);
}

async function runHere(tasks: readonly SweepTask[], options: PoolOptions): Promise<TaskResult[]> {
  const cache = new ScenarioCache();
  const results: TaskResult[] = [];
  for (const [i, task] of tasks.entries()) {
    if (options.signal?.aborted) throw new SweepInterrupted('interrupted');
    const r = await runTask(task, cache);
    results.push(r);
    options.onResult?.(i, r);
    await yieldToLoop(); // let progress and Ctrl-C through between tasks
  }
  return results;
}

/** Keeps at most two tasks per worker queued, so a huge grid does not hold every task's text at once. */
async function runOnPool(tasks: readonly SweepTask[], workers: number, options: PoolOptions): Promise<TaskResult[]> {
  const pool = new Tinypool({ filename: (options.workerUrl ?? DEFAULT_WORKER_URL).href, minThreads: workers, maxThreads: workers });
  const results = new Array<TaskResult>(tasks.length);
  let next = 0;
  const stop = new AbortController();
  const abort = () => stop.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = (await pool.run(tasks[i], { signal: stop.signal })) as TaskResult;
      options.onResult?.(i, results[i]);
    }
  };
  try {
    if (options.signal?.aborted) throw new SweepInterrupted('interrupted');
    await Promise.all(Array.from({ length: workers * 2 }, lane));
  } catch (e) {
    stop.abort();
    if (options.signal?.aborted) throw new SweepInterrupted('interrupted');
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await pool.destroy();
  }
  return results;
}
