/**
 * The `variants` section: named overrides deep-merged over the scenario document, and which part of the
 * file (the base document or a variant's overrides) a problem of a merged variant comes from.
 */
import { type PathSegment, describeValue, formatPath, isPlainObject } from './errors.js';
import type { Problem } from './issues.js';
import { MAX_VARIANTS } from './limits.js';
import { didYouMean, listNames } from '../text/suggest.js';

/** One variant to build: its name and its overrides. */
export interface VariantSource {
  name: string;
  overrides: Record<string, unknown>;
  /** True for the built-in `shared`/`isolated` pair used when the file has no `variants` section: their
   *  overrides exist nowhere in the file. */
  builtIn: boolean;
}

/** The variants used when a scenario has no `variants` section. */
export const DEFAULT_VARIANTS: readonly VariantSource[] = [
  { name: 'shared', overrides: { tenancy: 'shared' }, builtIn: true },
  { name: 'isolated', overrides: { tenancy: 'isolated' }, builtIn: true },
];

const VARIANT_NAME = /^[A-Za-z0-9._-]+$/;
/** Keys a variant may not override. */
const FORBIDDEN: Readonly<Record<string, string>> = {
  name: 'a variant may not change the scenario `name`',
  variants: 'a variant may not contain `variants`',
};

/**
 * The variants of the `variants` section `raw` (in `order`, the file order of its keys), and the problems
 * of the section itself, with paths from the document root.
 */
export function readVariants(raw: unknown, order: readonly string[]): { variants: VariantSource[]; problems: Problem[] } {
  const at = (...rest: PathSegment[]) => ['variants', ...rest];
  if (!isPlainObject(raw)) {
    return { variants: [], problems: [{ path: at(), message: `expected a map of variant name to overrides, got ${describeValue(raw)}` }] };
  }
  const names = Object.keys(raw).sort((a, b) => rank(order, a) - rank(order, b));
  if (names.length === 0) return { variants: [], problems: [{ path: at(), message: 'expected at least one variant' }] };
  if (names.length > MAX_VARIANTS) {
    return { variants: [], problems: [{ path: at(), message: `expected at most ${MAX_VARIANTS} variants (a comparison a report can show), got ${names.length}; compare more settings with a sweep (docs/capacity-planning.md)` }] };
  }
  const problems: Problem[] = [];
  const variants: VariantSource[] = [];
  for (const name of names) {
    const overrides = raw[name];
    if (!VARIANT_NAME.test(name) || /^\.+$/.test(name)) {
      problems.push({ path: at(name), target: 'key', message: `expected a variant name of letters, digits, '.', '_' and '-' (not only dots), got ${JSON.stringify(name)}` });
    }
    if (!isPlainObject(overrides)) {
      problems.push({ path: at(name), message: `expected a map of overrides (e.g. { tenancy: isolated }), got ${describeValue(overrides)}` });
      continue;
    }
    for (const key of Object.keys(FORBIDDEN)) {
      if (Object.hasOwn(overrides, key)) problems.push({ path: at(name, key), target: 'key', message: FORBIDDEN[key] });
    }
    variants.push({ name, overrides, builtIn: false });
  }
  return { variants: problems.length ? [] : variants, problems };
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/**
 * `overrides` deep-merged over `base`: maps merge key by key, recursively; lists, scalars and null replace;
 * a map over a list of named maps (such as `tenants.groups`) changes the items it names, by name, when it
 * names only items of the list (else it replaces the list, and the schema says what was expected).
 * Neither input is modified.
 * @example deepMerge({ groups: [{ name: 'premium', count: 5 }] }, { groups: { premium: { tenancy: 'isolated' } } })
 *   // { groups: [{ name: 'premium', count: 5, tenancy: 'isolated' }] }
 */
export function deepMerge(base: unknown, overrides: unknown): unknown {
  if (Array.isArray(base) && isPlainObject(overrides)) return mergeByName(base, overrides);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const out: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const k of Object.keys(base)) set(k, base[k]);
  for (const k of Object.keys(overrides)) set(k, Object.hasOwn(base, k) ? deepMerge(base[k], overrides[k]) : overrides[k]);
  return out;
}

/**
 * Keys of `overrides` maps that change a list of named items (see mergeByName) and name none of them, with
 * their paths inside the overrides: a misspelt group name is reported as such rather than as a map where a
 * list was expected.
 */
export function byNameProblems(base: unknown, overrides: unknown, path: PathSegment[] = []): Problem[] {
  if (!isPlainObject(overrides)) return [];
  if (Array.isArray(base)) {
    const names = base.map((x) => (isPlainObject(x) && typeof x.name === 'string' ? x.name : undefined)).filter((n): n is string => n !== undefined);
    if (names.length === 0) return [];
    const what = path[path.length - 1] === 'groups' ? 'tenant group' : 'item';
    return Object.keys(overrides).filter((k) => !names.includes(k)).map((k) => ({
      path: [...path, k], target: 'key' as const,
      message: `no ${what} named \`${k}\` to change${didYouMean(k, names)} (${what}s: ${listNames(names)})`,
    }));
  }
  if (!isPlainObject(base)) return [];
  return Object.keys(overrides).filter((k) => Object.hasOwn(base, k)).flatMap((k) => byNameProblems(base[k], overrides[k], [...path, k]));
}

/** Items of `list` changed by the maps of `byName` that name them; `byName` itself when it names anything else. */
function mergeByName(list: unknown[], byName: Record<string, unknown>): unknown {
  const names = list.map((x) => (isPlainObject(x) && typeof x.name === 'string' ? x.name : undefined));
  const keys = Object.keys(byName);
  if (keys.length === 0 || keys.some((k) => !names.includes(k) || !isPlainObject(byName[k]))) return byName;
  return list.map((x, i) => {
    const n = names[i];
    return n !== undefined && Object.hasOwn(byName, n) ? deepMerge(x, byName[n]) : x;
  });
}

/** `path` as written in the overrides: an index into a list changed by name (see mergeByName) becomes the
 *  item's name. */
function namedPath(path: readonly PathSegment[], base: unknown, overrides: unknown): PathSegment[] {
  const out: PathSegment[] = [];
  let o = overrides;
  let b = base;
  for (const seg of path) {
    let key = seg;
    if (Array.isArray(b) && isPlainObject(o) && typeof seg === 'number' && isPlainObject(b[seg]) && typeof (b[seg] as Record<string, unknown>).name === 'string') {
      key = (b[seg] as Record<string, unknown>).name as string;
    }
    out.push(key);
    o = isPlainObject(o) ? o[key] : undefined;
    b = isPlainObject(b) || Array.isArray(b) ? (b as Record<PathSegment, unknown>)[seg] : undefined;
  }
  return out;
}

/**
 * Whether the value at `path` of the merged document comes from the overrides: they set it (or replaced a
 * map above it with a list or scalar), or they added the map that lacks it.
 */
export function fromOverrides(path: readonly PathSegment[], base: unknown, overrides: unknown): boolean {
  let o = overrides;
  let b = base;
  for (let seg of path) {
    if (!isPlainObject(o)) return true;
    // a map over a list of named items (see mergeByName): the item's name is its key in the overrides
    if (Array.isArray(b) && typeof seg === 'number' && isPlainObject(b[seg]) && typeof (b[seg] as Record<string, unknown>).name === 'string') {
      const name = (b[seg] as Record<string, unknown>).name as string;
      if (Object.hasOwn(o, name)) {
        o = o[name];
        b = b[seg];
        continue;
      }
      seg = name;
    }
    if (!Object.hasOwn(o, seg)) return !(isPlainObject(b) || Array.isArray(b));
    o = o[seg];
    b = isPlainObject(b) || Array.isArray(b) ? (b as Record<PathSegment, unknown>)[seg] : undefined;
  }
  return true;
}

/** Where a problem of a merged variant is shown: its path in the file and whether that is in the overrides. */
export interface Placement {
  path: PathSegment[];
  inOverrides: boolean;
  message: string;
}

/**
 * Places `p`, found in variant `v` merged over `base`: at its own path in the overrides when they set it;
 * else at a related path the overrides set (naming the original field); else at its path in the base.
 */
export function place(p: Problem, v: VariantSource, base: unknown): Placement {
  if (v.builtIn) return { path: p.path, inOverrides: false, message: p.message };
  const inVariant = (path: readonly PathSegment[]) => ['variants', v.name, ...namedPath(path, base, v.overrides)];
  if (fromOverrides(p.path, base, v.overrides)) return { path: inVariant(p.path), inOverrides: true, message: p.message };
  const related = p.related?.find((r) => fromOverrides(r, base, v.overrides));
  if (related) return { path: inVariant(related), inOverrides: true, message: `${p.message} (about \`${formatPath(p.path)}\`)` };
  return { path: p.path, inOverrides: false, message: p.message };
}
