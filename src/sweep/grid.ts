/**
 * The grid of a sweep: every combination of the parameters' values, numbered with the first parameter
 * varying slowest, and the deterministic share of it that one shard runs.
 */
import { type TenantShard, validShard } from '../model/shards.js';

/** One combination of values: `values[j]` is the value of parameter j. */
export interface GridPoint {
  /** Position in the full grid, from 0. */
  index: number;
  values: unknown[];
}

/**
 * Every combination of `lists` (one list of values per parameter), first list outermost.
 * @example expandGrid([[10, 100], ['5m', '10m']]).map((p) => p.values)
 *   // [[10, '5m'], [10, '10m'], [100, '5m'], [100, '10m']]
 */
export function expandGrid(lists: readonly (readonly unknown[])[]): GridPoint[] {
  let combos: unknown[][] = [[]];
  for (const list of lists) combos = combos.flatMap((c) => list.map((v) => [...c, v]));
  return combos.map((values, index) => ({ index, values }));
}

/** A shard: the `index`-th (1-based) of `count` (as a run's tenant shards). */
export type Shard = TenantShard;

/**
 * Reads `--shard i/n` (1-based i), or a message. @example parseShard('2/4') // { ok: true, shard: { index: 2, count: 4 } }
 */
export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; message: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!validShard({ index, count })) {
    return { ok: false, message: `--shard expects i/n with 1 <= i <= n, such as 1/4, got ${JSON.stringify(text)}` };
  }
  return { ok: true, shard: { index, count } };
}

/**
 * The points shard `shard` runs: every n-th point from the i-th (round robin, so that each shard gets a
 * share of the cheap and of the costly corners of the grid). All shards together run each point once.
 */
export function shardPoints<T extends { index: number }>(points: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...points];
  return points.filter((p) => p.index % shard.count === shard.index - 1);
}
