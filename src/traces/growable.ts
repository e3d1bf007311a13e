/**
 * Growable typed arrays and string interning: rows are stored column by column in typed arrays (8 or 4 bytes
 * a value) rather than as an object per row, so a 2-million-row trace takes tens of megabytes, not hundreds.
 */

/** A Float64Array that doubles when full. */
export class F64Column {
  private data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values pushed, in a right-sized copy. */
  values(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** An Int32Array that doubles when full. */
export class I32Column {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values pushed, in a right-sized copy. */
  values(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a `slice` pointing into its
 * parent; interning such slices would pin every 1 MB chunk a new name was first seen in.
 */
export function detach(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** Distinct strings numbered 0, 1, 2, ... in order of first sight. */
export class Interner {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];
  /** The number of `s`, a new one if it was not seen before. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.names.length;
      const own = detach(s);
      this.index.set(own, i);
      this.names.push(own);
    }
    return i;
  }
  get size(): number {
    return this.names.length;
  }
}
