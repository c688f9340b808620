import { parseArgs } from 'node:util';
import { UserError, asUserError, guarded } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits worker redis://HOST:6379 [--concurrency N]

Takes jobs from the queue that 'samebits repeat --queue' and 'samebits sweep --queue' fill,
and runs each in a fresh process exactly as a local repeat does, returning its metrics,
fingerprint and run manifest. Start it on any number of machines, in a checkout of the same
code and data as the coordinator's (scripts and data files are checked by SHA-256 and a job
is refused if they differ). Stop it with Ctrl-C; a worker that is killed or lost leaves its
job to be run again by another worker, with the same bits.

Options:
  --concurrency N   jobs at a time (default 1)
  -h, --help        show this help

Environment (defaults suit real use; tests set them short):
  SAMEBITS_QUEUE_LOCK_MS      how long a job's lock lasts without renewal, i.e. how soon a lost
                              worker's job runs elsewhere (default 30000)
  SAMEBITS_QUEUE_STALLED_MS   how often workers look for such jobs (default 30000)`;

async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [url, ...extra] = positionals;
  if (url === undefined || extra.length > 0) throw new UserError(`expected one Redis URL such as redis://localhost:6379, received ${positionals.length} arguments`);
  const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new UserError(`--concurrency: expected a positive integer, received '${String(values.concurrency)}'`);
  const [{ startQueueWorker }, { queueTimings, redactedUrl, redisConnection }] = await Promise.all([import('../../repro/queue-worker.js'), import('../../repro/queue-connection.js')]);
  asUserError(() => redisConnection(url));
  const timings = asUserError(() => queueTimings(process.env));
  const log = (line: string): void => { process.stderr.write(`worker: ${line}\n`); };
  const worker = await asUserError(() => startQueueWorker({ url, concurrency, timings, log }));
  log(`${worker.name} taking jobs from ${redactedUrl(url)}, ${concurrency} at a time (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      log('stopping after the jobs in hand (Ctrl-C again to quit now)');
      process.once('SIGINT', () => process.exit(130));
      void worker.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** `samebits worker redis://…`: run queued jobs on this machine. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'Take repeat/sweep jobs from a Redis queue and run them here (any number of machines).',
  run: guarded('worker', run),
};
