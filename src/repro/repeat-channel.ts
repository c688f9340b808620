/**
 * How a training script run by `samebits repeat` learns its seed and reports its metrics.
 * The runner starts the script once per seed with SAMEBITS_SEED set, and with
 * SAMEBITS_METRICS_FILE naming a file the script's `reportMetrics` calls append to. A script
 * that does not call `reportMetrics` may instead print its metrics as the last line of stdout
 * that is a JSON object, e.g. `console.log(JSON.stringify({ accuracy }))`.
 */

import { environmentVariable } from '../util/environment.js';
import { checkMetrics, encodeMetrics } from './repeat-codec.js';
import type { RunMetrics } from './repeat-types.js';

/** Environment variable holding the seed of the run. */
export const SEED_VARIABLE = 'SAMEBITS_SEED';
/** Environment variable naming the file `reportMetrics` appends to. */
export const METRICS_FILE_VARIABLE = 'SAMEBITS_METRICS_FILE';

/**
 * The seed `samebits repeat` gave this run (SAMEBITS_SEED), or `fallback` when the script runs
 * on its own.
 * @example setRandomSeed(repeatSeed()) // seed 1 when run by hand
 */
export function repeatSeed(fallback = 1): number {
  const text = environmentVariable(SEED_VARIABLE);
  if (text === undefined || text === '') return fallback;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`repeatSeed: ${SEED_VARIABLE} must be an integer, received '${text}'`);
  return seed;
}

/**
 * Reports this run's metrics to `samebits repeat`: numbers for final metrics, arrays for
 * per-epoch curves. Under the runner it appends one JSON line to SAMEBITS_METRICS_FILE (several
 * calls merge, later keys win); run by hand it prints that line to stdout.
 * @example await reportMetrics({ accuracy: acc, loss: history.history.loss })
 */
export async function reportMetrics(metrics: RunMetrics): Promise<void> {
  const line = `${JSON.stringify(encodeMetrics(checkMetrics(metrics, 'reportMetrics')))}\n`;
  const file = environmentVariable(METRICS_FILE_VARIABLE);
  if (file === undefined || file === '') {
    console.log(line.trimEnd());
    return;
  }
  const fs = await import('node:fs');
  fs.appendFileSync(file, line);
}
