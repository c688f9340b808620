import { cosKernel, sinShifted } from './trig-kernel.js';

const PI_OVER_4 = 0.7853981633974483;
const TINY = 7.450580596923828e-9; // 2^-27: below it cos(x) rounds to 1

/**
 * cosine in float64, error below 1 ulp for every finite x (exact argument reduction, also for
 * huge x): cos64(±0) = 1, cos64(±Infinity) = NaN.
 * @example cos64(Math.PI / 3) // 0.5000000000000001
 */
export function cos64(x: number): number {
  const ax = Math.abs(x);
  if (ax <= PI_OVER_4) return ax < TINY ? 1 : cosKernel(x, 0);
  if (!(ax < Infinity)) return NaN;
  return sinShifted(x, 1);
}

/**
 * cosine rounded once to float32 (returned as a number); correct for the whole float32 range.
 * @example cos(1) // 0.5403022766113281
 */
export function cos(x: number): number {
  return Math.fround(cos64(x));
}
