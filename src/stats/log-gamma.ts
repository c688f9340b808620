/**
 * log Γ and log B for positive arguments, from the exact primitives and src/math's log64 and
 * log1p64 (DESIGN.md law 3), so a p-value or a quantile has the same bits on every engine.
 * Method: Stirling's series with its remainder (Abramowitz & Stegun 6.1.40-6.1.42) for x ≥ 10,
 * the recurrence Γ(x + 1) = x Γ(x) below.
 */

import { log1p64, log64 } from '../math/index.js';

/** ½ ln(2π), the float64 nearest (mpmath: 0.91893853320467274178…). */
const HALF_LOG_TWO_PI = 0.9189385332046728;
/** Stirling's series is used from here up; below, the recurrence shifts x up to it. */
const STIRLING_FROM = 10;

// B_2k / (2k (2k − 1)) for k = 1…8, with the Bernoulli numbers B_2 = 1/6, B_4 = −1/30,
// B_6 = 1/42, B_8 = −1/30, B_10 = 5/66, B_12 = −691/2730, B_14 = 7/6, B_16 = −3617/510
// (A&S table 23.2). At x = 10 the first omitted term is below 1e-19, under float64 resolution.
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/**
 * δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], the remainder of Stirling's formula, for
 * x ≥ 10: Σ B_2k / (2k (2k − 1) x^(2k−1)), evaluated by Horner's rule in 1/x².
 */
function stirlingRemainder(x: number): number {
  const z = 1 / (x * x);
  let sum = STIRLING[STIRLING.length - 1] as number;
  for (let k = STIRLING.length - 2; k >= 0; k--) sum = sum * z + (STIRLING[k] as number);
  return sum / x;
}

/**
 * ln Γ(x) for x > 0 (NaN otherwise), absolute error about 1e-15 (relative where |ln Γ| > 1).
 * @example logGamma(5) // ln 24 = 3.1780538303479458
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x >= STIRLING_FROM) return (x - 0.5) * log64(x) - x + HALF_LOG_TWO_PI + stirlingRemainder(x);
  // Γ(x) = Γ(x + n) / (x (x + 1) … (x + n − 1)), with x + n ≥ 10.
  let product = 1;
  let shifted = x;
  while (shifted < STIRLING_FROM) {
    product *= shifted;
    shifted += 1;
  }
  return logGamma(shifted) - log64(product);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0.
 * NOTE: for large arguments the three log-gammas are huge and nearly cancel (a = 10^6,
 * b = ½ would lose 7 digits), so there the Stirling terms are combined analytically first:
 * ln Γ(a) − ln Γ(a + b) = −(a − ½) log1p(b/a) − b ln(a + b) + b + δ(a) − δ(a + b).
 * @example Math.exp(logBeta(2, 3)) // 1/12
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < STIRLING_FROM) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = big + small;
  const remainders = stirlingRemainder(big) - stirlingRemainder(sum);
  if (small < STIRLING_FROM) {
    return logGamma(small) - (big - 0.5) * log1p64(small / big) - small * log64(sum) + small + remainders;
  }
  // Both large: ln B = ½ ln 2π − ½ ln(a + b) − (a − ½) log1p(b/a) − (b − ½) log1p(a/b) + δ(a) + δ(b) − δ(a + b).
  return HALF_LOG_TWO_PI - 0.5 * log64(sum) - (big - 0.5) * log1p64(small / big)
    - (small - 0.5) * log1p64(big / small) + remainders + stirlingRemainder(small);
}
