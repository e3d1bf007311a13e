/**
 * Agreement with queueing theory and a published peer: every check of src/validation/checks.ts must pass
 * (each has a fixed seed and a stated tolerance; docs/validation.md lists them).
 */
import { expect, test } from 'vitest';
import { validationChecks } from '../src/validation/checks.js';
import { erlangB } from '../src/validation/erlang.js';

test('Erlang B matches published values', () => {
  expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
  expect(erlangB(5, 4)).toBeCloseTo(0.19907, 5);
  expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
});

test.each(validationChecks().map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const err = Math.abs(c.measured - c.expected);
  if (c.tolerance.absolute !== undefined) expect(err, `measured ${c.measured}, expected ${c.expected}`).toBeLessThanOrEqual(c.tolerance.absolute);
  if (c.tolerance.relative !== undefined) expect(err, `measured ${c.measured}, expected ${c.expected}`).toBeLessThanOrEqual(c.tolerance.relative * Math.abs(c.expected));
  expect(c.pass).toBe(true);
});
