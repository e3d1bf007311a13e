/**
 * Hand-worked timelines: small scenarios whose every event can be worked out on paper. Handler 100 ms and
 * init 200 ms (constants) unless a test says otherwise, so a cold invocation is busy 300 ms.
 */
import { describe, expect, test } from 'vitest';
import type { TrafficConfig } from '../../src/model/config.js';
import { simulate } from '../../src/model/simulation.js';
import { fn, ms, scenario, traffic } from '../helpers/config.js';
import { singleGroup } from '../../src/model/tenants.js';

/** One invocation at time `t` (ms). */
const at = (t: number, o: Partial<TrafficConfig> = {}) => traffic({ type: 'constant', ratePerMs: 1 }, { startMs: t, count: 1, ...o });
const tenants = (count: number) => singleGroup(count);

describe('the seed experiment: 20 tenants call once each, 1 s apart', () => {
  const run = (tenancy: 'shared' | 'isolated') =>
    simulate(scenario({
      functions: [fn({ tenancy, memoryMb: 128, duration: ms(5), initDuration: ms(102) })],
      tenants: tenants(20),
      traffic: [traffic({ type: 'sequential', intervalMs: 1000, rounds: 1 })],
    })).functions[0];
  test('shared: one cold start, the first environment serves everyone', () => {
    const r = run('shared');
    expect([r.invocations, r.completed, r.coldStarts, r.environmentsCreated]).toEqual([20, 20, 1, 1]);
    expect(r.billedMs).toBe(20 * 5 + 102);
  });
  test('isolated: twenty cold starts, one environment per tenant', () => {
    const r = run('isolated');
    expect([r.invocations, r.completed, r.coldStarts, r.environmentsCreated]).toEqual([20, 20, 20, 20]);
    expect(r.environments.peak).toBe(20);
    expect(r.billedMs).toBe(20 * (5 + 102));
    expect(r.latency.max).toBe(107);
  });
});

describe('two functions: the account\'s busy level is theirs added up', () => {
  // a is called at 0 and b at `bAt`, each once: cold, busy 300 ms
  const two = (bAt: number) =>
    simulate(scenario({ functions: [fn({ name: 'a' }), fn({ name: 'b' })], traffic: [at(0, { function: 'a' }), at(bAt, { function: 'b' })] }));

  test('busy periods that do not overlap: each function peaks at 1 and so does the account, below the sum of their peaks', () => {
    const r = two(1000); // a busy 0..300, b busy 1000..1300; the run ends at 1300
    expect(r.functions.map((f) => f.concurrency.peak)).toEqual([1, 1]);
    expect(r.account.concurrency.peak).toBe(1);
    expect(r.horizonMs).toBe(1300);
    expect(r.functions.map((f) => f.concurrency.mean)).toEqual([300 / 1300, 300 / 1300]);
    expect(r.account.concurrency.mean).toBe(600 / 1300);
  });
  test('back to back: b starts as a ends (a completion at t comes before an arrival at t), still 1', () => {
    expect(two(300).account.concurrency.peak).toBe(1);
  });
  test('overlapping: the account peaks at 2, the sum', () => {
    const r = two(100); // a busy 0..300, b busy 100..400
    expect(r.account.concurrency.peak).toBe(2);
    expect(r.account.concurrency.mean).toBe(600 / 400);
  });
});

describe('keep-alive and lifetime boundaries', () => {
  const keepAlive = 1000;
  const run = (times: number[], platform = {}) =>
    simulate(scenario({ platform: { keepAlive: ms(keepAlive), ...platform }, traffic: times.map((t) => at(t)) })).functions[0];

  test('a completion at t frees its environment for an arrival at t', () => {
    expect(run([0, 300]).coldStarts).toBe(1); // first ends at 0 + 200 + 100 = 300
  });
  test('an environment whose keep-alive ends exactly at t is still usable at t', () => {
    expect(run([0, 300 + keepAlive]).coldStarts).toBe(1);
  });
  test('one microsecond later it is gone', () => {
    expect(run([0, 300 + keepAlive + 0.001]).coldStarts).toBe(2);
  });
  test('keep-alive runs from the end of the last invocation, not from creation', () => {
    // 0 cold (ends 300); 1200 warm (ends 1300); 2300 warm: 1000 after the last end, not 2000 after creation
    expect(run([0, 1200, 2300]).coldStarts).toBe(1);
  });
  const onRequest = { maxLifetimeMs: 500, lifetimeReplacement: 'on-request' as const };
  test('on-request: past its maximum lifetime an environment is reclaimed when its request ends; the next request is cold (cause: lifetime)', () => {
    // lifetime 500: created at 0; the request at 400 is running at 500 and ends at 500 -> reclaimed then
    const r = run([0, 400, 600], onRequest);
    expect(r.coldStarts).toBe(2);
    expect(r.environments.peak).toBe(1);
    expect(r.causes).toEqual({ coldStarts: { firstUse: 1, keepAlive: 0, lifetime: 1, capReclaim: 0, scaleOut: 0 }, replacements: 0 });
  });
  test('on-request: an idle environment is reclaimed exactly at its maximum lifetime, usable at that instant', () => {
    expect(run([0, 500], onRequest).coldStarts).toBe(1);
    expect(run([0, 500.001], onRequest).coldStarts).toBe(2);
  });
  test('background (the default): the request after the lifetime finds a replacement, warm; the replacement is an environment created, its init billed', () => {
    // the request at 400 ends at 500 (lifetime end): replaced then, off the request path; 600 is warm
    const r = run([0, 400, 600], { maxLifetimeMs: 500 });
    expect(r.coldStarts).toBe(1);
    expect(r.environmentsCreated).toBe(2);
    expect(r.causes).toEqual({ coldStarts: { firstUse: 1, keepAlive: 0, lifetime: 0, capReclaim: 0, scaleOut: 0 }, replacements: 1 });
    expect(r.environments.peak).toBe(1); // one ends as the other starts
    expect(r.billedMs).toBe(300 + 100 + 200 + 100); // cold 0, warm 400, the replacement's init (200), warm 600
  });
  test('background: an idle environment at its lifetime end is replaced where it is, keeping its keep-alive', () => {
    // created at 0, idle from 300 until 1300 (keep-alive 1000); lifetime 800: replaced at 800 while idle
    const r = run([0, 1300], { maxLifetimeMs: 800 });
    expect([r.coldStarts, r.environmentsCreated, r.causes.replacements]).toEqual([1, 2, 1]);
    expect(run([0, 1300.001], { maxLifetimeMs: 800 }).causes.coldStarts.keepAlive).toBe(1); // its keep-alive still ended at 1300
  });
  test('background: a replacement whose own lifetime ends while it is idle is replaced again', () => {
    // lifetime 400: replaced at 400, 800 and 1200 while idle (keep-alive to 1300); the request at 1300 is warm
    const r = run([0, 1300], { maxLifetimeMs: 400 });
    expect([r.coldStarts, r.causes.replacements]).toEqual([1, 3]);
  });
  test('no lifetime (maxLifetimeMs: Infinity): never replaced', () => {
    expect(run([0, 400, 600], { maxLifetimeMs: Infinity }).environmentsCreated).toBe(1);
  });
});

describe('cold-start causes', () => {
  test('first use, keep-alive expiry and scale-out', () => {
    // 0 cold (first use, busy to 300); 100 cold (scale-out: the only environment is busy); both idle from 300/400;
    // 5000: both expired (keep-alive 1000) -> cold, keep-alive
    const r = simulate(scenario({ platform: { keepAlive: ms(1000) }, traffic: [at(0), at(100), at(5000)] })).functions[0];
    expect(r.causes.coldStarts).toEqual({ firstUse: 1, keepAlive: 1, lifetime: 0, capReclaim: 0, scaleOut: 1 });
  });
  test('isolated: each tenant\'s first request is a first use of its own pool', () => {
    const r = simulate(scenario({ functions: [fn({ tenancy: 'isolated' })], tenants: tenants(3), traffic: [traffic({ type: 'sequential', intervalMs: 1000, rounds: 2 })] })).functions[0];
    expect(r.causes.coldStarts.firstUse).toBe(3);
    expect(r.coldStarts).toBe(3); // the second round finds each tenant's environment warm
  });
});

describe('limits at their edges', () => {
  const burst = (n: number, o: Parameters<typeof scenario>[0] = {}) =>
    simulate(scenario({ traffic: Array.from({ length: n }, (_, i) => at(i)), ...o })).functions[0];

  test('account concurrency: c busy allowed, the next one throttled (sync, no retries)', () => {
    expect(burst(2, { platform: { accountConcurrency: 2 } }).throttled).toBe(0);
    const r = burst(3, { platform: { accountConcurrency: 2 } });
    expect([r.throttled, r.completed, r.limitHits.account]).toEqual([1, 2, 1]);
  });
  test('reserved concurrency caps the function', () => {
    expect(burst(2, { functions: [fn({ reservedConcurrency: 2 })] }).throttled).toBe(0);
    const r = burst(3, { functions: [fn({ reservedConcurrency: 2 })] });
    expect([r.throttled, r.limitHits.reserved, r.limitHits.account]).toEqual([1, 1, 0]);
  });
  test('scaling rate: a bucket of `burst` new environments refilled at burst / window', () => {
    const platform = { scalingBurst: 2, scalingWindowMs: 10_000 };
    expect(burst(2, { platform }).throttled).toBe(0);
    const r = burst(3, { platform });
    expect([r.throttled, r.limitHits.scalingRate]).toEqual([1, 1]);
    // 0.2 tokens/s: after the takes at 0 and 1 the bucket holds 0.0002 and reaches 1 at t = 5000 ms
    const traffic = [at(0), at(1), at(2), at(4999.9)];
    const later = simulate(scenario({ platform: { ...platform, keepAlive: ms(1) }, traffic })).functions[0];
    expect(later.limitHits.scalingRate).toBe(2);
    const ok = simulate(scenario({ platform: { ...platform, keepAlive: ms(1) }, traffic: [at(0), at(1), at(2), at(5000.1)] })).functions[0];
    expect(ok.limitHits.scalingRate).toBe(1);
  });
  test('warm reuse needs no scaling token', () => {
    const r = simulate(scenario({ platform: { scalingBurst: 1 }, traffic: [at(0), at(300), at(600)] })).functions[0];
    expect([r.throttled, r.coldStarts]).toEqual([0, 1]);
  });
  test('isolated environment cap: 2,500 per 1,000 of concurrency limit, idle environments count', () => {
    // reserved 2 -> cap floor(2500 * 2 / 1000) = 5 environments
    const f = fn({ tenancy: 'isolated', reservedConcurrency: 2 });
    const seq = (n: number) => simulate(scenario({ functions: [f], tenants: tenants(n), traffic: [traffic({ type: 'sequential', intervalMs: 1000, rounds: 1 })] })).functions[0];
    expect(seq(5).throttled).toBe(0);
    const r = seq(6);
    expect([r.throttled, r.limitHits.tenantEnvironmentCap, r.environmentsCreated]).toEqual([1, 1, 5]);
  });
  test('capPolicy reclaim-idle: with the cap full, the least recently used idle environment of another tenant is ended instead of a 429', () => {
    // cap 5; tenants 1..6 one second apart: tenant 6 finds the cap full, tenant 1's environment (idle longest) is ended
    const f = fn({ tenancy: 'isolated', reservedConcurrency: 2 });
    const run = (extra: TrafficConfig[] = []) => simulate(scenario({
      functions: [f], tenants: tenants(6), platform: { capPolicy: 'reclaim-idle' },
      traffic: [traffic({ type: 'sequential', intervalMs: 1000, rounds: 1 }), ...extra],
    })).functions[0];
    const r = run();
    expect([r.throttled, r.limitHits.tenantEnvironmentCap, r.coldStarts, r.environmentsCreated, r.environments.peak]).toEqual([0, 0, 6, 6, 5]);
    // tenant 1 comes back at 7 s: its environment was reclaimed (cold, cause capReclaim), and that takes tenant 2's
    const back = run([at(7000, { tenant: 'tenant-1' })]);
    expect(back.causes.coldStarts).toEqual({ firstUse: 6, keepAlive: 0, lifetime: 0, capReclaim: 1, scaleOut: 0 });
    expect(back.throttled).toBe(0);
  });
  test('capPolicy reclaim-idle: when every environment is busy there is nothing to reclaim: 429', () => {
    // cap 2 (reserved 1 -> floor(2.5) = 2), but concurrency 1: use reserved 2 with long handlers instead
    const f = fn({ tenancy: 'isolated', reservedConcurrency: 2, duration: ms(10_000) });
    const r = simulate(scenario({
      functions: [f], tenants: tenants(6), platform: { capPolicy: 'reclaim-idle', accountConcurrency: 100 },
      traffic: [traffic({ type: 'sequential', intervalMs: 100, rounds: 1 })],
    })).functions[0];
    // 2 run at once (reserved 2), the 3rd to 6th are throttled by reserved concurrency before the cap matters
    expect(r.limitHits.tenantEnvironmentCap).toBe(0);
    expect(r.throttled).toBe(4);
  });
});

test('an environment refused by the isolated cap uses no scaling capacity', () => {
  // cap floor(2500 * 1 / 1000) = 2 environments; burst 3: tenants 3 and 4 are refused by the cap, and
  // tenant 1's later cold start (after its environment expired) still finds a token
  const f = fn({ tenancy: 'isolated', reservedConcurrency: 1 });
  const named = (t: string, when: number) => at(when, { tenant: t });
  const r = simulate(scenario({
    functions: [f], platform: { scalingBurst: 3, scalingWindowMs: 1e9, keepAlive: ms(1000) }, tenants: tenants(4),
    traffic: [named('tenant-1', 0), named('tenant-2', 400), named('tenant-3', 800), named('tenant-4', 1200), named('tenant-1', 5000)],
  })).functions[0];
  expect(r.limitHits).toEqual({ account: 0, reserved: 0, scalingRate: 0, tenantEnvironmentCap: 2 });
  expect(r.coldStarts).toBe(3);
});

describe('tenant ids', () => {
  test('an isolated function rejects invocations without a tenant id: not run, not billed', () => {
    const r = simulate(scenario({ functions: [fn({ tenancy: 'isolated' })], traffic: [at(0, { noTenant: true }), at(10)] })).functions[0];
    expect([r.invocations, r.rejected, r.completed, r.coldStarts, r.billedMs]).toEqual([2, 1, 1, 1, 300]);
  });
  test('a shared function runs them', () => {
    const r = simulate(scenario({ traffic: [at(0, { noTenant: true })] })).functions[0];
    expect([r.rejected, r.completed]).toEqual([0, 1]);
  });
  test('isolated pools never serve another tenant, shared pools do', () => {
    const named = (t: string, when: number) => at(when, { tenant: t });
    const run = (tenancy: 'shared' | 'isolated') =>
      simulate(scenario({ functions: [fn({ tenancy })], tenants: tenants(2), traffic: [named('tenant-1', 0), named('tenant-2', 1000), named('tenant-1', 2000)] })).functions[0];
    expect(run('shared').coldStarts).toBe(1);
    expect(run('isolated').coldStarts).toBe(2);
  });
});

describe('retries', () => {
  const slow = { duration: ms(5000), reservedConcurrency: 1 };
  test('async: throttled events retried at 1 s, 2 s, 4 s... until they run', () => {
    const r = simulate(scenario({ functions: [fn({ ...slow, invocation: 'async' })], traffic: [at(0), at(1)] })).functions[0];
    // env busy 0..5200; retries of the second at 1001 (429), 3001 (429), 7001 (runs warm, ends 12001)
    expect([r.completed, r.throttled, r.retries, r.limitHits.reserved]).toEqual([2, 0, 3, 3]);
    expect(r.latency.max).toBe(12000);
  });
  test('async: dropped once the next retry would pass the maximum event age', () => {
    const r = simulate(scenario({ functions: [fn({ ...slow, invocation: 'async', maxEventAgeMs: 2500 })], traffic: [at(0), at(1)] })).functions[0];
    expect([r.completed, r.throttled, r.asyncDropped, r.retries]).toEqual([1, 1, 1, 1]);
  });
  test('sync: no retry unless the client asks; client retries back off from the given wait', () => {
    const none = simulate(scenario({ functions: [fn(slow)], traffic: [at(0), at(1)] })).functions[0];
    expect([none.throttled, none.retries]).toEqual([1, 0]);
    const clientRetries = { maxAttempts: 3, backoffMs: 3000, maxBackoffMs: 60_000 };
    // second call: 429 at 1, retry at 3001 (429), retry at 9001 (runs)
    const r = simulate(scenario({ functions: [fn(slow)], traffic: [at(0), at(1, { clientRetries })] })).functions[0];
    expect([r.completed, r.throttled, r.retries]).toEqual([2, 0, 2]);
    expect(r.latency.max).toBe(9000 + 5000);
  });
});

describe('billing records', () => {
  test('timeouts cut the handler and bill to the limit', () => {
    const r = simulate(scenario({ functions: [fn({ duration: ms(5000), timeoutMs: 3000 })], traffic: [at(0)] })).functions[0];
    expect([r.timeouts, r.billedMs]).toEqual([1, 3200]);
  });
  test('a timeout is counted when it happens: one still running at the horizon is in flight, not a timeout', () => {
    // handlers of 5 s cut at 3 s (+200 ms init on the first); arrivals at 0 and 1,000 ms; the horizon at 3,500 ms
    const r = simulate(scenario({ horizonMs: 3500, functions: [fn({ duration: ms(5000), timeoutMs: 3000 })], traffic: [at(0), at(1000)] })).functions[0];
    expect([r.completed, r.inFlight, r.timeouts]).toEqual([1, 1, 1]);
  });
  test('init is billed on the cold invocation, rounded up once with the handler', () => {
    const r = simulate(scenario({ functions: [fn({ duration: ms(250.06), initDuration: ms(100.77) })], traffic: [at(0), at(1000)] })).functions[0];
    expect(r.billedMs).toBe(351 + 251);
  });
  test('initBilling unbilled: the earlier rule leaves managed-runtime init free', () => {
    const r = simulate(scenario({ platform: { initBilling: 'unbilled' }, functions: [fn({ duration: ms(250.06), initDuration: ms(100.77) })], traffic: [at(0)] })).functions[0];
    expect(r.billedMs).toBe(251);
  });
  test('provisioned concurrency: pre-warmed environments, no cold start, billed apart', () => {
    const r = simulate(scenario({ functions: [fn({ provisionedConcurrency: 1 })], traffic: [at(0), at(1000)] })).functions[0];
    expect([r.coldStarts, r.environmentsCreated, r.provisionedEnvironments, r.provisionedBilledMs, r.billedMs]).toEqual([0, 0, 1, 200, 0]);
  });
  test('beyond provisioned concurrency, on-demand environments spill over with cold starts', () => {
    const r = simulate(scenario({ functions: [fn({ provisionedConcurrency: 1 })], traffic: [at(0), at(1)] })).functions[0];
    expect([r.coldStarts, r.provisionedBilledMs, r.billedMs]).toEqual([1, 100, 300]);
  });
});

describe('reuse policy', () => {
  // Two environments (created at 0 and 1), then one request every 400 ms: MRU keeps reusing the same one
  // and lets the other expire; LRU alternates and keeps both alive.
  const run = (reuse: 'mru' | 'lru' | 'newest' | 'random') =>
    simulate(scenario({ platform: { reuse, keepAlive: ms(1000) }, horizonMs: 6000, traffic: [at(0), at(1), traffic({ type: 'constant', ratePerMs: 1 / 400 }, { startMs: 800 })] })).functions[0];
  test('MRU lets the surplus environment expire, LRU keeps the peak fleet warm', () => {
    const mru = run('mru');
    const lru = run('lru');
    expect(mru.coldStarts).toBe(2);
    expect(lru.coldStarts).toBe(2);
    expect(mru.environments.mean).toBeLessThan(1.5);
    expect(lru.environments.mean).toBeGreaterThan(1.8);
  });
  test('newest takes the environment created last', () => {
    expect(run('newest').environments.mean).toBeLessThan(1.5);
  });
  // A is created at 0 (busy 0..300) and B at 100 (busy 100..400); A serves 350 (350..450). At 500 both are
  // idle: A was freed last (at 450), B was created last. With and without a maximum lifetime.
  test.each([['a maximum lifetime of 2 h', 7_200_000], ['no maximum lifetime', Infinity]])('newest is the one created last, not the one freed last (%s)', (_, maxLifetimeMs) => {
    const served = (reuse: 'mru' | 'newest') => {
      const envs: number[] = [];
      simulate(scenario({ platform: { reuse, keepAlive: ms(10_000), maxLifetimeMs }, traffic: [at(0), at(100), at(350), at(500)] }), undefined, {
        observer: { started: (_now, _arrived, environment) => envs.push(environment) },
      });
      return envs;
    };
    expect(served('mru')).toEqual([0, 1, 0, 0]);
    expect(served('newest')).toEqual([0, 1, 0, 1]);
  });
  // Maximum lifetime 1,000 ms, replaced in the background: A (serial 0, idle from 300) is replaced at 1,000 by
  // serial 2, B (serial 1, idle from 400) at 1,100 by serial 3. Under `newest` the replacement is the newest
  // environment; under `mru` it keeps its place (B, freed last, serves 1,050 and, past its lifetime as it
  // ends at 1,150, is replaced then by serial 3, which serves 1,150).
  test('newest: an idle environment replaced in the background becomes the newest', () => {
    const served = (reuse: 'mru' | 'newest') => {
      const envs: number[] = [];
      simulate(scenario({ platform: { reuse, keepAlive: ms(10_000), maxLifetimeMs: 1000 }, traffic: [at(0), at(100), at(1050), at(1150)] }), undefined, {
        observer: { started: (_now, _arrived, environment) => envs.push(environment) },
      });
      return envs;
    };
    expect(served('newest')).toEqual([0, 1, 2, 3]);
    expect(served('mru')).toEqual([0, 1, 1, 3]);
  });
});

describe('memory and CPU (cpuScaling)', () => {
  // handler 100 ms and init 200 ms as measured at 1,769 MB (one vCPU); half of that time CPU-bound
  const run = (memoryMb: number, threads: number | null) => simulate(scenario({
    functions: [fn({ memoryMb, cpuScaling: threads === null ? null : { share: 0.5, measuredAtMb: 1769, threads } })],
    traffic: [at(0), at(1000)],
  })).functions[0];

  test('without cpuScaling, durations do not change with memory', () => {
    expect(run(3538, null).billedMs).toBe(300 + 100);
    expect(run(128, null).billedMs).toBe(300 + 100);
  });
  test('two threads at 3,538 MB (two vCPUs): the CPU-bound half runs twice as fast: x 0.75', () => {
    const r = run(3538, 2);
    expect(r.billedMs).toBe(225 + 75); // cold: 150 init + 75 handler; warm: 75
    expect(r.latency.max).toBe(225);
  });
  test('one thread gains nothing past one vCPU', () => {
    expect(run(3538, 1).billedMs).toBe(300 + 100);
  });
  test('less memory than one vCPU slows the CPU-bound half in proportion', () => {
    // 884.5 MB is half a vCPU: x (0.5 + 0.5 x 2) = x 1.5
    expect(run(884.5, 1).billedMs).toBe(450 + 150);
  });
});

test('a busy pool of many environments with request-path recycling counts its extra cold starts as lifetime', () => {
  // AWS experiment 4 (0.9 requests/s, about 2 s handlers, about 8 environments) for 10^6 s
  const run = (lifetimeReplacement: 'background' | 'on-request') => simulate(scenario({
    seed: 17, horizonMs: 1e9,
    functions: [fn({ duration: { type: 'exponential', mean: 2016 }, initDuration: ms(147), timeoutMs: 900_000 })],
    platform: { keepAlive: ms(600_000), lifetimeReplacement, accountConcurrency: 1000 },
    traffic: [traffic({ type: 'poisson', ratePerMs: 0.9 / 1000 })],
  })).functions[0];
  const background = run('background');
  const onRequest = run('on-request');
  const extra = onRequest.coldStarts - background.coldStarts;
  expect(extra).toBeGreaterThan(200);
  expect(background.causes.coldStarts.lifetime).toBe(0);
  // at least the extra cold starts (some environments recycled would have expired later anyway)
  expect(onRequest.causes.coldStarts.lifetime).toBeGreaterThan(extra);
  expect(onRequest.causes.coldStarts.scaleOut).toBeLessThanOrEqual(background.causes.coldStarts.scaleOut);
});
