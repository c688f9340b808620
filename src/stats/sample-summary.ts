import type { BootstrapOptions } from './bootstrap.js';
import { bootstrapMeanInterval } from './bootstrap.js';
import { quantileSorted, sortNumbers } from './quantile.js';
import type { SampleSummary } from './summary.js';
import { summarize } from './summary.js';

/** `summarize`'s statistics plus the median and a bootstrap interval of the mean. */
export interface MetricSummary extends SampleSummary {
  median: number;
  /** Percentile bootstrap 95 % interval of the mean (seeded: the same on every rerun). */
  bootstrapCi95: [number, number];
}

/**
 * Everything a report states about one metric over repeated runs: n, mean, standard deviation,
 * standard error, Student-t 95 % interval, median, min, max and a seeded bootstrap 95 % interval
 * of the mean. Every statistic is a function of the multiset of values, not of their order. One
 * value gives NaN for the spread and the intervals; any NaN value makes every statistic NaN.
 * @example summarizeSample([0.91, 0.93, 0.92, 0.95]).bootstrapCi95
 */
export function summarizeSample(values: ArrayLike<number>, options: Omit<BootstrapOptions, 'confidence'> = {}): MetricSummary {
  const n = values.length;
  if (n === 0) throw new Error('summarizeSample: no values');
  const sorted = sortNumbers(values);
  const hasNaN = Number.isNaN(sorted[n - 1]);
  const median = hasNaN ? NaN : quantileSorted(sorted, 0.5);
  if (n === 1) {
    const v = sorted[0] as number;
    return { n, mean: v, std: NaN, sem: NaN, ci95: [NaN, NaN], min: v, max: v, median, bootstrapCi95: [NaN, NaN] };
  }
  const base = summarize(Array.from(sorted));
  if (hasNaN) return { ...base, min: NaN, max: NaN, median, bootstrapCi95: [NaN, NaN] };
  return { ...base, median, bootstrapCi95: bootstrapMeanInterval(sorted, { ...options, confidence: 0.95 }) };
}
