import { expDoubleDouble } from './exp-kernel.js';
import { twoProductError, twoSumError } from './error-free.js';

const TINY = 7.450580596923828e-9; // 2^-27: below it tanh(x) rounds to x
// NOTE: beyond 22, 1 - tanh(x) = 2e^-2x / (1 + e^-2x) < 2^-54, so tanh rounds to ±1.
const SATURATION = 22;
const SMALL_LIMIT = 0.55;

// T(z) = (tanh(sqrt z) - sqrt z) / sqrt(z)^3 on z in [0, 0.55^2], Chebyshev fit (mpmath),
// scripts/math/fit-coefficients.py section "tanh" (max error 0.046 ulp); highest degree first.
const SMALL: readonly number[] = [
  7.874274345344419e-6, -3.372080112046316e-5, 9.455133052924858e-5, -0.0002384727248015252,
  0.0005899052969492733, -0.001455819097151351, 0.0035921267699626346, -0.0088632354631468,
  0.021869488534073906, -0.05396825396822037, 0.1333333333333331, -0.3333333333333333,
];

const expScratch = new Float64Array(2);

/** tanh(a) for a in [0.55, 22]: 1 - 2/(1 + e^2a), with e^2a and the quotient in double-double. */
function tanhLarge(a: number): number {
  expDoubleDouble(2 * a, expScratch);
  const d = 1 + expScratch[0];
  const dLo = twoSumError(1, expScratch[0], d) + expScratch[1];
  const q = 2 / d;
  const p = q * d;
  // 2/(d + dLo) = q + qLo: the exact residual of the division, corrected for dLo.
  const qLo = (((2 - p) - twoProductError(q, d, p)) - q * dLo) / d;
  const s = 1 - q;
  return s + (twoSumError(1, -q, s) - qLo);
}

/**
 * Hyperbolic tangent in float64, error below 1 ulp: tanh64(-0) = -0, tanh64(±Infinity) = ±1.
 * An odd polynomial below 0.55, else 1 - 2/(1 + e^2|x|) carried in double-double.
 * @example tanh64(0.5) // 0.46211715726000974
 */
export function tanh64(x: number): number {
  const a = Math.abs(x);
  if (a < SMALL_LIMIT) {
    if (a < TINY) return x;
    const z = x * x;
    let t = 0;
    for (let i = 0; i < SMALL.length; i++) t = t * z + SMALL[i];
    return x + x * z * t;
  }
  if (x !== x) return NaN;
  const r = a > SATURATION ? 1 : tanhLarge(a);
  return x < 0 ? -r : r;
}

/**
 * Hyperbolic tangent rounded once to float32 (returned as a number).
 * @example tanh(0.5) // 0.46211716532707214
 */
export function tanh(x: number): number {
  return Math.fround(tanh64(x));
}
