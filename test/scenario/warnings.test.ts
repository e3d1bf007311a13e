/**
 * Warnings: tenant-less traffic that reaches a tenant-isolated function is located and named with the
 * variants it concerns; the scenario stays valid (validate exits 0 and prints it).
 */
import { describe, expect, test } from 'vitest';
import { formatError, loadScenario, scenarioWarnings } from '../../src/scenario/index.js';
import { main } from '../../src/cli/main.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const YAML = `name: nt
horizon: 1h
functions:
  api: { runtime: python3.13, duration: 20ms }
tenants: { count: 10 }
traffic:
  - { function: api, poisson: { rate: 2/s } }
  - { function: api, noTenant: true, poisson: { rate: 5/s } }
`;

describe('tenant-less traffic to an isolated function', () => {
  test('is located at the entry\'s noTenant and names the variants it reaches an isolated function in', () => {
    const r = loadScenario(YAML, 'nt.yaml');
    if (!r.ok) throw new Error('invalid');
    const w = scenarioWarnings(r.scenario);
    expect(w).toHaveLength(1);
    expect(formatError(w[0])).toMatch(/^nt\.yaml:8:32: traffic\[1\]\.noTenant: warning: this traffic is sent without a tenant id to the tenant-isolated function `api` in variant `isolated`, which rejects every such call/);
  });

  test('no warning when every function is shared, or the traffic carries tenant ids', () => {
    const shared = loadScenario(YAML.replace('horizon: 1h', 'horizon: 1h\nvariants:\n  only: { tenancy: shared }'), 'nt.yaml');
    if (!shared.ok) throw new Error('invalid');
    expect(scenarioWarnings(shared.scenario)).toEqual([]);
    const tenants = loadScenario(YAML.replace(', noTenant: true', ''), 'nt.yaml');
    if (!tenants.ok) throw new Error('invalid');
    expect(scenarioWarnings(tenants.scenario)).toEqual([]);
  });

  test('validate prints it and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenancy-warn-'));
    writeFileSync(join(dir, 'nt.yaml'), YAML);
    let stderr = '';
    let stdout = '';
    expect(await main(['validate', 'nt.yaml'], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir })).toBe(0);
    expect(stdout).toBe('nt.yaml: ok (2 variants: shared, isolated)\n');
    expect(stderr).toMatch(/^nt\.yaml:8:32: traffic\[1\]\.noTenant: warning: /);
  });
});

describe('platform.maxLifetime', () => {
  const at = (value: string) => loadScenario(`name: l\nhorizon: 1h\nplatform: { maxLifetime: ${value} }\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, poisson: { rate: 1/s } }\n`, 'l.yaml');
  test('none is no lifetime; a bad value is told that none is accepted too', () => {
    const none = at('none');
    expect(none.ok && none.scenario.variants[0].config.platform.maxLifetimeMs).toBe(Infinity);
    const never = at('never');
    expect(never.ok ? [] : never.errors.map((e) => e.message)).toEqual(['expected a duration with a unit such as 250ms, 1.5s, 10m or 2h, got "never"; or none']);
    const tiny = at('1ms');
    expect(tiny.ok ? [] : tiny.errors.map((e) => e.message)).toEqual(['expected a duration at least 1m, got 1ms; or none']);
  });
});
