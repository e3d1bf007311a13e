/**
 * Why each environment was created: every cold start has one cause, read from its pool's history when the
 * request finds no idle environment there, and environments created off the request path are counted apart.
 *
 * - `firstUse`: the pool never had an environment (the tenant's first request to an isolated function, or a
 *   shared function's first).
 * - `keepAlive`: the pool's environments all ended when their keep-alive ran out.
 * - `lifetime`: the pool's last environment was ended at its maximum lifetime and not replaced in the
 *   background (`lifetimeReplacement: on-request`).
 * - `capReclaim`: the pool's last idle environment was ended to make room for another tenant when the
 *   isolated-environment cap was full (`capPolicy: reclaim-idle`).
 * - `scaleOut`: the pool has environments, all busy.
 *
 * The pool's history is the cause its last environment ended with; with any environment alive, scale-out.
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

/** Per pool: its live environments (busy or idle) and how its last one ended. */
export class PoolHistory {
  private readonly live: Int32Array;
  private readonly lastEnd: Uint8Array;

  constructor(pools: number) {
    this.live = new Int32Array(pools);
    this.lastEnd = new Uint8Array(pools);
  }

  /** The cause of a cold start in pool `p` (no idle environment there). */
  causeIn(p: number): ColdCause {
    if (this.live[p] > 0) return ColdCause.SCALE_OUT;
    const last = this.lastEnd[p];
    return last === 0 ? ColdCause.FIRST_USE : ((last - 1) as ColdCause);
  }

  created(p: number): void {
    this.live[p]++;
  }

  ended(p: number, cause: EndCause): void {
    this.live[p]--;
    this.lastEnd[p] = cause + 1;
  }
}
