import { sinKernel, sinShifted } from './trig-kernel.js';

const PI_OVER_4 = 0.7853981633974483;
const TINY = 7.450580596923828e-9; // 2^-27: below it sin(x) rounds to x

/**
 * sine in float64, error below 1 ulp for every finite x (exact argument reduction, also for
 * huge x): sin64(-0) = -0, sin64(±Infinity) = NaN.
 * @example sin64(Math.PI / 6) // 0.49999999999999994
 */
export function sin64(x: number): number {
  const ax = Math.abs(x);
  if (ax <= PI_OVER_4) return ax < TINY ? x : sinKernel(x, 0);
  if (!(ax < Infinity)) return NaN;
  return sinShifted(x, 0);
}

/**
 * sine rounded once to float32 (returned as a number); correct for the whole float32 range.
 * @example sin(1) // 0.8414709568023682
 */
export function sin(x: number): number {
  return Math.fround(sin64(x));
}
