import { expOfSum } from './exp-kernel.js';

/**
 * e^x in float64, error below 1 ulp: exp64(-0) = 1, exp64(-Infinity) = 0, overflow to
 * Infinity above ~709.78, gradual underflow to 0 below ~-745.13.
 * @example exp64(1) // 2.718281828459045
 */
export function exp64(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.79) return Infinity;
  if (x < -745.2) return 0;
  return expOfSum(x, 0);
}

/**
 * e^x rounded once to float32 (returned as a number): Infinity above ~88.72, 0 below ~-103.97.
 * @example exp(1) // 2.7182817459106445
 */
export function exp(x: number): number {
  return Math.fround(exp64(x));
}
