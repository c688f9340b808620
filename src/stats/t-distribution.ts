/**
 * Student's t distribution for any degrees of freedom ν > 0 (not only integers: Welch's test
 * needs fractional ν): CDF, two-sided p-value, density and quantile, through the regularized
 * incomplete beta function, P(T ≤ −|t|) = ½ I_x(ν/2, ½) with x = ν/(ν + t²) (DLMF 8.17.6 /
 * A&S 26.7.1). ν = Infinity is the standard normal.
 */

import { exp64, log1p64, log64 } from '../math/index.js';
import { betaTails } from './incomplete-beta.js';
import { logBeta } from './log-gamma.js';
import { normalCdf, normalPdf, normalQuantile } from './normal.js';

function assertDf(fn: string, df: number): void {
  if (!(df > 0)) throw new Error(`${fn}: degrees of freedom must be positive, received ${df}`);
}

/** I_x(ν/2, ½) = P(|T| ≥ |t|), with x = ν/(ν + t²) and 1 − x formed without cancellation. */
function twoSidedTail(t: number, df: number): number {
  const t2 = t * t;
  if (t2 === Infinity) return 0;
  // x = ν/(ν + t²) and y = t²/(ν + t²), each as a ratio of one positive sum: no subtraction.
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return betaTails(x, y, 0.5 * df, 0.5).lower;
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom.
 * @example studentTCdf(2.262157162798208, 9) // 0.975
 */
export function studentTCdf(t: number, df: number): number {
  assertDf('studentTCdf', df);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  const tail = 0.5 * twoSidedTail(t, df);
  return t > 0 ? 1 - tail : tail;
}

/**
 * The two-sided p-value P(|T| ≥ |t|), accurate however small.
 * @example studentTTwoSidedP(2.262157162798208, 9) // 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  assertDf('studentTTwoSidedP', df);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return 2 * normalCdf(-Math.abs(t));
  return twoSidedTail(t, df);
}

/**
 * The density of Student's t: (1 + t²/ν)^(−(ν+1)/2) / (√ν B(ν/2, ½)).
 * @example studentTPdf(0, 1) // 1/π
 */
export function studentTPdf(t: number, df: number): number {
  assertDf('studentTPdf', df);
  if (df === Infinity) return normalPdf(t);
  return exp64(-0.5 * log64(df) - logBeta(0.5 * df, 0.5) - 0.5 * (df + 1) * log1p64((t * t) / df));
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom, for p in (0, 1).
 * Newton's method on the lower tail from the normal quantile: for t < 0 the CDF is convex and
 * the t quantile lies left of the normal one, so the iterates decrease monotonically to the root
 * (a bracket guards against rounding near it). Accuracy about 1e-14 relative.
 * @example studentTQuantile(0.975, 9) // 2.262157162798208
 */
export function studentTQuantile(p: number, df: number): number {
  assertDf('studentTQuantile', df);
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  // NOTE: 1 − p is exact for p ≥ 0.5 (Sterbenz), so the lower tail q carries all of p's digits.
  const q = p < 0.5 ? p : 1 - p;
  let lo = -Infinity;
  let hi = 0;
  let t = normalQuantile(q);
  for (let i = 0; i < 200; i++) {
    const excess = 0.5 * twoSidedTail(t, df) - q;
    if (excess === 0) break;
    if (excess > 0) hi = t;
    else lo = t;
    let next = t - excess / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = lo === -Infinity ? 2 * hi - 1 : 0.5 * (lo + hi);
    const step = Math.abs(next - t);
    t = next;
    if (step <= 2e-16 * Math.abs(t)) break;
  }
  return p < 0.5 ? t : -t;
}
