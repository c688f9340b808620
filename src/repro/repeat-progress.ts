/**
 * Progress of a repeat on a stream (Node only): a progress bar over runs when the stream is a
 * terminal (cli-progress), one status line per finished run otherwise (logs, CI).
 */

import type { RepeatEvent, RunMetrics } from './repeat-types.js';

/** A progress display: feed it the runner's events. */
export type ProgressSink = (event: RepeatEvent) => void;

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** "accuracy 0.9312, loss 0.2101": scalar metrics, else the last value of each curve. */
export function formatMetrics(metrics: RunMetrics, limit = 4): string {
  const entries = Object.entries(metrics);
  const scalars = entries.filter(([, v]) => typeof v === 'number') as [string, number][];
  const shown = scalars.length > 0
    ? scalars
    : entries.flatMap(([k, v]) => (Array.isArray(v) && v.length > 0 ? [[`${k} (last)`, v[v.length - 1] as number] as [string, number]] : []));
  const text = shown.slice(0, limit).map(([k, v]) => `${k} ${Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v)}`);
  if (shown.length > limit) text.push('…');
  return text.join(', ');
}

function startLine(e: Extract<RepeatEvent, { type: 'start' }>): string {
  const where = e.resultsPath === undefined ? '' : ` (results: ${e.resultsPath})`;
  if (e.resumed === e.total) return `repeat ${e.name}: ${e.total} runs, all already done${where}`;
  const resumed = e.resumed > 0 ? `, ${e.resumed} already done` : '';
  return `repeat ${e.name}: ${e.total} runs${resumed}, ${Math.min(e.parallel, e.total - e.resumed)} at a time${where}`;
}

/** Status lines, one per event: for logs and CI, where a redrawn bar would be noise. */
export function lineProgress(write: (line: string) => void): ProgressSink {
  return (e) => {
    if (e.type === 'start') write(startLine(e));
    else if (e.type === 'run') write(`repeat ${e.name}: run ${e.finished}/${e.total} done (seed ${e.run.seed}, ${seconds(e.run.durationMs)}): ${formatMetrics(e.run.metrics)}`);
    else write(`repeat ${e.name}: ${e.total} runs complete in ${seconds(e.elapsedMs)}`);
  };
}

/** A progress bar (cli-progress) over the runs of each configuration. */
export async function barProgress(stream: NodeJS.WriteStream): Promise<ProgressSink> {
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  return (e) => {
    if (e.type === 'start') {
      stream.write(`${startLine(e)}\n`);
      bar = new SingleBar({ stream, format: 'repeat {name} {bar} {value}/{total} runs | {last} | ETA {eta_formatted}', hideCursor: true, etaBuffer: 4 }, Presets.shades_classic);
      bar.start(e.total, e.resumed, { name: e.name, last: 'running' });
    } else if (e.type === 'run') {
      bar?.update(e.finished, { last: `seed ${e.run.seed}: ${formatMetrics(e.run.metrics, 2)}` });
    } else {
      bar?.stop();
      bar = undefined;
    }
  };
}

/** The default display on stderr: a bar on a terminal, status lines otherwise. */
export async function defaultProgress(): Promise<ProgressSink> {
  if (process.stderr.isTTY) return barProgress(process.stderr);
  return lineProgress((line) => process.stderr.write(`${line}\n`));
}
