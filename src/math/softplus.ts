import { exp64 } from './exp.js';
import { expDoubleDouble } from './exp-kernel.js';
import { log1pPlus } from './log1p.js';

// NOTE: beyond 37, e^-37 < 9e-17 is under half an ulp of x, and log1p(e^x) = e^x to within
// e^x/2 < 2^-54 relative: both tails round exactly to their leading term.
const TAIL = 37;
const expScratch = new Float64Array(2);

/** log(1 + e^-a) for a in [0, 37], with e^-a as hi + lo: log1p(hi) + lo/(1 + hi), rounded once. */
function log1pExpNegative(a: number): number {
  expDoubleDouble(-a, expScratch);
  const e = expScratch[0];
  return log1pPlus(e, expScratch[1] / (1 + e));
}

/**
 * softplus(x) = log(1 + e^x) in float64, error about 1 ulp, stable for large |x|:
 * x + log1p(e^-x) for x > 0, log1p(e^x) otherwise; softplus64(-Infinity) = 0.
 * @example softplus64(0) // 0.6931471805599453
 */
export function softplus64(x: number): number {
  if (x !== x) return NaN;
  if (x > TAIL) return x;
  if (x < -TAIL) return exp64(x);
  if (x <= 0) return log1pExpNegative(-x);
  return x + log1pExpNegative(x);
}

/**
 * softplus rounded once to float32 (returned as a number).
 * @example softplus(0) // 0.6931471824645996
 */
export function softplus(x: number): number {
  return Math.fround(softplus64(x));
}
