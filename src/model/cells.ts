/**
 * The counters of each (function, tenant) cell (see CELL_COUNTERS in record.ts), owned here. The ones every
 * invocation changes sit in the cell's 64-byte block, which it shares with its pool's idle list (speed: with
 * 100,000 tenants a request then costs one cache miss there instead of two; see blocks.ts); the others,
 * changed at most once per cold start, throttle or rejection, in an array of their own. Adding a counter
 * means: its name in CELL_COUNTERS, a word in {@link Rare}, its place in LOCATION, and a method here.
 */
import { Block } from './blocks.js';
import type { CellCounter, CellTotals } from './record.js';

/** Words of a cell in the rare array. */
const enum Rare {
  THROTTLED = 0,
  REJECTED = 1,
  COLD_STARTS = 2,
  PROVISIONED_BILLED_MS = 3,
  TIMEOUTS = 4,
  STRIDE = 5,
}

/** Where each counter lives: a word of the cell's block, or of its rare words. */
const LOCATION: Readonly<Record<CellCounter, readonly ['block' | 'rare', number]>> = {
  invocations: ['block', Block.INVOCATIONS],
  completed: ['block', Block.COMPLETED],
  billedMs: ['block', Block.BILLED_MS],
  environmentsCreated: ['block', Block.ENVIRONMENTS],
  throttled: ['rare', Rare.THROTTLED],
  rejected: ['rare', Rare.REJECTED],
  coldStarts: ['rare', Rare.COLD_STARTS],
  provisionedBilledMs: ['rare', Rare.PROVISIONED_BILLED_MS],
  timeouts: ['rare', Rare.TIMEOUTS],
};

export class Cells {
  private readonly rare: Float64Array;

  /**
   * @param blocks at least one block per cell (see createBlocks in blocks.ts)
   * @param count the number of cells
   */
  constructor(
    private readonly blocks: Float64Array,
    readonly count: number,
  ) {
    if (blocks.length < count * Block.STRIDE) throw new RangeError('fewer blocks than cells');
    this.rare = new Float64Array(count * Rare.STRIDE);
  }

  /** An invocation of cell `cell` arrives. */
  arrival(cell: number): void {
    this.blocks[cell * Block.STRIDE + Block.INVOCATIONS]++;
  }

  /** An invocation of the cell runs to its end, billed `billedMs` on an on-demand or a provisioned environment. */
  completed(cell: number, billedMs: number, provisioned: boolean): void {
    this.blocks[cell * Block.STRIDE + Block.COMPLETED]++;
    if (provisioned) this.rare[cell * Rare.STRIDE + Rare.PROVISIONED_BILLED_MS] += billedMs;
    else this.blocks[cell * Block.STRIDE + Block.BILLED_MS] += billedMs;
  }

  /** The cell is billed `billedMs` without a request (the init of an environment replaced in the background). */
  billedWithoutRequest(cell: number, billedMs: number): void {
    this.blocks[cell * Block.STRIDE + Block.BILLED_MS] += billedMs;
  }

  /** An on-demand environment is created for the cell. */
  environmentCreated(cell: number): void {
    this.blocks[cell * Block.STRIDE + Block.ENVIRONMENTS]++;
  }

  /** An invocation of the cell waits for a new environment (a cold start). */
  coldStart(cell: number): void {
    this.rare[cell * Rare.STRIDE + Rare.COLD_STARTS]++;
  }

  /** An invocation of the cell is cut off at its function's timeout (as it ends). */
  timedOut(cell: number): void {
    this.rare[cell * Rare.STRIDE + Rare.TIMEOUTS]++;
  }

  /** An invocation of the cell finally does not run because of a limit. */
  throttled(cell: number): void {
    this.rare[cell * Rare.STRIDE + Rare.THROTTLED]++;
  }

  /** An invocation of the cell is rejected (no tenant id where one is required). */
  rejected(cell: number): void {
    this.rare[cell * Rare.STRIDE + Rare.REJECTED]++;
  }

  /** Adds the counters of `other` (as many cells), counter for counter. */
  merge(other: Cells): void {
    if (other.count !== this.count) throw new Error('cells of different runs do not merge');
    for (const [where, k] of Object.values(LOCATION)) {
      const [mine, theirs, stride] = where === 'block' ? [this.blocks, other.blocks, Block.STRIDE as number] : [this.rare, other.rare, Rare.STRIDE as number];
      for (let i = 0; i < this.count; i++) mine[i * stride + k] += theirs[i * stride + k];
    }
  }

  /** Adds counters given as one array per counter, indexed by cell (as {@link totals} gives them). */
  addTotals(totals: Readonly<Record<CellCounter, ArrayLike<number>>>): void {
    for (const [name, [where, k]] of Object.entries(LOCATION) as [CellCounter, readonly ['block' | 'rare', number]][]) {
      const values = totals[name];
      if (values.length !== this.count) throw new Error(`${name}: ${values.length} cells, expected ${this.count}`);
      const [array, stride] = where === 'block' ? [this.blocks, Block.STRIDE as number] : [this.rare, Rare.STRIDE as number];
      for (let i = 0; i < this.count; i++) array[i * stride + k] += values[i];
    }
  }

  /** Every counter as one array per counter, indexed by cell. */
  totals(): CellTotals {
    const n = this.count;
    const column = ([where, k]: readonly ['block' | 'rare', number]) => {
      const [array, stride] = where === 'block' ? [this.blocks, Block.STRIDE as number] : [this.rare, Rare.STRIDE as number];
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = array[i * stride + k];
      return col;
    };
    return Object.fromEntries(Object.entries(LOCATION).map(([name, at]) => [name, column(at)])) as CellTotals;
  }
}
