/**
 * The error type of the scenario layer and how paths and values are written in messages.
 */

/** One problem in a scenario file, located at the YAML node it is about. */
export interface ScenarioError {
  /** The file name given to {@link loadScenario}, as given. */
  file: string;
  /** 1-based line of the offending node (of its parent map for a missing key). */
  line: number;
  /** 1-based column. */
  col: number;
  /** Where in the document: `functions.api.memoryMb`, `traffic[0].poisson.rate`, or `(root)`. */
  path: string;
  /** What was expected and what was found. */
  message: string;
}

/** One step of a path inside the document: a map key or a list index. */
export type PathSegment = string | number;

/**
 * `file:line:col: path: message`, the form editors and terminals turn into links.
 * @example formatError({ file: 'a.yaml', line: 3, col: 5, path: 'seed', message: 'expected an integer' })
 *   // 'a.yaml:3:5: seed: expected an integer'
 */
export function formatError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.path}: ${e.message}`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A path as text: keys joined by dots, indices in brackets, odd keys quoted; `(root)` for the empty path.
 * @example formatPath(['traffic', 0, 'poisson', 'rate']) // 'traffic[0].poisson.rate'
 */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Whether `v` is a plain object (a YAML map), not null, a list or a class instance. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A found value as it reads in a message: numbers and booleans as is, strings quoted (cut at 40 characters),
 * `a map`, `a list`, `null`, `nothing` for a missing value.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (isPlainObject(v)) return Object.keys(v).length === 0 ? 'an empty map' : 'a map';
  return typeof v;
}
