/**
 * Paths into a scenario document as sweeps write them (`tenants.count`, `traffic[0].poisson.rate`,
 * `routes["a.b"].share`: the form messages use, see `formatPath`), and setting a value at one.
 */
import { type PathSegment, formatPath, isPlainObject } from '../scenario/errors.js';
import { deepMerge } from '../scenario/variants.js';

const SEGMENT = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\["([^"]*)"\]/y;

/**
 * The segments of a path written like `traffic[0].poisson.rate`, or null when it is not one.
 * @example parsePath('traffic[0].poisson.rate') // ['traffic', 0, 'poisson', 'rate']
 */
export function parsePath(text: string): PathSegment[] | null {
  const out: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < text.length) {
    const at = SEGMENT.lastIndex;
    const m = SEGMENT.exec(text);
    if (m === null) return null;
    const dotted = text[at] === '.';
    if ((dotted && at === 0) || (m[1] !== undefined && !dotted && at > 0)) return null; // `.a` or `a[0]b`
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
  }
  return out.length > 0 && typeof out[0] === 'string' ? out : null;
}

/** The outcome of {@link setAtPath}. */
export type SetResult = { ok: true; doc: unknown } | { ok: false; message: string };

/**
 * `doc` with `value` deep-merged at `path` (maps merge key by key as in variants; lists and scalars
 * replace). Missing maps on the way are created; a list index must exist. Neither input is modified.
 * @example setAtPath({ tenants: { count: 5 } }, ['tenants', 'count'], 10) // { ok: true, doc: { tenants: { count: 10 } } }
 */
export function setAtPath(doc: unknown, path: readonly PathSegment[], value: unknown): SetResult {
  if (path.length === 0) return { ok: true, doc: deepMerge(doc, value) };
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    if (!Array.isArray(doc)) return { ok: false, message: `\`${formatPath(path)}\` indexes a list, but the scenario has ${describe(doc)} there` };
    if (head >= doc.length) return { ok: false, message: `the scenario's list has ${doc.length} entr${doc.length === 1 ? 'y' : 'ies'}, so there is no [${head}]` };
    const inner = setAtPath(doc[head], rest, value);
    if (!inner.ok) return inner;
    const copy = [...doc];
    copy[head] = inner.doc;
    return { ok: true, doc: copy };
  }
  if (doc !== undefined && doc !== null && !isPlainObject(doc)) {
    return { ok: false, message: `\`${head}\` is a key of a map, but the scenario has ${describe(doc)} there` };
  }
  const map = (doc ?? {}) as Record<string, unknown>;
  const inner = setAtPath(Object.hasOwn(map, head) ? map[head] : undefined, rest, value);
  if (!inner.ok) return inner;
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a key such as `__proto__` stays an ordinary key
  const set = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(map)) set(k, map[k]);
  set(head, inner.doc);
  return { ok: true, doc: out };
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'a map';
  return `the value ${JSON.stringify(v)}`;
}
