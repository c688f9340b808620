/**
 * The standard normal distribution: CDF, upper tail and quantile, from erf64, exp64 and log64
 * (DESIGN.md law 3), accurate to a few float64 ulps in both tails.
 */

import { erf64, exp64, log64 } from '../math/index.js';

const SQRT_HALF = 0.7071067811865476; // 1/√2
const INV_SQRT_TWO_PI = 0.3989422804014327; // 1/√(2π) (mpmath: 0.39894228040143267794…)
const SQRT_TWO_PI = 2.5066282746310002; // √(2π) (mpmath: 2.50662827463100050242…)
/** From here up the upper tail comes from the continued fraction (1 − erf would lose digits). */
const TAIL_FROM = 2;

/**
 * Q(z)/φ(z) for z ≥ 2 (Mills' ratio), by Laplace's continued fraction
 * Q(z)/φ(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))) (DLMF 7.9.2 in terms of erfc), modified Lentz;
 * about 100 terms at z = 2, 12 at z = 10.
 */
function millsRatio(z: number): number {
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    d = z + n * d;
    d = 1 / d;
    c = z + n / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/**
 * P(Z > z) for a standard normal Z, with full relative accuracy far into the upper tail.
 * @example normalUpperTail(1.959963984540054) // 0.025
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < TAIL_FROM) return 0.5 - 0.5 * erf64(z * SQRT_HALF);
  if (z > 40) return 0; // below the smallest subnormal
  return INV_SQRT_TWO_PI * exp64(-0.5 * z * z) * millsRatio(z);
}

/**
 * Φ(z) = P(Z ≤ z) for a standard normal Z.
 * @example normalCdf(0) // 0.5
 */
export function normalCdf(z: number): number {
  return z > 0 ? 1 - normalUpperTail(z) : normalUpperTail(-z);
}

/**
 * The density φ(z) = exp(−z²/2)/√(2π).
 * @example normalPdf(0) // 0.3989422804014327
 */
export function normalPdf(z: number): number {
  return INV_SQRT_TWO_PI * exp64(-0.5 * z * z);
}

/**
 * Φ⁻¹(p), the standard normal quantile, for p in (0, 1) (±Infinity at 0 and 1, NaN outside).
 * Starts from Hastings' approximation (Abramowitz & Stegun 26.2.23, |error| < 4.5e-4) and
 * refines by Halley's method on the lower tail, which converges cubically.
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // NOTE: 1 − p is exact for p ≥ 0.5 (Sterbenz), so the lower tail q carries all of p's digits.
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * log64(q));
  let z = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let i = 0; i < 8; i++) {
    // Halley's step for Φ(z) − q = 0: u = (Φ(z) − q)/φ(z), z ← z − u/(1 + z u/2).
    const u = (normalUpperTail(-z) - q) * SQRT_TWO_PI * exp64(0.5 * z * z);
    const step = u / (1 + 0.5 * z * u);
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(z)) break;
  }
  return p < 0.5 ? z : -z;
}
