/**
 * Routes and deployments: the scenario format, its located messages, and what a variant's deployment does
 * to the run (same arrivals and handler durations whatever the layout; routes by share).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulation.js';
import { brief, loadErrors, loadOk } from './helpers.js';

const doc = (extra = '', deployments = `deployments:
  monolith:
    functions:
      api: { runtime: nodejs22.x, memoryMb: 1024, initDuration: 600ms, routes: [read, write, report] }
  split:
    functions:
      reader: { runtime: nodejs22.x, memoryMb: 256, initDuration: 200ms, routes: [read] }
      writer: { runtime: nodejs22.x, memoryMb: 512, initDuration: 300ms, routes: [write, report] }
`) => `name: d
horizon: 1h
tenants: { count: 20 }
routes:
  read: { share: 0.6, duration: 20ms }
  write: { share: 0.3, duration: { exponential: { mean: 80ms } } }
  report: { share: 0.1, duration: { uniform: { min: 1s, max: 2s } } }
${deployments}traffic:
  - poisson: { rate: 5/s }
${extra}`;

describe('routes and deployments', () => {
  it('makes each variant run its deployment: its functions, and each route served by one of them', () => {
    const s = loadOk(doc(`variants:
  mono: { deployment: monolith }
  split-isolated: { deployment: split, tenancy: isolated }
`));
    const [mono, split] = s.variants.map((v) => v.config);
    expect(mono.deployment).toBe('monolith');
    expect(mono.functions.map((f) => [f.name, f.memoryMb, f.tenancy])).toEqual([['api', 1024, 'shared']]);
    expect(split.functions.map((f) => [f.name, f.memoryMb, f.tenancy])).toEqual([['reader', 256, 'isolated'], ['writer', 512, 'isolated']]);
    expect(split.routes.map((r) => [r.name, r.share, r.function])).toEqual([['read', 0.6, 'reader'], ['write', 0.3, 'writer'], ['report', 0.1, 'writer']]);
    expect(split.traffic[0].function).toBeNull();
  });

  it('defaults to the first deployment, as shared and isolated', () => {
    const s = loadOk(doc());
    expect(s.variants.map((v) => [v.name, v.config.deployment, v.config.functions[0].tenancy])).toEqual([['shared', 'monolith', 'shared'], ['isolated', 'monolith', 'isolated']]);
  });

  it('gives every layout the same arrivals, tenants and handler durations, and routes traffic by share', () => {
    const s = loadOk(doc(`variants:
  mono: { deployment: monolith }
  split: { deployment: split }
`));
    const seen = s.variants.map((v) => {
      const rows: string[] = [];
      const width = v.config.tenants.count + 1;
      const record = simulate(v.config, v.name, {
        observer: { started: (_now, arrivedAt, _e, cell, _cold, runMs) => void rows.push(`${arrivedAt} ${cell % width} ${runMs}`) },
      });
      return { rows: rows.sort(), record };
    });
    expect(seen[0].rows.length).toBeGreaterThan(15_000);
    expect(seen[1].rows).toEqual(seen[0].rows);
    // the split layout's reader gets the read route: 60 % of the traffic (binomial sd about 0.4 %)
    const [reader, writer] = seen[1].record.functions;
    expect(Math.abs(reader.invocations / (reader.invocations + writer.invocations) - 0.6)).toBeLessThan(0.02);
    // read runs 20 ms exactly; writer's handlers are write (mean 80 ms) or report (1 to 2 s)
    expect(reader.latency.p50).toBeGreaterThanOrEqual(20);
  });

  it('a traffic entry can target one route', () => {
    const s = loadOk(doc('variants:\n  split: { deployment: split }\n').replace('  - poisson: { rate: 5/s }', '  - { poisson: { rate: 5/s }, route: report }'));
    const record = simulate(s.variants[0].config, 'split');
    expect(record.functions.map((f) => f.name)).toEqual(['reader', 'writer']);
    expect(record.functions[0].invocations).toBe(0);
    expect(record.functions[1].invocations).toBeGreaterThan(15_000);
    expect(record.functions[1].latency.p50).toBeGreaterThanOrEqual(1000); // report runs 1 to 2 s
  });

  it('says when a deployment does not serve every route exactly once, or names an unknown route', () => {
    const errors = brief(loadErrors(doc('', `deployments:
  monolith:
    functions:
      api: { runtime: nodejs22.x, routes: [read, write] }
  split:
    functions:
      reader: { runtime: nodejs22.x, routes: [read, reed] }
      writer: { runtime: nodejs22.x, routes: [write, report, read] }
`)));
    expect(errors).toEqual([
      expect.stringMatching(/^10:5 deployments\.monolith\.functions: deployment monolith does not serve `report`: every route must be served by exactly one function/),
      expect.stringMatching(/^14:53 deployments\.split\.functions\.reader\.routes\[1\]: unknown route `reed`; did you mean `read`\?/),
      expect.stringMatching(/^15:46 deployments\.split\.functions\.writer\.routes: route read is served by `reader`, `writer` in deployment split/),
    ]);
  });

  it('refuses functions beside deployments, traffic to a function, unknown routes and deployments, shares not adding up', () => {
    expect(brief(loadErrors(doc('variants:\n  a: { deployment: monolit }\n')))).toEqual([expect.stringMatching(/deployment: unknown deployment `monolit`; did you mean `monolith`\?/)]);
    const errors = loadErrors(doc().replace('  - poisson: { rate: 5/s }', '  - { poisson: { rate: 5/s }, function: api }\n  - { poisson: { rate: 5/s }, route: reed }').replace('read: { share: 0.6', 'read: { share: 0.5') + 'functions:\n  api: { runtime: nodejs22.x, duration: 5ms }\n');
    const messages = errors.map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^functions: with deployments, functions are declared in each deployment/),
      expect.stringMatching(/^routes\.report\.share: route shares must add up to 1, got 0\.9/),
      expect.stringMatching(/^traffic\[0\]\.function: with deployments, traffic goes to routes/),
      expect.stringMatching(/^traffic\[1\]\.route: unknown route `reed`; did you mean `read`\?/),
    ]));
  });

  it('still requires functions when there are no deployments', () => {
    const errors = brief(loadErrors('name: x\ntraffic:\n  - { function: api, sequential: { interval: 1s } }\n'));
    expect(errors[0]).toMatch(/missing required key `functions`/);
  });
});
