/**
 * A growable array of numbers kept as a Float64Array (8 bytes a value, no boxing), for the per-group samples
 * calibrate fits: one number per invocation report, so a million reports cost 8 MB a sample kind.
 */
export class SampleBuffer {
  private data = new Float64Array(64);
  /** Number of values held. */
  length = 0;

  /** Appends `v`. Amortized O(1). */
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** Appends every value of `other`. */
  append(other: SampleBuffer): void {
    for (let i = 0; i < other.length; i++) this.push(other.data[i]);
  }

  /** A sorted copy of the values (ascending). */
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}
