/**
 * The seeds of a point's replications. Every point uses the same seeds (common random numbers: the
 * difference between two points comes from their values, not from different draws).
 */
import { forkStream } from '../engine/random.js';

/**
 * The seed of replication `k` (0-based) under scenario seed `seed`: `seed` itself for k = 0 (so the first
 * replication is exactly `tenancy-sim run`), else a whole number in [0, 2^32) drawn from the stream
 * `replication/<k>` of the seed. Rerun one with `tenancy-sim run --seed <it>`.
 * @example replicationSeed(7, 0) // 7
 * @example replicationSeed(7, 1) // 640619911
 */
export function replicationSeed(seed: number, k: number): number {
  if (k === 0) return seed;
  return Math.floor(forkStream(seed, `replication/${k}`)() * 2 ** 32);
}

/** The seeds of replications 0 .. count - 1. @example replicationSeeds(7, 3) // [7, 640619911, 3303541845] */
export function replicationSeeds(seed: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => replicationSeed(seed, k));
}
