import { exp64 } from './exp.js';
import { expDoubleDouble, expm1Kernel } from './exp-kernel.js';
import { twoSumError } from './error-free.js';

const TINY = 5.551115123125783e-17; // 2^-54: below it expm1(x) rounds to x
const KERNEL_LIMIT = 0.34; // below ln2/2: the Taylor kernel applies to x itself
const expScratch = new Float64Array(2);

/**
 * e^x - 1 in float64 without cancellation near 0, error below 1 ulp: expm164(-0) = -0,
 * expm164(-Infinity) = -1, Infinity above ~709.78.
 * @example expm164(1e-10) // 1.00000000005e-10
 */
export function expm164(x: number): number {
  const a = Math.abs(x);
  if (a < KERNEL_LIMIT) return a < TINY ? x : expm1Kernel(x, 0);
  if (x !== x) return NaN;
  // NOTE: e^x < 2^-54 below -38, so e^x - 1 rounds to -1 (half an ulp below 1 is 2^-54);
  // above 700 the -1 is far below half an ulp.
  if (x < -38) return -1;
  if (x > 700) return exp64(x);
  // (hi + lo) - 1 with the subtraction's error kept: one rounding at the end.
  expDoubleDouble(x, expScratch);
  const hi = expScratch[0];
  const s = hi - 1;
  return s + (twoSumError(hi, -1, s) + expScratch[1]);
}

/**
 * e^x - 1 rounded once to float32 (returned as a number).
 * @example expm1(1e-10) // 1.000000013351432e-10
 */
export function expm1(x: number): number {
  return Math.fround(expm164(x));
}
