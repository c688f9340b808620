import { studentTQuantile } from './t-distribution.js';

/**
 * t(0.975, df): the multiplier of the standard error for a two-sided 95 % confidence interval,
 * `studentTQuantile(0.975, df)` for a positive integer df. (The published table values, NIST/
 * SEMATECH e-Handbook table 1.3.6.7.2, are the cross-check in test/stats/t-distribution.test.ts.)
 * @example studentT975(9) // 2.262157162798208
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`studentT975: df must be a positive integer, received ${df}`);
  return studentTQuantile(0.975, df);
}
