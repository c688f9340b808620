import type { MetricState } from '../metrics/index.js';
import type { Sequential } from './sequential.js';

/**
 * Where a `fit` run stands, everything a checkpoint needs besides weights and optimizer state
 * to continue to the bits of an uninterrupted run: shuffles and dropout masks are pure functions
 * of (seed, epoch, step), so no generator state is needed, only the position and the exact
 * partial sums of the current epoch's logs.
 */
export interface FitSnapshot {
  /** Epoch of the next batch to run. */
  epoch: number;
  /** Next batch within `epoch`; equal to `steps` when only the epoch's end remains. */
  batch: number;
  /** The global seed the run started with. */
  seed: number;
  /** The options that fix the batches; a resume must use the same. */
  options: { batchSize: number; steps: number; samples: number; shuffle: boolean };
  /** History of the completed epochs. */
  history: { epoch: number[]; history: Record<string, number[]> };
  /** Exact partial sums of the current epoch's loss and metrics (null at an epoch boundary). */
  partial: { loss: MetricState; metrics: MetricState[] } | null;
}

/**
 * What a callback implements to checkpoint and resume `fit` (BackupAndRestore does): fit hands
 * it a function that reads the current snapshot, and before training asks it for a snapshot to
 * resume from (after it has restored the model's weights and optimizer state itself).
 */
export interface ResumableCallback {
  setSnapshotSource(source: () => FitSnapshot): void;
  restoreTraining(model: Sequential): Promise<FitSnapshot | undefined>;
}

/** True when `cb` implements `ResumableCallback`. */
export function isResumable<T>(cb: T): cb is T & ResumableCallback {
  const c = cb as Partial<ResumableCallback> | null;
  return typeof c?.setSnapshotSource === 'function' && typeof c.restoreTraining === 'function';
}
