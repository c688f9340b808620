/** The rows the plots draw, computed here (exact sums, defined quantiles), not by the charting library. */

import { foldIn, foldInPath, key, uniformFloat32 } from '../random/index.js';
import type { RepeatSummary } from '../repro/repeat-summary.js';
import { metricValues } from '../repro/repeat-summary.js';
import type { RepeatRun } from '../repro/repeat-types.js';
import { quantileSorted, sortNumbers } from '../stats/quantile.js';

/** One configuration's runs and their statistics (what `repeat` returns). */
export interface ConfigurationRuns {
  name: string;
  runs: readonly RepeatRun[];
  summary: RepeatSummary;
}

/** A point of one run's learning curve. */
export interface CurvePoint { config: string; seed: number; epoch: number; value: number }
/** The mean of a learning curve at one epoch with its band (mean ± 1 std). */
export interface CurveBand { config: string; epoch: number; mean: number; low: number; high: number; n: number }
/** One run's final value, with its deterministic horizontal jitter in [−0.3, 0.3]. */
export interface StripPoint { config: string; seed: number; value: number; jitter: number }
/** Box-plot statistics of one configuration. */
export interface BoxStats { config: string; min: number; q1: number; median: number; q3: number; max: number; mean: number; n: number }

/** Every run's curve of `metric`, epochs numbered from 1. */
export function curvePoints(configs: readonly ConfigurationRuns[], metric: string): CurvePoint[] {
  const rows: CurvePoint[] = [];
  for (const c of configs) {
    for (const run of c.runs) {
      const curve = run.metrics[metric];
      if (Array.isArray(curve)) curve.forEach((value, i) => rows.push({ config: c.name, seed: run.seed, epoch: i + 1, value }));
    }
  }
  return rows;
}

/** The mean curve of `metric` per configuration with a ±1 standard deviation band. */
export function curveBands(configs: readonly ConfigurationRuns[], metric: string): CurveBand[] {
  const rows: CurveBand[] = [];
  for (const c of configs) {
    const s = c.summary.curves[metric];
    if (s === undefined) continue;
    s.mean.forEach((mean, i) => {
      const std = Number.isNaN(s.std[i] as number) ? 0 : (s.std[i] as number);
      rows.push({ config: c.name, epoch: i + 1, mean, low: mean - std, high: mean + std, n: s.n[i] as number });
    });
  }
  return rows;
}

/**
 * Each run's final `metric`, jittered sideways by a Philox draw keyed by its seed (the same
 * picture on every rerun, and a run keeps its place when runs are added).
 */
export function stripPoints(configs: readonly ConfigurationRuns[], metric: string): StripPoint[] {
  const k = foldInPath(key(0), 'report/jitter');
  const rows: StripPoint[] = [];
  for (const c of configs) {
    for (const run of c.runs) {
      const value = run.metrics[metric];
      if (typeof value !== 'number') continue;
      const u = uniformFloat32(foldIn(k, run.seed), 1)[0] as number;
      rows.push({ config: c.name, seed: run.seed, value, jitter: 0.6 * u - 0.3 });
    }
  }
  return rows;
}

/** Quartiles (Hyndman–Fan type 7), extremes and mean of `metric` per configuration. */
export function boxStats(configs: readonly ConfigurationRuns[], metric: string): BoxStats[] {
  const rows: BoxStats[] = [];
  for (const c of configs) {
    const summary = c.summary.metrics[metric];
    if (summary === undefined) continue;
    const sorted = sortNumbers(metricValues(c.runs, metric).filter((v) => !Number.isNaN(v)));
    if (sorted.length === 0) continue;
    rows.push({
      config: c.name, n: summary.n, mean: summary.mean, min: sorted[0] as number, max: sorted[sorted.length - 1] as number,
      q1: quantileSorted(sorted, 0.25), median: quantileSorted(sorted, 0.5), q3: quantileSorted(sorted, 0.75),
    });
  }
  return rows;
}
