/**
 * Tenant ids as AWS accepts them, and which ids a tenants `idPattern` and `count` produce. Ids are made by
 * the model's {@link tenantId}, so the scenario layer and the simulator agree on them.
 */
import type { TenantGroupConfig, TenantsConfig } from '../model/config.js';
import { tenantId } from '../model/tenants.js';
import { shown } from '../traces/index.js';

/** AWS tenant id format: 1 to 256 characters of `[a-zA-Z0-9._:/=+\-@ ]` (API_Invoke, `X-Amz-Tenant-Id`). */
export const TENANT_ID_RE = /^[a-zA-Z0-9._:/=+\-@ ]{1,256}$/;

/** The widest `{i:N}` padding accepted; wider ids could not be valid tenant ids anyway. */
const MAX_PAD = 256;

const PLACEHOLDER = /\{i(?::(\d+))?\}/g;

/** Why `id` is not a valid AWS tenant id, or undefined when it is. */
export function tenantIdProblem(id: string): string | undefined {
  if (TENANT_ID_RE.test(id)) return undefined;
  if (id.length === 0 || id.length > 256) return `a tenant id must be 1 to 256 characters long, got ${id.length}`;
  const bad = [...new Set([...id].filter((c) => !/[a-zA-Z0-9._:/=+\-@ ]/.test(c)))];
  const listed = bad.slice(0, 8).map(shown).join(', ') + (bad.length > 8 ? ` and ${bad.length - 8} more` : '');
  return `a tenant id may only use letters, digits, spaces and . _ : / = + - @, got ${listed}`;
}

/** The part of a tenant group that makes ids. */
export type IdSource = Pick<TenantGroupConfig, 'idPattern' | 'count'> & { ids?: readonly string[] | null };

/** Why `idPattern` with `count` tenants cannot produce valid, distinct tenant ids, or undefined. */
export function idPatternProblem(t: IdSource): string | undefined {
  const placeholders = [...t.idPattern.matchAll(PLACEHOLDER)];
  if (placeholders.length === 0) return `idPattern must contain {i} (or {i:N}) so that tenant ids differ, got ${JSON.stringify(t.idPattern)}`;
  if (placeholders.some((m) => Number(m[1] ?? 0) > MAX_PAD)) return `{i:N} padding must be at most ${MAX_PAD} digits`;
  const literal = t.idPattern.replace(PLACEHOLDER, '0');
  if (/[{}]/.test(literal)) return `idPattern may only use the placeholders {i} and {i:N}, got ${JSON.stringify(t.idPattern)}`;
  const longest = tenantId(t.idPattern, t.count - 1);
  const problem = tenantIdProblem(longest);
  return problem === undefined ? undefined : `idPattern makes invalid tenant ids such as ${JSON.stringify(longest.slice(0, 60))}: ${problem}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The 0-based index of the tenant with id `id`, or undefined when the tenants do not include it. Assumes a
 * pattern that {@link idPatternProblem} accepted.
 * @example tenantIndex({ count: 20, idPattern: 'tenant-{i}' }, 'tenant-3') // 2
 */
export function tenantIndex(t: IdSource, id: string): number | undefined {
  if (t.ids) {
    const i = t.ids.indexOf(id);
    return i < 0 ? undefined : i;
  }
  const parts = t.idPattern.split(PLACEHOLDER);
  // split keeps the capture group: literal, width, literal, width, ...; every other entry is a placeholder
  const source = parts.map((p: string, i: number) => (i % 2 === 0 ? escapeRe(p) : '(\\d+)')).join('');
  const m = new RegExp(`^${source}$`).exec(id);
  if (!m) return undefined;
  const index = Number(m[1]) - 1;
  return Number.isSafeInteger(index) && index >= 0 && index < t.count && tenantId(t.idPattern, index) === id ? index : undefined;
}

/** The population index of the tenant with id `id`, looking in every group; undefined when none has it. */
export function populationIndex(t: TenantsConfig, id: string): number | undefined {
  for (const g of t.groups) {
    const i = tenantIndex(g, id);
    if (i !== undefined) return g.first + i;
  }
  return undefined;
}
