import { basename, extname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lowerIsBetterByName } from '../../repro/repeat-compare.js';
import { checkSeeds } from '../../repro/repeat-run.js';
import { loadPlotting } from '../../report/render-svg.js';
import { QUEUE_HELP, QUEUE_OPTIONS, queueOptions } from '../queue-options.js';
import { runConfigurations } from '../run-configurations.js';
import { UserError, checkUserDirectory, checkUserFile, checkWritableFile, guarded } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits repeat <script> [<script> …] [options]

Runs each training script once per seed, each run in a fresh process with its seed in
SAMEBITS_SEED, collects the metrics it reports, and prints per metric: mean, std, standard
error, 95% CI (Student t), bootstrap 95% CI, median, min, max. With several scripts, each is
compared with the first (Welch's t-test, bootstrap CI, how often it wins, runs needed).

A script reports its metrics with reportMetrics({ accuracy, loss: history.history.loss })
from samebits, or by printing them as one JSON line; arrays are per-epoch curves. It should
call setRandomSeed(repeatSeed()).

Options:
  --runs N                 runs per script, seeds 1…N (default 10)
  --seeds LIST             the seeds instead, e.g. 1-20 or 3,5,8
  --parallel P             runs at a time (default 1)
  --results FILE           results file (default samebits-repeat.jsonl); every finished run is
                           appended and flushed at once, and a rerun skips the runs in it
  --report DIR             also write report.html, summary.json and SVG plots into DIR
  --runner CMD             how to run a script (default: node, or node --import tsx for .ts),
                           e.g. --runner bun
  --lower-is-better LIST   metrics where lower is better (default: names with loss, err, mse, …)
  --json                   print the statistics as JSON instead of tables
${QUEUE_HELP}
  -h, --help               show this help`;

/** Parses "1-5,8,10-12" into seeds. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?$/.exec(part);
    if (!range) throw new Error(`--seeds: expected integers and ranges such as 1-20,25, received '${text}'`);
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 1e6) throw new Error(`--seeds: bad range '${part.trim()}'`);
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  checkSeeds(seeds, '--seeds');
  return seeds;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, received '${text}'`);
  return n;
}

/** Configuration names: script base names, or relative paths where base names collide. */
function configNames(scripts: readonly string[]): string[] {
  const bases = scripts.map((s) => basename(s, extname(s)));
  return scripts.map((s, i) => (bases.filter((b) => b === bases[i]).length > 1 ? relative(process.cwd(), resolve(s)) : (bases[i] as string)));
}

async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      runs: { type: 'string' }, seeds: { type: 'string' }, parallel: { type: 'string' }, results: { type: 'string' },
      report: { type: 'string' }, runner: { type: 'string' }, 'lower-is-better': { type: 'string' }, json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }, ...QUEUE_OPTIONS,
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UserError('expected at least one training script');
  let seeds: number[];
  let parallel: number;
  try {
    seeds = values.seeds !== undefined ? parseSeeds(values.seeds) : Array.from({ length: positiveInteger('runs', values.runs, 10) }, (_, i) => i + 1);
    parallel = positiveInteger('parallel', values.parallel, 1);
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
  const lowerList = values['lower-is-better']?.split(',').map((s) => s.trim()).filter(Boolean);
  const lowerIsBetter = lowerList === undefined ? lowerIsBetterByName : (metric: string): boolean => lowerList.includes(metric);
  for (const script of positionals) checkUserFile(script, 'script');
  if (values.report !== undefined) {
    checkUserDirectory(values.report, '--report');
    await loadPlotting().catch((error: unknown) => { // before any run, not after an hour of them
      throw new UserError(`--report: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  const resultsPath = values.results ?? 'samebits-repeat.jsonl';
  checkWritableFile(resultsPath, 'results file');
  const names = configNames(positionals);
  return runConfigurations({
    configurations: positionals.map((script, i) => ({ name: names[i] as string, script, args: [], env: {} })),
    seeds, parallel, resultsPath, runner: values.runner, lowerIsBetter, json: values.json ?? false, reportDir: values.report,
    title: `Repeated runs: ${names.join(', ')}`, ...queueOptions(values), best: undefined,
  });
}

/** `samebits repeat`: a training script over many seeds, with statistics, comparisons and plots. */
export const repeatCommand: Command = {
  name: 'repeat',
  summary: 'Run training scripts once per seed (in parallel, resumable) and report statistics, comparisons and plots.',
  run: guarded('repeat', run),
};
