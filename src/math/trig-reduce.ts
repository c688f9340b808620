import { highWord, lowWord, pow2 } from './bits.js';
import { twoProductError, twoSumError } from './error-free.js';
import { TWO_OVER_PI_BITS, TWO_OVER_PI_SCALE } from './two-over-pi.js';

// Section "pi/2" of scripts/math/fit-coefficients.py. PIO2_1 and PIO2_2 have 33 significant
// bits, so k * PIO2_1 and k * PIO2_2 are exact for |k| < 2^20 (Cody & Waite 1980).
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487959506e-21;
const TWO_OVER_PI = 0.6366197723675814;
const PIO2_HI = 1.5707963267948966;
const PIO2_LO = 6.123233995736766e-17;

/** Cody-Waite is used below this |x| (then |k| < 2^19). */
const CODY_WAITE_LIMIT = 524288;
/**
 * The Cody-Waite remainder is accurate to ~2^-98 absolute; a smaller remainder than this
 * (x very close to a multiple of pi/2) goes to the exact path instead.
 */
const CANCELLATION_LIMIT = 1.4551915228366852e-11; // 2^-36

const FRACTION_BITS = 128n;
const FRACTION_MASK = (1n << FRACTION_BITS) - 1n;
const HALF = 1n << (FRACTION_BITS - 1n);

/**
 * Reduces x (finite) to x = n pi/2 + (y + yy), |y| <= ~pi/4, y + yy accurate to far below
 * 1 ulp of y: writes y to out[0], yy to out[1] and returns n mod 4 (0..3).
 * Cody-Waite with a three-piece pi/2 for |x| < 2^19, else Payne-Hanek with the bits of 2/pi.
 */
export function reduceHalfPi(x: number, out: Float64Array): number {
  if (Math.abs(x) < CODY_WAITE_LIMIT) {
    const k = Math.round(x * TWO_OVER_PI);
    const t = x - k * PIO2_1; // exact (Sterbenz)
    const w = k * PIO2_2; // exact
    const r = t - w;
    const tail = twoSumError(t, -w, r) - k * PIO2_3;
    const y = r + tail;
    if (Math.abs(y) > CANCELLATION_LIMIT || k === 0) {
      out[0] = y;
      out[1] = twoSumError(r, tail, y);
      return k & 3;
    }
  }
  return payneHanek(x, out);
}

/**
 * Exact reduction (Payne & Hanek 1983): with x = m 2^e (m a 53-bit integer),
 * x * 2/pi = m * B * 2^(e - 1280), B = floor(2/pi * 2^1280). The integer part mod 4 is the
 * quadrant; the top 128 bits of the fraction give the remainder to ~2^-127 quadrants, enough
 * for any float64 (no float64 comes closer than ~2^-61 to a multiple of pi/2: Muller,
 * "Elementary Functions", chapter on range reduction).
 */
function payneHanek(x: number, out: Float64Array): number {
  const high = highWord(x);
  const e = ((high >>> 20) & 0x7ff) - 1075;
  const m = (BigInt((high & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const belowPoint = BigInt(TWO_OVER_PI_SCALE - e);
  // Two integer bits, then 128 fraction bits; the lower bits of the product are dropped.
  const top = (m * TWO_OVER_PI_BITS) >> (belowPoint - FRACTION_BITS);
  let n = Number((top >> FRACTION_BITS) & 3n);
  let fraction = top & FRACTION_MASK;
  if (fraction >= HALF) {
    fraction -= 1n << FRACTION_BITS;
    n += 1;
  }
  const scale = pow2(-128);
  const fHi = Number(fraction); // integer-valued, rounded to nearest
  const fLo = Number(fraction - BigInt(fHi)) * scale;
  const fHiScaled = fHi * scale;
  // (fHi + fLo) * pi/2 in double-double.
  const p = fHiScaled * PIO2_HI;
  const pErr = twoProductError(fHiScaled, PIO2_HI, p) + (fHiScaled * PIO2_LO + fLo * PIO2_HI);
  const y = p + pErr;
  const yy = (p - y) + pErr;
  if (x < 0) {
    out[0] = -y;
    out[1] = -yy;
    return (4 - n) & 3;
  }
  out[0] = y;
  out[1] = yy;
  return n & 3;
}
