/**
 * The platform's draws come from each pool's own streams (streams.ts, poolStream): the table that holds them
 * draws exactly what the named streams draw, and in an isolated function a tenant's cold starts, init
 * durations and keep-alives depend on its own traffic only.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forkStream, StreamTable } from '../../src/engine/random.js';
import type { ScenarioConfig } from '../../src/model/config.js';
import { simulate } from '../../src/model/simulation.js';
import { singleGroup } from '../../src/model/tenants.js';
import { fn, scenario, traffic } from '../helpers/config.js';

describe('StreamTable', () => {
  test('each of its streams draws what forkStream draws under the same name, whatever the interleaving', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean()), { maxLength: 300 }), fc.integer(), (picks, seed) => {
        const table = new StreamTable(seed, (i) => `init/api/${i}`, 5);
        const named = Array.from({ length: 5 }, (_, i) => forkStream(seed, `init/api/${i}`));
        for (const [i, double] of picks) {
          if (double) expect(table.at(i).double()).toBe(named[i].double());
          else expect(table.at(i)()).toBe(named[i]());
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('a tenant\'s platform draws depend on its own traffic only', () => {
  // Random init (lognormal) and random keep-alive (uniform 1 to 20 min): 50 tenants at 0.5/s; a variant adds
  // a burst for tenant-7 only.
  const base = (extra: boolean): ScenarioConfig => scenario({
    horizonMs: 3 * 3_600_000,
    functions: [fn({ tenancy: 'isolated', initDuration: { type: 'lognormal', mu: Math.log(300), sigma: 0.6 } })],
    tenants: singleGroup(50),
    platform: { keepAlive: { type: 'uniform', min: 60_000, max: 1_200_000 } },
    traffic: [
      traffic({ type: 'poisson', ratePerMs: 0.5 / 1000 }, { name: 'everyone' }),
      ...(extra ? [traffic({ type: 'poisson', ratePerMs: 5 / 1000 }, { name: 'burst', tenant: 'tenant-7', startMs: 600_000, endMs: 900_000 })] : []),
    ],
  });

  test('every other tenant\'s cold starts, environments and billed duration are unchanged, to the millisecond', () => {
    const a = simulate(base(false));
    const b = simulate(base(true));
    const width = 51;
    const column7 = 7; // tenant-7 is the 7th tenant: column 7 (column 0 is calls without a tenant id)
    let compared = 0;
    for (let column = 1; column < width; column++) {
      const same = ['invocations', 'coldStarts', 'environmentsCreated', 'billedMs'].map((k) => a.cells[k as 'billedMs'][column] === b.cells[k as 'billedMs'][column]);
      if (column === column7) expect(b.cells.invocations[column]).toBeGreaterThan(a.cells.invocations[column]);
      else {
        expect(same, `tenant column ${column}`).toEqual([true, true, true, true]);
        compared += a.cells.coldStarts[column];
      }
    }
    expect(compared).toBeGreaterThan(100); // enough cold starts, each with its own random init, to tell
    expect(b.tenantCauses.replacements.reduce((s, x) => s + x, 0)).toBeGreaterThan(0); // replacements drawn too
  });
});
