import { describe, expect, it } from 'vitest';
import { type IdSource, idPatternProblem, tenantIdProblem, tenantIndex } from '../../src/scenario/tenant-ids.js';

const tenants = (idPattern: string, count: number): IdSource => ({ idPattern, count });

describe('tenantIdProblem', () => {
  it('accepts the AWS character set, 1 to 256 characters', () => {
    expect(tenantIdProblem('a.b_c:d/e=f+g-h@i j')).toBeUndefined();
    expect(tenantIdProblem('x'.repeat(256))).toBeUndefined();
    expect(tenantIdProblem('x'.repeat(257))).toMatch(/1 to 256 characters long, got 257/);
    expect(tenantIdProblem('')).toMatch(/got 0/);
    expect(tenantIdProblem('a#b$')).toMatch(/got "#", "\$"$/);
  });
});

describe('tenantIndex', () => {
  it('finds ids the pattern makes, and only within count', () => {
    expect(tenantIndex(tenants('tenant-{i}', 20), 'tenant-1')).toBe(0);
    expect(tenantIndex(tenants('tenant-{i}', 20), 'tenant-20')).toBe(19);
    expect(tenantIndex(tenants('tenant-{i}', 20), 'tenant-21')).toBeUndefined();
    expect(tenantIndex(tenants('tenant-{i}', 20), 'tenant-01')).toBeUndefined();
    expect(tenantIndex(tenants('tenant-{i}', 20), 'tenant-0')).toBeUndefined();
    expect(tenantIndex(tenants('org.{i:4}+x', 2000), 'org.0042+x')).toBe(41);
    expect(tenantIndex(tenants('org.{i:4}+x', 2000), 'org.42+x')).toBeUndefined();
    expect(tenantIndex(tenants('a{i}b{i}', 5), 'a3b3')).toBe(2);
    expect(tenantIndex(tenants('a{i}b{i}', 5), 'a3b4')).toBeUndefined();
  });
});

describe('idPatternProblem', () => {
  it('needs {i}, known placeholders, valid characters and a valid length', () => {
    expect(idPatternProblem(tenants('tenant-{i}', 1000))).toBeUndefined();
    expect(idPatternProblem(tenants('tenant', 3))).toMatch(/must contain \{i\}/);
    expect(idPatternProblem(tenants('{n}-{i}', 3))).toMatch(/only use the placeholders/);
    expect(idPatternProblem(tenants('t {i:300}', 3))).toMatch(/at most 256 digits/);
    expect(idPatternProblem(tenants('t*{i}', 3))).toMatch(/invalid tenant ids such as "t\*3"/);
  });
});
