/**
 * Turns Zod issues into problems with full paths and readable messages: unions are resolved to the branch
 * the input was meant for, unknown keys get one problem each with a "did you mean", and a missing key says
 * so instead of "expected a string, got nothing".
 */
import type { z } from 'zod';
import { type PathSegment, describeValue, isPlainObject } from './errors.js';
import type { Target } from './locate.js';
import { didYouMean, listNames } from '../text/suggest.js';

/** A problem found in a document, before it is located in the file. */
export interface Problem {
  path: PathSegment[];
  message: string;
  /** Point at the key rather than the value. Default: `value`. */
  target?: Target;
  /** Other paths the problem depends on (e.g. `tenancy` for provisioned concurrency on an isolated function):
   *  when one of them comes from a variant's overrides and `path` does not, the problem is shown there. */
  related?: PathSegment[][];
  /** A required key is absent (rather than a present value being wrong). */
  missing?: boolean;
}

type Issue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a map',
  record: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

/** Messages for issues whose schema has no message of its own; pass as `error` to `safeParse`. */
export function genericMessage(iss: z.core.$ZodRawIssue): string | undefined {
  const got = describeValue(iss.input);
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${got}`;
    case 'too_small':
      return iss.origin === 'array' ? `expected at least ${iss.minimum} entries, got ${got}` : `expected at least ${iss.minimum}, got ${got}`;
    case 'too_big':
      return `expected at most ${iss.maximum}, got ${got}`;
    case 'invalid_value':
      return `expected ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}`;
    default:
      return undefined;
  }
}

interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  innerType?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  in?: z.core.$ZodType;
}

const def = (s: z.core.$ZodType) => s._zod.def as unknown as Def;

/** The schemas a value at this schema may be checked by, looking through wrappers, pipes and unions. */
function unwrap(s: z.core.$ZodType): z.core.$ZodType[] {
  const d = def(s);
  if (d.innerType) return unwrap(d.innerType);
  if (d.type === 'pipe' && d.in) return unwrap(d.in);
  if (d.type === 'union' && d.options) return d.options.flatMap(unwrap);
  return [s];
}

/** The keys the object schema(s) at `path` of `schema` allow, in declaration order. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PathSegment[]): string[] {
  let current = unwrap(schema);
  for (const seg of path) {
    current = current.flatMap((s) => {
      const d = def(s);
      if (d.type === 'object' && d.shape) return Object.hasOwn(d.shape, seg) ? unwrap(d.shape[seg]) : [];
      if (d.type === 'record' && d.valueType) return unwrap(d.valueType);
      if (d.type === 'array' && d.element) return unwrap(d.element);
      return [];
    });
  }
  return [...new Set(current.flatMap((s) => (def(s).type === 'object' ? Object.keys(def(s).shape ?? {}) : [])))];
}

function valueAt(root: unknown, path: readonly PathSegment[]): { parent: unknown; present: boolean } {
  let parent: unknown = undefined;
  let node: unknown = root;
  for (const seg of path) {
    parent = node;
    if (!(isPlainObject(node) || Array.isArray(node)) || !Object.hasOwn(node, seg)) return { parent, present: false };
    node = (node as Record<PathSegment, unknown>)[seg];
  }
  return { parent, present: true };
}

/** A union branch that failed only because the value had another type (a string given to the map branch). */
function isMismatch(branch: readonly Issue[]): boolean {
  return branch.length > 0 && branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
}

/**
 * Problems from the issues of `schema.safeParse(root)`, one per unknown key, with paths from the root.
 */
export function problemsFromIssues(issues: readonly Issue[], schema: z.core.$ZodType, root: unknown): Problem[] {
  const flatten = (issue: Issue, prefix: PathSegment[]): Problem[] => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      const at = valueAt(root, path);
      if (!at.present && isPlainObject(at.parent) && path.length > 0) {
        return [{ path, missing: true, message: `missing required key \`${String(path[path.length - 1])}\`` }];
      }
    }
    switch (issue.code) {
      case 'invalid_union': {
        const meant = issue.errors.filter((b) => !isMismatch(b));
        return meant.length === 1 ? meant[0].flatMap((i) => flatten(i, path)) : [{ path, message: issue.message }];
      }
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path);
        const hint = (k: string) => didYouMean(k, known) || (known.length ? `; allowed keys: ${listNames(known, 20)}` : '');
        return issue.keys.map((k) => ({ path: [...path, k], target: 'key', message: `unknown key \`${k}\`${hint(k)}` }));
      }
      case 'invalid_key':
        return [{ path, target: 'key', message: issue.issues[0]?.message ?? issue.message }];
      default:
        return [{ path, message: issue.message }];
    }
  };
  return issues.flatMap((i) => flatten(i, []));
}
