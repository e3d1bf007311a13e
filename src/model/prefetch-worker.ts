/**
 * The worker-thread entry that generates arrivals ahead of a simulation (see prefetch.ts). It runs the
 * compiled code (dist/model/prefetch-worker.js beside dist/model/prefetch.js); tests bundle it from the
 * sources.
 */
import { workerData } from 'node:worker_threads';
import { runProducer } from './prefetch.js';

runProducer(workerData as Parameters<typeof runProducer>[0]);
