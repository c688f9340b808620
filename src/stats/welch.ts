import { fsum } from '../math/index.js';
import { studentTTwoSidedP } from './t-distribution.js';

/** Welch's unequal-variances t-test of mean(b) − mean(a). */
export interface WelchTest {
  /** mean(b) − mean(a). */
  difference: number;
  /** Standard error of the difference, √(s²_a/n_a + s²_b/n_b). */
  standardError: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number;
  /** Two-sided p-value. */
  p: number;
}

/** Mean and sample variance with exact sums (fsum), so the order of the values never matters. */
export function meanAndVariance(values: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const n = values.length;
  const mean = fsum(values) / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) squares[i] = ((values[i] as number) - mean) * ((values[i] as number) - mean);
  return { n, mean, variance: fsum(squares) / (n - 1) };
}

/**
 * Welch's t-test (Welch 1947): t = (x̄_b − x̄_a)/√(s²_a/n_a + s²_b/n_b), with the
 * Welch–Satterthwaite df = (v_a + v_b)² / (v_a²/(n_a − 1) + v_b²/(n_b − 1)), v = s²/n, and the
 * two-sided p-value from Student's t CDF (t-distribution.ts). Needs at least 2 values each.
 * When both samples are constant, p is 1 for equal means and 0 otherwise.
 * @example welchTTest([0.90, 0.91, 0.92], [0.93, 0.94, 0.96]).p
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): WelchTest {
  if (a.length < 2 || b.length < 2) throw new Error(`welchTTest: need at least 2 values in each sample, received ${a.length} and ${b.length}`);
  const sa = meanAndVariance(a);
  const sb = meanAndVariance(b);
  const va = sa.variance / sa.n;
  const vb = sb.variance / sb.n;
  const difference = sb.mean - sa.mean;
  const standardError = Math.sqrt(va + vb);
  const df = ((va + vb) * (va + vb)) / ((va * va) / (sa.n - 1) + (vb * vb) / (sb.n - 1));
  if (standardError === 0) {
    const same = difference === 0;
    return { difference, standardError, t: same ? 0 : difference * Infinity, df: sa.n + sb.n - 2, p: same ? 1 : 0 };
  }
  const t = difference / standardError;
  return { difference, standardError, t, df, p: studentTTwoSidedP(t, df) };
}
