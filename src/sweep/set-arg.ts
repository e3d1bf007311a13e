/**
 * The `--set path=v1,v2,...` argument: a path into the scenario and the values to try, read as a YAML flow
 * list so that `5m`, `10`, `true` and `{ exponential: { mean: 200ms } }` mean what they mean in the file.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { PathSegment, ScenarioError } from '../scenario/errors.js';
import { formatPath } from '../scenario/errors.js';
import { parsePath } from './paths.js';

/** A parsed `--set`: the path, its values, and where each value starts in the argument (0-based). */
export interface SetArgument {
  /** The argument as given (it names the "file" of located messages). */
  text: string;
  path: PathSegment[];
  values: unknown[];
  offsets: number[];
}

/** An error about `--set` argument `text`, pointing at its 0-based character `offset`. */
export function setArgumentError(text: string, offset: number, path: string, message: string): ScenarioError {
  return { file: `--set ${text}`, line: 1, col: offset + 1, path, message };
}

/**
 * Reads one `--set` argument.
 * @example parseSetArgument('tenants.count=10,100') // { ok: true, value: { path: ['tenants', 'count'], values: [10, 100], ... } }
 */
export function parseSetArgument(text: string): { ok: true; value: SetArgument } | { ok: false; error: ScenarioError } {
  const eq = text.indexOf('=');
  const fail = (offset: number, path: string, message: string) => ({ ok: false as const, error: setArgumentError(text, offset, path, message) });
  if (eq < 0) return fail(0, '(--set)', `expected path=value1,value2,... such as tenants.count=10,100,1000, got ${JSON.stringify(text)}`);
  const pathText = text.slice(0, eq).trim();
  const path = parsePath(pathText);
  if (path === null) return fail(0, '(--set)', `expected a path into the scenario such as tenants.count or traffic[0].poisson.rate, got ${JSON.stringify(pathText)}`);
  const key = formatPath(path);
  const listText = text.slice(eq + 1);
  if (listText.trim() === '') return fail(eq + 1, key, 'expected at least one value after =');
  const doc = parseDocument(`[${listText}]`, { uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) return fail(Math.min(text.length - 1, eq + Math.max(1, problem.pos[0])), key, `invalid value list: ${problem.message.split('\n')[0]}`);
  if (!isSeq(doc.contents)) return fail(eq + 1, key, 'expected values separated by commas');
  const offsets: number[] = [];
  for (const item of doc.contents.items) {
    const node = item as { range?: [number, number, number] };
    // position r of `[list]` is character eq + r of the argument
    offsets.push(eq + (node.range?.[0] ?? 1));
    if (!isScalar(item) && !isMap(item) && !isSeq(item)) return fail(eq + 1, key, 'expected plain values (no aliases)');
  }
  const values = doc.toJS({ maxAliasCount: 0 }) as unknown[];
  if (values.length === 0) return fail(eq + 1, key, 'expected at least one value after =');
  const seen = new Map<string, number>();
  for (const [i, v] of values.entries()) {
    const id = JSON.stringify(v);
    if (seen.has(id)) return fail(offsets[i], key, `duplicate value ${id}: each value once`);
    seen.set(id, i);
  }
  return { ok: true, value: { text, path, values, offsets } };
}
