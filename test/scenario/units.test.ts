import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMs, parseDuration, parseRate } from '../../src/scenario/units.js';
import { loadErrors, minimal } from './helpers.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['1.5s', 1500],
    ['0.1s', 100],
    ['.5s', 500],
    ['10m', 600_000],
    ['10min', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['0.3ms', 0.3],
    ['1.0000001s', 1000.0001],
    ['24h', 86_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['250', '', 's', '1.5', '1,5s', '-1s', '1e3ms', '1.s', '2 hours', '10us', ' 1s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('is exact: n ms written in seconds with three decimals is n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (n) => {
        const s = String(n).padStart(4, '0');
        const text = `${s.slice(0, -3)}.${s.slice(-3)}s`;
        expect(parseDuration(text)).toBe(n);
      }),
    );
  });

  it('is exact where float multiplication is not: 1.005s, 4.35m, 2.3h', () => {
    // float multiplication would give 1004.9999999999999, 260999.99999999997 and 8279999.999999999
    expect([parseDuration('1.005s'), parseDuration('4.35m'), parseDuration('2.3h')]).toEqual([1005, 261_000, 8_280_000]);
  });
});

describe('parseRate', () => {
  it.each([
    ['50/s', 0.05],
    ['40/s', 0.04],
    ['300/min', 0.005],
    ['300/m', 0.005],
    ['3600/h', 0.001],
    ['2/ms', 2],
    ['1.5/s', 0.0015],
  ])('%s is %d per ms', (text, perMs) => {
    expect(parseRate(text)).toBe(perMs);
  });

  it.each(['50', '50/', '/s', '50/sec', '50 per s', '-1/s'])('rejects %j', (text) => {
    expect(parseRate(text)).toBeUndefined();
  });
});

describe('formatMs', () => {
  it('uses the largest exact unit', () => {
    expect([formatMs(250), formatMs(1500), formatMs(3000), formatMs(900_000), formatMs(21_600_000)]).toEqual(['250ms', '1500ms', '3s', '15m', '6h']);
  });
});

describe('unit errors in a scenario', () => {
  it('asks for a unit when a duration is a plain number', () => {
    const errors = loadErrors(minimal('horizon: 250\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('horizon');
    expect(errors[0].message).toBe('expected a duration with a unit such as 250ms, 1.5s, 10m or 2h, got 250');
  });

  it('asks for a unit when a rate is a plain number', () => {
    const text = minimal().replace('sequential: { interval: 1s }', 'poisson: { rate: 40 }, count: 5');
    const errors = loadErrors(text);
    expect(errors.map((e) => [e.path, e.message])).toEqual([['traffic[0].poisson.rate', 'expected a rate such as 40/s, 300/min or 2/h, got 40']]);
  });

  it('rejects a zero rate', () => {
    const text = minimal().replace('sequential: { interval: 1s }', 'poisson: { rate: 0/s }, count: 5');
    expect(loadErrors(text)[0].message).toBe('expected a rate above zero, got 0/s');
  });
});
