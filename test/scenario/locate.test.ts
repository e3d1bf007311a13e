import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/scenario/errors.js';
import { mapKeysAt, offsetOf, pathAtOffset } from '../../src/scenario/locate.js';
import { closest, editDistance } from '../../src/text/suggest.js';

const text = `a:
  b: { c: 1, d: }
  list:
    - x
    - { y: 2 }
ref: &r { z: 3 }
alias: *r
"10": first
"2": second
`;
const lc = new LineCounter();
const doc = parseDocument(text, { lineCounter: lc });
const at = (path: (string | number)[], target?: 'key' | 'value') => {
  const { line, col } = lc.linePos(offsetOf(doc, path, target));
  return `${line}:${col}`;
};

describe('offsetOf', () => {
  it('finds values, keys, list items and empty values', () => {
    expect(at(['a', 'b', 'c'])).toBe('2:11');
    expect(at(['a', 'b', 'c'], 'key')).toBe('2:8');
    expect(at(['a', 'b', 'd'])).toBe('2:14'); // empty value: its key
    expect(at(['a', 'list', 1, 'y'])).toBe('5:12');
    expect(at(['a', 'list', 0])).toBe('4:7');
  });

  it('falls back to the key of the map that lacks a key, or the item or root', () => {
    expect(at(['a', 'b', 'missing'])).toBe('2:3');
    expect(at(['a', 'list', 1, 'missing'])).toBe('5:7');
    expect(at(['nope'])).toBe('1:1');
    expect(at(['a', 'list', 7])).toBe('3:3');
  });

  it('follows aliases into the anchored node', () => {
    expect(at(['alias'])).toBe('7:8');
    expect(at(['alias', 'z'])).toBe('6:14');
  });
});

describe('pathAtOffset', () => {
  it('names the innermost node at an offset', () => {
    expect(formatPath(pathAtOffset(doc, text.indexOf('2 }')))).toBe('a.list[1].y');
    expect(formatPath(pathAtOffset(doc, text.indexOf('list')))).toBe('a.list');
    expect(formatPath(pathAtOffset(doc, 0))).toBe('a');
  });
});

describe('mapKeysAt', () => {
  it('keeps file order, integer-like keys included', () => {
    expect(mapKeysAt(doc, [])).toEqual(['a', 'ref', 'alias', '10', '2']);
    expect(mapKeysAt(doc, ['alias'])).toEqual(['z']);
    expect(mapKeysAt(doc, ['a', 'list'])).toEqual([]);
  });
});

describe('formatPath', () => {
  it('writes dots, brackets and quoted odd keys', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['traffic', 0, 'poisson', 'rate'])).toBe('traffic[0].poisson.rate');
    expect(formatPath(['functions', 'my fn', 'memoryMb'])).toBe('functions["my fn"].memoryMb');
  });
});

describe('suggestions', () => {
  it('measure edit distance case-insensitively and keep only close candidates', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('memoryMB', ['runtime', 'memoryMb'])).toBe('memoryMb');
    expect(closest('tenacy', ['tenancy', 'tenants'])).toBe('tenancy');
    expect(closest('xyz', ['runtime', 'memoryMb'])).toBeUndefined();
  });
});
