import { twoSumError } from './error-free.js';
import { logOnePlusReduced, splitExponent } from './log-kernel.js';

const TINY = 5.551115123125783e-17; // 2^-54: below it log1p(x) rounds to x
// 1 + x is in [sqrt(2)/2, sqrt(2)) here, so x itself is the exact reduced argument.
const LOWER = -0.2928932188134524; // sqrt(2)/2 - 1
const UPPER = 0.41421356237309503; // sqrt(2) - 1
const scratch = new Float64Array(1);

/**
 * log(1 + x) in float64 without cancellation near 0, error below 1 ulp: log1p64(-0) = -0,
 * log1p64(-1) = -Infinity, NaN below -1.
 * @example log1p64(1e-10) // 9.999999999500001e-11
 */
export function log1p64(x: number): number {
  if (!(x > -1)) return x === -1 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  if (Math.abs(x) < TINY) return x;
  return log1pPlus(x, 0);
}

/**
 * log(1 + x) + c for finite x > -1 and a correction c far below ulp(log1p(x)), rounded once
 * (softplus passes the low word of a double-double e^x this way).
 */
export function log1pPlus(x: number, c: number): number {
  if (x > LOWER && x < UPPER) return logOnePlusReduced(0, x, c);
  // 1 + x = u + uErr exactly; log(1 + x) = log(u) + log(1 + uErr/u), and uErr/u is below 2^-53.
  const u = 1 + x;
  const uErr = twoSumError(1, x, u);
  const k = splitExponent(u, scratch);
  return logOnePlusReduced(k, scratch[0], uErr / u + c);
}

/**
 * log(1 + x) rounded once to float32 (returned as a number).
 * @example log1p(1e-10) // 1.000000013351432e-10
 */
export function log1p(x: number): number {
  return Math.fround(log1p64(x));
}
