import { logOnePlusReduced, splitExponent } from './log-kernel.js';

const scratch = new Float64Array(1);

/**
 * Natural logarithm in float64, error below 1 ulp: log64(±0) = -Infinity, log64(x < 0) = NaN,
 * log64(1) = +0, log64(Infinity) = Infinity; subnormal inputs are handled exactly.
 * @example log64(Math.E) // 1
 */
export function log64(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  const k = splitExponent(x, scratch);
  return logOnePlusReduced(k, scratch[0], 0);
}

/**
 * Natural logarithm rounded once to float32 (returned as a number).
 * @example log(2) // 0.6931471824645996
 */
export function log(x: number): number {
  return Math.fround(log64(x));
}
