import type { Comparison } from '../stats/compare.js';
import { compare } from '../stats/compare.js';
import { formatStat } from '../stats/compare-words.js';
import type { RepeatSummary } from './repeat-summary.js';
import { metricValues } from './repeat-summary.js';
import type { RepeatRun } from './repeat-types.js';

/** The best configuration of a sweep on one metric, and how sure that is. */
export interface BestConfiguration {
  metric: string;
  lowerIsBetter: boolean;
  name: string;
  mean: number;
  /** Student-t 95 % interval of its mean. */
  ci95: [number, number];
  /** The best compared with the runner-up (`compare(runnerUp, best)`), when there is one with at least 2 runs. */
  versusRunnerUp: Comparison | undefined;
  /** The result in plain words. */
  summary: string;
}

/**
 * Names the configuration with the best mean `metric` (the highest, or the lowest where lower
 * is better; ties go to the earlier configuration) and says how sure that is: its 95 % interval,
 * and its comparison with the runner-up (probability of superiority, Welch's test, bootstrap).
 * @example bestConfiguration(configs, 'accuracy', false).summary
 */
export function bestConfiguration(configs: readonly { name: string; runs: readonly RepeatRun[]; summary: RepeatSummary }[], metric: string, lowerIsBetter: boolean): BestConfiguration {
  const ranked = configs
    .map((c, i) => ({ c, i, s: c.summary.metrics[metric] }))
    .filter((r) => r.s !== undefined && !Number.isNaN(r.s.mean))
    .sort((x, y) => {
      const d = lowerIsBetter ? (x.s?.mean as number) - (y.s?.mean as number) : (y.s?.mean as number) - (x.s?.mean as number);
      return d !== 0 ? d : x.i - y.i; // ties: the order of the sweep file
    });
  const best = ranked[0];
  if (best === undefined || best.s === undefined) {
    const known = [...new Set(configs.flatMap((c) => Object.keys(c.summary.metrics)))].sort();
    throw new Error(`bestConfiguration: no configuration reported the final metric '${metric}'; final metrics reported: ${known.join(', ') || 'none'}`);
  }
  const runnerUp = ranked[1];
  const head = `best ${metric}: ${best.c.name} (mean ${formatStat(best.s.mean)}, 95% CI [${formatStat(best.s.ci95[0])}, ${formatStat(best.s.ci95[1])}], ${best.s.n} runs)`;
  let versusRunnerUp: Comparison | undefined;
  let summary = `${head}; it is the only configuration.`;
  if (runnerUp !== undefined && runnerUp.s !== undefined && best.s.n >= 2 && runnerUp.s.n >= 2) {
    versusRunnerUp = compare(metricValues(runnerUp.c.runs, metric), metricValues(best.c.runs, metric), { names: [runnerUp.c.name, best.c.name], metric, lowerIsBetter });
    const v = versusRunnerUp;
    const share = Math.round(100 * (1 - v.probabilityABeatsB));
    const p = v.welch.p < 0.001 ? 'p < 0.001' : `p = ${formatStat(v.welch.p)}`;
    const sure = v.significant ? 'significantly better' : 'NOT significantly better';
    summary = `${head}; against the runner-up ${runnerUp.c.name} (mean ${formatStat(runnerUp.s.mean)}) it is ${sure} at 5% (Welch's t-test, ${p}): better in ${share}% of seed pairs, difference ${formatStat(v.difference, true)} (bootstrap 95% CI [${formatStat(v.bootstrapCi95[0])}, ${formatStat(v.bootstrapCi95[1])}]).`;
    if (!v.significant && v.runsNeeded !== Infinity) summary += ` About ${v.runsNeeded} runs each would be needed to tell them apart (80% power).`;
  } else if (runnerUp !== undefined) {
    summary = `${head}; too few runs to compare it with the runner-up ${runnerUp.c.name}.`;
  }
  return { metric, lowerIsBetter, name: best.c.name, mean: best.s.mean, ci95: [best.s.ci95[0], best.s.ci95[1]], versusRunnerUp, summary };
}
