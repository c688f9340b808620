import { fromWords, highWord, lowWord } from './bits.js';

// Section "ln 2" of scripts/math/fit-coefficients.py.
const LN2_HI = 0.6931471805598903;
const LN2_LO = 5.497923018708371e-14;

// 2/(2n+1), n = 1..11 (section "log kernel"): 2 atanh(s) = 2s + s R(s^2), R(z) = sum 2z^n/(2n+1).
const L1 = 0.6666666666666666;
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
 * k ln2 + log(1 + f) + c for f in [sqrt(2)/2 - 1, sqrt(2) - 1] and a tiny correction c.
 *
 * With s = f/(2+f): log(1+f) = 2 atanh(s) = 2s + s R(s^2), and 2s = f - f^2/2 + s f^2/2,
 * so log(1+f) = f - (f^2/2 - s (f^2/2 + R)): the exact f carries the result and every rounding
 * falls on terms at least 5 times smaller (Tang's and Muller's form, "Elementary Functions" 2016).
 */
export function logOnePlusReduced(k: number, f: number, c: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * (L7 + z * (L8
    + z * (L9 + z * (L10 + z * L11))))))))));
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
