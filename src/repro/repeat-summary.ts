import { fsum } from '../math/index.js';
import type { MetricSummary } from '../stats/sample-summary.js';
import { summarizeSample } from '../stats/sample-summary.js';
import { studentTQuantile } from '../stats/t-distribution.js';
import type { RepeatRun } from './repeat-types.js';

/** A learning curve across runs, epoch by epoch (runs that stopped early count where they ran). */
export interface CurveSummary {
  /** Runs that reached each epoch. */
  n: number[];
  mean: number[];
  /** Sample standard deviation across runs (NaN where fewer than 2 runs reached the epoch). */
  std: number[];
  /** Student-t 95 % confidence interval of the mean, per epoch. */
  ciLow: number[];
  ciHigh: number[];
}

/** Summary statistics of every metric of a set of runs. */
export interface RepeatSummary {
  /** Final (scalar) metrics, by name in sorted order. */
  metrics: Record<string, MetricSummary>;
  /** Per-epoch (array) metrics, by name in sorted order. */
  curves: Record<string, CurveSummary>;
}

function metricNames(runs: readonly RepeatRun[], curves: boolean): string[] {
  const names = new Set<string>();
  for (const run of runs) for (const [name, v] of Object.entries(run.metrics)) if (Array.isArray(v) === curves) names.add(name);
  return [...names].sort();
}

/**
 * The values of a final metric, in order of seed, from the runs that reported it.
 * @example compare(metricValues(a.runs, 'accuracy'), metricValues(b.runs, 'accuracy'))
 */
export function metricValues(runs: readonly RepeatRun[], name: string): number[] {
  const sorted = [...runs].sort((a, b) => a.seed - b.seed);
  const values: number[] = [];
  for (const run of sorted) {
    const v = run.metrics[name];
    if (Array.isArray(v)) throw new Error(`metricValues: '${name}' is a per-epoch curve, not a final metric; take its last value if that is what you mean`);
    if (v !== undefined) values.push(v);
  }
  if (values.length === 0) throw new Error(`metricValues: no run reported '${name}'; metrics reported: ${metricNames(runs, false).join(', ') || 'none'}`);
  return values;
}

function summarizeCurve(curves: readonly number[][]): CurveSummary {
  const epochs = Math.max(...curves.map((c) => c.length));
  const out: CurveSummary = { n: [], mean: [], std: [], ciLow: [], ciHigh: [] };
  for (let e = 0; e < epochs; e++) {
    const values = curves.filter((c) => c.length > e).map((c) => c[e] as number);
    const n = values.length;
    const mean = fsum(values) / n;
    const std = n < 2 ? NaN : Math.sqrt(fsum(values.map((v) => (v - mean) * (v - mean))) / (n - 1));
    const half = n < 2 ? NaN : (studentTQuantile(0.975, n - 1) * std) / Math.sqrt(n);
    out.n.push(n);
    out.mean.push(mean);
    out.std.push(std);
    out.ciLow.push(mean - half);
    out.ciHigh.push(mean + half);
  }
  return out;
}

/**
 * Statistics of every metric across runs (`summarizeSample` for final metrics, per-epoch mean,
 * std and t interval for curves). Exact sums and sorted samples: the same bits whatever order
 * the runs are given or finished in.
 * @example summarizeRuns(result.runs).metrics.accuracy.ci95
 */
export function summarizeRuns(runs: readonly RepeatRun[]): RepeatSummary {
  const sorted = [...runs].sort((a, b) => a.seed - b.seed);
  const summary: RepeatSummary = { metrics: {}, curves: {} };
  for (const name of metricNames(sorted, false)) summary.metrics[name] = summarizeSample(metricValues(sorted, name));
  for (const name of metricNames(sorted, true)) {
    summary.curves[name] = summarizeCurve(sorted.flatMap((r) => (Array.isArray(r.metrics[name]) ? [r.metrics[name] as number[]] : [])));
  }
  return summary;
}
