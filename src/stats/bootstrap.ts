/**
 * The percentile bootstrap, driven by Philox keys (DESIGN.md law 1): resample r draws its
 * indices from words r·n … r·n + n − 1 of `uniformIntArray` under a fixed key, so a report's
 * bootstrap intervals are the same on every machine and rerun.
 */

import { foldInPath, key, uniformIntArray } from '../random/index.js';
import { quantileSorted, sortNumbers } from './quantile.js';

/** How a bootstrap interval is drawn. */
export interface BootstrapOptions {
  /** Seed of the resampling key (default 0). The interval is a pure function of data and seed. */
  seed?: number;
  /** Number of resamples (default 10,000). */
  resamples?: number;
  /** Coverage of the interval (default 0.95). */
  confidence?: number;
}

/** The defaults of `BootstrapOptions`. */
export const BOOTSTRAP_DEFAULTS: Readonly<Required<BootstrapOptions>> = Object.freeze({ seed: 0, resamples: 10_000, confidence: 0.95 });

/** Indices are drawn for this many words at a time (whole resamples), to amortize the call. */
const WORDS_PER_DRAW = 1 << 16;

/**
 * The means of `resamples` bootstrap resamples of `values` under the key of (seed, `path`).
 * The values are sorted first, so the result depends on the multiset of values, never on their
 * order. Resample r takes the indices in words r·n … r·n + n − 1 of
 * `uniformIntArray(key, ·, 0, n)`, counts how often each sorted value was drawn, and sums
 * count·value in ascending order of the values.
 * NOTE: that sum is a plain float64 sum in a fixed order, not fsum: it is as reproducible (its
 * order is defined by the data, not by when runs finished), and fsum per resample made 10,000
 * resamples of 10 values take 0.2 s instead of 10 ms. The point estimates use fsum.
 * @example bootstrapMeans([1, 2, 3], 'demo', { resamples: 4 }) // Float64Array of 4 means
 */
export function bootstrapMeans(values: ArrayLike<number>, path: string, options: BootstrapOptions = {}): Float64Array {
  const { seed, resamples } = { ...BOOTSTRAP_DEFAULTS, ...options };
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrap: resamples must be a positive integer, received ${resamples}`);
  const sorted = sortNumbers(values);
  const n = sorted.length;
  if (n === 0) throw new Error('bootstrap: no values');
  const k = foldInPath(key(seed), path);
  const means = new Float64Array(resamples);
  const counts = new Int32Array(n);
  const perDraw = Math.max(1, Math.floor(WORDS_PER_DRAW / n));
  for (let first = 0; first < resamples; first += perDraw) {
    const batch = Math.min(perDraw, resamples - first);
    const indices = uniformIntArray(k, batch * n, 0, n, first * n);
    for (let r = 0; r < batch; r++) {
      counts.fill(0);
      for (let i = r * n; i < (r + 1) * n; i++) counts[indices[i] as number]! += 1;
      let sum = 0;
      for (let i = 0; i < n; i++) if (counts[i] !== 0) sum += (counts[i] as number) * (sorted[i] as number);
      means[first + r] = sum / n;
    }
  }
  return means;
}

/**
 * The percentile interval of bootstrap statistics: their (1 − c)/2 and (1 + c)/2 quantiles
 * (Efron & Tibshirani 1993, ch. 13), by `quantileSorted`.
 * @example percentileInterval(bootstrapMeans(xs, 'x'), 0.95)
 */
export function percentileInterval(statistics: ArrayLike<number>, confidence: number = BOOTSTRAP_DEFAULTS.confidence): [number, number] {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`bootstrap: confidence must be in (0, 1), received ${confidence}`);
  const sorted = sortNumbers(statistics);
  if (Number.isNaN(sorted[sorted.length - 1])) return [NaN, NaN];
  return [quantileSorted(sorted, (1 - confidence) / 2), quantileSorted(sorted, (1 + confidence) / 2)];
}

/**
 * Percentile bootstrap confidence interval of the mean of `values`.
 * @example bootstrapMeanInterval([0.91, 0.93, 0.92, 0.95]) // [0.9175, 0.94]
 */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions = {}): [number, number] {
  return percentileInterval(bootstrapMeans(values, 'stats/bootstrap/mean', options), options.confidence);
}
