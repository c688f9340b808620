import { fsum } from '../math/index.js';
import { studentT975 } from './student-t.js';

/** Mean, spread and 95 % confidence interval of repeated measurements. */
export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator). */
  std: number;
  /** Standard error of the mean. */
  sem: number;
  /** Student-t 95 % confidence interval of the mean. */
  ci95: [number, number];
  min: number;
  max: number;
}

/**
 * Summary statistics of repeated runs: exact sums (fsum), so the report does not depend on the
 * order the runs finished in.
 * @example summarize([0.1, 0.12, 0.09]).ci95
 */
export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n < 2) throw new Error(`summarize: need at least 2 values, received ${n}`);
  const mean = fsum(values) / n;
  const std = Math.sqrt(fsum(values.map((v) => (v - mean) * (v - mean))) / (n - 1));
  const sem = std / Math.sqrt(n);
  const half = studentT975(n - 1) * sem;
  return { n, mean, std, sem, ci95: [mean - half, mean + half], min: Math.min(...values), max: Math.max(...values) };
}
