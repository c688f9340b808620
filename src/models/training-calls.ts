import type { EngineModel } from './engine.js';

export { callKey } from '../random/index.js';

/**
 * Each model's count of training calls, which keys their randomness. Call c of a model (fit,
 * fitDataset, or a run of consecutive trainOnBatch calls) draws its shuffles and masks from
 * `callKey(key(seed), c)`: a model fitted for one epoch in a loop (tfjs-examples addition-rnn)
 * sees a new shuffle and new dropout masks each call, as in TF.js and Keras, and the same ones
 * in every run. Call 0 keeps the run's key itself, so a program that trains once has the bits
 * it had before calls were counted. The count lives beside the model, not on it: compile does
 * not reset it (re-compiling to fine-tune must not replay call 0's randomness); checkpoints hold
 * it (`FitSnapshot.call`), and so do model files saved with their optimizer (as Keras's
 * `optimizer.iterations`): a model loaded without one starts at 0, as a new model.
 */
interface CallCount {
  /** Training calls begun so far: the ordinal of the next one. */
  calls: number;
  /** The trainOnBatch run in progress (its call ordinal and steps taken), or null. */
  batchRun: { call: number; steps: number } | null;
  /** The ordinal of the last fit or fitDataset call, which one with initialEpoch > 0 continues. */
  lastFit: number | null;
  /** The ordinal of the last fit or fitDataset call that threw, which a later one may resume from its checkpoint. */
  failed?: number;
}

const counts = new WeakMap<EngineModel, CallCount>();

function countOf(model: EngineModel): CallCount {
  let c = counts.get(model);
  if (!c) counts.set(model, (c = { calls: 0, batchRun: null, lastFit: null }));
  return c;
}

/**
 * Starts a fit or fitDataset call and returns its ordinal: a new one, counted; or, when
 * `continuing` (initialEpoch > 0, Keras's way to go on with a run) and the model has fitted
 * before, the last fit's, so that `fit({epochs: 1})` then `fit({epochs: 2, initialEpoch: 1})`
 * gives the bits of `fit({epochs: 2})`. It also ends any trainOnBatch run.
 * @example const call = beginTrainingCall(model, false); // 0 for the model's first fit
 */
export function beginTrainingCall(model: EngineModel, continuing: boolean): number {
  const c = countOf(model);
  c.batchRun = null;
  if (!continuing || c.lastFit === null) c.lastFit = c.calls++;
  return c.lastFit;
}

/**
 * What a checkpoint found before a fit is compared with: the ordinal `beginTrainingCall(model,
 * continuing)` would return (without starting the call), and the last call that threw, or null.
 * A checkpoint of an earlier call that did not throw is a finished fit's (a loop of fit calls
 * with backupAndRestore), not one to resume.
 * @example nextTrainingCall(model, false) // { call: 1, failed: null } after one fit
 */
export function nextTrainingCall(model: EngineModel, continuing: boolean): { call: number; failed: number | null } {
  const c = counts.get(model);
  if (!c) return { call: 0, failed: null };
  return { call: continuing && c.lastFit !== null ? c.lastFit : c.calls, failed: c.failed ?? null };
}

/**
 * Records that training call `call` threw: a later fit with backupAndRestore may resume it from
 * its checkpoint (Keras's example of BackupAndRestore: the retry after an interruption).
 * @example failedTrainingCall(model, call);
 */
export function failedTrainingCall(model: EngineModel, call: number): void {
  countOf(model).failed = call;
}

/**
 * A fit resumed from a checkpoint continues call `call`, the one that wrote it, whatever the
 * model counted before: afterwards the model goes on as the run that wrote the checkpoint would.
 * @example resumeTrainingCall(model, snapshot.call ?? 0);
 */
export function resumeTrainingCall(model: EngineModel, call: number): void {
  const c = countOf(model);
  c.batchRun = null;
  c.lastFit = call;
  c.calls = call + 1;
}

/**
 * The call and step of a trainOnBatch: consecutive trainOnBatch calls are the steps 0, 1, 2, …
 * of one training call, as a fit's batches are, begun by the first of them; a fit or fitDataset
 * in between ends the run.
 * @example const { call, step } = nextBatchStep(model); // { call: 0, step: 0 } on a fresh model
 */
export function nextBatchStep(model: EngineModel): { call: number; step: number } {
  const c = countOf(model);
  c.batchRun ??= { call: c.calls++, steps: 0 };
  return { call: c.batchRun.call, step: c.batchRun.steps++ };
}

/**
 * How many training calls the model has begun (fit, fitDataset, runs of trainOnBatch).
 * @example trainingCalls(model) // 0 before the first fit, 1 after it
 */
export function trainingCalls(model: EngineModel): number {
  return counts.get(model)?.calls ?? 0;
}

/** What a model file saved with its optimizer holds of the count (`trainingCallState`). */
export interface TrainingCallState {
  /** Training calls begun. */
  calls: number;
  /** The last fit or fitDataset call's ordinal (which one with initialEpoch > 0 continues), or null. */
  lastFit: number | null;
  /** The trainOnBatch run in progress (its call, steps taken), present only when there is one. */
  batchRun?: { call: number; steps: number };
}

/**
 * The model's count, to save with its optimizer state.
 * @example trainingCallState(model) // { calls: 2, lastFit: 1 } after two fits
 */
export function trainingCallState(model: EngineModel): TrainingCallState {
  const c = counts.get(model);
  const state: TrainingCallState = { calls: c?.calls ?? 0, lastFit: c?.lastFit ?? null };
  if (c?.batchRun) state.batchRun = { ...c.batchRun };
  return state;
}

/**
 * Puts a saved count back (a model loaded with its optimizer goes on as the saved one would),
 * a trainOnBatch run in progress included: the next trainOnBatch is the run's next step, as it
 * would have been in the process that saved it.
 * @example setTrainingCallState(loaded, { calls: 2, lastFit: 1 });
 */
export function setTrainingCallState(model: EngineModel, state: TrainingCallState): void {
  counts.set(model, { calls: state.calls, batchRun: state.batchRun ? { ...state.batchRun } : null, lastFit: state.lastFit });
}
