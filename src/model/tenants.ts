/**
 * Tenant ids and popularity. Tenants are numbered 0..count-1 inside the model; ids come from the
 * scenario's pattern only when a record is written or a named tenant is looked up.
 */
import { AliasTable } from '../engine/alias-table.js';
import type { TenantsConfig } from './config.js';

/**
 * The id of tenant `index` (0-based): `{i}` in the pattern becomes index + 1, `{i:N}` the same zero-padded
 * to N digits.
 * @example tenantId('acme-{i:3}', 4) // 'acme-005'
 */
export function tenantId(pattern: string, index: number): string {
  return pattern.replace(/\{i(?::(\d+))?\}/g, (_m, width: string | undefined) => {
    const n = String(index + 1);
    return width === undefined ? n : n.padStart(Number(width), '0');
  });
}

/** Map from tenant id to index, for traffic that names a tenant. */
export function tenantIndexById(config: TenantsConfig): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < config.count; i++) map.set(tenantId(config.idPattern, i), i);
  return map;
}

/**
 * Popularity weights: uniform, or Zipf with exponent s (tenant i, 0-based, has weight 1 / (i + 1)^s, so the
 * first tenant is the most popular).
 */
export function popularityWeights(config: TenantsConfig): Float64Array {
  const w = new Float64Array(config.count);
  const s = config.popularity.type === 'zipf' ? config.popularity.exponent : 0;
  for (let i = 0; i < w.length; i++) w[i] = s === 0 ? 1 : 1 / Math.pow(i + 1, s);
  return w;
}

/** An O(1) sampler of tenant indices by popularity. */
export function popularitySampler(config: TenantsConfig): AliasTable {
  return new AliasTable(popularityWeights(config));
}
