/** What one run reports: final metrics (numbers) and per-epoch curves (arrays of numbers). */
export type RunMetrics = Record<string, number | number[]>;

/** A training run as a function of its seed. */
export type TrainFunction = (seed: number) => RunMetrics | Promise<RunMetrics>;

/** One finished run. */
export interface RepeatRun {
  seed: number;
  metrics: RunMetrics;
  /** Wall-clock time of the run: informative only, never an input to any statistic. */
  durationMs: number;
}

/** What the runner tells a progress display. */
export type RepeatEvent =
  | { type: 'start'; name: string; total: number; resumed: number; parallel: number; resultsPath: string | undefined }
  | { type: 'run'; name: string; run: RepeatRun; finished: number; total: number }
  | { type: 'end'; name: string; total: number; elapsedMs: number };
