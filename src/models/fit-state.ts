import type { MetricState } from '../metrics/index.js';
import type { SavedCallbackState } from './callback-state.js';
import type { DataDigests } from './fit-digest.js';
import { DATA_DIGEST_LABELS } from './fit-digest.js';
import type { EngineModel } from './engine.js';

/** The options that fix a fit's batches; a resume must use the same. */
export interface FitBatchOptions {
  batchSize: number;
  steps: number;
  samples: number;
  shuffle: boolean;
}

/**
 * Where a fitDataset run stands in its dataset: the pass (the epoch, or 0 when batchesPerEpoch
 * runs one pass across epochs), the batches taken from it, a hash chain of those batches (a
 * resume replays them and must get the same chain) and the training steps so far.
 */
export interface DatasetPosition {
  /** SHA-256 of the dataset's lineage (operations, parameters, shuffle keys, sources' content digests). */
  identity: string;
  /** Batches per epoch as given to fitDataset (null: one pass per epoch). */
  batchesPerEpoch: number | null;
  pass: number;
  /** Batches taken from pass `pass`. */
  element: number;
  /** Hash chain of those batches (`chainDigest`). */
  chain: string;
  /** Training steps done (the dropout step counter). */
  step: number;
}

/**
 * Where a `fit` run stands, everything a checkpoint needs besides weights and optimizer state
 * to continue to the bits of an uninterrupted run: shuffles and dropout masks are pure functions
 * of (seed, training call, epoch, step), so no generator state is needed, only the position
 * and the exact partial sums of the current epoch's logs.
 */
export interface FitSnapshot {
  /** Epoch of the next batch to run. */
  epoch: number;
  /** Next batch within `epoch`; equal to `steps` when only the epoch's end remains. */
  batch: number;
  /** The global seed the run started with. */
  seed: number;
  /**
   * The model's training call that wrote it (`training-calls.ts`), absent for call 0 (and in
   * checkpoints written before calls were counted): a resume continues that call's randomness.
   */
  call?: number;
  /** The options that fix the batches; a resume must use the same. */
  options: FitBatchOptions;
  /** Digests of the training and validation data; a resume must use the same. */
  data: DataDigests;
  /** History of the completed epochs. */
  history: { epoch: number[]; history: Record<string, number[]> };
  /** Exact partial sums of the current epoch's loss and metrics (null at an epoch boundary). */
  partial: { loss: MetricState; metrics: MetricState[]; outputLosses?: MetricState[] } | null;
  /** fitDataset only: the position in the dataset (absent in checkpoints of fit over arrays). */
  dataset?: DatasetPosition;
  /** The state of the fit's stateful callbacks (earlyStopping, reduceLROnPlateau, ...), in list order. */
  callbacks: SavedCallbackState[];
}

/** What a fit about to start is, for a checkpoint to be checked against before anything is restored. */
export interface ResumeExpectation {
  options: FitBatchOptions;
  data: DataDigests;
  /** Number of metrics the model is compiled with (partial sums hold one state each). */
  metrics: number;
  /** fitDataset: the dataset's identity and batches per epoch. */
  dataset?: { identity: string; batchesPerEpoch: number | null };
  /**
   * fitDataset: replays the dataset up to the snapshot's position and says why it cannot resume
   * there (other batches), or undefined; called after the other checks, before anything is restored.
   */
  verify?: (snapshot: FitSnapshot) => Promise<string | undefined>;
  /** Kinds of the fit's stateful callbacks, in list order. */
  callbacks: string[];  /**
   * The training call this fit would begin, and the model's last call that threw (or null): a
   * checkpoint of an earlier call that did not throw is a finished fit's (a loop of fit calls
   * with backupAndRestore), not this one's to resume.
   */
  next?: { call: number; failed: number | null };
}

/**
 * What a callback implements to checkpoint and resume `fit` (BackupAndRestore does): fit hands
 * it a function that reads the current snapshot, and before training asks it for a snapshot to
 * resume from, after it has checked the checkpoint against `expected` and the model and only
 * then restored the model's weights and optimizer state.
 */
export interface ResumableCallback {
  setSnapshotSource(source: () => FitSnapshot): void;
  restoreTraining(model: EngineModel, expected: ResumeExpectation): Promise<FitSnapshot | undefined>;
}

/** True when `cb` implements `ResumableCallback`. */
export function isResumable<T>(cb: T): cb is T & ResumableCallback {
  const c = cb as Partial<ResumableCallback> | null;
  return typeof c?.setSnapshotSource === 'function' && typeof c.restoreTraining === 'function';
}

const short = (d: string | null): string => (d === null ? 'none' : `sha256 ${d.slice(0, 12)}…`);

/**
 * Why a fit expecting `expected` cannot resume from `snapshot` (options, data or metrics
 * differ), or undefined when it can.
 * @example resumeMismatch(checkpoint.header.snapshot, expected) // 'it was written by a fit with batchSize=32, …'
 */
export function resumeMismatch(snapshot: FitSnapshot, expected: ResumeExpectation): string | undefined {
  const wasSet = snapshot.dataset;
  const isSet = expected.dataset;
  if ((wasSet === undefined) !== (isSet === undefined)) {
    return `it was written by ${wasSet ? 'fitDataset' : 'fit over arrays'}, but this is ${isSet ? 'fitDataset' : 'fit over arrays'}; resume with the same data and options`;
  }
  if (wasSet && isSet) {
    if (wasSet.batchesPerEpoch !== isSet.batchesPerEpoch) return `it was written by a fitDataset with batchesPerEpoch=${String(wasSet.batchesPerEpoch)}, but this one has batchesPerEpoch=${String(isSet.batchesPerEpoch)}; resume with the same data and options`;
    if (wasSet.identity !== isSet.identity) return `it was written by a fitDataset on another dataset (its operations, parameters, shuffle seeds or source contents differ; checkpoint: ${short(wasSet.identity)}, this fit: ${short(isSet.identity)}); resume with the same dataset pipeline`;
  }
  for (const k of ['batchSize', 'steps', 'samples', 'shuffle'] as const) {
    if (snapshot.options[k] !== expected.options[k]) {
      return `it was written by a fit with ${k}=${String(snapshot.options[k])}, but this fit has ${k}=${String(expected.options[k])}; resume with the same data and options`;
    }
  }
  for (const [k, label] of DATA_DIGEST_LABELS) {
    const was = snapshot.data[k];
    const is = expected.data[k];
    if (was !== is) {
      return `it was written by a fit on other data: ${label} ${label.endsWith('s') ? 'differ' : 'differs'} (checkpoint: ${short(was)}, this fit: ${short(is)}); resume with the same data and options`;
    }
  }
  const held = snapshot.partial?.metrics.length;
  if (held !== undefined && held !== expected.metrics) {
    return `it holds ${held} metric state${held === 1 ? '' : 's'} (partial sums of the epoch), but the model is compiled with ${expected.metrics} metric${expected.metrics === 1 ? '' : 's'}`;
  }
  const was = snapshot.callbacks.map((c) => c.kind);
  if (was.join(',') !== expected.callbacks.join(',')) {
    const list = (k: string[]): string => (k.length === 0 ? 'none' : k.join(', '));
    return `it holds the state of the callbacks [${list(was)}], but this fit has the stateful callbacks [${list(expected.callbacks)}]; resume with the same callbacks`;
  }
  return undefined;
}
