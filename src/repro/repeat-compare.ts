import type { Comparison } from '../stats/compare.js';
import { compare } from '../stats/compare.js';
import type { RepeatSummary } from './repeat-summary.js';
import { metricValues } from './repeat-summary.js';
import type { RepeatRun } from './repeat-types.js';

/**
 * Whether smaller is better for a metric, judged by its name: losses, errors, mse/mae/rmse,
 * perplexity, time. Everything else (accuracy, AUC, reward, …) counts as higher-is-better.
 * @example lowerIsBetterByName('val_loss') // true
 */
export function lowerIsBetterByName(metric: string): boolean {
  return /loss|err|mse|mae|rmse|perplexity|time|seconds|ms$/i.test(metric);
}

/**
 * Compares every later configuration with the first on each final metric both reported (with
 * at least 2 runs each): `compare(first, other)` per metric, in order of configuration, then
 * metric name.
 * @example compareConfigurations([baseline, wide]).map((c) => c.summary)
 */
export function compareConfigurations(
  configs: readonly { name: string; runs: readonly RepeatRun[]; summary: RepeatSummary }[],
  lowerIsBetter: (metric: string) => boolean = lowerIsBetterByName,
): Comparison[] {
  const [first, ...others] = configs;
  if (first === undefined) return [];
  const out: Comparison[] = [];
  for (const other of others) {
    for (const metric of Object.keys(first.summary.metrics)) {
      const a = first.summary.metrics[metric];
      const b = other.summary.metrics[metric];
      if (a === undefined || b === undefined || a.n < 2 || b.n < 2) continue;
      out.push(compare(metricValues(first.runs, metric), metricValues(other.runs, metric), { names: [first.name, other.name], metric, lowerIsBetter: lowerIsBetter(metric) }));
    }
  }
  return out;
}
