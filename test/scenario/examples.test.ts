import { describe, expect, it } from 'vitest';
import { lognormalFromQuantile } from '../../src/engine/distributions.js';
import { fixture, loadOk } from './helpers.js';
import { singleGroup } from '../../src/model/tenants.js';

describe('seed-20-tenants.yaml', () => {
  const s = loadOk(fixture('seed-20-tenants.yaml'));

  it('has the header of the file', () => {
    expect(s.name).toBe('seed-20-tenants');
    expect(s.description).toBe('Twenty tenants call one function once each, one second apart.');
    expect(s.seed).toBe(1);
    expect(s.horizonMs).toBeNull();
  });

  it('has the variants shared and isolated, in file order, with their tenancy', () => {
    expect(s.variants.map((v) => [v.name, v.config.functions[0].tenancy])).toEqual([
      ['shared', 'shared'],
      ['isolated', 'isolated'],
    ]);
  });

  it('normalizes the function, tenants and traffic', () => {
    const c = s.variants[1].config;
    expect(c.name).toBe('seed-20-tenants');
    expect(c.horizonMs).toBeNull();
    expect(c.functions).toHaveLength(1);
    const f = c.functions[0];
    expect(f).toMatchObject({ name: 'api', runtime: 'python3.13', memoryMb: 128, architecture: 'x86_64', packageType: 'zip' });
    expect(f.duration).toEqual({ type: 'constant', value: 5 });
    expect(f.initDuration.type).not.toBe('constant'); // the runtime's measured default, not a placeholder
    expect(f).toMatchObject({ reservedConcurrency: null, provisionedConcurrency: 0, timeoutMs: 3000, ephemeralStorageMb: 512, invocation: 'sync' });
    expect(c.tenants).toEqual(singleGroup(20));
    expect(c.traffic).toEqual([
      {
        name: null,
        function: 'api',
        pattern: { type: 'sequential', intervalMs: 1000, rounds: 1 },
        startMs: 0,
        endMs: null,
        count: null,
        tenant: null,
        group: null,
        route: null,
        noTenant: false,
        clientRetries: null,
      },
    ]);
  });

  it('fills platform and billing defaults', () => {
    expect(s.variants[0].config.platform).toEqual({
      accountConcurrency: 1000,
      keepAlive: { type: 'constant', value: 600_000 },
      maxLifetimeMs: 7_200_000,
      lifetimeReplacement: 'background',
      capPolicy: 'throttle',
      reuse: 'mru',
      initBilling: 'billed',
      region: 'us-east-1',
      scalingBurst: 1000,
      scalingWindowMs: 10_000,
      isolatedEnvironmentsPer1000: 2500,
      codeStorageGb: 75,
    });
    expect(s.variants[0].config.billing).toEqual({ tiers: false, freeTier: false });
  });
});

describe('saas-1000-tenants.yaml', () => {
  const s = loadOk(fixture('saas-1000-tenants.yaml'));

  it('has a one-day horizon and seed 7', () => {
    expect(s.horizonMs).toBe(86_400_000);
    expect(s.seed).toBe(7);
    for (const v of s.variants) expect([v.config.horizonMs, v.config.seed]).toEqual([86_400_000, 7]);
  });

  it('gets the default variants shared and isolated', () => {
    expect(s.variants.map((v) => [v.name, v.config.functions[0].tenancy])).toEqual([
      ['shared', 'shared'],
      ['isolated', 'isolated'],
    ]);
  });

  it('converts the lognormal median and p99 to mu and sigma of ln ms', () => {
    const f = s.variants[0].config.functions[0];
    expect(f.memoryMb).toBe(512);
    expect(f.runtime).toBe('nodejs22.x');
    expect(f.duration).toEqual({ type: 'lognormal', ...lognormalFromQuantile(60, 800, 'p99') });
    if (f.duration.type !== 'lognormal') throw new Error('unreachable');
    expect(f.duration.mu).toBeCloseTo(Math.log(60), 12); // 4.0943
    expect(f.duration.sigma).toBeCloseTo(1.11345, 4); // ln(800 / 60) / z(0.99) = 2.59027 / 2.32635
  });

  it('reads the keep-alive, tenants and traffic', () => {
    const c = s.variants[0].config;
    expect(c.platform.keepAlive).toEqual({ type: 'constant', value: 600_000 });
    expect(c.tenants).toEqual(singleGroup(1000, 'tenant-{i}', { type: 'zipf', exponent: 1.1 }));
    expect(c.traffic).toHaveLength(1);
    expect(c.traffic[0].pattern).toEqual({ type: 'poisson', ratePerMs: 0.04 });
    expect(c.traffic[0].endMs).toBeNull();
  });
});
