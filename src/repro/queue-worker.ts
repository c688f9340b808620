/**
 * A queue worker (Node only): takes jobs from the BullMQ queue on Redis and runs each in a
 * fresh process (queue-run.ts), `concurrency` at a time. A worker killed mid-run (SIGKILL, a
 * lost machine) stops renewing its job's lock; after `lockMs` another worker's stalled-job
 * check puts the job back in the queue and it runs again, with the same bits.
 */

import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { DelayedError, UnrecoverableError, Worker } from 'bullmq';
import type { QueueTimings } from './queue-connection.js';
import { QUEUE_NAME, redisConnection } from './queue-connection.js';
import type { QueueJobData, QueueJobResult } from './queue-job.js';
import { JobRefused, runQueueJob, testOnlyPerturbation } from './queue-run.js';
import { RunInterrupted } from './repeat-script.js';

/** How a worker runs. */
export interface QueueWorkerOptions {
  url: string;
  /** Jobs at a time (default 1). */
  concurrency?: number;
  /** Where scripts and data files are looked up (default: the working directory). */
  cwd?: string;
  timings: QueueTimings;
  /** Told of each job started and finished (for the worker's log). */
  log?: (line: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

/** A running worker: its name (`host/pid`), and close() to stop after the jobs in hand. */
export interface QueueWorker {
  name: string;
  close(): Promise<void>;
}

/** How long a cross-check job waits before another worker may take it, when it came to the worker that ran the first run. */
const HAND_BACK_MS = 500;

/**
 * Starts a worker on the queue at `url`.
 * @example const worker = await startQueueWorker({ url: 'redis://localhost:6379', timings: queueTimings(process.env) });
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const env = options.env ?? process.env;
  const perturbSeed = testOnlyPerturbation(env);
  const name = `${hostname()}/${process.pid}`;
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? ((): void => {});
  if (perturbSeed) log(`WARNING: test-only seed perturbation is ON: this worker (${name}) gives WRONG results on purpose`);
  const processor = async (job: Job<QueueJobData, QueueJobResult>, token?: string): Promise<QueueJobResult> => {
    const data = job.data;
    if (data.kind === 'verify' && data.avoidWorker === name) {
      // The cross-check must run on another worker: hand the job back for a moment.
      await job.moveToDelayed(Date.now() + HAND_BACK_MS, token); // determinism-ok: a delay, never a result
      throw new DelayedError();
    }
    log(`${data.kind === 'verify' ? 'cross-check' : 'run'} ${data.config} seed ${data.seed} (job ${String(job.id).slice(0, 12)}…)`);
    try {
      const result = await runQueueJob(data, { worker: name, cwd, perturbSeed });
      log(`done ${data.config} seed ${data.seed} in ${(result.durationMs / 1000).toFixed(1)} s`);
      return result;
    } catch (error) {
      if (error instanceof RunInterrupted) {
        // Stopped, not failed (a Ctrl-C of this worker reaches its script too): another worker, or this one, runs it again.
        log(`stopped ${data.config} seed ${data.seed}: given back to the queue`);
        await job.moveToDelayed(Date.now(), token); // determinism-ok: a delay, never a result
        throw new DelayedError();
      }
      const message = error instanceof Error ? error.message : String(error);
      log(`FAILED ${data.config} seed ${data.seed}: ${message}`);
      // A script that fails fails the same way everywhere, and a refused job needs another
      // checkout: neither is retried (a lost worker is, through the stalled-job check).
      throw new UnrecoverableError(error instanceof JobRefused ? message : `worker ${name}: ${message}`);
    }
  };
  const worker = new Worker<QueueJobData, QueueJobResult>(QUEUE_NAME, processor, {
    connection: redisConnection(options.url),
    concurrency: options.concurrency ?? 1,
    name,
    lockDuration: options.timings.lockMs,
    stalledInterval: options.timings.stalledMs,
    // A job is given back after a lost worker this many times before it counts as failed.
    maxStalledCount: 5,
    autorun: true,
  });
  worker.on('error', (error) => log(`queue connection: ${error.message}`));
  await worker.waitUntilReady();
  return { name, close: () => worker.close() };
}
