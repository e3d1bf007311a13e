/**
 * The scenario runtime id of a function, from the runtime versions its init lines logged
 * (`INIT_START Runtime Version: nodejs:22.v48`, `platform.initStart` `runtimeVersion`), from the command line,
 * or a default; checked against the runtimes tenancy-sim has init times for.
 */
import { knownRuntimes } from '../model/runtimes.js';
import { OTHERS } from './group.js';

/** Runtime used when neither the logs nor the options name one. Default: `nodejs22.x`. */
export const DEFAULT_RUNTIME = 'nodejs22.x';

/** The runtime a fragment names, where it came from, and a note when it is a stand-in. */
export interface RuntimeChoice {
  /** Scenario runtime id (`nodejs22.x`). */
  id: string;
  source: 'option' | 'logs' | 'default';
  /** Why the default stands in, or what to check; shown as a comment. */
  note?: string;
}

/**
 * The scenario runtime id of a logged runtime version, or undefined when it is not of the form
 * `<family>:<version>.v<n>`.
 * @example runtimeIdOf('nodejs:22.v48') // 'nodejs22.x'
 * @example runtimeIdOf('python:3.13.v16') // 'python3.13'
 * @example runtimeIdOf('java:8.al2.v12') // 'java8.al2'
 */
export function runtimeIdOf(version: string): string | undefined {
  const m = /^([a-z]+):(.+?)\.v\d+$/.exec(version);
  if (!m) return undefined;
  const [, family, v] = m;
  if (family === 'nodejs') return `nodejs${v}.x`;
  if (family === 'provided') return `provided.${v}`;
  return `${family}${v}`;
}

/** The most frequent key of `counts` but {@link OTHERS} (ties: the first seen), or undefined when none. */
function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [k, n] of counts) if (k !== OTHERS && n > bestCount) (best = k), (bestCount = n);
  return best;
}

/**
 * The runtime to write for a function: `option` when given; else the most frequent logged version's id when
 * tenancy-sim knows it, or when init durations were logged (the fragment then sets `initDuration`, and the
 * runtime's table entry is not needed); else {@link DEFAULT_RUNTIME} with a note.
 */
export function chooseRuntime(runtimeVersions: ReadonlyMap<string, number>, hasInitSamples: boolean, option?: string): RuntimeChoice {
  const known = knownRuntimes();
  if (option !== undefined) {
    const note = known.includes(option) || hasInitSamples ? undefined : `tenancy-sim has no init times for ${option} and no cold start was logged: set initDuration`;
    return { id: option, source: 'option', note };
  }
  const version = mostFrequent(runtimeVersions);
  if (version === undefined) return { id: DEFAULT_RUNTIME, source: 'default', note: 'no runtime version in the logs: set yours with --runtime' };
  const id = runtimeIdOf(version);
  if (id !== undefined && (known.includes(id) || hasInitSamples)) return { id, source: 'logs' };
  const why = id === undefined ? 'which is not a runtime id' : 'which tenancy-sim has no init times for, and no cold start was logged';
  return { id: DEFAULT_RUNTIME, source: 'default', note: `the logs name ${version}, ${why}: set runtime and initDuration` };
}
