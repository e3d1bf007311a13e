/**
 * The worker-thread entry that generates arrivals ahead of a simulation (see prefetch.ts). It runs the
 * compiled code (dist/model/prefetch-worker.js beside dist/model/prefetch.js); tests bundle it from the
 * sources. The producer is loaded here, so that a failure to load it reaches the simulation as an error
 * at once rather than as a worker that never starts.
 */
import { workerData } from 'node:worker_threads';
import { reportFailure } from './prefetch-layout.js';
import type { WorkerInput } from './prefetch.js';

const input = workerData as WorkerInput;
try {
  const { runProducer } = await import('./prefetch.js');
  runProducer(input);
} catch (e) {
  reportFailure(input.control, input.port, e);
  input.port.close();
}
