/**
 * Exact money. An `Amount` is a BigInt count of 1 / 1.024e16 USD: 1e-10 USD (the unit of the prices) divided
 * by 1,024,000 (MB per GB x ms per s), so that price (1e-10 USD per GB-s) x memory (MB) x duration (ms) is
 * an exact Amount. Amounts are added exactly and turned into numbers only at the end.
 */

/** Amounts per USD: 1e10 x 1,024 x 1,000. */
export const AMOUNT_PER_USD = 10_000_000_000n * 1_024_000n;
/** Amounts per US cent. */
const AMOUNT_PER_CENT = AMOUNT_PER_USD / 100n;
/** MB-ms per GB-s. */
export const MB_MS_PER_GB_S = 1_024_000n;

// 1.024e16 = 2^23 x 5^13 and 1,024,000 = 2^13 x 5^3, so x / 1.024e16 = x * 5^10 / 1e23 and
// x / 1,024,000 = x * 5^10 / 1e13: both quotients are finite decimals, printed exactly, parsed once.
const FIVE_POW_10 = 9_765_625n;

/** `numerator / 10^decimals` as the nearest double (one correctly rounded decimal parse). */
function decimalToNumber(numerator: bigint, decimals: number): number {
  const negative = numerator < 0n;
  const digits = (negative ? -numerator : numerator).toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return Number(`${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

/** An Amount in USD, the nearest double to the exact value. @example amountToUsd(AMOUNT_PER_USD / 4n) // 0.25 */
export function amountToUsd(amount: bigint): number {
  return decimalToNumber(amount * FIVE_POW_10, 23);
}

/** MB-ms in GB-s (GB = 1,024 MB), the nearest double. @example mbMsToGbSeconds(1_024_000n) // 1 */
export function mbMsToGbSeconds(mbMs: bigint): number {
  return decimalToNumber(mbMs * FIVE_POW_10, 13);
}

/** An Amount rounded UP to whole cents (integer arithmetic). Amounts are never negative here. */
export function amountToCentsUp(amount: bigint): bigint {
  return (amount + AMOUNT_PER_CENT - 1n) / AMOUNT_PER_CENT;
}

/** a / b rounded up, for non-negative BigInts. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
