/**
 * Numbers as text for files people open in spreadsheets: never in exponent form.
 */

/**
 * `x` in plain decimal notation, exactly the digits of its shortest round-trip form (`String(x)`), without an
 * exponent: spreadsheets read 0.0000002 more easily than 2e-7, and the text parses back to `x` exactly.
 * NaN and the infinities are written as `String` writes them.
 * @example plainNumber(2e-7) // '0.0000002'
 * @example plainNumber(1.5e21) // '1500000000000000000000'
 */
export function plainNumber(x: number): string {
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const intDigits = (point < 0 ? mantissa.length : point) + exponent; // digits before the decimal point
  const body = intDigits <= 0
    ? `0.${'0'.repeat(-intDigits)}${digits}`
    : intDigits >= digits.length
      ? digits + '0'.repeat(intDigits - digits.length)
      : `${digits.slice(0, intDigits)}.${digits.slice(intDigits)}`;
  return negative ? `-${body}` : body;
}
