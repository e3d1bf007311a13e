/**
 * A probability distribution of a non-negative quantity, described as plain data. Values are in whatever
 * unit the caller uses (the platform model uses milliseconds); the engine never interprets them.
 *
 * - `constant`: always `value`.
 * - `uniform`: uniform on [`min`, `max`].
 * - `exponential`: exponential with the given `mean`.
 * - `normal`: normal with `mean` and standard deviation `sd`, truncated at 0 (conditioned on being >= 0).
 * - `lognormal`: `ln X ~ N(mu, sigma)`; the scenario layer converts median and p90/p99 into mu and sigma
 *   with {@link lognormalFromQuantile}.
 * - `empirical`: piecewise-linear inverse CDF through `points`, a list of `[percent, value]` pairs from
 *   percent 0 to percent 100 with non-decreasing values (the percentile form Azure Functions traces publish).
 */
export type DistributionSpec =
  | { type: 'constant'; value: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'exponential'; mean: number }
  | { type: 'normal'; mean: number; sd: number }
  | { type: 'lognormal'; mu: number; sigma: number }
  | { type: 'empirical'; points: ReadonlyArray<readonly [number, number]> };
