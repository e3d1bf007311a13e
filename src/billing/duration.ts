/**
 * Per-invocation billing rules: billed duration and whether the init phase is billed.
 */
import type { InitBilling } from './types.js';

/** A sum within this many ms of a whole ms counts as that whole ms: it absorbs floating-point noise such as
 *  0.1 + 0.2 = 0.30000000000000004 (AWS measures far more coarsely than 1e-7 ms, so nothing real is lost). */
export const FLOAT_NOISE_MS = 1e-7;
/** The same, module-local (speed: V8 folds a module's own constant, where it reads an exported one at every use). */
const NOISE_MS = FLOAT_NOISE_MS;

/**
 * Billed duration of one invocation, whole ms: ceil(handlerMs + initMs) when init is billed, else
 * ceil(handlerMs). One ceil of the sum, as AWS does: "duration rounded up to the next 1 ms" (pricing page),
 * and 250.06 ms + 100.77 ms init is billed 351 ms (AWS Compute Blog 2025-04-29, "AWS Lambda standardizes
 * billing for INIT phase"). A sum within {@link FLOAT_NOISE_MS} of an integer is that integer, so the result
 * can be below `handlerMs` by at most 1e-7 ms. A 0 ms handler bills 0 ms. Plain arithmetic, no allocation:
 * called once per invocation.
 * @example billedDurationMs(250.06, 100.77, true) // 351
 */
export function billedDurationMs(handlerMs: number, initMs: number, initBilled: boolean): number {
  const ms = initBilled ? handlerMs + initMs : handlerMs;
  const nearest = Math.round(ms);
  return Math.abs(ms - nearest) <= NOISE_MS ? nearest : Math.ceil(ms);
}

/**
 * Whether a cold start's init duration is added to the billed duration of the invocation that caused it.
 * `billed` (AWS rule since 2025-08-01): always. `unbilled` (the rule before): only for container images and
 * custom runtimes (`customRuntime`); ZIP packages on managed runtimes had free init. Source: AWS Compute Blog 2025-04-29,
 * https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/
 */
export function initIsBilled(rule: InitBilling, packageType: 'zip' | 'image', customRuntime: boolean): boolean {
  if (rule === 'billed') return true;
  return packageType === 'image' || customRuntime;
}
