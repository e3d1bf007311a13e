/**
 * Why each environment was created: every cold start has one cause, read from its pool's history when the
 * request finds no idle environment there, and environments created off the request path are counted apart.
 *
 * - `firstUse`: the pool never had an environment (the tenant's first request to an isolated function, or a
 *   shared function's first).
 * - `keepAlive`: it replaces an environment of the pool that ended when its keep-alive ran out.
 * - `lifetime`: it replaces one ended at its maximum lifetime and not replaced in the background
 *   (`lifetimeReplacement: on-request`).
 * - `capReclaim`: it replaces an idle one ended to make room for another tenant when the isolated-environment
 *   cap was full (`capPolicy: reclaim-idle`).
 * - `scaleOut`: the pool lost none it has not made up for, and has environments, all busy.
 *
 * A pool that lost environments (and has not made up for them with cold starts since) gives a cold start the
 * cause of the most of them; one that lost none, scale-out if it has any environment.
 */

/** Cold-start causes, in the order of {@link COLD_START_CAUSES}. */
export const enum ColdCause {
  FIRST_USE = 0,
  KEEP_ALIVE = 1,
  LIFETIME = 2,
  CAP_RECLAIM = 3,
  SCALE_OUT = 4,
  COUNT = 5,
}

/** The causes' names, as in summary.json and the CSV columns (`coldStarts` + capitalized name). */
export const COLD_START_CAUSES = ['firstUse', 'keepAlive', 'lifetime', 'capReclaim', 'scaleOut'] as const;
/** One of {@link COLD_START_CAUSES}. */
export type ColdStartCause = (typeof COLD_START_CAUSES)[number];

/** Each cause in words, for tables and reports. */
export const COLD_START_CAUSE_TEXT: Readonly<Record<ColdStartCause, string>> = {
  firstUse: 'first use of the pool',
  keepAlive: 'keep-alive expired',
  lifetime: 'lifetime ended (replaced on request)',
  capReclaim: 'reclaimed for another tenant (cap full)',
  scaleOut: 'scale-out (all environments busy)',
};

/** How a pool's environment ended (stored +1 per pool; 0 = never had one). */
export type EndCause = ColdCause.KEEP_ALIVE | ColdCause.LIFETIME | ColdCause.CAP_RECLAIM;

/** Words per pool: whether it ever had an environment, then the environments it lost per end cause and not
 *  yet made up for (KEEP_ALIVE, LIFETIME, CAP_RECLAIM at words 1 to 3). */
const STRIDE = 4;

/**
 * Per pool: the environments it lost, by why, that no cold start has made up for yet. A cold start in a pool
 * that lost environments replaces one of them, and takes the cause of the most of them (so recycling and
 * expiry are seen in a busy pool of many environments too, not only in an empty one); one in a pool that
 * lost none but has environments, all busy, is a scale-out; one in a pool that never had one, its first use.
 */
export class PoolHistory {
  private readonly words: Int32Array;

  constructor(pools: number) {
    this.words = new Int32Array(pools * STRIDE);
  }

  /** The cause of a cold start in pool `p` (no idle environment there); it makes up for one lost environment. */
  causeIn(p: number): ColdCause {
    const w = this.words;
    const at = p * STRIDE;
    if (w[at] === 0) return ColdCause.FIRST_USE;
    let best = 0;
    for (let c = 1; c < STRIDE; c++) if (w[at + c] > (best === 0 ? 0 : w[at + best])) best = c;
    if (best === 0) return ColdCause.SCALE_OUT;
    w[at + best]--;
    return best as ColdCause;
  }

  created(p: number): void {
    this.words[p * STRIDE] = 1;
  }

  ended(p: number, cause: EndCause): void {
    this.words[p * STRIDE + cause]++;
  }
}
