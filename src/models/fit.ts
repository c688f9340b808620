import { ExactAccumulator, exactTerms, restoreExact } from '../math/index.js';
import type { Metric, MetricState } from '../metrics/index.js';
import { mean, mul, reshape, variableGrads } from '../ops/index.js';
import type { RandomKey } from '../random/index.js';
import { foldIn, foldInPath, getGlobalSeed, key, permutation } from '../random/index.js';
import { scalar } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import type { CallbackHooks } from './callbacks.js';
import { BaseCallback, CallbackList } from './callbacks.js';
import { makeMetrics } from './compile.js';
import { nonFiniteLossGuard } from './nan-guard.js';
import type { CompiledState } from './compile.js';
import type { DataInput } from './data.js';
import { checkBatchSize, checkSameRows, rowRange, takeRows, toSamples } from './data.js';
import type { FitParams, Logs } from './history.js';
import type { FitSnapshot, ResumeExpectation } from './fit-state.js';
import { digestFitData } from './fit-digest.js';
import { isResumable } from './fit-state.js';
import { History } from './history.js';
import { ProgressBar, defaultSink } from './progress.js';
import type { ProgressSink } from './progress.js';
import type { Sequential } from './sequential.js';
import { checkClassWeight, sampleWeights } from './weights.js';
import { callbackList } from './callback-args.js';
import { callbacksFromOutside } from './outside-callbacks.js';

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
  validationData?: [DataInput, DataInput] | [DataInput, DataInput, DataInput];
  /** Shuffle the training rows every epoch (default true); epoch e's order is a pure function of (seed, e). */
  shuffle?: boolean;
  /** Weight per class index (finite, ≥ 0), multiplying each sample's loss (null: none). */
  classWeight?: Record<number, number> | null;
  /** Weight per sample, multiplying its loss. */
  sampleWeight?: DataInput;
  /** Epoch to start at (default 0), for resuming. */
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

/** Options of `evaluate`. */
export interface EvaluateArgs {
  batchSize?: number;
  verbose?: 0 | 1 | boolean;
  sampleWeight?: DataInput;
  allowNonFinite?: boolean;
}

function requireCompiled(model: Sequential, method: string): CompiledState {
  if (!model.compiled) throw new Error(`${model.name}.${method}: the model must be compiled first; call model.compile({optimizer, loss}) before ${method}`);
  return model.compiled;
}

/** Accumulates exact sums of per-sample (weighted) losses: the epoch loss does not depend on batching. */
class LossTracker {
  private sum = new ExactAccumulator();
  private count = 0;
  add(values: Tensor): void {
    const v = values.values;
    for (let i = 0; i < v.length; i++) this.sum.add(v[i] as number);
    this.count += v.length;
  }
  result(): number {
    return Math.fround(this.sum.value() / this.count);
  }
  saveState(): MetricState {
    return { sum: exactTerms(this.sum), count: [this.count] };
  }
  restoreState(state: MetricState): void {
    this.sum = restoreExact(state['sum'] ?? []);
    this.count = state['count']?.[0] ?? 0;
  }
}

function weighted(perSample: Tensor, w: Tensor | null): Tensor {
  if (!w) return perSample;
  return mul(perSample, perSample.rank > 1 ? reshape(w, [w.size, ...perSample.shape.slice(1).map(() => 1)]) : w);
}

interface StepResult { loss: number; }

/**
 * One gradient step: forward in training mode, loss, backward pass, trackers, `beforeUpdate`,
 * optimizer update. NOTE: `beforeUpdate` runs while the weights are still the pre-step ones
 * (fit's non-finite-loss warning fingerprints them there).
 */
function trainStep(model: Sequential, state: CompiledState, x: Tensor, y: Tensor, w: Tensor | null, step: number, seedKey: RandomKey, trackers: { loss: LossTracker; metrics: Metric[] }[], beforeUpdate?: () => void): StepResult {
  const vars = model.trainableWeights;
  let yPred: Tensor | undefined;
  let losses: Tensor | undefined;
  const objective = (): Tensor => {
    yPred = model.forward(x, { training: true, step, seedKey });
    losses = weighted(state.loss(y, yPred), w);
    return mean(losses);
  };
  const track = (): void => {
    for (const t of trackers) {
      t.loss.add(losses as Tensor);
      for (const m of t.metrics) m.update(y, yPred as Tensor, w ?? undefined);
    }
    beforeUpdate?.();
  };
  let lossValue: Tensor;
  if (vars.length > 0) {
    const { value, grads } = variableGrads(objective, vars);
    lossValue = value;
    track();
    state.optimizer.apply(vars.filter((v) => grads[v.name] !== undefined).map((v) => ({ variable: v, gradient: grads[v.name] as Tensor })));
  } else {
    lossValue = objective();
    track();
  }
  return { loss: lossValue.values[0] as number };
}

/** Loss and metrics over data in batches, with exact accumulation (batch-size independent). */
function evaluateData(model: Sequential, state: CompiledState, x: Tensor, y: Tensor, w: Tensor | null, batchSize: number, seedKey: RandomKey): { loss: number; metrics: Metric[] } {
  const tracker = new LossTracker();
  const n = x.shape[0] as number;
  let metrics: Metric[] | undefined;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    const xb = rowRange(x, start, end);
    const yb = rowRange(y, start, end);
    const wb = w ? rowRange(w, start, end) : null;
    const yPred = model.forward(xb, { training: false, step: 0, seedKey });
    metrics ??= makeMetrics(state, y.shape, yPred.shape);
    tracker.add(weighted(state.loss(yb, yPred), wb));
    for (const m of metrics) m.update(yb, yPred, wb ?? undefined);
  }
  return { loss: tracker.result(), metrics: metrics ?? [] };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
  if (immediate) immediate(resolve);
  else setTimeout(resolve, 0);
});

function verbosity(v: FitArgs['verbose'], fallback: 0 | 1 | 2): 0 | 1 | 2 {
  if (v === undefined) return fallback;
  if (v === true) return 1;
  if (v === false) return 0;
  if (v !== 0 && v !== 1 && v !== 2) throw new Error(`fit: verbose must be 0, 1 or 2. Received: verbose=${String(v)}`);
  return v;
}

function checkFitArgs(model: Sequential, args: FitArgs): { epochs: number; batchSize: number; initialEpoch: number; callbacks: CallbackHooks[] } {
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
async function outsideCallbacks(x: Tensor, y: Tensor, args: FitArgs): Promise<CallbackHooks[]> {
  return callbacksFromOutside({ x, y, args });
}

/** The body of `model.fit`. */
export async function fitLoop(model: Sequential, xIn: DataInput, yIn: DataInput, args: FitArgs): Promise<History> {
  const method = `${model.name}.fit`;
  const state = requireCompiled(model, 'fit');
  const { epochs, batchSize, initialEpoch, callbacks: givenCallbacks } = checkFitArgs(model, args);
  const allow = args.allowNonFinite ?? false;
  const x = toSamples(xIn, 'x', method, allow);
  const y = toSamples(yIn, 'y', method, allow);
  checkSameRows(x, y, method);
  model.checkInput(x.shape); // before any batch is cut, so errors quote the shape as given
  const w = sampleWeights(y, args.sampleWeight, args.classWeight, method);
  let seed = getGlobalSeed(); // the one read of the global seed for this run
  let xTrain = x;
  let yTrain = y;
  let wTrain = w;
  let validation: { x: Tensor; y: Tensor; w: Tensor | null } | undefined;
  if (args.validationData) {
    const [vx, vy, vw] = args.validationData;
    const xv = toSamples(vx, 'validationData[0]', method, allow);
    const yv = toSamples(vy, 'validationData[1]', method, allow);
    checkSameRows(xv, yv, `${method} (validationData)`);
    model.checkInput(xv.shape);
    validation = { x: xv, y: yv, w: vw === undefined ? null : sampleWeights(yv, vw, undefined, method) };
  } else if (args.validationSplit) {
    const n = x.shape[0] as number;
    const splitAt = Math.floor(n * (1 - args.validationSplit));
    if (splitAt === 0 || splitAt === n) {
      throw new Error(`${method}: validationSplit=${args.validationSplit} of ${n} samples leaves ${splitAt} for training and ${n - splitAt} for validation; both must be at least 1`);
    }
    xTrain = rowRange(x, 0, splitAt);
    yTrain = rowRange(y, 0, splitAt);
    wTrain = w ? rowRange(w, 0, splitAt) : null;
    validation = { x: rowRange(x, splitAt, n), y: rowRange(y, splitAt, n), w: w ? rowRange(w, splitAt, n) : null };
  }
  const samples = xTrain.shape[0] as number;
  const batchesInData = Math.ceil(samples / batchSize);
  const steps = Math.min(batchesInData, args.stepsPerEpoch ?? batchesInData);
  const verbose = verbosity(args.verbose, 1);
  const sink = args.progressSink ?? defaultSink();
  const history = new History();
  const userCallbacks = [...givenCallbacks, ...(await outsideCallbacks(x, y, args))];
  const shuffle = args.shuffle !== false;
  const resumable = userCallbacks.filter(isResumable);
  let start = { epoch: initialEpoch, batch: 0 };
  let restored: FitSnapshot | undefined;
  // Digests only when something may resume or checkpoint: one pass over the data's bytes.
  const resume: ResumeExpectation | undefined = resumable.length === 0 ? undefined : { options: { batchSize, steps, samples, shuffle }, data: await digestFitData({ x: xTrain, y: yTrain, w: wTrain, validation }), metrics: state.metricIds.length };
  for (const cb of resumable) restored = (await cb.restoreTraining(model, resume as ResumeExpectation)) ?? restored;
  if (restored) {
    seed = restored.seed;
    history.restore(restored.history);
    start = { epoch: restored.epoch, batch: restored.batch };
  }
  const seedKey = key(seed);
  const probe = model.forward(rowRange(xTrain, 0, 1), { training: false, step: 0, seedKey });
  const metricNames = makeMetrics(state, y.shape, probe.shape).map((m) => m.name);
  const params: FitParams = { epochs, initialEpoch, samples, steps, batchSize, verbose, doValidation: validation !== undefined, metrics: ['loss', ...metricNames, ...(validation ? ['val_loss', ...metricNames.map((m) => `val_${m}`)] : [])] };
  history.params = params;
  for (const cb of userCallbacks) {
    if (cb instanceof BaseCallback) {
      cb.setModel(model);
      cb.setParams(params);
    }
  }
  const callbacks = new CallbackList(userCallbacks);
  const guardLoss = nonFiniteLossGuard(model, method);
  let position = { ...start };
  let epochTracker = { loss: new LossTracker(), metrics: makeMetrics(state, y.shape, probe.shape) };
  const snapshot = (): FitSnapshot => ({
    ...position,
    seed,
    options: { batchSize, steps, samples, shuffle },
    data: (resume as ResumeExpectation).data, // the source is only read by resumable callbacks
    history: { epoch: history.epoch.slice(), history: Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, v.slice()])) },
    partial: position.batch === 0 ? null : { loss: epochTracker.loss.saveState(), metrics: epochTracker.metrics.map((m) => saveMetric(m)) },
  });
  for (const cb of resumable) cb.setSnapshotSource(snapshot);
  model.stopTraining = false;
  try {
    await callbacks.call('onTrainBegin', {});
    for (let epoch = start.epoch; epoch < epochs && !model.stopTraining; epoch++) {
      await callbacks.call('onEpochBegin', epoch, {});
      if (verbose > 0 && epochs > 1) sink.write(`Epoch ${epoch + 1}/${epochs}\n`); // Keras: at verbose 1 and 2
      const bar = verbose > 0 ? new ProgressBar(steps, sink, verbose as 1 | 2) : undefined;
      const order = args.shuffle === false ? null : permutation(foldIn(foldInPath(seedKey, 'fit/shuffle'), epoch), samples);
      epochTracker = { loss: new LossTracker(), metrics: makeMetrics(state, y.shape, probe.shape) };
      const firstBatch = epoch === start.epoch ? start.batch : 0;
      if (firstBatch > 0 && restored?.partial) restoreTracker(epochTracker, restored.partial, method);
      for (let b = firstBatch; b < steps && !model.stopTraining; b++) {
        const start = b * batchSize;
        const end = Math.min(start + batchSize, samples);
        const rows = order ? order.subarray(start, end) : Int32Array.from({ length: end - start }, (_, i) => start + i);
        const size = end - start;
        await callbacks.call('onBatchBegin', b, { batch: b, size });
        const batchTracker = { loss: new LossTracker(), metrics: makeMetrics(state, y.shape, probe.shape) };
        const step = epoch * steps + b; // a pure function of (epoch, batch): resumable
        const checkLoss = (): void => guardLoss(batchTracker.loss.result(), { epoch, batch: b, step }); // the loss the batch logs show
        trainStep(model, state, takeRows(xTrain, rows), takeRows(yTrain, rows), wTrain ? takeRows(wTrain, rows) : null, step, seedKey, [epochTracker, batchTracker], checkLoss);
        const batchLogs: Logs = { batch: b, size, loss: batchTracker.loss.result() };
        for (const m of batchTracker.metrics) batchLogs[m.name] = metricValue(m);
        bar?.update(b + 1, epochLogs(epochTracker));
        position = { epoch, batch: b + 1 };
        await callbacks.call('onBatchEnd', b, batchLogs);
        if (args.yieldEvery === 'batch') await yieldToEventLoop();
      }
      const logs: Logs = {};
      if (validation) {
        const v = evaluateData(model, state, validation.x, validation.y, validation.w, batchSize, seedKey);
        logs['val_loss'] = v.loss;
        for (const m of v.metrics) logs[`val_${m.name}`] = metricValue(m);
      }
      Object.assign(logs, epochLogs(epochTracker));
      bar?.finish(logs);
      history.record(epoch, logs);
      position = { epoch: epoch + 1, batch: 0 };
      await callbacks.call('onEpochEnd', epoch, logs);
      if (args.yieldEvery !== 'never' && args.yieldEvery !== 'batch') await yieldToEventLoop();
    }
    await callbacks.call('onTrainEnd', {});
  } catch (error) {
    await callbacks.fail(error); // callbacks close their files, then the error goes on
    throw error;
  }
  return history;
}

function saveMetric(m: Metric): MetricState {
  if (!m.saveState) throw new Error(`fit: metric '${m.name}' cannot be checkpointed mid-epoch (it has no saveState); checkpoint at epoch ends instead`);
  return m.saveState();
}

function restoreTracker(t: { loss: LossTracker; metrics: Metric[] }, partial: NonNullable<FitSnapshot['partial']>, method: string): void {
  t.loss.restoreState(partial.loss);
  if (partial.metrics.length !== t.metrics.length) throw new Error(`${method}: the checkpoint holds ${partial.metrics.length} metric states but the model is compiled with ${t.metrics.length} metrics`);
  t.metrics.forEach((m, i) => m.restoreState?.(partial.metrics[i] as MetricState));
}

/** A metric's value as the float32 number TF.js logs (and `evaluate` returns), like the loss. */
function metricValue(m: Metric): number {
  return Math.fround(m.result());
}

function epochLogs(t: { loss: LossTracker; metrics: Metric[] }): Logs {
  const logs: Logs = { loss: t.loss.result() };
  for (const m of t.metrics) logs[m.name] = metricValue(m);
  return logs;
}

/** The body of `model.evaluate`: a scalar loss, or [loss, ...metrics]. */
export function evaluateLoop(model: Sequential, xIn: DataInput, yIn: DataInput, args: EvaluateArgs): Tensor | Tensor[] {
  const method = `${model.name}.evaluate`;
  const state = requireCompiled(model, 'evaluate');
  const allow = args.allowNonFinite ?? false;
  const x = toSamples(xIn, 'x', method, allow);
  const y = toSamples(yIn, 'y', method, allow);
  checkSameRows(x, y, method);
  model.checkInput(x.shape);
  const w = sampleWeights(y, args.sampleWeight, undefined, method);
  const batchSize = checkBatchSize(args.batchSize ?? 32, method);
  const { loss, metrics } = evaluateData(model, state, x, y, w, batchSize, key(getGlobalSeed()));
  if (metrics.length === 0) return scalar(loss);
  return [scalar(loss), ...metrics.map((m) => scalar(m.result()))];
}

const batchCounters = new WeakMap<Sequential, number>();

/** The body of `model.trainOnBatch`: one step; its training-step counter is the model's own. */
export function trainBatch(model: Sequential, xIn: DataInput, yIn: DataInput): number | number[] {
  const method = `${model.name}.trainOnBatch`;
  const state = requireCompiled(model, 'trainOnBatch');
  const x = toSamples(xIn, 'x', method, false);
  const y = toSamples(yIn, 'y', method, false);
  checkSameRows(x, y, method);
  model.checkInput(x.shape);
  const step = batchCounters.get(model) ?? 0;
  batchCounters.set(model, step + 1);
  const tracker = { loss: new LossTracker(), metrics: [] as Metric[] };
  const probe = model.forward(rowRange(x, 0, 1), { training: false, step: 0, seedKey: key(getGlobalSeed()) });
  tracker.metrics = makeMetrics(state, y.shape, probe.shape);
  trainStep(model, state, x, y, null, step, key(getGlobalSeed()), [tracker]);
  const loss = tracker.loss.result();
  return tracker.metrics.length === 0 ? loss : [loss, ...tracker.metrics.map(metricValue)];
}
