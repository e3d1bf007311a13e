/**
 * A trace held as columns of typed arrays, one entry per arrival (the `csv` and `azure2021` formats): sorted
 * by time once, with tenants and functions renumbered in order of first appearance, and replayed by a cursor
 * that only walks the arrays (it draws nothing from its random stream).
 */
import type { RandomStream } from '../engine/random.js';
import type { TraceCursor, TraceData, TraceFormat } from './types.js';

/** Arrivals in file order, one entry per row. */
export interface Rows {
  /** Arrival time in ms from the trace's origin. */
  timeMs: Float64Array;
  /** Function index (into the names given with the rows). */
  fn: Int32Array;
  /** Tenant index per row (-1: none), or null when the tenant follows from the function (`fnTenant`). */
  tenant: Int32Array | null;
  /** Handler duration in ms, NaN when the row has none. */
  durationMs: Float64Array;
}

/** What {@link columnarTrace} needs besides the rows. */
export interface ColumnarInput {
  format: TraceFormat;
  file: string;
  rows: Rows;
  functions: readonly string[];
  tenants: readonly string[];
  /** Tenant of each function when `rows.tenant` is null. */
  fnTenant: Int32Array | null;
}

/** Whether `t` is nondecreasing. */
export function isSorted(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] < t[i - 1]) return false;
  return true;
}

/**
 * Row indices in order of time, ties in file order (a stable sort). A bucket sort: rows are distributed
 * into `n` equal-width time buckets in file order, then each bucket is sorted by time (insertion sort when
 * small). For 2 million rows this is about 5x faster than sorting indices with a comparator.
 */
export function timeOrder(t: Float64Array): Uint32Array {
  const n = t.length;
  const order = new Uint32Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (t[i] < min) min = t[i];
    if (t[i] > max) max = t[i];
  }
  if (!(max > min)) return order.map((_, i) => i);
  const scale = (n - 1) / (max - min);
  if (!Number.isFinite(scale)) return sortBucket(order.map((_, i) => i), 0, n, t, true); // a span of a few subnormals
  const bucket = new Uint32Array(n);
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) start[(bucket[i] = Math.min(n - 1, Math.floor((t[i] - min) * scale))) + 1]++;
  for (let b = 0; b < n; b++) start[b + 1] += start[b];
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]]++] = i;
  for (let b = 0; b < n; b++) sortBucket(order, start[b], start[b + 1], t);
  return order;
}

/** Sorts `order[s..e)` by time (entries in file order, ties keep it); returns `order`. */
function sortBucket(order: Uint32Array, s: number, e: number, t: Float64Array, large = e - s > 32): Uint32Array {
  if (large) {
    order.subarray(s, e).sort((a, b) => t[a] - t[b] || a - b);
    return order;
  }
  for (let i = s + 1; i < e; i++) {
    const x = order[i];
    let j = i - 1;
    for (; j >= s && t[order[j]] > t[x]; j--) order[j + 1] = order[j];
    order[j + 1] = x;
  }
  return order;
}

/** `values` permuted by `order`. */
function gather<T extends Float64Array | Int32Array>(values: T, order: Uint32Array): T {
  const out = new (values.constructor as new (n: number) => T)(values.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

/** Renumbers `ids` in place in order of first appearance; returns old id -> new id (-1 for unseen). */
function renumber(ids: Int32Array, count: number): Int32Array {
  const map = new Int32Array(count).fill(-1);
  let next = 0;
  for (let i = 0; i < ids.length; i++) {
    const old = ids[i];
    if (old < 0) continue;
    if (map[old] < 0) map[old] = next++;
    ids[i] = map[old];
  }
  return map;
}

/** `names` reordered by `map` (old -> new), unseen names dropped. */
function reorder(names: readonly string[], map: Int32Array): string[] {
  const out: string[] = [];
  map.forEach((to, from) => {
    if (to >= 0) out[to] = names[from];
  });
  return out;
}

/**
 * Builds the trace: sorts the rows by time if they are not sorted yet (stable) and renumbers the ids. Takes
 * the rows over (their arrays may be changed in place).
 */
export function columnarTrace(input: ColumnarInput): TraceData {
  let { timeMs, fn, tenant, durationMs } = input.rows;
  if (!isSorted(timeMs)) {
    const order = timeOrder(timeMs);
    [timeMs, fn, durationMs] = [gather(timeMs, order), gather(fn, order), gather(durationMs, order)];
    if (tenant !== null) tenant = gather(tenant, order);
  }
  const fnMap = renumber(fn, input.functions.length);
  const functions = reorder(input.functions, fnMap);
  let fnTenant: Int32Array | null = null;
  let tenants: string[];
  if (tenant !== null) {
    tenants = reorder(input.tenants, renumber(tenant, input.tenants.length));
  } else {
    // Tenants in order of their first function's first arrival.
    const byFn = new Int32Array(functions.length);
    fnMap.forEach((to, from) => {
      if (to >= 0) byFn[to] = input.fnTenant![from];
    });
    const tenantMap = renumber(byFn, input.tenants.length);
    fnTenant = byFn;
    tenants = reorder(input.tenants, tenantMap);
  }
  const n = timeMs.length;
  const columns = { timeMs, fn, tenant, fnTenant, durationMs };
  return {
    format: input.format,
    file: input.file,
    tenants,
    functions,
    arrivals: n,
    endMs: n > 0 ? timeMs[n - 1] : 0,
    cursor: (_rng: RandomStream) => new ColumnCursor(columns),
  };
}

/** Walks the columns; the stream is not used (every value is in the trace). */
class ColumnCursor implements TraceCursor {
  timeMs = NaN;
  tenant = -1;
  fn = -1;
  durationMs = NaN;
  private i = -1;

  constructor(
    private readonly c: {
      timeMs: Float64Array;
      fn: Int32Array;
      tenant: Int32Array | null;
      fnTenant: Int32Array | null;
      durationMs: Float64Array;
    },
  ) {}

  next(): boolean {
    const i = ++this.i;
    const c = this.c;
    if (i >= c.timeMs.length) return false;
    this.timeMs = c.timeMs[i];
    this.fn = c.fn[i];
    this.tenant = c.tenant !== null ? c.tenant[i] : c.fnTenant![this.fn];
    this.durationMs = c.durationMs[i];
    return true;
  }
}
