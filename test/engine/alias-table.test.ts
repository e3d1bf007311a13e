/**
 * The alias table: frequencies follow the weights, and the coin keeps enough bits with a million entries.
 */
import { describe, expect, test } from 'vitest';
import { AliasTable } from '../../src/engine/alias-table.js';
import { forkStream, type RandomStream } from '../../src/engine/random.js';

/** A stream whose 53-bit draws are `x` (its 32-bit draws are refused: the table must not use them). */
const doubles = (x: number): RandomStream =>
  Object.assign(
    (): number => {
      throw new Error('a 32-bit draw');
    },
    { double: () => x },
  );

describe('AliasTable', () => {
  test('frequencies follow the weights (200,000 draws, within 1 %)', () => {
    const weights = [5, 3, 1, 1, 0, 10];
    const table = new AliasTable(weights);
    const rng = forkStream(1, 'alias');
    const counts = new Array<number>(weights.length).fill(0);
    const n = 200_000;
    for (let k = 0; k < n; k++) counts[table.sample(rng)]++;
    const total = weights.reduce((s, w) => s + w, 0);
    weights.forEach((w, i) => expect(Math.abs(counts[i] / n - w / total)).toBeLessThan(0.01));
    expect(counts[4]).toBe(0);
  });

  test('with 2^20 entries the coin still tells 1 - 2^-24 from 1 - 2^-25 (a 32-bit draw leaves it 12 bits)', () => {
    const n = 2 ** 20;
    const weights = new Float64Array(n).fill(1);
    weights[0] = 1 - 2 ** -24; // column 0 keeps itself with probability 1 - 2^-24 and gives the rest to an alias
    weights[1] = 1 + 2 ** -24;
    const table = new AliasTable(weights);
    // column 0, coin just below and just above 1 - 2^-24
    expect(table.sample(doubles((1 - 2 ** -23) / n))).toBe(0);
    expect(table.sample(doubles((1 - 2 ** -25) / n))).not.toBe(0);
  });
});

describe('weights near the largest double', () => {
  test('[1e308, 1e308, 1e308, 1, 1] draws the first three alike and the last two never (their sum would overflow)', () => {
    const table = new AliasTable([1e308, 1e308, 1e308, 1, 1]);
    const rng = forkStream(2, 'overflow');
    const counts = [0, 0, 0, 0, 0];
    for (let k = 0; k < 3600; k++) counts[table.sample(rng)]++;
    for (const c of counts.slice(0, 3)) expect(Math.abs(c - 1200)).toBeLessThan(120);
    expect(counts.slice(3)).toEqual([0, 0]);
  });
});
