/**
 * The bucket keys of a {@link LogHistogram}, mostly without a logarithm (speed: `Math.log2` was most of the
 * cost of recording a latency).
 *
 * A value's key is ceil(log2(v) x multiplier). A table indexed by the value's binary exponent and the top
 * MANTISSA_BITS bits of its mantissa gives the key of every value in that slice of the number line whenever
 * the whole slice lies inside one bucket, with a margin far above any rounding of the logarithm; slices that
 * straddle a bucket bound (about one in twenty) and values outside the table's exponents fall back to the
 * logarithm. The keys are therefore exactly those of {@link LogHistogram.key} (a test checks every bound).
 */
import { type LogHistogram, ZERO_KEY } from './log-histogram.js';

/** Mantissa bits that index the table: 1,024 slices per power of two. */
const MANTISSA_BITS = 10;
/** Binary exponents the table covers: values from 2^-10 to 2^40 (about 0.001 ms to 35 years in ms). */
const MIN_EXPONENT = -10;
const MAX_EXPONENT = 40;
/** Relative margin kept between a slice's ends and the nearest bucket bound, in key units. */
const MARGIN = 1e-9;
/** Table entry of a slice that needs the logarithm. */
const AMBIGUOUS = -32768;

/** The bits of a double, read through a shared buffer (the high word holds sign, exponent and top mantissa). */
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
/** Index of the high word: 1 on little-endian machines. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export class SketchKeys {
  private readonly table: Int16Array;

  constructor(private readonly histogram: LogHistogram) {
    const slices = 1 << MANTISSA_BITS;
    this.table = new Int16Array((MAX_EXPONENT - MIN_EXPONENT + 1) * slices).fill(AMBIGUOUS);
    const m = histogram.multiplier;
    for (let e = MIN_EXPONENT; e <= MAX_EXPONENT; e++) {
      for (let j = 0; j < slices; j++) {
        // The slice [2^e (1 + j / slices), 2^e (1 + (j + 1) / slices)) in key units.
        const from = (e + Math.log2(1 + j / slices)) * m;
        const to = (e + Math.log2(1 + (j + 1) / slices)) * m;
        const k = Math.ceil(from);
        if (from > k - 1 + MARGIN && to < k - MARGIN && Math.abs(k) < -AMBIGUOUS) this.table[(e - MIN_EXPONENT) * slices + j] = k;
      }
    }
  }

  /** The key of value `v` (>= 0): the same as `histogram.key(v)`. */
  key(v: number): number {
    if (!(v > this.histogram.minPossible)) return ZERO_KEY;
    bits[0] = v;
    const high = words[HIGH];
    const e = ((high >>> 20) & 0x7ff) - 1023;
    if (e >= MIN_EXPONENT && e <= MAX_EXPONENT) {
      const k = this.table[((e - MIN_EXPONENT) << MANTISSA_BITS) | ((high >>> (20 - MANTISSA_BITS)) & ((1 << MANTISSA_BITS) - 1))];
      if (k !== AMBIGUOUS) return k;
    }
    return this.histogram.key(v);
  }

  /** Bounds of bucket `key` (see {@link LogHistogram.bucketBounds}). */
  bucketBounds(key: number): [number, number] {
    return this.histogram.bucketBounds(key);
  }
}
