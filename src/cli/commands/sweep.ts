import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lowerIsBetterByName } from '../../repro/repeat-compare.js';
import { parseSweep } from '../../repro/sweep-config.js';
import { loadPlotting } from '../../report/render-svg.js';
import { QUEUE_HELP, QUEUE_OPTIONS, queueOptions } from '../queue-options.js';
import { runConfigurations } from '../run-configurations.js';
import { UserError, asUserError, checkUserDirectory, checkUserFile, checkWritableFile, guarded, readUserFile } from '../user-error.js';
import type { Command } from './types.js';
import { parseSeeds } from './repeat.js';

const HELP = `Usage: samebits sweep <sweep.json> [options]

Runs a training script over hyperparameter settings × seeds: a grid (every combination) or a
list of configurations from sweep.json, each setting passed to the script as '--name value'
arguments or as environment variables, each run in a fresh process with its seed in
SAMEBITS_SEED, here or on the queue for many machines. Prints the statistics of every
configuration, compares each with the first (Welch's t-test, bootstrap CI, probability of
superiority, runs needed), and names the best configuration with its confidence.

sweep.json (paths relative to it; see examples/sweep/sweep.json):
  { "script": "train.ts", "runs": 10,
    "grid": { "units": [8, 32], "lr": [0.01, 0.05] },   or "configurations": [{ "name": "small", "units": 8 }]
    "pass": "args",                                       or "env"
    "metric": "accuracy" }
  also: "seeds": "1-20", "args": [...], "env": {...}, "data": [files], "lowerIsBetter": true

Options:
  --parallel P             runs at a time here (default 1; ignored with --queue)
  --results FILE           results file (default: the sweep file's name with .jsonl); every finished
                           run is appended and flushed at once, and a rerun skips the runs in it
  --report DIR             also write report.html, summary.json and SVG plots (the distribution of
                           each metric per configuration, learning curves) into DIR
  --runner CMD             how to run the script (default: node, or node --import tsx for .ts)
  --lower-is-better LIST   metrics where lower is better (default: names with loss, err, mse, …)
  --json                   print the statistics as JSON instead of tables
${QUEUE_HELP}
  -h, --help               show this help`;

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UserError(`--${name}: expected a positive integer, received '${text}'`);
  return n;
}

async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      parallel: { type: 'string' }, results: { type: 'string' }, report: { type: 'string' }, runner: { type: 'string' },
      'lower-is-better': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...QUEUE_OPTIONS,
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UserError(`expected one sweep file, received ${positionals.length}`);
  const text = readUserFile(file, 'sweep file');
  const base = dirname(resolve(file));
  const fromFile = (p: string): string => relative(process.cwd(), isAbsolute(p) ? p : join(base, p)) || p;
  const sweep = asUserError(() => parseSweep(text, file, fromFile, parseSeeds));
  checkUserFile(sweep.configurations[0]?.script as string, 'script');
  const parallel = positiveInteger('parallel', values.parallel, 1);
  const lowerList = values['lower-is-better']?.split(',').map((s) => s.trim()).filter(Boolean);
  const lowerIsBetter = lowerList === undefined ? lowerIsBetterByName : (metric: string): boolean => lowerList.includes(metric);
  if (values.report !== undefined) {
    checkUserDirectory(values.report, '--report');
    await loadPlotting().catch((error: unknown) => {
      throw new UserError(`--report: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  const resultsPath = values.results ?? file.replace(/\.json$/i, '') + '.jsonl';
  checkWritableFile(resultsPath, 'results file');
  return runConfigurations({
    configurations: sweep.configurations, seeds: sweep.seeds, parallel, resultsPath, runner: values.runner, lowerIsBetter,
    json: values.json ?? false, reportDir: values.report, title: `Sweep: ${file}`, ...queueOptions(values, sweep.data),
    best: { metric: sweep.metric, lowerIsBetter: sweep.lowerIsBetter },
  });
}

/** `samebits sweep sweep.json`: hyperparameter settings × seeds, with statistics, comparisons and the best configuration. */
export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'Run a script over hyperparameter settings × seeds (here or on the queue) and name the best configuration with its confidence.',
  run: guarded('sweep', run),
};
