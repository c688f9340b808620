import type { Metric, MetricState } from '../metrics/index.js';
import { getGlobalSeed, key } from '../random/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { CallbackHooks } from './callbacks.js';
import { BaseCallback, CallbackList } from './callbacks.js';
import { requireCompiled } from './compile.js';
import { nonFiniteLossGuard } from './nan-guard.js';
import type { DataInput, ModelData } from './data.js';
import { checkBatchSize } from './data.js';
import { adaptFitData, adaptSamples } from './data-adapter.js';
import { EpochIterator } from './epoch-iterator.js';
import { evaluateSamples } from './evaluate.js';
import type { FitParams, Logs } from './history.js';
import type { DatasetPosition, FitBatchOptions, FitSnapshot, ResumeExpectation } from './fit-state.js';
import type { BatchSource } from './epoch-iterator.js';
import type { CompiledState } from './compile.js';
import type { RandomKey } from '../random/index.js';
import type { SavedCallbackState } from './callback-state.js';
import { digestFitData } from './fit-digest.js';
import { isResumable } from './fit-state.js';
import { isStateful } from './callback-state.js';
import { History } from './history.js';
import { ProgressBar, defaultSink } from './progress.js';
import type { ProgressSink } from './progress.js';
import type { EngineModel } from './engine.js';
import type { Tracker } from './train-step.js';
import { newTracker, predictionShapes, resetTracker, trackedLoss, trackerLogs, trainStep } from './train-step.js';
import { checkClassWeight } from './weights.js';
import { callbackList } from './callback-args.js';
import { callbacksFromOutside } from './outside-callbacks.js';
import { beginTrainingCall, callKey, failedTrainingCall, nextBatchStep, nextTrainingCall, resumeTrainingCall } from './training-calls.js';

export type { EvaluateArgs } from './evaluate.js';

/** Options of `fit` (TF.js `ModelFitArgs`). */
export interface FitArgs {
  /** Number of epochs (default 1). */
  epochs?: number;
  /** Samples per gradient step (default 32); the last batch may be smaller. */
  batchSize?: number;
  /** 0 silent, 1 progress bar (default), 2 one line per epoch. */
  verbose?: 0 | 1 | 2 | boolean;
  /** Callbacks: instances or plain objects with TF.js hooks; one or a list (null: none). */
  callbacks?: CallbackHooks[] | CallbackHooks | null;
  /** Fraction of the data, taken from the end before shuffling, held out for validation. */
  validationSplit?: number;
  /** Validation data [x, y] or [x, y, sampleWeight]; takes precedence over validationSplit. */
  validationData?: [ModelData, ModelData] | [ModelData, ModelData, DataInput];
  /** Shuffle the training rows every epoch (default true); epoch e's order is a pure function of (seed, training call, e). */
  shuffle?: boolean;
  /** Weight per class index (finite, ≥ 0), multiplying each sample's loss (null: none). */
  classWeight?: Record<number, number> | null;
  /** Weight per sample, multiplying its loss. */
  sampleWeight?: DataInput;
  /**
   * Epoch to start at (default 0), for resuming: with initialEpoch > 0 the fit continues the
   * model's previous fit call (its shuffles and masks), as if that call had run on.
   */
  initialEpoch?: number;
  /** Batches per epoch, at most the number the data gives. */
  stepsPerEpoch?: number;
  /** Accept NaN and Infinity in x and y (refused by default). */
  allowNonFinite?: boolean;
  /** When to let the event loop run: `'auto'`/`'epoch'` (default) after each epoch, `'batch'`, or `'never'`. */
  yieldEvery?: 'auto' | 'batch' | 'epoch' | 'never';
  /** Where progress is written (default: stdout). */
  progressSink?: ProgressSink;
}

/** Lets other work run: setImmediate (Node), else setTimeout, else a microtask (bare engines such as QuickJS have no timers). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => {
  const g = globalThis as { setImmediate?: (f: () => void) => void; setTimeout?: (f: () => void, ms: number) => void };
  if (g.setImmediate) g.setImmediate(resolve);
  else if (g.setTimeout) g.setTimeout(resolve, 0);
  else resolve();
});

function verbosity(v: FitArgs['verbose'], fallback: 0 | 1 | 2): 0 | 1 | 2 {
  if (v === undefined) return fallback;
  if (v === true) return 1;
  if (v === false) return 0;
  if (v !== 0 && v !== 1 && v !== 2) throw new Error(`fit: verbose must be 0, 1 or 2. Received: verbose=${String(v)}`);
  return v;
}

function checkFitArgs(model: EngineModel, args: FitArgs): { epochs: number; batchSize: number; initialEpoch: number; callbacks: CallbackHooks[] } {
  const method = `${model.name}.fit`;
  const epochs = args.epochs ?? 1;
  if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`${method}: epochs must be a non-negative integer. Received: epochs=${String(args.epochs)}`);
  const initialEpoch = args.initialEpoch ?? 0;
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new Error(`${method}: initialEpoch must be a non-negative integer. Received: initialEpoch=${String(args.initialEpoch)}`);
  const batchSize = checkBatchSize(args.batchSize ?? 32, method);
  const split = args.validationSplit ?? 0;
  if (typeof split !== 'number' || !(split >= 0 && split < 1)) throw new Error(`${method}: validationSplit must be a number in [0, 1). Received: validationSplit=${String(args.validationSplit)}`);
  if (args.shuffle !== undefined && typeof args.shuffle !== 'boolean') throw new Error(`${method}: shuffle must be true or false. Received: shuffle=${JSON.stringify(args.shuffle)}`);
  if (args.stepsPerEpoch !== undefined && (!Number.isInteger(args.stepsPerEpoch) || args.stepsPerEpoch < 1)) throw new Error(`${method}: stepsPerEpoch must be a positive integer. Received: stepsPerEpoch=${String(args.stepsPerEpoch)}`);
  if (args.classWeight !== undefined && args.classWeight !== null) checkClassWeight(args.classWeight, method);
  return { epochs, batchSize, initialEpoch, callbacks: callbackList(args.callbacks, method) };
}

/**
 * Callbacks switched on from outside the program (`samebits check` and `verify` set
 * SAMEBITS_FINGERPRINT_LOG / SAMEBITS_MANIFEST; the node entry installs their reader).
 */
async function outsideCallbacks(x: Tensor[], y: Tensor[], args: FitArgs): Promise<CallbackHooks[]> {
  // NOTE: run manifests digest the first input and target (a model with one of each: all of them).
  return callbacksFromOutside({ x: x[0] as Tensor, y: y[0] as Tensor, args });
}

/**
 * The body of `model.fit`: the data adapter splits off the validation set, an `EpochIterator`
 * cuts batches in each epoch's order, and `trainLoop` runs them.
 */
export async function fitLoop(model: EngineModel, xIn: ModelData, yIn: ModelData, args: FitArgs): Promise<History> {
  const method = `${model.name}.fit`;
  const state = requireCompiled(model, 'fit');
  const { epochs, batchSize, initialEpoch, callbacks } = checkFitArgs(model, args);
  const data = adaptFitData(model, xIn, yIn, args, method);
  const { train, validation } = data;
  const shuffle = args.shuffle !== false;
  const batches = new EpochIterator(train, { batchSize, shuffle, ...(args.stepsPerEpoch === undefined ? {} : { stepsPerEpoch: args.stepsPerEpoch }) });
  const { samples, steps } = batches;
  const options = { batchSize, steps, samples, shuffle };
  // A stateful layer carries states of one batch size: a short last batch would fail mid-fit,
  // after steps already changed the weights, so refuse up front (TF.js standardizeUserData).
  const carrier = model.layers.find((l) => (l as { stateful?: unknown }).stateful === true);
  for (const [what, n] of carrier ? [['training', samples], ['validation', validation?.x[0]?.shape[0] ?? 0]] as const : []) {
    if (n % batchSize !== 0) throw new Error(`${method}: layer ${(carrier as { name: string }).name} is stateful, so every batch must hold batchSize = ${batchSize} samples, but the ${what} data has ${n}; pass a multiple of ${batchSize} samples`);
  }
  return trainLoop(model, state, {
    method, epochs, initialEpoch, callbacks, batches, options, args,
    params: { samples, steps, batchSize },
    outside: () => outsideCallbacks(data.x, data.y, args),
    expectation: async () => ({ options, data: await digestFitData({ ...train, validation }), metrics: state.outputs.reduce((n, o) => n + o.metricIds.length, 0) }),
    // Metrics are resolved from shapes (Keras rule); the prediction shape of one row stands for all.
    shapes: async (seedKey) => ({ y: data.y.map((t) => t.shape), pred: predictionShapes(model, train.x, 1, seedKey) }),
    validation: validation ? async (seedKey) => trackerLogs(evaluateSamples(model, state, validation, batchSize, seedKey)) : undefined,
  });
}

/**
 * What `trainLoop` trains on and how: fit over arrays and fitDataset each make one. The loop
 * itself (callbacks, progress, checkpoints, logs) is the same for both.
 */
export interface FitPlan {
  method: string;
  epochs: number;
  initialEpoch: number;
  callbacks: CallbackHooks[];
  batches: BatchSource;
  /** The options that fix the batches, as checkpoints record them. */
  options: FitBatchOptions;
  args: Pick<FitArgs, 'verbose' | 'progressSink' | 'yieldEvery'>;
  params: Pick<FitParams, 'samples' | 'steps' | 'batchSize'>;
  outside: () => Promise<CallbackHooks[]>;
  /** What a checkpoint must match to be resumed (digests: computed only when something may resume); the loop adds the callbacks' kinds. */
  expectation: () => Promise<Omit<ResumeExpectation, 'callbacks'>>;
  /** Target and prediction shapes, one per output, to resolve the metrics; may read the first batch (a dataset's). */
  shapes: (seedKey: RandomKey, start: { epoch: number; batch: number; call: number }) => Promise<{ y: readonly (readonly number[])[]; pred: readonly (readonly number[])[] }>;
  /** The validation logs (`loss`, per-output losses, metrics), before the `val_` prefix. */
  validation: ((seedKey: RandomKey, epoch: number) => Promise<Logs>) | undefined;
  /** A dataset's position at the loop's position, for checkpoints (fitDataset only). */
  datasetPosition?: (position: { epoch: number; batch: number }) => Omit<DatasetPosition, 'step'>;
}

// Models in a training loop now: a second fit started without awaiting the first would interleave
// its steps with the first's on the same weights and optimizer (TF.js refuses it too).
const training = new WeakSet<EngineModel>();

/** The loop of fit and fitDataset: epochs of batches from `plan.batches`, callbacks, progress, validation, checkpoints. */
export async function trainLoop(model: EngineModel, state: CompiledState, plan: FitPlan): Promise<History> {
  if (training.has(model)) throw new Error(`${plan.method}: ${model.name} is already training (a fit or fitDataset that was not awaited); await it before starting another`);
  training.add(model);
  try {
    return await runLoop(model, state, plan);
  } finally {
    training.delete(model);
  }
}

async function runLoop(model: EngineModel, state: CompiledState, plan: FitPlan): Promise<History> {
  const { method, epochs, initialEpoch, batches, args } = plan;
  let seed = getGlobalSeed(); // the one read of the global seed for this run
  const { steps } = batches;
  const verbose = verbosity(args.verbose, 1);
  const sink = args.progressSink ?? defaultSink();
  const history = new History();
  const userCallbacks = [...plan.callbacks, ...(await plan.outside())];
  const resumable = userCallbacks.filter(isResumable);
  // A checkpoint holds weights, optimizer and position, not an RNN's carried states: resuming a
  // stateful model would start those from zeros and silently leave the uninterrupted run's bits.
  const carrier = resumable.length === 0 ? undefined : model.layers.find((l) => (l as { stateful?: unknown }).stateful === true);
  if (carrier) throw new Error(`${method}: layer ${carrier.name} is stateful, and backupAndRestore checkpoints do not hold its carried states, so a resumed run would not continue the interrupted one's bits; use stateful: false, or train without backupAndRestore`);
  const stateful = userCallbacks.filter(isStateful);
  let start = { epoch: initialEpoch, batch: 0 };
  let restored: FitSnapshot | undefined;
  // Digests only when something may resume or checkpoint: one pass over the data's bytes.
  const resume: ResumeExpectation | undefined = resumable.length === 0 ? undefined : { ...(await plan.expectation()), callbacks: stateful.map((cb) => cb.stateKind), next: nextTrainingCall(model, initialEpoch > 0) };
  for (const cb of resumable) restored = (await cb.restoreTraining(model, resume as ResumeExpectation)) ?? restored;
  if (restored) {
    seed = restored.seed;
    history.restore(restored.history);
    start = { epoch: restored.epoch, batch: restored.batch };
  }
  // The model's training call keys this run's randomness (call 0: the seed's own key); a resume continues the call that wrote the checkpoint.
  const call = restored ? restored.call ?? 0 : beginTrainingCall(model, initialEpoch > 0);
  if (restored) resumeTrainingCall(model, call);
  const seedKey = callKey(key(seed), call);
  const shapes = await plan.shapes(seedKey, { ...start, call });
  const track = (): Tracker => newTracker(state, shapes.y, shapes.pred);
  let epochTracker = track();
  const batchTracker = track(); // reset before each batch
  const metricNames = [...epochTracker.lossKeys, ...epochTracker.metricKeys];
  const validation = plan.validation;
  const params: FitParams = { epochs, initialEpoch, ...plan.params, verbose, doValidation: validation !== undefined, metrics: ['loss', ...metricNames, ...(validation ? ['val_loss', ...metricNames.map((m) => `val_${m}`)] : [])] };
  history.params = params;
  for (const cb of userCallbacks) {
    if (cb instanceof BaseCallback) {
      cb.setModel(model);
      cb.setParams(params);
    }
  }
  const callbacks = new CallbackList(checkpointingLast(userCallbacks));
  const guardLoss = nonFiniteLossGuard(model, method);
  let position = { ...start };
  // Training steps so far: epoch × steps + batch when every epoch has `steps` batches, else counted (a dataset of unknown size).
  let step = restored?.dataset?.step ?? start.epoch * (steps ?? 0) + start.batch;
  const snapshot = (): FitSnapshot => ({
    ...position,
    seed,
    ...(call === 0 ? {} : { call }),
    options: plan.options,
    data: (resume as ResumeExpectation).data, // the source is only read by resumable callbacks
    history: { epoch: history.epoch.slice(), history: Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, v.slice()])) },
    partial: position.batch === 0 ? null : partialOf(epochTracker),
    callbacks: stateful.map((cb) => ({ kind: cb.stateKind, ...cb.saveState() })),
    ...(plan.datasetPosition ? { dataset: { ...plan.datasetPosition(position), step } } : {}),
  });
  for (const cb of resumable) cb.setSnapshotSource(snapshot);
  model.stopTraining = false;
  try {
    await callbacks.call('onTrainBegin', {});
    // After onTrainBegin, which resets the callbacks' state (as in Keras), the checkpoint's comes back.
    if (restored) stateful.forEach((cb, i) => cb.restoreState(restored.callbacks[i] as SavedCallbackState));
    for (let epoch = start.epoch; epoch < epochs && !model.stopTraining; epoch++) {
      await callbacks.call('onEpochBegin', epoch, {});
      if (verbose > 0 && epochs > 1) sink.write(`Epoch ${epoch + 1}/${epochs}\n`); // Keras: at verbose 1 and 2
      const bar = verbose > 0 ? new ProgressBar(steps ?? 0, sink, verbose as 1 | 2) : undefined;
      epochTracker = track();
      const firstBatch = epoch === start.epoch ? start.batch : 0;
      if (firstBatch > 0 && restored?.partial) restoreTracker(epochTracker, restored.partial, method);
      let done = firstBatch;
      for await (const { index: b, size, x, y, w } of batches.epoch(epoch, { seedKey, firstBatch, call })) {
        if (model.stopTraining) break;
        await callbacks.call('onBatchBegin', b, { batch: b, size });
        resetTracker(batchTracker, state);
        const at = step; // a pure function of the position: resumable
        const checkLoss = (): void => guardLoss(trackedLoss(batchTracker), { epoch, batch: b, step: at }); // the loss the batch logs show
        try {
          trainStep(model, state, x, y as Tensor[], w, at, seedKey, [epochTracker, batchTracker], checkLoss, call);
        } catch (error) {
          // A dataset's batch can go wrong after good ones (a target's shape changing): say which.
          const d = plan.datasetPosition?.({ epoch, batch: b });
          if (!d) throw error;
          throw new Error(`${method}: ${(error as Error).message} (in batch ${d.element} of the dataset's pass ${d.pass}, counting from 0)`, { cause: error });
        }
        step++;
        done = b + 1;
        const batchLogs: Logs = { batch: b, size, ...trackerLogs(batchTracker) };
        bar?.update(b + 1, trackerLogs(epochTracker));
        position = { epoch, batch: b + 1 };
        await callbacks.call('onBatchEnd', b, batchLogs);
        if (args.yieldEvery === 'batch') await yieldToEventLoop();
      }
      const logs: Logs = {};
      if (validation) {
        for (const [k, value] of Object.entries(await validation(seedKey, epoch))) logs[`val_${k}`] = value;
      }
      Object.assign(logs, trackerLogs(epochTracker));
      if (steps === null) bar?.setTarget(done);
      bar?.finish(logs);
      history.record(epoch, logs);
      position = { epoch: epoch + 1, batch: 0 };
      await callbacks.call('onEpochEnd', epoch, logs);
      if (args.yieldEvery !== 'never' && args.yieldEvery !== 'batch') await yieldToEventLoop();
    }
    await callbacks.call('onTrainEnd', {});
  } catch (error) {
    failedTrainingCall(model, call); // its checkpoint stays resumable by a later call (Keras's retry)
    await callbacks.fail(error); // callbacks close their files, then the error goes on
    throw error;
  }
  return history;
}

/**
 * The callbacks in the order their hooks run: as listed, except that a checkpointing callback
 * (backupAndRestore) listed before a stateful one (earlyStopping, ...) runs after the last
 * stateful one, so that a checkpoint written at an epoch's end holds the state those callbacks
 * reached at that epoch's end.
 */
function checkpointingLast(list: readonly CallbackHooks[]): CallbackHooks[] {
  let last = -1;
  list.forEach((cb, i) => { if (isStateful(cb)) last = i; });
  const ordered: CallbackHooks[] = [];
  const deferred: CallbackHooks[] = [];
  list.forEach((cb, i) => {
    if (isResumable(cb) && i < last) deferred.push(cb);
    else ordered.push(cb);
    if (i === last) ordered.push(...deferred);
  });
  return ordered;
}

function saveMetric(m: Metric): MetricState {
  if (!m.saveState) throw new Error(`fit: metric '${m.name}' cannot be checkpointed mid-epoch (it has no saveState); checkpoint at epoch ends instead`);
  return m.saveState();
}

/**
 * The exact partial sums of a tracker, for a checkpoint mid-epoch; with several outputs,
 * `outputLosses` holds the outputs after the first, then the extra losses.
 */
function partialOf(t: Tracker): NonNullable<FitSnapshot['partial']> {
  const [first, ...rest] = t.losses.map((l) => l.saveState());
  return { loss: first as MetricState, metrics: t.metrics.map((m) => saveMetric(m)), ...(rest.length > 0 ? { outputLosses: [...rest, t.extra.saveState()] } : {}) };
}

function restoreTracker(t: Tracker, partial: NonNullable<FitSnapshot['partial']>, method: string): void {
  t.losses[0]?.restoreState(partial.loss);
  if (t.losses.length > 1) {
    const saved = partial.outputLosses ?? [];
    if (saved.length !== t.losses.length) throw new Error(`${method}: the checkpoint holds partial losses of ${saved.length === 0 ? 1 : saved.length} outputs but the model has ${t.losses.length}`);
    t.losses.slice(1).forEach((l, i) => l.restoreState(saved[i] as MetricState));
    t.extra.restoreState(saved[saved.length - 1] as MetricState);
  }
  if (partial.metrics.length !== t.metrics.length) throw new Error(`${method}: the checkpoint holds ${partial.metrics.length} metric states but the model is compiled with ${t.metrics.length} metrics`);
  t.metrics.forEach((m, i) => m.restoreState?.(partial.metrics[i] as MetricState));
}

/**
 * The body of `model.trainOnBatch`: one step. Consecutive trainOnBatch calls are the steps of
 * one training call of the model (`nextBatchStep`), keyed like a fit's.
 */
export function trainBatch(model: EngineModel, xIn: ModelData, yIn: ModelData): number | number[] {
  const method = `${model.name}.trainOnBatch`;
  const state = requireCompiled(model, 'trainOnBatch');
  const { x, y } = adaptSamples(model, xIn, yIn, undefined, undefined, false, method);
  const { call, step } = nextBatchStep(model);
  const seedKey = callKey(key(getGlobalSeed()), call);
  const tracker = newTracker(state, y.map((t) => t.shape), predictionShapes(model, x, 1, seedKey));
  trainStep(model, state, x, y, null, step, seedKey, [tracker], undefined, call);
  const values = Object.values(trackerLogs(tracker)); // loss, per-output losses, metrics: TF.js order
  return values.length === 1 ? (values[0] as number) : values;
}
