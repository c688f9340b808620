import type { BootstrapOptions } from './bootstrap.js';
import { bootstrapMeans, percentileInterval } from './bootstrap.js';
import { describeComparison } from './compare-words.js';
import { probabilityOfBeating } from './pairs.js';
import type { PowerOptions } from './power.js';
import { runsForPower } from './power.js';
import type { WelchTest } from './welch.js';
import { meanAndVariance, welchTTest } from './welch.js';

/** How two sets of runs are compared. */
export interface CompareOptions extends PowerOptions, Omit<BootstrapOptions, 'confidence'> {
  /** Names used in the plain-words summary (default ['A', 'B']). */
  names?: readonly [string, string];
  /** The metric's name, for the summary (e.g. 'accuracy'). */
  metric?: string;
  /** Set for losses and errors: then the lower value beats the higher (default false). */
  lowerIsBetter?: boolean;
}

/** One side of a comparison. */
export interface CompareSide {
  name: string;
  n: number;
  mean: number;
  std: number;
}

/** The result of `compare(a, b)`: B relative to A. */
export interface Comparison {
  a: CompareSide;
  b: CompareSide;
  metric: string | undefined;
  lowerIsBetter: boolean;
  /** mean(b) − mean(a). */
  difference: number;
  /** Percentile bootstrap 95 % interval of mean(b) − mean(a) (seeded, reproducible). */
  bootstrapCi95: [number, number];
  welch: WelchTest;
  /** Significance level of the test (default 0.05). */
  alpha: number;
  significant: boolean;
  /** Probability that a run of A beats a run of B on a random pair of seeds (ties half). */
  probabilityABeatsB: number;
  /** Cohen's d: |difference| over √((s²_a + s²_b)/2). */
  effectSize: number;
  /** The power `runsNeeded` is planned for (default 0.8). */
  power: number;
  /** Runs per configuration for `power` to detect `effectSize` at `alpha` (Infinity if d = 0). */
  runsNeeded: number;
  /** The result in plain words. */
  summary: string;
}

/**
 * Compares the runs of configuration B with those of A: difference of means with Welch's
 * t-test and a seeded bootstrap interval, the probability that A beats B on a random pair of
 * seeds, and the runs per configuration needed to detect the observed effect with 80 % power;
 * `summary` says it in plain words.
 * @example
 * compare(baselineAccuracies, candidateAccuracies, { names: ['baseline', 'wide'], metric: 'accuracy' }).summary
 * // 'wide is better in 71% of seed pairs (…); the difference is not significant at 5% with 10 runs each …'
 */
export function compare(a: ArrayLike<number>, b: ArrayLike<number>, options: CompareOptions = {}): Comparison {
  const [nameA, nameB] = options.names ?? ['A', 'B'];
  const alpha = options.alpha ?? 0.05;
  const lowerIsBetter = options.lowerIsBetter ?? false;
  const welch = welchTTest(a, b);
  const sa = meanAndVariance(a);
  const sb = meanAndVariance(b);
  const bootstrap = { resamples: options.resamples, seed: options.seed };
  const meansA = bootstrapMeans(a, 'stats/compare/a', clean(bootstrap));
  const meansB = bootstrapMeans(b, 'stats/compare/b', clean(bootstrap));
  const differences = meansB.map((m, i) => m - (meansA[i] as number));
  const effectSize = welch.difference === 0 ? 0 : Math.abs(welch.difference) / Math.sqrt((sa.variance + sb.variance) / 2);
  const comparison: Omit<Comparison, 'summary'> = {
    a: { name: nameA, n: sa.n, mean: sa.mean, std: Math.sqrt(sa.variance) },
    b: { name: nameB, n: sb.n, mean: sb.mean, std: Math.sqrt(sb.variance) },
    metric: options.metric,
    lowerIsBetter,
    difference: welch.difference,
    bootstrapCi95: percentileInterval(differences, 0.95),
    welch,
    alpha,
    significant: welch.p < alpha,
    probabilityABeatsB: probabilityOfBeating(a, b, lowerIsBetter),
    effectSize,
    power: options.power ?? 0.8,
    runsNeeded: runsForPower(effectSize, options),
  };
  return { ...comparison, summary: describeComparison(comparison) };
}

/** Drops undefined fields (exactOptionalPropertyTypes: absent and undefined differ). */
function clean(options: { resamples: number | undefined; seed: number | undefined }): BootstrapOptions {
  const out: BootstrapOptions = {};
  if (options.resamples !== undefined) out.resamples = options.resamples;
  if (options.seed !== undefined) out.seed = options.seed;
  return out;
}
