/**
 * One queued job, run on a worker (Node only) exactly as a local `repeat` runs a seed: the
 * script in a fresh process with SAMEBITS_SEED, its metrics through reportMetrics or stdout
 * (ScriptRunner). Fingerprint logging and the run manifest are switched on from outside, as
 * `samebits check` does, so the cross-check can compare weights as well as metrics.
 */

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { COMMAND_ENV, FINGERPRINT_LOG_ENV, FINGERPRINT_OPTIONS_ENV, MANIFEST_ENV } from './environment.js';
import { readManifest } from './manifest.js';
import { checkMetrics, encodeMetrics } from './repeat-codec.js';
import { ScriptRunner, scriptCommand } from './repeat-script.js';
import type { QueueJobData, QueueJobResult } from './queue-job.js';
import { fileSha256, metricsSha256 } from './queue-job.js';
import { makeScratchDir } from './scratch-dir.js';

/**
 * TEST ONLY. A worker whose environment sets this variable to exactly PERTURB_CONFIRMATION
 * runs every job with seed + 1 in place of its seed: a deliberately wrong machine, for the test
 * that the cross-check catches one. Any other value is refused at the worker's start.
 */
export const TEST_ONLY_PERTURB_VARIABLE = 'SAMEBITS_TEST_ONLY_PERTURB_SEED';
/** The one value that switches the test-only perturbation on. */
export const PERTURB_CONFIRMATION = 'yes, give wrong results for a test';

/**
 * Whether this worker runs with the test-only seed perturbation; throws on any value of the
 * variable other than the exact confirmation, so it cannot be switched on by accident.
 * @example if (testOnlyPerturbation(process.env)) console.error('WARNING: …')
 */
export function testOnlyPerturbation(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env[TEST_ONLY_PERTURB_VARIABLE];
  if (value === undefined || value === '') return false;
  if (value !== PERTURB_CONFIRMATION) throw new Error(`${TEST_ONLY_PERTURB_VARIABLE} is a test-only switch that makes this worker give wrong results; it takes exactly '${PERTURB_CONFIRMATION}', received '${value}': unset it`);
  return true;
}

/** A job that cannot succeed on this worker however often it is retried (a missing or different script). */
export class JobRefused extends Error {}

function checkFile(path: string, expected: string, what: string, worker: string): string {
  if (!existsSync(path)) throw new JobRefused(`worker ${worker}: ${what} ${path} does not exist here; start workers in a checkout of the same code and data (in the coordinator's working directory layout)`);
  const actual = fileSha256(path);
  if (actual !== expected) throw new JobRefused(`worker ${worker}: ${what} ${path} here has SHA-256 ${actual.slice(0, 12)}…, the job expects ${expected.slice(0, 12)}…: the worker's copy differs from the coordinator's`);
  return path;
}

/**
 * Runs one job: checks that the script and data files in `cwd` are the coordinator's (by
 * SHA-256), runs the script once with the job's seed, arguments and environment, and returns
 * its metrics, fingerprint, manifest and fingerprint log.
 * @example const result = await runQueueJob(job.data, { worker: 'host/123', cwd: process.cwd() });
 */
export async function runQueueJob(job: QueueJobData, options: { worker: string; cwd: string; perturbSeed?: boolean }): Promise<QueueJobResult> {
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(options.cwd, p));
  const script = checkFile(at(job.script), job.scriptSha256, 'script', options.worker);
  for (const file of job.data) checkFile(at(file.path), file.sha256, 'data file', options.worker);
  const scratch = makeScratchDir('samebits-queue-job');
  const command = [...scriptCommand(script, job.runner), ...job.args];
  const runner = new ScriptRunner(command, options.cwd, job.env);
  const paths = { log: join(scratch, 'run.jsonl'), manifest: join(scratch, 'run.manifest.json') };
  try {
    const seed = options.perturbSeed === true ? job.seed + 1 : job.seed;
    const started = performance.now(); // determinism-ok: run duration for progress output only
    const metrics = checkMetrics(await runner.run(seed, {
      [FINGERPRINT_LOG_ENV]: paths.log,
      [FINGERPRINT_OPTIONS_ENV]: JSON.stringify({ every: 'epoch', values: 0 }),
      [MANIFEST_ENV]: paths.manifest,
      [COMMAND_ENV]: JSON.stringify([job.script, ...job.args]),
    }), `${job.config}, seed ${job.seed}`);
    const durationMs = performance.now() - started; // determinism-ok: as above
    const manifest = existsSync(paths.manifest) ? await readManifest(paths.manifest) : null;
    const log = existsSync(paths.log) ? readFileSync(paths.log, 'utf8') : null;
    return {
      metrics: encodeMetrics(metrics), metricsSha256: metricsSha256(metrics),
      fingerprint: manifest?.result?.fingerprint ?? null, manifest, log, worker: options.worker, durationMs,
    };
  } finally {
    runner.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
