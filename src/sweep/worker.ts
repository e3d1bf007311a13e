/**
 * The worker-thread entry of the sweep pool (tinypool calls the default export once per task). It runs the
 * compiled code (dist/sweep/worker.js beside dist/sweep/pool.js); tests bundle it from the sources.
 */
import { runTask, ScenarioCache, type SweepTask, type TaskResult } from './task.js';

const cache = new ScenarioCache();

/** Runs one sweep task in this thread. */
export default function run(task: SweepTask): Promise<TaskResult> {
  return runTask(task, cache);
}
