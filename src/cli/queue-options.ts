/** The options `repeat` and `sweep` share for running on the queue for many machines. */

import { relative } from 'node:path';
import type { DataFile } from '../repro/queue-job.js';
import { fileSha256 } from '../repro/queue-job.js';
import { UserError, checkUserFile } from './user-error.js';

/** parseArgs entries of the queue options. */
export const QUEUE_OPTIONS = {
  queue: { type: 'string' }, 'verify-fraction': { type: 'string' }, 'verify-seed': { type: 'string' }, data: { type: 'string' },
} as const;

/** Their lines in a command's help. */
export const QUEUE_HELP = `  --queue redis://HOST:6379
                           run on the queue for many machines: each (configuration, seed) becomes
                           a job that 'samebits worker' processes take, on any number of machines
                           (started in a checkout of the same code and data); without it, all
                           runs happen here
  --verify-fraction F      with --queue: run this share of the jobs (drawn by --verify-seed,
                           default 0) a second time on another worker and check that the bits match
  --data FILES             comma-separated data files the script reads: their SHA-256 goes into
                           the job ids, and workers refuse to run with a different copy`;

/** What the queue options say. */
export interface QueueChoice {
  queue: string | undefined;
  verifyFraction: number;
  verifySeed: number;
  data: DataFile[];
}

/**
 * Reads the queue options (data files relative to the working directory, hashed now).
 * @example queueOptions({ queue: 'redis://localhost:6379', 'verify-fraction': '0.1' })
 */
export function queueOptions(values: { queue?: string | undefined; 'verify-fraction'?: string | undefined; 'verify-seed'?: string | undefined; data?: string | undefined }, extraData: readonly string[] = []): QueueChoice {
  const verifyFraction = parseFraction(values['verify-fraction']);
  if (verifyFraction > 0 && values.queue === undefined) throw new UserError('--verify-fraction runs jobs again on other machines: it needs --queue redis://HOST:6379');
  const verifySeed = values['verify-seed'] === undefined ? 0 : Number(values['verify-seed']);
  if (!Number.isSafeInteger(verifySeed)) throw new UserError(`--verify-seed: expected an integer, received '${String(values['verify-seed'])}'`);
  const paths = [...extraData, ...(values.data?.split(',').map((s) => s.trim()).filter(Boolean) ?? [])];
  const data = paths.map((path) => {
    checkUserFile(path, 'data file');
    return { path: relative(process.cwd(), path) || path, sha256: fileSha256(path) };
  });
  return { queue: values.queue, verifyFraction, verifySeed, data };
}

/**
 * Parses --verify-fraction.
 * @example parseFraction('0.1') // 0.1
 */
export function parseFraction(text: string | undefined): number {
  if (text === undefined) return 0;
  const f = Number(text);
  if (!(f >= 0 && f <= 1) || text.trim() === '') throw new UserError(`--verify-fraction: expected a number from 0 to 1 such as 0.1, received '${text}'`);
  return f;
}
