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

/** 2^-32 and 2^-53, as in seedrandom's Alea. */
const TWO_POW_M32 = 2.3283064365386963e-10;
const TWO_POW_M53 = 1.1102230246251565e-16;

/**
 * Many streams in one table: stream `i` is `forkStream(seed, name(i))`, draw for draw, seeded when first
 * selected, its Alea state (c, s0, s1, s2) kept in four words of one Float64Array. {@link at} selects a
 * stream and returns the table's one RandomStream, which draws from the stream selected last: a table's
 * streams are drawn from one at a time (memory and speed: no object and no closure per stream, where a run
 * with 100,000 tenants has that many pools).
 */
export class StreamTable {
  private readonly state: Float64Array;
  private readonly seeded: Uint8Array;
  private current = 0;
  /** The table's stream: draws from the stream selected last by {@link at}. */
  private readonly stream: RandomStream;

  constructor(
    private readonly seed: number | string,
    private readonly name: (i: number) => string,
    count: number,
  ) {
    this.state = new Float64Array(4 * count);
    this.seeded = new Uint8Array(count);
    const s = this.state;
    const next = (): number => {
      const o = this.current * 4;
      const t = 2091639 * s[o + 1] + s[o] * TWO_POW_M32;
      s[o + 1] = s[o + 2];
      s[o + 2] = s[o + 3];
      const c = t | 0;
      s[o] = c;
      return (s[o + 3] = t - c);
    };
    this.stream = Object.assign(next, { double: () => next() + ((next() * 0x200000) | 0) * TWO_POW_M53 });
  }

  /** Selects stream `i` (seeding it on first use) and returns the table's stream, which now draws from it. */
  at(i: number): RandomStream {
    if (this.seeded[i] === 0) {
      seedAlea(`${this.seed}/${this.name(i)}`, this.state, 4 * i);
      this.seeded[i] = 1;
    }
    this.current = i;
    return this.stream;
  }
}

/**
 * Writes the state (c, s0, s1, s2) that seedrandom's Alea starts from when seeded with `seed` into
 * `out[at..at + 3]`: Baagoe's seeding with his Mash hash, as seedrandom does it, without the objects and
 * closures it allocates (speed: a run seeds one stream per pool, 100,000 of them with 100,000 tenants).
 * Tested draw for draw against seedrandom.
 */
function seedAlea(seed: string, out: Float64Array, at: number): void {
  // Mash over ' ' three times, then over the seed three times, each hash subtracted from the one of ' ' (a
  // loop over the six inputs keeps the hash state in a local variable: speed, where a closure's would be boxed)
  let n = 0xefc8249d;
  const blank = [0, 0, 0];
  for (let k = 0; k < 6; k++) {
    const data = k < 3 ? ' ' : seed;
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    const hash = (n >>> 0) * TWO_POW_M32;
    if (k < 3) blank[k] = hash;
    else {
      let v = blank[k - 3] - hash;
      if (v < 0) v += 1;
      out[at + k - 2] = v; // s0, s1, s2 at at + 1, + 2, + 3
    }
  }
  out[at] = 1; // c
}
