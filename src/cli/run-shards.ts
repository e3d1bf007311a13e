/**
 * A run split across machines: `run --shard i/n` simulates the i-th of n round-robin shares of the tenants
 * (model/shards.ts) and writes what it recorded, as plain numbers, to shard.json; `merge` given such folders
 * combines them into the whole run's results folder. Exact (every count, cost, cold start, latency, integral
 * and tenant row is the one run's, byte for byte) but for the peaks, which become upper bounds: the merge
 * says so, and refuses when a limit could have bound (mergedLimitProblems) or the shards are not the n
 * shares of one run of one scenario.
 *
 * shard.json embeds the scenario's text, which `merge` loads again (through the same checks as a file), so
 * a merge needs no scenario file; a scenario that reads trace files is therefore not split.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LIMITS, type LimitName } from '../model/platform.js';
import { EXACT_LIMIT } from '../model/latency.js';
import { CELL_COUNTERS, type CellCounter } from '../model/record.js';
import { mergedLimitProblems, shardProblems, type TenantShard } from '../model/shards.js';
import { mergeParts, partsFromState, partsState, recordOf, type RunPartsState, Simulation } from '../model/simulation.js';
import { parseJsonFile } from '../results/read.js';
import { renderFiles, renderTable, runResults, variantRun, type VariantRun } from '../results/index.js';
import { loadScenario, type LoadedScenario } from '../scenario/index.js';
import { RunInterrupted } from '../run.js';

/** shard.json's `format`. */
export const SHARD_FORMAT = 'tenancy-sim-shard/1';
/** Largest shard.json `merge` reads: 64 MiB (10,000 tenants over a month take 1.3 MB, 100,000 about 30 MB);
 *  parsed, a file takes several times its size in memory, and `merge` holds all the shards at once. */
export const MAX_SHARD_JSON_BYTES = 64 * 1024 * 1024;

/** What shard.json holds. */
export interface ShardDocument {
  format: string;
  scenario: { name: string; file: string; sha256: string; text: string };
  seed: number;
  /** The variants run, in order. */
  variants: string[];
  shard: TenantShard;
  /** Per variant, what its run of this shard recorded. */
  parts: RunPartsState[];
}

/** Why `scenario` cannot be run in tenant shards (empty when it can), a line per variant and reason. */
export function runShardProblems(scenario: LoadedScenario): string[] {
  return scenario.variants.flatMap((v) => [
    ...(v.config.traffic.some((t) => t.pattern.type === 'trace') ? [`variant ${v.name}: it replays a trace, whose file a merge could not read again`] : []),
    ...shardProblems(v.config).map((p) => `variant ${v.name}: ${p}`),
  ]);
}

/**
 * Simulates `shard` of every variant of `scenario` (loaded from `text`, the file `file`) and returns
 * shard.json's text. Yields between steps; @throws RunInterrupted when `signal` is aborted.
 */
export async function runShard(scenario: LoadedScenario, source: { file: string; text: string }, shard: TenantShard, signal?: AbortSignal): Promise<string> {
  const parts: RunPartsState[] = [];
  for (const v of scenario.variants) {
    const sim = new Simulation(v.config, v.name, { shard });
    try {
      while (!sim.step(500_000)) {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new RunInterrupted(`interrupted in variant ${v.name}`);
      }
      parts.push(partsState(sim.finishParts()));
    } finally {
      sim.close();
    }
  }
  const doc: ShardDocument = {
    format: SHARD_FORMAT,
    scenario: { name: scenario.name, file: source.file, sha256: createHash('sha256').update(source.text).digest('hex'), text: source.text },
    seed: scenario.seed, variants: scenario.variants.map((v) => v.name), shard, parts,
  };
  return `${JSON.stringify(doc)}\n`;
}

const count = z.number().int().nonnegative();
/** A peak held in an Int32Array. */
const peak = count.max(2 ** 31 - 1);
const amounts = z.array(z.number().nonnegative());
const hits = z.object(Object.fromEntries(LIMITS.map((l) => [l.name, count])) as Record<LimitName, typeof count>);
const level = z.object({ value: count, peak: count, lastTick: count, bucket: count, bucketEnd: z.number().positive(), bucketArea: count, bucketPeak: count, areas: z.array(count), peaks: z.array(count) });
const quantiles = z.object({
  count, max: z.number().nonnegative(), sumHigh: count, sumLow: count.max(2 ** 52 - 1), exact: amounts.max(EXACT_LIMIT).nullable(),
  sketch: z.object({ zeroCount: count, minKey: z.number().int(), counts: z.array(count) }).nullable(),
});
const partsSchema = z.object({
  horizonMs: z.number().nonnegative(), events: count, inFlight: z.array(count), peakBusy: z.array(peak), peakLive: z.array(peak),
  recorder: z.object({
    bucketMs: z.number().positive(),
    cells: z.object(Object.fromEntries(CELL_COUNTERS.map((k) => [k, amounts])) as Record<CellCounter, typeof amounts>),
    latency: z.object({ account: quantiles, functions: z.array(quantiles).nullable(), tenants: z.array(z.array(count)) }),
    functions: z.array(z.object({
      busy: level.nullable(), envs: level.nullable(), limitHits: hits, provisionedEnvironments: count, causes: z.array(count),
      replacements: count, asyncDropped: count, retries: count, tierHits: z.array(hits),
    })),
    busy: level, envs: level, limitHits: hits, arrivals: z.array(count), colds: z.array(count), throttles: z.array(count),
    windowColds: z.array(count), windowMs: z.number().positive(),
    lastArrivalMs: z.number().nonnegative(), tenantCauses: z.array(count), tenantReplacements: z.array(count),
  }),
});
const documentSchema: z.ZodType<ShardDocument> = z.object({
  format: z.literal(SHARD_FORMAT, { error: `expected a shard of this version of tenancy-sim (format ${SHARD_FORMAT})` }),
  scenario: z.object({ name: z.string().max(200), file: z.string().max(4096), sha256: z.string().regex(/^[0-9a-f]{64}$/), text: z.string() }),
  seed: z.number().int(),
  variants: z.array(z.string()).min(1).max(1000),
  shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).refine((s) => s.index <= s.count, 'expected 1 <= index <= count'),
  parts: z.array(partsSchema),
}).refine((d) => d.parts.length === d.variants.length, 'expected one part per variant') as unknown as z.ZodType<ShardDocument>;

/** shard.json's text read from `file`, checked, or its problems. */
export function readShardDocument(file: string, text: string): { ok: true; value: ShardDocument } | { ok: false; problems: string[] } {
  const read = parseJsonFile(file, text, documentSchema);
  if (!read.ok) return read;
  if (createHash('sha256').update(read.value.scenario.text).digest('hex') !== read.value.scenario.sha256) return { ok: false, problems: [`${file}: scenario.text: not the text its sha256 names`] };
  return read;
}

/** The merge of run shards' documents (read from `dirs`, in that order): the whole run's results and a note, or why not. */
export function mergeShardDocuments(docs: readonly ShardDocument[], dirs: readonly string[]): { ok: true; scenario: LoadedScenario; runs: VariantRun[]; text: string } | { ok: false; message: string } {
  const [first] = docs;
  const n = first.shard.count;
  for (const [i, d] of docs.entries()) {
    const other = [d.scenario.sha256 !== first.scenario.sha256 ? 'scenario text' : null, d.seed !== first.seed ? `seed (${d.seed}, not ${first.seed})` : null, d.variants.join('\n') !== first.variants.join('\n') ? 'variants or their order' : null].filter((x) => x !== null);
    if (other.length > 0) return { ok: false, message: `${dirs[i]} is a shard of another run than ${dirs[0]}: another ${other.join(', ')}` };
    if (d.shard.count !== n) return { ok: false, message: `${dirs[i]} is shard ${d.shard.index}/${d.shard.count}, ${dirs[0]} one of ${n}` };
  }
  const seen = new Map<number, string>();
  for (const [i, d] of docs.entries()) {
    const twice = seen.get(d.shard.index);
    if (twice !== undefined) return { ok: false, message: `shard ${d.shard.index}/${n} is given twice: ${twice} and ${dirs[i]}` };
    seen.set(d.shard.index, dirs[i]);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) return { ok: false, message: `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing: a merge needs all ${n}` };
  const loaded = loadScenario(first.scenario.text, first.scenario.file, { seed: first.seed, variants: first.variants });
  if (!loaded.ok) return { ok: false, message: `the scenario in ${dirs[0]}/shard.json does not load: ${loaded.errors[0].message}` };
  const scenario = loaded.scenario;
  const unsplittable = runShardProblems(scenario);
  if (unsplittable.length > 0) return { ok: false, message: `the scenario in ${dirs[0]}/shard.json cannot be split into tenant shards:\n  ${unsplittable.join('\n  ')}` };
  const runs: VariantRun[] = [];
  const problems: string[] = [];
  const ordered = [...docs].sort((a, b) => a.shard.index - b.shard.index);
  for (const [k, v] of scenario.variants.entries()) {
    let parts;
    try {
      parts = mergeParts(ordered.map((d) => partsFromState(v.config, v.name, d.parts[k])));
    } catch (e) {
      return { ok: false, message: `variant ${v.name}: the shards' numbers do not fit the scenario (${(e as Error).message})` };
    }
    const record = recordOf(parts);
    problems.push(...mergedLimitProblems(v.config, parts, record).map((p) => `variant ${v.name}: ${p}`));
    runs.push(variantRun(v.config, record));
  }
  if (problems.length > 0) {
    return { ok: false, message: `the shards' tenants could have been limited together, so their merge would not be the run:\n  ${problems.join('\n  ')}\nrun it whole, or raise the limit` };
  }
  const note = `merged ${n} shard${n === 1 ? '' : 's'}: every figure is the run's, but peaks (peak concurrency and environments, overall and per bucket) are upper bounds, the sum of the shards' (merged.json says so)\n`;
  return { ok: true, scenario, runs, text: note };
}

/** The files of a merged run's results folder, merged.json (which says which figures are bounds) among
 *  them, and its table. */
export function mergedRunFiles(runs: VariantRun[], shards: number) {
  const results = runResults(runs);
  const merged = {
    shards,
    exact: 'every count, cost, cold start, latency, time average and tenant row: the run\'s, byte for byte',
    upperBounds: 'peak concurrency and peak environments, at least the run\'s: per time bucket, the sum of the shards\' peaks in the bucket; overall (account and function), the highest of those sums; per tier and in the limits, the sum of the shards\' overall peaks',
  };
  return { files: { ...renderFiles(results, runs), 'merged.json': `${JSON.stringify(merged, null, 2)}\n` }, table: renderTable(results.summary) };
}
