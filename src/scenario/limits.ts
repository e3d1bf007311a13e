/**
 * Upper bounds that keep a scenario within what one machine can hold: a typo such as a tenant count of
 * 10^12 is refused with a located message instead of exhausting memory.
 */

/** Tenants in a scenario: 1 million. */
export const MAX_TENANTS = 1_000_000;

/** Functions x tenants: the per-(function, tenant) counters cost about 100 bytes each, so 5 million
 *  cells are about 0.5 GB. */
export const MAX_CELLS = 5_000_000;

/** Longest horizon: ten years of 365 days. */
export const MAX_HORIZON_MS = 3650 * 86_400_000;

/** Variants in one scenario: each is a column of the table and the report (a report's charts stop
 *  rendering somewhere between 600 and 1,000); more settings are what a sweep is for. */
export const MAX_VARIANTS = 100;

/** Invocations a run may have (all its variants together, as estimated before it starts) unless the user
 *  raises the limit (`--max-invocations`): a billion, some minutes of simulation. A typo such as a rate of
 *  1e12/s, or `sequential` with `interval: 0ms` and a billion rounds, is refused up front instead of
 *  running for hours. */
export const MAX_RUN_INVOCATIONS = 1_000_000_000;

/** Most warmers a scenario may have: each pings its targets on a schedule of its own, and a real design has a
 *  few (one per function or tenant group). */
export const MAX_WARMERS = 100;
