/**
 * Seeded random streams. A run forks one independent stream per named purpose ("arrivals/0",
 * "duration/api", ...) from the scenario seed, so that variants compared side by side draw the same
 * arrivals, tenants and handler durations (common random numbers), and a change in how often one stream is
 * used never shifts another.
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1): calling it gives 32 random bits (one generator step), `double()` 53
 *  (two steps), for draws that need more than 32 bits (see AliasTable). */
export interface RandomStream {
  (): number;
  double(): number;
}

/**
 * The stream named `name` under `seed`: Alea (seedrandom's fast generator, period about 2^116) seeded with
 * the string `"<seed>/<name>"`. The same seed and name always give the same sequence.
 * @example const rng = forkStream(7, 'arrivals/0'); rng(); // 0.23...
 */
export function forkStream(seed: number | string, name: string): RandomStream {
  return seedrandom.alea(`${seed}/${name}`);
}
