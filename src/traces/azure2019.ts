/**
 * The Azure Functions Trace 2019: per-minute invocation counts per function, with optional duration
 * percentiles and memory per function. Time 0 is the start of the window's first minute (by default the
 * file's first minute column); the trace ends at the end of the window's last minute.
 *
 * Functions whose counts are all 0 in the window are left out. Functions (and the tenants they belong to) are
 * listed by the first minute they are invoked in, then by row order: the order of first appearance in time,
 * to the minute (within a minute it depends on the random placement).
 */
import type { Sampler } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import { type Counts, readCounts } from './azure2019-counts.js';
import { type SideTable, readDurations, readMemory } from './azure2019-side.js';
import { functionKeys } from './function-keys.js';
import { Interner } from './growable.js';
import type { LoadContext } from './context.js';
import type { ProblemList } from './problems.js';
import type { Azure2019Options } from './spec.js';
import { MAX_MINUTE_ARRIVALS, SpreadCursor } from './spread.js';
import type { TraceData } from './types.js';

/** Functions with at least one invocation in the window, ordered by their first minute, then row order. */
function activeFunctions(c: Counts): number[] {
  const first: [number, number][] = [];
  for (let f = 0; f < c.fnHash.length; f++) {
    const base = f * c.width;
    let m = 0;
    while (m < c.width && c.matrix[base + m] === 0) m++;
    if (m < c.width) first.push([m, f]);
  }
  return first.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, f]) => f);
}

/** Checks the busiest minute against the cursor's limit; returns the total count. */
function totalCount(c: Counts, problems: ProblemList, file: string): number {
  let total = 0;
  for (let m = 0; m < c.width; m++) {
    let minute = 0;
    for (let f = 0; f < c.fnHash.length; f++) minute += c.matrix[f * c.width + m];
    if (minute > MAX_MINUTE_ARRIVALS) {
      problems.add(file, 1, `minute ${c.firstMinute + m} holds ${minute} invocations; at most ${MAX_MINUTE_ARRIVALS} a minute can be replayed`);
    }
    total += minute;
  }
  return total;
}

/** The value of each active function in a side table, or `missing`. */
function joined<T>(table: SideTable<T>, c: Counts, active: number[], missing: T): T[] {
  return active.map((f) => {
    const v = table.values.get(table.key(c.app.names[c.appOf[f]], c.fnHash[f]));
    return v === undefined ? missing : v;
  });
}

/** Reads the files and builds the trace, or returns null with the reasons in `ctx.problems`. */
export async function loadAzure2019(o: Azure2019Options, ctx: LoadContext): Promise<TraceData | null> {
  const { problems } = ctx;
  const counts = await readCounts(o, ctx);
  if (counts === null) return null;
  const wanted = { byFn: new Set(counts.fnHash), byPair: new Set(counts.fnHash.map((f, i) => `${counts.app.names[counts.appOf[i]]},${f}`)) };
  const durations = o.durations === null ? null : await readDurations(o.durations, wanted, ctx);
  const memory = o.memory === null ? null : await readMemory(o.memory, wanted, ctx);
  if (problems.any) return null;
  const active = activeFunctions(counts);
  const total = totalCount(counts, problems, o.file);
  if (total === 0) problems.add(o.file, 2, `no invocations in the minutes ${counts.firstMinute}..${counts.firstMinute + counts.width - 1}`);
  if (problems.any) return null;

  const appOf = Int32Array.from(active, (f) => counts.appOf[f]);
  const functions = functionKeys(appOf, active.map((f) => counts.fnHash[f]), counts.app.names);
  const tenants = new Interner();
  const tenantName = (i: number, f: number): string =>
    o.tenantFrom === 'owner' ? counts.owner.names[counts.ownerOf[f]] : o.tenantFrom === 'app' ? counts.app.names[counts.appOf[f]] : functions[i];
  const fnTenant = Int32Array.from(active, (f, i) => tenants.id(tenantName(i, f)));
  const samplers: (Sampler | null)[] = durations === null ? active.map(() => null) : joined(durations, counts, active, null);
  const input = { counts: counts.matrix, width: counts.width, rowOf: Int32Array.from(active), fnTenant, samplers, poisson: o.spread === 'poisson' };
  const data: TraceData = {
    format: 'azure2019',
    file: o.file,
    tenants: tenants.names,
    functions,
    arrivals: total,
    endMs: counts.width * 60_000,
    cursor: (rng: RandomStream) => new SpreadCursor(input, rng),
  };
  if (memory !== null) data.functionMemoryMb = joined(memory, counts, active, null);
  return data;
}
