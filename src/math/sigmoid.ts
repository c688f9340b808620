import { exp64 } from './exp.js';
import { expDoubleDouble } from './exp-kernel.js';
import { twoProductError, twoSumError } from './error-free.js';

// NOTE: e^-x < 2^-54 beyond 38, so 1/(1 + e^-x) rounds to 1; below -700, e^x/(1 + e^x) = e^x
// to float64 precision, and e^x is computed there without a double-double.
const UPPER = 38;
const LOWER = -700;
const expScratch = new Float64Array(2);

/**
 * The logistic function 1 / (1 + e^-x) in float64, error below 1 ulp, never overflowing:
 * sigmoid64(-Infinity) = 0, sigmoid64(0) = 0.5, sigmoid64(Infinity) = 1.
 * With e = e^-|x| as a double-double, the result is 1/(1 + e) for x >= 0 and e/(1 + e)
 * otherwise, both divisions corrected by their exact residual.
 * @example sigmoid64(2) // 0.8807970779778824
 */
export function sigmoid64(x: number): number {
  if (x !== x) return NaN;
  if (x > UPPER) return 1;
  if (x < LOWER) return exp64(x);
  expDoubleDouble(-Math.abs(x), expScratch);
  const e = expScratch[0];
  const d = 1 + e;
  const dLo = twoSumError(1, e, d) + expScratch[1];
  const n = x >= 0 ? 1 : e;
  const nLo = x >= 0 ? 0 : expScratch[1];
  const q = n / d;
  const p = q * d;
  return q + ((((n - p) - twoProductError(q, d, p)) + nLo - q * dLo) / d);
}

/**
 * The logistic function rounded once to float32 (returned as a number).
 * @example sigmoid(2) // 0.8807970881462097
 */
export function sigmoid(x: number): number {
  return Math.fround(sigmoid64(x));
}
