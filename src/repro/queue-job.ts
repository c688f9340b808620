/**
 * What travels through the queue for many machines (Node only): a job is one (configuration,
 * seed) of a repeat or sweep; its id is a hash of everything that decides the run's bits, so
 * enqueueing it twice (a restarted coordinator, a second coordinator) adds nothing and a
 * finished run is never run again.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RunManifest } from './manifest.js';
import { encodeMetrics } from './repeat-codec.js';
import type { RunMetrics } from './repeat-types.js';

/** One configuration of a repeat or sweep: a script, its arguments and extra environment. */
export interface RunConfiguration {
  /** Its name in the results file and the reports (`narrow`, `units=16,lr=0.01`). */
  name: string;
  /** The training script, as the coordinator names it (workers resolve it in their own working directory). */
  script: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
}

/** A file the runs read, with the SHA-256 of its bytes. */
export interface DataFile {
  path: string;
  sha256: string;
}

/** The data of a queued job: what a worker needs to run one seed of one configuration. */
export interface QueueJobData {
  format: 1;
  /** 'run': the run whose metrics are kept; 'verify': the same run again on another worker (the cross-check). */
  kind: 'run' | 'verify';
  config: string;
  script: string;
  scriptSha256: string;
  args: string[];
  env: Record<string, string>;
  seed: number;
  data: DataFile[];
  /** `--runner` of the coordinator, if given (how to run the script). */
  runner?: string;
  /** For 'verify' jobs: the worker that ran the 'run' job; this one must run elsewhere. */
  avoidWorker?: string;
}

/** What a worker returns for a job. */
export interface QueueJobResult {
  /** The metrics, JSON-safe (`encodeMetrics`). */
  metrics: ReturnType<typeof encodeMetrics>;
  /** SHA-256 of the encoded metrics: their bits, compared by the cross-check. */
  metricsSha256: string;
  /** The final weights' fingerprint from the run manifest (null when the script never trained with SameBits). */
  fingerprint: string | null;
  manifest: RunManifest | null;
  /** The run's fingerprint log (JSON lines; hashes only), or null. */
  log: string | null;
  /** The worker that ran it (`host/pid`). */
  worker: string;
  durationMs: number;
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * SHA-256 of a file's bytes.
 * @example fileSha256('train.ts')
 */
export function fileSha256(path: string): string {
  return sha256(readFileSync(path));
}

/**
 * The digest of the data files a configuration's runs read: SHA-256 over each file's path and
 * SHA-256, in the order given ('' when there are none).
 * @example dataDigest([{ path: 'train.csv', sha256: fileSha256('train.csv') }])
 */
export function dataDigest(files: readonly DataFile[]): string {
  return files.length === 0 ? '' : sha256(JSON.stringify(files.map((f) => [f.path, f.sha256])));
}

/**
 * The job id of one run: SHA-256 of the script's path and content hash, its arguments, its extra
 * environment (sorted by name), the seed and the data digest. Equal ids mean equal runs.
 * @example jobId({ script: 'train.ts', scriptSha256, args: ['--units', '8'], env: {}, seed: 3, data: [] })
 */
export function jobId(job: Pick<QueueJobData, 'script' | 'scriptSha256' | 'args' | 'env' | 'seed' | 'data'>): string {
  const env = Object.keys(job.env).sort().map((k) => [k, job.env[k]]); // sorted: the id must not see the order keys were written in
  // The path too: the same bytes elsewhere import other modules and read other files beside them.
  return sha256(JSON.stringify([job.script, job.scriptSha256, job.args, env, job.seed, dataDigest(job.data)]));
}

/** The id of a run's cross-check job (BullMQ ids may not contain ':'). */
export function verifyJobId(id: string): string {
  return `${id}-verify`;
}

/**
 * SHA-256 of metrics as they are stored: the bits the cross-check compares.
 * @example metricsSha256({ accuracy: 0.93 })
 */
export function metricsSha256(metrics: RunMetrics): string {
  return sha256(JSON.stringify(encodeMetrics(metrics)));
}
