import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/index.js';
import { parseDuration, parseRate } from '../../src/scenario/units.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as Json;

  it('is draft 2020-12 with a title, and survives a JSON round trip', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('tenancy-sim scenario');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('describes the top-level keys and requires name, traffic, and functions or routes with deployments', () => {
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['name', 'description', 'seed', 'horizon', 'tenancy', 'platform', 'functions', 'tenants', 'traffic', 'billing', 'variants']),
    );
    expect(schema.required).toEqual(['name', 'traffic']);
    expect(schema.anyOf).toEqual([{ required: ['functions'] }, { required: ['routes', 'deployments'] }]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('describes functions with units and defaults', () => {
    const fn = schema.properties.functions.additionalProperties;
    expect(fn.required).toEqual(['runtime', 'duration']);
    expect(fn.properties.memoryMb).toMatchObject({ type: 'integer', minimum: 128, maximum: 10240 });
    expect(fn.properties.memoryMb.description).toMatch(/MB.*Default: 128/);
    expect(fn.properties.timeout.description).toMatch(/Default: 3s/);
  });

  it('gives duration and rate strings a pattern that matches what the loader accepts', () => {
    const traffic = schema.properties.traffic.items.properties;
    const durationPattern = new RegExp(traffic.start.pattern);
    const ratePattern = new RegExp(traffic.poisson.properties.rate.pattern);
    for (const d of ['250ms', '1.5s', '10m', '2h', '250', '1.5']) expect(durationPattern.test(d)).toBe(parseDuration(d) !== undefined);
    for (const r of ['40/s', '300/min', '40', '40/sec']) expect(ratePattern.test(r)).toBe(parseRate(r) !== undefined);
  });

  it('returns a fresh object each time', () => {
    const a = scenarioJsonSchema() as Json;
    a.title = 'changed';
    expect((scenarioJsonSchema() as Json).title).toBe('tenancy-sim scenario');
  });
});
