/**
 * Default init durations by runtime, from the maxday/lambda-perf measurements of November 2025
 * (hello-world functions, about 300 forced cold starts per row; see `runtime-init-table.ts` and NOTICE).
 * Real functions with dependencies start slower: these defaults are a floor, not a forecast.
 */
import type { DistributionSpec } from '../engine/distribution-spec.js';
import { lognormalFromQuantile } from '../engine/distributions.js';
import type { Architecture } from './config.js';
import { RUNTIME_INIT_ROWS, type RuntimeInitRow } from './runtime-init-table.js';

/** Short names accepted besides the lambda-perf display names: `go` and `rust` are the AL2023 custom-runtime
 *  builds (AWS's managed `go1.x` runtime was retired; Rust has only ever run on `provided.*`). */
export const RUNTIME_ALIASES: Readonly<Record<string, string>> = {
  go: 'go (prov.al2023)',
  rust: 'rust (prov.al2023)',
};

/** The lambda-perf display name for `runtime`: its alias target, or `runtime` itself. Case-sensitive. */
export function resolveRuntimeAlias(runtime: string): string {
  return Object.hasOwn(RUNTIME_ALIASES, runtime) ? RUNTIME_ALIASES[runtime] : runtime;
}

/** A custom runtime: `provided`, `provided.al2`, `provided.al2023`, a lambda-perf name containing `prov.`
 *  (e.g. `go (prov.al2023)`), or an alias of one (`go`, `rust`). */
export function isCustomRuntime(runtime: string): boolean {
  const name = resolveRuntimeAlias(runtime);
  return name.startsWith('provided') || name.includes('prov.');
}

/** Rows by `runtime|package|architecture`, each list sorted by memory (the table is sorted). */
const ROWS_BY_KEY = new Map<string, RuntimeInitRow[]>();
for (const row of RUNTIME_INIT_ROWS) {
  const key = `${row[0]}|${row[1]}|${row[2]}`;
  const list = ROWS_BY_KEY.get(key);
  if (list) list.push(row);
  else ROWS_BY_KEY.set(key, [row]);
}

/** The row whose memory is nearest `memoryMb` (ties: the smaller memory; above the largest: the largest). */
function nearestMemoryRow(rows: readonly RuntimeInitRow[], memoryMb: number): RuntimeInitRow {
  let best = rows[0];
  for (const row of rows) {
    if (Math.abs(row[3] - memoryMb) < Math.abs(best[3] - memoryMb)) best = row;
  }
  return best;
}

/**
 * The default init-duration distribution (ms) of a runtime, or undefined when the runtime is unknown or was not
 * measured with that package type and architecture (e.g. `quarkus (prov.al2)` on arm64).
 *
 * `runtime` is a lambda-perf display name (`python3.13`, `nodejs22.x`, `java21`, `go (prov.al2023)`, see
 * {@link knownRuntimes}) or an alias from {@link RUNTIME_ALIASES}. The row of the nearest measured memory size
 * is used (128, 256, 512 or 1,024 MB; ties go to the smaller; larger memory uses 1,024 MB). The result is the
 * lognormal with that row's median and p90 (`{ type: 'lognormal', mu, sigma }` of ln ms), or
 * `{ type: 'constant', value: median }` when p90 <= median.
 * @throws RangeError when `memoryMb` is not a finite number > 0.
 * @example defaultInitDuration('python3.13', 'x86_64', 'zip', 128) // lognormal, median 102 ms, p90 129.1 ms
 */
export function defaultInitDuration(
  runtime: string,
  architecture: Architecture,
  packageType: 'zip' | 'image',
  memoryMb: number,
): DistributionSpec | undefined {
  if (!(Number.isFinite(memoryMb) && memoryMb > 0)) throw new RangeError(`memoryMb must be a finite number > 0, got ${memoryMb}`);
  const rows = ROWS_BY_KEY.get(`${resolveRuntimeAlias(runtime)}|${packageType}|${architecture}`);
  if (!rows) return undefined;
  const [, , , , , , medianMs, p90Ms] = nearestMemoryRow(rows, memoryMb);
  if (!(p90Ms > medianMs)) return { type: 'constant', value: medianMs };
  return { type: 'lognormal', ...lognormalFromQuantile(medianMs, p90Ms, 'p90') };
}

/** Every runtime name `defaultInitDuration` knows (lambda-perf display names and aliases), sorted. */
export function knownRuntimes(): string[] {
  const names = new Set<string>(Object.keys(RUNTIME_ALIASES));
  for (const row of RUNTIME_INIT_ROWS) names.add(row[0]);
  return [...names].sort();
}
