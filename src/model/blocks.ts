/**
 * One 64-byte block per pool of idle environments, shared by the pool's idle list and the counters of the
 * (function, tenant) cell with the same index (an isolated function's pool of a tenant is that cell). An
 * invocation reads and writes both, so they sit in one cache line (speed: with 100,000 tenants, each in its
 * own line, a request costs one miss there instead of two).
 *
 * Pools of shared functions and of provisioned environments come after the cells (see Simulation), so their
 * blocks hold only pool fields; the cells of shared functions hold only counters.
 */
export const enum Block {
  /** The cell counters every invocation changes (see Cells): invocations, completed ones, their billed ms
   *  on demand, and the environments created for the cell. */
  INVOCATIONS = 0,
  COMPLETED = 1,
  BILLED_MS = 2,
  ENVIRONMENTS = 3,
  /** Pool fields (see Pools): head and tail of its idle list (-1 = none) and the time of its pending
   *  keep-alive check (-1 = none). */
  HEAD = 4,
  TAIL = 5,
  CHECK_AT = 6,
  /** Where the latency histogram of the tenant column with this block's index is (see GroupHistograms; -1 =
   *  none yet): tenant t's is in block t + 1, the cell of the first function, which its requests to that
   *  function have just touched. */
  TENANT_LATENCY = 7,
  /** 64-bit words per block. */
  STRIDE = 8,
}

/** `count` blocks with empty pools and zero counters. */
export function createBlocks(count: number): Float64Array {
  const b = new Float64Array(count * Block.STRIDE);
  for (let p = 0; p < count; p++) {
    b[p * Block.STRIDE + Block.HEAD] = -1;
    b[p * Block.STRIDE + Block.TAIL] = -1;
    b[p * Block.STRIDE + Block.CHECK_AT] = -1;
    b[p * Block.STRIDE + Block.TENANT_LATENCY] = -1;
  }
  return b;
}
