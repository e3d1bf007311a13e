/**
 * The distribution field (`duration`, `initDuration`, `platform.keepAlive`): a duration string (a constant)
 * or a map with exactly one kind key. Values are durations, converted to milliseconds; the result is a
 * {@link DistributionSpec} whose parameters {@link createSampler} accepted.
 */
import { z } from 'zod';
import type { DistributionSpec } from '../../engine/distribution-spec.js';
import { createSampler, lognormalFromQuantile } from '../../engine/distributions.js';
import { describeValue, isPlainObject } from '../errors.js';
import { listNames } from '../../text/suggest.js';
import { DURATION_HINT, duration, num } from './fields.js';

/** The kind keys of a distribution map. */
export const DISTRIBUTION_KINDS = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'empirical'] as const;

const LOGNORMAL_FORMS = [['median', 'p90'], ['median', 'p99'], ['mu', 'sigma']] as const;

/**
 * A check that the map has exactly one of `keys`. It runs even when other keys had problems, so it is
 * reported together with them; "none" is not reported when the map has an unknown key (probably a
 * misspelled kind, which is reported with a suggestion).
 */
export function exactlyOne(keys: readonly string[], what: string) {
  return z.core._check<Record<string, unknown>>(
    (payload) => {
      const v = payload.value;
      const present = keys.filter((k) => v[k] !== undefined);
      if (present.length === 1) return;
      const unknownKey = payload.issues.some((i) => i.code === 'unrecognized_keys' && (i.path ?? []).length === 0);
      if (present.length === 0 && unknownKey) return;
      const found = present.length === 0 ? 'none' : listNames(present);
      payload.issues.push({ code: 'custom', input: v, message: `expected exactly one ${what} key of ${listNames(keys)}, got ${found}` });
    },
    { when: (payload) => isPlainObject(payload.value) },
  );
}

const ms = duration();

const lognormal = z
  .strictObject({
    median: duration({ minMs: 0, minInclusive: false }).optional(),
    p90: ms.optional(),
    p99: ms.optional(),
    mu: num().optional().describe('Mean of ln(ms).'),
    sigma: num(0).optional().describe('Standard deviation of ln(ms).'),
  })
  .check((payload) => {
    const v = payload.value as Record<string, unknown>;
    const present = Object.keys(v).filter((k) => v[k] !== undefined);
    const key = (keys: readonly string[]) => [...keys].sort().join(',');
    if (LOGNORMAL_FORMS.some((f) => key(f) === key(present))) return;
    const got = present.length ? `{ ${present.join(', ')} }` : 'none of them';
    payload.issues.push({ code: 'custom', input: v, message: `expected lognormal as { median, p90 }, { median, p99 } or { mu, sigma }, got ${got}` });
  });

const PERCENT_KEY = /^p(100|[1-9]?[0-9])$/;

const empirical = z
  .record(
    z.string().regex(PERCENT_KEY, { error: (iss) => `expected a percentile key p0 to p100, got ${describeValue(iss.input)}` }),
    ms,
  )
  .check((payload) => {
    const missing = ['p0', 'p100'].filter((k) => !(k in payload.value));
    if (missing.length) payload.issues.push({ code: 'custom', input: payload.value, message: `empirical must include p0 and p100, missing ${listNames(missing)}` });
  });

const DistributionMap = z
  .strictObject({
    constant: ms.optional().describe('Always this duration.'),
    uniform: z.strictObject({ min: ms, max: ms }).optional().describe('Uniform between min and max.'),
    exponential: z.strictObject({ mean: ms }).optional().describe('Exponential with this mean.'),
    normal: z.strictObject({ mean: ms, sd: ms }).optional().describe('Normal, truncated at 0.'),
    lognormal: lognormal.optional().describe('Lognormal by { median, p90 }, { median, p99 } or { mu, sigma } of ln(ms).'),
    empirical: empirical.optional().describe('Percentiles p0 to p100 (p0 and p100 required), linear in between.'),
  })
  .check(exactlyOne(DISTRIBUTION_KINDS, 'distribution'));

type DistributionMapOut = z.output<typeof DistributionMap>;

/** The spec of a parsed distribution map (exactly one kind set). @throws DistributionError */
function toSpec(d: DistributionMapOut): DistributionSpec {
  if (d.constant !== undefined) return { type: 'constant', value: d.constant };
  if (d.uniform) return { type: 'uniform', ...d.uniform };
  if (d.exponential) return { type: 'exponential', ...d.exponential };
  if (d.normal) return { type: 'normal', ...d.normal };
  if (d.lognormal) {
    const { median, p90, p99, mu, sigma } = d.lognormal;
    if (mu !== undefined && sigma !== undefined) return { type: 'lognormal', mu, sigma };
    const which = p90 !== undefined ? 'p90' : 'p99';
    return { type: 'lognormal', ...lognormalFromQuantile(median ?? NaN, (p90 ?? p99) ?? NaN, which) };
  }
  const points = Object.entries(d.empirical ?? {})
    .map(([k, v]) => [Number(k.slice(1)), v] as const)
    .sort((a, b) => a[0] - b[0]);
  return { type: 'empirical', points };
}

/** A distribution of milliseconds: `5ms`, or `{ uniform: { min: 1ms, max: 5ms } }` and the other kinds. */
export function distribution() {
  return z
    .union([ms, DistributionMap], {
      error: (iss) =>
        iss.code === 'invalid_union'
          ? `expected ${DURATION_HINT}, or a distribution map with one of ${listNames(DISTRIBUTION_KINDS)} (e.g. { uniform: { min: 1ms, max: 5ms } }), got ${describeValue(iss.input)}`
          : undefined,
    })
    .transform((value, ctx) => {
      // a pipe goes on past unknown keys; the value is not worth converting then
      if (ctx.issues.length > 0) return z.NEVER;
      try {
        const spec = typeof value === 'number' ? ({ type: 'constant', value } as const) : toSpec(value);
        createSampler(spec);
        return spec as DistributionSpec;
      } catch (e) {
        ctx.issues.push({ code: 'custom', input: value, message: e instanceof Error ? e.message : String(e) });
        return z.NEVER;
      }
    });
}
