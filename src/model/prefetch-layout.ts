/**
 * The shared control words of the arrival worker (see prefetch.ts), in a module of their own with no imports,
 * so that the worker's entry can report a failure to load the rest.
 */
import type { MessagePort } from 'node:worker_threads';

/** Control words, each on a cache line of its own (16 int32 apart): the worker's state, the counter the
 *  worker sleeps on, whether it sleeps, whether the simulation waits. */
export const STATE = 0;
export const WAKE = 16;
export const SLEEPING = 32;
export const WAITING = 48;
/** Per ring: arrivals written (by the worker) and read (by the simulation). */
export const written = (ring: number): number => 64 + 32 * ring;
export const read = (ring: number): number => 80 + 32 * ring;
export const controlInts = (rings: number): number => 64 + 32 * rings;

/** Values of the STATE word. */
export const NEW = 0;
export const RUNNING = 1;
export const FAILED = 2;
export const STOPPED = 3;

/** Tells the simulation that the worker failed: the reason on the port, FAILED in the state word, and every
 *  word it may be waiting on notified. */
export function reportFailure(control: SharedArrayBuffer, port: MessagePort, error: unknown): void {
  const c = new Int32Array(control);
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  Atomics.store(c, STATE, FAILED);
  for (let i = 0; i < c.length; i++) Atomics.notify(c, i);
}
