/**
 * Exact bit-level helpers for float64: build powers of two, read and write the exponent.
 * Everything goes through one Float64Array/Uint32Array pair over a shared buffer, so no
 * implementation-approximated Math function is involved (DESIGN.md law 3).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// NOTE: which Uint32 word holds the sign and exponent depends on the platform's byte order.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/**
 * 2^k as a float64, for an integer k in [-1022, 1023] (normal range), built from its bits.
 * @example pow2(-3) // 0.125
 */
export function pow2(k: number): number {
  u32[HI] = (k + 1023) << 20;
  u32[LO] = 0;
  return f64[0];
}

/** The high 32 bits (sign, exponent, top 20 fraction bits) of a float64, as an unsigned int. */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI];
}

/** The low 32 fraction bits of a float64, as an unsigned int. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO];
}

/** The float64 whose high and low 32-bit words are `hi` and `lo`. */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi;
  u32[LO] = lo;
  return f64[0];
}

/**
 * y * 2^k for y in about [0.5, 2] and an integer k in [-1100, 2046], with a single rounding
 * (only when the result is subnormal or overflows).
 * @example scaleByPow2(1.5, 4) // 24
 */
export function scaleByPow2(y: number, k: number): number {
  if (k > 1023) return y * pow2(1023) * pow2(k - 1023);
  // NOTE: one multiply into the subnormal range, so the product is rounded only once.
  if (k < -1021) return y * pow2(k + 600) * pow2(-600);
  return y * pow2(k);
}
