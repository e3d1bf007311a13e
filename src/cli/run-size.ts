/**
 * How large a run may be: its invocations (all variants together) are estimated before it starts, and a run
 * expected to exceed the limit is refused unless the user raises it with `--max-invocations`.
 */
import { expectedInvocations, expectedPings } from '../model/estimate.js';
import { type LoadedScenario, loadScenario } from '../scenario/index.js';
import { MAX_RUN_INVOCATIONS } from '../scenario/limits.js';

/** More invocations than any run could simulate (a year at 2 million a second is 6e13). */
const MAX_RUNNABLE = 1e15;

/** The expected invocations of every variant of `scenario` together, warmers' pings included (each is an
 *  invocation for the platform). */
export function expectedRunInvocations(scenario: LoadedScenario): number {
  return scenario.variants.reduce((s, v) => s + expectedInvocations(v.config) + expectedPings(v.config), 0);
}

/** The `--max-invocations` value as a limit, or a problem with it. Default: {@link MAX_RUN_INVOCATIONS}. */
export function readLimit(text: string | undefined): { limit: number } | { problem: string } {
  if (text === undefined) return { limit: MAX_RUN_INVOCATIONS };
  const n = Number(text);
  return /^\d+(e\d+)?$/i.test(text) && Number.isSafeInteger(n) && n > 0 ? { limit: n } : { problem: `--max-invocations must be a whole number above 0, got ${JSON.stringify(text.slice(0, 40))}` };
}

/**
 * Why `scenario` is too large to run under `limit` invocations, or null.
 * @param reruns how many times its variants run in all: 1, or with `--sensitivity` once more per
 *   sensitivity run
 */
export function runSizeProblem(scenario: LoadedScenario, limit: number, reruns = 1): string | null {
  const expected = expectedRunInvocations(scenario) * reruns;
  if (Number.isFinite(expected) && expected <= limit) return null;
  const variants = `${scenario.variants.length} variant${scenario.variants.length === 1 ? '' : 's'}${reruns > 1 ? `, run ${reruns} times (--sensitivity)` : ''}`;
  if (!(expected <= MAX_RUNNABLE)) {
    const about = Number.isFinite(expected) ? `about ${expected.toPrecision(3)}` : 'more than can be counted';
    return `the run would have ${about} invocations in ${variants}, far more than any run can simulate: check the rates, counts, rounds and intervals of the traffic, and the warmers`;
  }
  return `the run would have about ${Math.round(expected).toLocaleString('en-US')} invocations in ${variants}, more than the ${limit.toLocaleString('en-US')} allowed; pass --max-invocations ${Math.ceil(expected)} to run it anyway`;
}

/**
 * Why a sweep whose points are the scenario documents `points` (YAML; `file` names them), each run
 * `replications` times, is too large under `limit` invocations in all, or null.
 */
export function sweepSizeProblem(points: readonly string[], file: string, replications: number, limit: number): string | null {
  let expected = 0;
  let variants = 0;
  for (const text of points) {
    const loaded = loadScenario(text, file);
    if (!loaded.ok) continue;
    expected += expectedRunInvocations(loaded.scenario) * replications;
    variants = Math.max(variants, loaded.scenario.variants.length);
  }
  if (Number.isFinite(expected) && expected <= limit) return null;
  const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  const runs = `${plural(points.length, 'point')} x ${plural(variants, 'variant')} x ${plural(replications, 'replication')}`;
  if (!(expected <= MAX_RUNNABLE)) {
    const about = Number.isFinite(expected) ? `about ${expected.toPrecision(3)}` : 'more than can be counted';
    return `the sweep would have ${about} invocations in ${runs}, far more than any run can simulate: check the rates, counts, rounds and intervals of the traffic and the swept values`;
  }
  return `the sweep would have about ${Math.round(expected).toLocaleString('en-US')} invocations in ${runs}, more than the ${limit.toLocaleString('en-US')} allowed; pass --max-invocations ${Math.ceil(expected)} to run it anyway`;
}
