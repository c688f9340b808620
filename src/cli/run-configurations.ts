/**
 * Running the configurations of a `repeat` or `sweep` and printing their report: locally
 * (worker processes on this machine), or on the queue for many machines (`--queue`); both
 * append the same records to the same results file, so the statistics are the same bytes.
 */

import { dirname, join, relative } from 'node:path';
import { compareConfigurations } from '../repro/repeat-compare.js';
import { defaultProgress } from '../repro/repeat-progress.js';
import { ResultsFile } from '../repro/repeat-results.js';
import { runPlan } from '../repro/repeat-run.js';
import { ScriptRunner, scriptCommand, scriptSource } from '../repro/repeat-script.js';
import { summarizeRuns } from '../repro/repeat-summary.js';
import type { RepeatRun } from '../repro/repeat-types.js';
import type { DataFile, RunConfiguration } from '../repro/queue-job.js';
import type { BestConfiguration } from '../repro/sweep-best.js';
import { bestConfiguration } from '../repro/sweep-best.js';
import type { ConfigurationRuns } from '../report/plot-data.js';
import { stableJson } from '../report/format.js';
import { renderRepeatReport, reportSummary } from '../report/repeat-report.js';
import { formatTextReport } from '../report/text-report.js';
import { writeRepeatReport } from '../report/write-report.js';
import { asUserError } from './user-error.js';

/** How to run and report a set of configurations. */
export interface RunOptions {
  configurations: readonly RunConfiguration[];
  seeds: readonly number[];
  parallel: number;
  resultsPath: string;
  runner: string | undefined;
  lowerIsBetter: (metric: string) => boolean;
  json: boolean;
  reportDir: string | undefined;
  title: string;
  /** The queue (a Redis URL), or undefined to run here. */
  queue: string | undefined;
  verifyFraction: number;
  verifySeed: number;
  data: readonly DataFile[];
  /** Name the best configuration on this metric (sweeps). */
  best: { metric: string | undefined; lowerIsBetter: boolean | undefined } | undefined;
}

async function runLocally(o: RunOptions, store: ResultsFile): Promise<RepeatRun[][]> {
  const progress = await defaultProgress();
  const out: RepeatRun[][] = [];
  for (const c of o.configurations) {
    const runner = new ScriptRunner([...scriptCommand(c.script, o.runner), ...c.args], process.cwd(), c.env);
    try {
      const { runs } = await runPlan({ name: c.name, seeds: o.seeds, parallel: o.parallel, store, progress, source: scriptSource(c.script), execute: (seed) => runner.run(seed) });
      out.push(runs);
    } finally {
      runner.close();
    }
  }
  return out;
}

async function runQueued(o: RunOptions, store: ResultsFile, url: string): Promise<{ runs: RepeatRun[][]; crossCheckLine: string | undefined; mismatches: number }> {
  const [{ runOnQueue }, { queueTimings }, { defaultQueueProgress }, { crossCheckSummary }] = await Promise.all([
    import('../repro/queue-coordinator.js'), import('../repro/queue-connection.js'), import('../repro/queue-progress.js'), import('../repro/queue-crosscheck.js'),
  ]);
  const timings = asUserError(() => queueTimings(process.env));
  const outcome = await runOnQueue({
    url,
    configurations: o.configurations.map((c) => ({ ...c, script: relative(process.cwd(), c.script) || c.script })),
    seeds: o.seeds,
    data: o.data,
    runner: o.runner,
    store,
    crossCheck: { fraction: o.verifyFraction, seed: o.verifySeed, file: `${o.resultsPath}.crosscheck.jsonl`, logsDir: join(dirname(o.resultsPath), 'samebits-crosscheck-logs') },
    timings,
    progress: await defaultQueueProgress(),
    onMismatch: (report) => process.stderr.write(report),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  const total = outcome.runs.reduce((n, r) => n + r.length, 0);
  const crossCheckLine = o.verifyFraction > 0 ? crossCheckSummary(outcome.crossChecks, total) : undefined;
  return { runs: outcome.runs, crossCheckLine, mismatches: outcome.crossChecks.filter((c) => !c.match).length };
}

function pickBest(o: RunOptions, configs: readonly ConfigurationRuns[]): BestConfiguration | undefined {
  if (o.best === undefined || configs.length < 2) return undefined;
  const finals = [...new Set(configs.flatMap((c) => Object.keys(c.summary.metrics)))].sort();
  const metric = o.best.metric ?? (finals.length === 1 ? finals[0] : undefined);
  if (metric === undefined) {
    process.stderr.write(`note: name the metric that decides the best configuration ("metric" in the sweep file); final metrics reported: ${finals.join(', ') || 'none'}\n`);
    return undefined;
  }
  return asUserError(() => bestConfiguration(configs, metric, o.best?.lowerIsBetter ?? o.lowerIsBetter(metric)));
}

/**
 * Runs every configuration over the seeds (here, or on the queue), then prints the statistics
 * (tables or --json), the comparisons, the best configuration (sweeps) and the cross-check
 * line (queue), and writes the HTML/SVG report if asked. Resolves to the exit status: 1 when a
 * cross-check mismatched.
 */
export async function runConfigurations(o: RunOptions): Promise<number> {
  const store = asUserError(() => ResultsFile.open(o.resultsPath));
  let runs: RepeatRun[][];
  let crossCheckLine: string | undefined;
  let mismatches = 0;
  try {
    if (o.queue === undefined) runs = await runLocally(o, store);
    else ({ runs, crossCheckLine, mismatches } = await runQueued(o, store, o.queue));
  } finally {
    store.close();
  }
  const configs: ConfigurationRuns[] = o.configurations.map((c, i) => {
    const r = runs[i] ?? [];
    return { name: c.name, runs: r, summary: summarizeRuns(r) };
  });
  const comparisons = compareConfigurations(configs, o.lowerIsBetter);
  const best = pickBest(o, configs);
  if (o.json) {
    process.stdout.write(stableJson(reportSummary(configs, comparisons)));
    if (best !== undefined) process.stderr.write(`${best.summary}\n`);
    if (crossCheckLine !== undefined) process.stderr.write(`${crossCheckLine}\n`);
  } else {
    const extra = [best?.summary, crossCheckLine].filter((l): l is string => l !== undefined);
    process.stdout.write(`${formatTextReport(configs, comparisons)}${extra.length > 0 ? `\n${extra.join('\n')}\n` : ''}`);
  }
  if (o.reportDir !== undefined) {
    const report = await renderRepeatReport(configs, comparisons, o.title);
    const written = await writeRepeatReport(o.reportDir, report);
    console.error(`report: ${written.find((p) => p.endsWith('.html'))} (${written.length} files)`);
  }
  if (mismatches > 0) {
    process.stderr.write(`samebits: ${mismatches} cross-checked run${mismatches === 1 ? '' : 's'} gave different bits on different workers (reported above)\n`);
    return 1;
  }
  return 0;
}
