/**
 * Progress of a repeat or sweep on the queue (Node only): a progress bar over all jobs
 * (cli-progress, as the local repeat's) with the workers connected and the jobs running, done,
 * failed and retried; on a stream that is not a terminal, one status line whenever the counts change.
 */

/** A snapshot of the queue as the coordinator sees it. */
export interface QueueStatus {
  /** Jobs of this coordinator: every run, plus the cross-check runs. */
  total: number;
  done: number;
  failed: number;
  /** Jobs being run by workers right now (on the whole queue). */
  running: number;
  /** Jobs given back after a lost worker, or started more than once. */
  retried: number;
  /** Workers connected to the queue. */
  workers: number;
  crossChecked: number;
  mismatches: number;
  /** Set on the last snapshot. */
  final?: boolean;
}

/** A display of queue status snapshots. */
export type QueueProgressSink = (status: QueueStatus) => void;

function counts(s: QueueStatus): string {
  const checks = s.crossChecked > 0 || s.mismatches > 0 ? ` | cross-checked ${s.crossChecked}${s.mismatches > 0 ? ` (${s.mismatches} MISMATCHED)` : ''}` : '';
  return `workers ${s.workers} | running ${s.running} | done ${s.done} | failed ${s.failed} | retried ${s.retried}${checks}`;
}

/**
 * Status lines: one whenever the counts change (logs, CI).
 * @example const sink = queueLineProgress((l) => process.stderr.write(`${l}\n`));
 */
export function queueLineProgress(write: (line: string) => void): QueueProgressSink {
  let last = '';
  return (s) => {
    const line = `queue: ${s.done}/${s.total} jobs | ${counts(s)}`;
    if (line !== last || s.final === true) write(s.final === true ? `${line} | finished` : line);
    last = line;
  };
}

/**
 * A progress bar (cli-progress) over all jobs, with the counts beside it.
 * @example const sink = await queueBarProgress(process.stderr);
 */
export async function queueBarProgress(stream: NodeJS.WriteStream): Promise<QueueProgressSink> {
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  return (s) => {
    if (bar === undefined) {
      bar = new SingleBar({ stream, format: 'queue {bar} {value}/{total} jobs | {counts} | ETA {eta_formatted}', hideCursor: true, etaBuffer: 8 }, Presets.shades_classic);
      bar.start(s.total, s.done, { counts: counts(s) });
    }
    bar.update(s.done, { counts: counts(s) });
    if (s.final === true) {
      bar.stop();
      bar = undefined;
    }
  };
}

/**
 * The default display on stderr: a bar on a terminal, status lines otherwise.
 * @example const progress = await defaultQueueProgress();
 */
export async function defaultQueueProgress(): Promise<QueueProgressSink> {
  if (process.stderr.isTTY) return queueBarProgress(process.stderr);
  return queueLineProgress((line) => process.stderr.write(`${line}\n`));
}
