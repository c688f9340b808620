import { setRandomSeed } from './seed.js';
import type { RepeatSummary } from './repeat-summary.js';
import { summarizeRuns } from './repeat-summary.js';
import type { RunPlan, RunStore } from './repeat-run.js';
import { checkSeeds, runPlan } from './repeat-run.js';
import type { RepeatEvent, RepeatRun, TrainFunction } from './repeat-types.js';
import type { TrainModule } from './repeat-workers.js';

/** How `repeat` runs an experiment. */
export interface RepeatOptions {
  /** Number of runs, with seeds 1 … runs (ignored when `seeds` is given). */
  runs?: number;
  /** The seeds, one run each (default 1 … runs). */
  seeds?: readonly number[];
  /** Runs at a time, each in its own worker process (needs the train function as a module). Default 1. */
  parallel?: number;
  /** JSON-lines file that keeps every finished run; a rerun skips the runs already in it. */
  resultsPath?: string;
  /** Name of this configuration in the results file and reports (default 'default'). */
  name?: string;
  /** Progress on stderr (default true: a bar on a terminal, status lines otherwise), or your own display. */
  progress?: boolean | ((event: RepeatEvent) => void);
}

/** What `repeat` returns: every run, sorted by seed, and their statistics. */
export interface RepeatResult {
  name: string;
  runs: RepeatRun[];
  /** How many runs were read back from the results file instead of run. */
  resumed: number;
  summary: RepeatSummary;
}

function seedsOf(options: RepeatOptions): number[] {
  if (options.seeds !== undefined) {
    checkSeeds(options.seeds, 'repeat');
    return [...options.seeds];
  }
  const runs = options.runs;
  if (runs === undefined || !Number.isSafeInteger(runs) || runs < 1) throw new Error(`repeat: expected runs to be a positive integer (or a seeds list), received ${String(runs)}`);
  return Array.from({ length: runs }, (_, i) => i + 1);
}

function isModule(train: unknown): train is string | URL | TrainModule {
  return typeof train === 'string' || train instanceof URL || (typeof train === 'object' && train !== null && 'module' in train);
}

/**
 * Repeats a training run once per seed and summarizes the metrics it reports (mean, std,
 * standard error, Student-t and bootstrap 95 % intervals, median, min, max; learning curves
 * epoch by epoch). Before each run the seed is set with setRandomSeed. Results are sorted by
 * seed, so they are bit-identical whether the runs went one after another or in parallel.
 *
 * `train` is a function of the seed, run in this thread one seed at a time; or, for
 * `parallel > 1`, the module that exports it (a path, URL or { module, exportName }), whose
 * runs go to worker processes (repeat-workers.ts). With `resultsPath`, every finished run is
 * appended (and fsync'ed) at once, and a rerun with the same path skips finished runs: an
 * interrupted repeat loses none.
 *
 * @example
 * const result = await repeat({ runs: 30, resultsPath: 'runs.jsonl' }, async (seed) => {
 *   const model = buildModel(); // setRandomSeed(seed) was already called
 *   const history = await model.fit(x, y, { epochs: 10, verbose: 0 });
 *   return { accuracy: evaluateAccuracy(model), loss: history.history.loss };
 * });
 * result.summary.metrics.accuracy.ci95;
 * // In parallel, from a module whose default export is the train function:
 * await repeat({ runs: 30, parallel: 2 }, new URL('./train.js', import.meta.url));
 */
export async function repeat(options: RepeatOptions, train: TrainFunction | string | URL | TrainModule): Promise<RepeatResult> {
  const seeds = seedsOf(options);
  const parallel = options.parallel ?? 1;
  if (!Number.isSafeInteger(parallel) || parallel < 1) throw new Error(`repeat: parallel must be a positive integer, received ${String(parallel)}`);
  if (typeof train === 'function' && parallel > 1) {
    throw new Error(`repeat: parallel: ${parallel} runs in worker processes, which cannot receive a function: pass the module that exports it, e.g. new URL('./train.js', import.meta.url) with the train function as its default export`);
  }
  if (typeof train !== 'function' && !isModule(train)) throw new Error(`repeat: expected train to be a function of the seed or a module path/URL, received ${String(train)}`);
  const name = options.name ?? 'default';
  let store: (RunStore & { close(): void }) | undefined;
  if (options.resultsPath !== undefined) store = (await import('./repeat-results.js')).ResultsFile.open(options.resultsPath);
  let pool: { run(seed: number, slot: number): Promise<unknown>; close(): Promise<void> } | undefined;
  try {
    let execute: RunPlan['execute'];
    if (typeof train === 'function') {
      execute = async (seed) => {
        setRandomSeed(seed);
        return train(seed);
      };
    } else {
      const { WorkerPool } = await import('./repeat-workers.js');
      const workers = new WorkerPool(typeof train === 'object' && !(train instanceof URL) ? train : { module: train }, parallel);
      pool = workers;
      execute = (seed, slot) => workers.run(seed, slot);
    }
    const progress = options.progress === false ? undefined
      : typeof options.progress === 'function' ? options.progress
        : await (await import('./repeat-progress.js')).defaultProgress();
    const { runs, resumed } = await runPlan({ name, seeds, parallel, execute, store, progress });
    return { name, runs, resumed, summary: summarizeRuns(runs) };
  } finally {
    await pool?.close();
    store?.close();
  }
}
