/**
 * Samplers built from {@link DistributionSpec}s. Each sampler validates its parameters once, at
 * construction, and draws exactly one uniform from the injected stream per sample (inversion), so a stream's
 * n-th draw always maps to the same sample.
 */
import type { DistributionSpec } from './distribution-spec.js';
import { normalCdf, normalQuantile, normalQuantileFast } from './normal.js';
import type { RandomStream } from './random.js';

/** A validated distribution of a non-negative quantity. */
export interface Sampler {
  /** One sample, using exactly one draw from `rng`. */
  sample(rng: RandomStream): number;
  /** The analytic mean. */
  readonly mean: number;
}

/** Thrown for invalid distribution parameters; `message` says which and why. */
export class DistributionError extends RangeError {
  override name = 'DistributionError';
}

/** z-scores of the quantiles a lognormal may be given by. */
const Z = { p90: normalQuantile(0.9), p99: normalQuantile(0.99) } as const;

/**
 * mu and sigma of the lognormal with the given median and upper quantile (`p90` or `p99`).
 * @example lognormalFromQuantile(60, 800, 'p99') // { mu: 4.094..., sigma: 1.113... }
 */
export function lognormalFromQuantile(median: number, upper: number, which: 'p90' | 'p99'): { mu: number; sigma: number } {
  if (!(median > 0)) throw new DistributionError(`lognormal median must be > 0, got ${median}`);
  if (!(upper > median)) throw new DistributionError(`lognormal ${which} (${upper}) must be greater than the median (${median})`);
  return { mu: Math.log(median), sigma: (Math.log(upper) - Math.log(median)) / Z[which] };
}

function finite(name: string, v: number, min = 0): void {
  if (!Number.isFinite(v) || v < min) throw new DistributionError(`${name} must be a finite number >= ${min}, got ${v}`);
}

/** Builds a sampler, validating the parameters. @throws DistributionError */
export function createSampler(spec: DistributionSpec): Sampler {
  switch (spec.type) {
    case 'constant': {
      finite('constant value', spec.value);
      const v = spec.value;
      return { mean: v, sample: (rng) => (rng(), v) };
    }
    case 'uniform': {
      finite('uniform min', spec.min);
      finite('uniform max', spec.max);
      if (spec.max < spec.min) throw new DistributionError(`uniform max (${spec.max}) must be >= min (${spec.min})`);
      const { min } = spec;
      const width = spec.max - spec.min;
      return { mean: min + width / 2, sample: (rng) => min + width * rng() };
    }
    case 'exponential': {
      finite('exponential mean', spec.mean);
      const m = spec.mean;
      return { mean: m, sample: (rng) => -m * Math.log(1 - rng()) };
    }
    case 'normal':
      return truncatedNormal(spec.mean, spec.sd);
    case 'lognormal': {
      if (!Number.isFinite(spec.mu)) throw new DistributionError(`lognormal mu must be finite, got ${spec.mu}`);
      finite('lognormal sigma', spec.sigma);
      if (spec.sigma > 10) throw new DistributionError(`lognormal sigma must be <= 10, got ${spec.sigma}`);
      const { mu, sigma } = spec;
      return { mean: Math.exp(mu + (sigma * sigma) / 2), sample: (rng) => Math.exp(mu + sigma * normalQuantileFast(rng())) };
    }
    case 'empirical':
      return empirical(spec.points);
  }
}

/** Normal(mean, sd) conditioned on X >= 0, by inversion over the kept part of the CDF. */
function truncatedNormal(mean: number, sd: number): Sampler {
  if (!Number.isFinite(mean)) throw new DistributionError(`normal mean must be finite, got ${mean}`);
  finite('normal sd', sd);
  if (sd === 0) {
    finite('normal mean (with sd 0)', mean);
    return { mean, sample: (rng) => (rng(), mean) };
  }
  const alpha = -mean / sd;
  const lo = normalCdf(alpha);
  if (1 - lo < 1e-6) throw new DistributionError(`normal with mean ${mean} and sd ${sd} is almost never >= 0; truncation at 0 would leave nothing`);
  const pdf = Math.exp((-alpha * alpha) / 2) / Math.sqrt(2 * Math.PI);
  return {
    mean: mean + (sd * pdf) / (1 - lo),
    sample: (rng) => Math.max(0, mean + sd * normalQuantileFast(lo + (1 - lo) * rng())),
  };
}

/** Piecewise-linear inverse CDF through `[percent, value]` points from 0 to 100. */
function empirical(points: ReadonlyArray<readonly [number, number]>): Sampler {
  if (points.length < 2) throw new DistributionError('empirical needs at least the points p0 and p100');
  const ps = new Float64Array(points.length);
  const vs = new Float64Array(points.length);
  points.forEach(([p, v], i) => {
    finite(`empirical p${p}`, v);
    if (i > 0 && !(p > ps[i - 1])) throw new DistributionError('empirical percentiles must be strictly increasing');
    if (i > 0 && v < vs[i - 1]) throw new DistributionError(`empirical values must not decrease: p${p} (${v}) < p${ps[i - 1]} (${vs[i - 1]})`);
    ps[i] = p / 100;
    vs[i] = v;
  });
  if (ps[0] !== 0 || ps[ps.length - 1] !== 1) throw new DistributionError('empirical must start at p0 and end at p100');
  let mean = 0;
  for (let i = 1; i < ps.length; i++) mean += ((ps[i] - ps[i - 1]) * (vs[i] + vs[i - 1])) / 2;
  const last = ps.length - 1;
  return {
    mean,
    sample(rng) {
      const u = rng();
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (ps[mid] <= u) lo = mid;
        else hi = mid;
      }
      return vs[lo] + ((u - ps[lo]) / (ps[hi] - ps[lo])) * (vs[hi] - vs[lo]);
    },
  };
}
