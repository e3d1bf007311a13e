/** fast-check arbitraries shared by the property tests over generated scenarios. */
import fc from 'fast-check';

/** A duration distribution: constant, exponential or lognormal, from 0 to a few seconds. */
export const dist = fc.oneof(
  fc.integer({ min: 0, max: 2000 }).map((v) => ({ type: 'constant' as const, value: v })),
  fc.integer({ min: 1, max: 2000 }).map((m) => ({ type: 'exponential' as const, mean: m })),
  fc.tuple(fc.double({ min: 0, max: 7, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true })).map(([mu, sigma]) => ({ type: 'lognormal' as const, mu, sigma })),
);

/** The platform settings AWS does not document, over their whole range (fields of an `fc.record`). */
export const undocumentedSettings = {
  keepAlive: dist,
  maxLifetimeMs: fc.integer({ min: 100, max: 100_000 }),
  lifetimeReplacement: fc.constantFrom('background' as const, 'on-request' as const),
  capPolicy: fc.constantFrom('throttle' as const, 'reclaim-idle' as const),
  reuse: fc.constantFrom('mru' as const, 'lru' as const, 'newest' as const, 'random' as const),
};
