/**
 * A growable array of numbers for the per-group samples calibrate fits: one number per invocation report.
 * A small sample is a plain array of doubles (V8 keeps them unboxed, about 8 bytes a value and a few dozen
 * bytes of overhead), so the many groups of one or a few reports a tenant-heavy export makes stay small; past
 * {@link SMALL_SAMPLE} values it moves to a Float64Array (8 bytes a value, no boxing), so a million reports
 * cost 8 MB a sample kind.
 */

/** Values held in a plain array before a Float64Array takes over. */
const SMALL_SAMPLE = 64;

export class SampleBuffer {
  /** The values while at most {@link SMALL_SAMPLE} (null while none); `data` holds them past that. */
  private small: number[] | null = null;
  private data: Float64Array | null = null;
  /** Number of values held. */
  length = 0;

  /** Appends `v`. Amortized O(1). */
  push(v: number): void {
    if (this.data === null) {
      if (this.small === null) {
        this.small = [v]; // allocated for one value: most tenants of a large export have few reports
        this.length++;
        return;
      }
      if (this.small.length < SMALL_SAMPLE) {
        this.small.push(v);
        this.length++;
        return;
      }
      this.data = new Float64Array(SMALL_SAMPLE * 2);
      this.data.set(this.small);
      this.small = null;
    }
    let data = this.data!;
    if (this.length === data.length) {
      const grown = new Float64Array(data.length * 2);
      grown.set(data);
      this.data = data = grown;
    }
    data[this.length++] = v;
  }

  /** Appends every value of `other`. */
  append(other: SampleBuffer): void {
    const values = other.data ?? other.small ?? [];
    for (let i = 0; i < other.length; i++) this.push(values[i]);
  }

  /** A sorted copy of the values (ascending). */
  sorted(): Float64Array {
    return this.data !== null ? this.data.slice(0, this.length).sort() : Float64Array.from(this.small ?? []).sort();
  }
}
