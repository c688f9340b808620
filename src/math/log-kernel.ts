import { fromWords, highWord, lowWord } from './bits.js';

// Section "ln 2" of scripts/math/fit-coefficients.py: ln 2 = LN2_HI + LN2_LO, LN2_HI with 42
// significant bits (so k * LN2_HI is exact for |k| < 2^11). Also used by log-double.ts.
/** High part of ln 2 (42 significant bits). */
export const LN2_HI: number = 0.6931471805598903;
/** ln 2 - LN2_HI, rounded. */
export const LN2_LO: number = 5.497923018708371e-14;

// 2/(2n+1), n = 1..11 (section "log kernel"): 2 atanh(s) = 2s + s R(s^2), R(z) = sum 2z^n/(2n+1).
/** 2/3, the leading coefficient of R. */
export const L1: number = 0.6666666666666666;
const L2 = 0.4;
const L3 = 0.2857142857142857;
const L4 = 0.2222222222222222;
const L5 = 0.18181818181818182;
const L6 = 0.15384615384615385;
const L7 = 0.13333333333333333;
const L8 = 0.11764705882352941;
const L9 = 0.10526315789473684;
const L10 = 0.09523809523809523;
const L11 = 0.08695652173913043;

/** float64 bits of the high word of 1.0; and sqrt(2) rounded to float64. */
const ONE_HIGH = 0x3ff00000;
const SQRT2 = 1.4142135623730951;
const TWO_POW_54 = 18014398509481984;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * T(z) = 2/5 + 2z/7 + ... + 2z^9/23, the series R after its leading 2/3: R(z) = z (2/3 + z T(z)).
 * log-double.ts needs T alone, since it carries the 2/3 in double-double.
 */
export function logSeriesTail(z: number): number {
  return L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * (L7 + z * (L8 + z * (L9 + z * (L10
    + z * L11))))))));
}

/**
 * k ln2 + log(1 + f) + c for f in [sqrt(2)/2 - 1, sqrt(2) - 1] and a tiny correction c.
 *
 * With s = f/(2+f): log(1+f) = 2 atanh(s) = 2s + s R(s^2), and 2s = f - f^2/2 + s f^2/2,
 * so log(1+f) = f - (f^2/2 - s (f^2/2 + R)): the exact f carries the result and every rounding
 * falls on terms at least 5 times smaller (Tang's and Muller's form, "Elementary Functions" 2016).
 */
export function logOnePlusReduced(k: number, f: number, c: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (L1 + z * logSeriesTail(z));
  const halfSquare = 0.5 * f * f;
  return k * LN2_HI + (f - (halfSquare - (s * (halfSquare + r) + (k * LN2_LO + c))));
}

/**
 * Writes x = 2^k m with m in [sqrt(2)/2, sqrt(2)) as f = m - 1 (exact) into out[0] and returns
 * k. Requires finite x > 0; subnormal x is first scaled by 2^54.
 */
export function splitExponent(x: number, out: Float64Array): number {
  let k = 0;
  if (x < MIN_NORMAL) {
    x *= TWO_POW_54;
    k = -54;
  }
  const high = highWord(x);
  k += (high >>> 20) - 1023;
  let m = fromWords(ONE_HIGH | (high & 0xfffff), lowWord(x));
  if (m > SQRT2) {
    m *= 0.5;
    k += 1;
  }
  out[0] = m - 1;
  return k;
}
