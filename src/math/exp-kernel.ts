import { pow2, scaleByPow2 } from './bits.js';
import { twoSumError } from './error-free.js';

// Constants from scripts/math/fit-coefficients.py, section "ln 2": LN2_HI has 42 significant
// bits, so k * LN2_HI is exact for |k| < 2^11 (Cody & Waite 1980).
const LN2_HI = 0.6931471805598903;
const LN2_LO = 5.497923018708371e-14;
const INV_LN2 = 1.4426950408889634;

// 1/n! for n = 2..14 (section "exp kernel"): the Taylor series of expm1 truncated after r^14;
// the first omitted term is below 1e-19 for |r| <= ln2/2.
const E2 = 0.5;
const E3 = 0.16666666666666666;
const E4 = 0.041666666666666664;
const E5 = 0.008333333333333333;
const E6 = 0.001388888888888889;
const E7 = 0.0001984126984126984;
const E8 = 2.48015873015873e-5;
const E9 = 2.7557319223985893e-6;
const E10 = 2.755731922398589e-7;
const E11 = 2.505210838544172e-8;
const E12 = 2.08767569878681e-9;
const E13 = 1.6059043836821613e-10;
const E14 = 1.1470745597729725e-11;

/**
 * exp(r + c) - 1 - r for |r| <= ln2/2 (a little more is fine) and a tiny correction c
 * (|c| <= ulp(r)): the part of expm1 beyond its leading term, at most ~0.21 |r|.
 */
function expm1Tail(r: number, c: number): number {
  const p = E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8 + r * (E9
    + r * (E10 + r * (E11 + r * (E12 + r * (E13 + r * E14)))))))))));
  // exp(r + c) - 1 = expm1(r) + c * exp(r); c * exp(r) ~ c * (1 + r) at this size.
  return r * r * p + c * (1 + r);
}

/**
 * exp(r + c) - 1 for |r| <= ln2/2 and |c| <= ulp(r); error well under 1 ulp of the result.
 */
export function expm1Kernel(r: number, c: number): number {
  return r + expm1Tail(r, c);
}

/**
 * exp(x + xLo) for |x| < 746 and |xLo| <= ulp(x): Cody-Waite reduction by ln2 in double-double,
 * the Taylor kernel, then a scaling by 2^k built from bits.
 * @example expOfSum(1, 0) // 2.718281828459045
 */
export function expOfSum(x: number, xLo: number): number {
  const k = Math.round(x * INV_LN2);
  // NOTE: exact: k * LN2_HI has <= 53 bits, and x is within a factor 2 of it (Sterbenz).
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO - xLo;
  const r = hi - lo;
  const c = twoSumError(hi, -lo, r);
  // 1 + r + tail with 1 + r split exactly: the sum is rounded once, not twice.
  const a = 1 + r;
  return scaleByPow2(a + (twoSumError(1, r, a) + expm1Tail(r, c)), k);
}

/**
 * e^x as a double-double for |x| <= 700: writes hi to out[0] and lo to out[1], with
 * |hi + lo - e^x| below about 2^-56 e^x. For callers that divide or subtract with e^x
 * (sigmoid, tanh) and would otherwise inherit the final rounding of exp64 in full.
 */
export function expDoubleDouble(x: number, out: Float64Array): void {
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const c = twoSumError(hi, -lo, r);
  // 1 + expm1(r + c) = (1 + r) + q, with 1 + r split exactly and q small.
  const q = expm1Tail(r, c);
  const a = 1 + r;
  const tail = twoSumError(1, r, a) + q;
  const sum = a + tail;
  const scale = pow2(k);
  out[0] = sum * scale;
  out[1] = ((a - sum) + tail) * scale;
}
