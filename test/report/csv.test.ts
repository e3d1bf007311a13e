import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, test } from 'vitest';
import { csv } from '../../src/results/csv.js';
import { plainNumber } from '../../src/text/numbers.js';

/** What csv() must equal: csv-stringify with the options the outputs use. */
const reference = (rows: unknown[][]): string => stringify(rows, { escape_formulas: true, cast: { number: plainNumber } });

describe('csv', () => {
  test('writes the bytes csv-stringify writes', () => {
    const tricky = ['', 'a', 'tenant-1', '-x', '=1', '+1', '@a', '\tx', '\rx', 'a,b', 'a"b', 'a\nb', 'a\rb', '\uFF1Dx', '\uFF0Dx', 'é', '(none)', ' x'];
    const rows: unknown[][] = [tricky, [0, -0, 1, -1, 0.5, -0.5, 1e-7, -1e-7, 1e21, NaN, Infinity, -Infinity, 2 ** 53], [true, null, undefined, 1]];
    expect(csv(rows)).toBe(reference(rows));
    expect(csv([])).toBe(reference([]));
  });

  test('property: any rows of numbers and strings', () => {
    const field = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constantFrom('-', '=', ',', '"', '\n', '\r', '\t', '@', '+'), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(fc.array(fc.array(field, { maxLength: 6 }), { maxLength: 8 }), (rows) => {
        expect(csv(rows)).toBe(reference(rows));
      }),
    );
  });
});
