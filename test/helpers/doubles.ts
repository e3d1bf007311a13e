/** The doubles next to `x`, `steps` ulps either way, in increasing order for positive `x` (for tests at and
 *  next to a bound). */
export function around(x: number, steps: number): number[] {
  const f = new Float64Array(1);
  const bits = new BigInt64Array(f.buffer);
  f[0] = x;
  const at = bits[0];
  return Array.from({ length: 2 * steps + 1 }, (_, k) => {
    bits[0] = at + BigInt(k - steps);
    return f[0];
  });
}
