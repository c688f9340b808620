import type { Dataset } from '../data/index.js';
import { datasetIdentity, digestElements } from '../data/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { RandomKey } from '../random/index.js';
import { getGlobalSeed, key } from '../random/index.js';
import { callbackList } from './callback-args.js';
import type { CallbackHooks } from './callbacks.js';
import type { CompiledState } from './compile.js';
import { requireCompiled } from './compile.js';
import type { ModelData } from './data.js';
import { adaptSamples } from './data-adapter.js';
import { DatasetBatches } from './dataset-batches.js';
import { standardizeBatch } from './dataset-element.js';
import type { EngineModel } from './engine.js';
import { evaluateBatch, evaluateSamples, evaluationResult } from './evaluate.js';
import { trainLoop } from './fit.js';
import { digestFitData } from './fit-digest.js';
import type { FitSnapshot, ResumeExpectation } from './fit-state.js';
import type { History } from './history.js';
import type { ProgressSink } from './progress.js';
import { isResumable } from './fit-state.js';
import { checkClassWeight } from './weights.js';
import type { Tracker } from './train-step.js';
import { newTracker, predictionShapes, trackerLogs } from './train-step.js';
import { received } from '../util/received.js';

/** Options of `fitDataset` (TF.js `ModelFitDatasetArgs`). */
export interface FitDatasetArgs<T = unknown> {
  /** Number of epochs (required, as TF.js). */
  epochs: number;
  /** Weight per class index (finite, ≥ 0), multiplying each sample's loss (TF.js; null: none). */
  classWeight?: Record<number, number> | null;
  /** Batches per epoch; then one pass of the dataset runs across epochs (TF.js). Default: an epoch is a full pass. */
  batchesPerEpoch?: number;
  /** A dataset of {xs, ys} batches, or [x, y] (for several inputs / outputs: lists in order, or dicts by name), evaluated after each epoch. */
  validationData?: Dataset<T> | [ModelData, ModelData];
  /** Validation batches per epoch from a validation dataset (default: all). */
  validationBatches?: number;
  callbacks?: CallbackHooks[] | CallbackHooks | null;
  verbose?: 0 | 1 | 2 | boolean;
  /** Epoch to start at (default 0). */
  initialEpoch?: number;
  /** When to let the event loop run: `'auto'`/`'epoch'` (default) after each epoch, `'batch'`, or `'never'`. */
  yieldEvery?: 'auto' | 'batch' | 'epoch' | 'never';
  /** Where progress is written (default: stdout). */
  progressSink?: ProgressSink;
  /** Accept NaN and Infinity in the batches (default false: refused, naming the row and column), as `fit`'s option. */
  allowNonFinite?: boolean;
}

/** Options of `evaluateDataset` (TF.js `ModelEvaluateDatasetArgs`). */
export interface EvaluateDatasetArgs {
  /** Batches to read (default: the whole pass; required for an endless dataset). */
  batches?: number;
  /** TF.js's option; nothing is printed (TF.js throws for verbose > 0). */
  verbose?: 0 | boolean;
  /** Accept NaN and Infinity in the batches (default false). */
  allowNonFinite?: boolean;
}

const positiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isDataset = (v: unknown): v is Dataset<unknown> => v !== null && typeof v === 'object' && typeof (v as { open?: unknown }).open === 'function' && typeof (v as { iterator?: unknown }).iterator === 'function';

/**
 * Loss and metrics over a stream of dataset batches, with exact accumulation (the result does
 * not depend on how the data was batched), as evaluate's. Metrics are resolved from the first
 * batch's shapes.
 */
async function evaluateStream(model: EngineModel, state: CompiledState, stream: AsyncIterator<unknown>, batches: number | undefined, method: string, seedKey: RandomKey, allowNonFinite: boolean, pass?: number): Promise<Tracker> {
  let tracker: Tracker | undefined;
  for (let b = 0; batches === undefined || b < batches; b++) {
    const r = await stream.next();
    if (r.done) {
      if (batches !== undefined) console.warn(`${method}: batches is ${batches}, but the dataset ran out of data after ${b} batches`);
      break;
    }
    const { x, y } = standardizeBatch(model, r.value, method, allowNonFinite, pass === undefined ? { batch: b } : { batch: b, pass });
    tracker ??= newTracker(state, y.map((t) => t.shape), predictionShapes(model, x, x[0]?.shape[0] as number, seedKey));
    try {
      evaluateBatch(model, state, tracker, x, y, null, seedKey);
    } catch (error) {
      throw new Error(`${method}: ${(error as Error).message} (in batch ${b} of the dataset${pass === undefined ? '' : `'s pass ${pass}`}, counting from 0)`, { cause: error });
    }
  }
  if (!tracker) throw new Error(`${method}: the dataset gave no batch; expected at least one element {xs, ys}`);
  return tracker;
}

/** The body of `model.evaluateDataset`: a scalar loss, or [loss, <output>_loss…, metrics…] as `evaluate`, over one new pass (TF.js). */
export async function evaluateDatasetLoop(model: EngineModel, dataset: Dataset<unknown>, args: EvaluateDatasetArgs = {}): Promise<Tensor | Tensor[]> {
  const method = `${model.name}.evaluateDataset`;
  const state = requireCompiled(model, 'evaluateDataset');
  if (!isDataset(dataset)) throw new Error(`${method}: expected a Dataset (from data.array, data.generator, data.csv or data.zip). Received: ${dataset === null ? 'null' : typeof dataset}`);
  if (args.batches !== undefined && !positiveInteger(args.batches)) throw new Error(`${method}: batches must be a positive integer. Received: batches=${received(args.batches)}`);
  if (args.batches === undefined && dataset.size === Infinity) throw new Error(`${method}: the dataset is endless (size Infinity), so the evaluation would never end; give batches`);
  return evaluationResult(await evaluateStream(model, state, await dataset.iterator(), args.batches, method, key(getGlobalSeed()), args.allowNonFinite ?? false));
}

/**
 * The body of `model.fitDataset`: the dataset's batches through fit's loop. Epoch e is pass e
 * of the dataset (a reshuffling shuffle has its own order per epoch), or with batchesPerEpoch one
 * pass across epochs. Checkpoints record the dataset's identity and position; a resume replays
 * the pass to that position (checking it gets the same batches) and goes on from there.
 */
export async function fitDatasetLoop(model: EngineModel, dataset: Dataset<unknown>, args: FitDatasetArgs): Promise<History> {
  const method = `${model.name}.fitDataset`;
  const state = requireCompiled(model, 'fitDataset');
  if (!isDataset(dataset)) throw new Error(`${method}: expected a Dataset (from data.array, data.generator, data.csv or data.zip). Received: ${dataset === null ? 'null' : typeof dataset}`);
  if (args === undefined || args === null || typeof args !== 'object') throw new Error(`${method}: the options {epochs, …} are required (as TF.js)`);
  if (!positiveInteger(args.epochs)) throw new Error(`${method}: epochs must be a positive integer. Received: epochs=${received(args.epochs)}`);
  const bpe = args.batchesPerEpoch ?? null;
  if (bpe !== null && !positiveInteger(bpe)) throw new Error(`${method}: batchesPerEpoch must be a positive integer. Received: batchesPerEpoch=${received(args.batchesPerEpoch)}`);
  if (bpe === null && dataset.size === Infinity) throw new Error(`${method}: the dataset is endless (size Infinity), so an epoch would never end; give batchesPerEpoch`);
  const initialEpoch = args.initialEpoch ?? 0;
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new Error(`${method}: initialEpoch must be a non-negative integer. Received: initialEpoch=${received(args.initialEpoch)}`);
  if ((args as { validationSplit?: unknown }).validationSplit !== undefined) throw new Error(`${method}: validationSplit is not supported by fitDataset; give validationData (as TF.js)`);
  // fit's options that a dataset expresses itself: given here, TF.js ignores them silently (an unshuffled, unbatched run).
  const fitOnly: readonly (readonly [string, string])[] = [['batchSize', 'batch the dataset: dataset.batch(batchSize)'], ['shuffle', 'shuffle the dataset: dataset.shuffle(bufferSize, seed) before batch'], ['stepsPerEpoch', 'give batchesPerEpoch'], ['validationSteps', 'give validationBatches'], ['sampleWeight', 'give classWeight, or weights in the loss']];
  for (const [k, fix] of fitOnly) if ((args as unknown as Record<string, unknown>)[k] !== undefined) throw new Error(`${method}: ${k} is an option of fit, not of fitDataset; ${fix}`);
  if (![undefined, 0, 1, 2, true, false].includes(args.verbose)) throw new Error(`${method}: verbose must be 0, 1 or 2. Received: verbose=${received(args.verbose)}`);
  if (![undefined, 'auto', 'batch', 'epoch', 'never'].includes(args.yieldEvery)) throw new Error(`${method}: yieldEvery must be 'auto', 'batch', 'epoch' or 'never'. Received: yieldEvery=${received(args.yieldEvery)}`);
  const callbacks = callbackList(args.callbacks, method);
  const vd = args.validationData;
  if (args.validationBatches !== undefined && !positiveInteger(args.validationBatches)) throw new Error(`${method}: validationBatches must be a positive integer. Received: validationBatches=${received(args.validationBatches)}`);
  if (args.validationBatches === undefined && isDataset(vd) && vd.size === Infinity) throw new Error(`${method}: validationData is endless (size Infinity), so validation would never end; give validationBatches`);
  if (vd !== undefined && !isDataset(vd) && !(Array.isArray(vd) && vd.length === 2)) throw new Error(`${method}: validationData must be a Dataset or [x, y]. Received: ${Array.isArray(vd) ? `an array of ${vd.length}` : received(vd)}`);
  const validationSamples = vd === undefined || isDataset(vd) ? undefined : adaptSamples(model, vd[0], vd[1], undefined, undefined, args.allowNonFinite ?? false, `${method} (validationData)`);
  const classWeight = args.classWeight === undefined || args.classWeight === null ? null : checkClassWeight(args.classWeight, method);
  // NOTE: one weight per sample multiplies every output's loss, so class weights need one output (TF.js takes one dict per output).
  if (classWeight && model.outputNames.length > 1) throw new Error(`${method}: classWeight needs a model with one output; ${model.name} has ${model.outputNames.length} (${model.outputNames.join(', ')}); weigh the outputs with compile's lossWeights, or weigh classes inside a custom loss`);
  const allowNonFinite = args.allowNonFinite ?? false;
  const batches = new DatasetBatches(model, dataset, bpe, method, callbacks.some(isResumable), classWeight, allowNonFinite);
  let identity = '';
  const validation = vd === undefined
    ? undefined
    : isDataset(vd)
      ? async (seedKey: RandomKey, epoch: number) => trackerLogs(await evaluateStream(model, state, vd.open([epoch]), args.validationBatches, `${method} (validationData)`, seedKey, allowNonFinite, epoch))
      : async (seedKey: RandomKey) => trackerLogs(evaluateSamples(model, state, validationSamples as NonNullable<typeof validationSamples>, 32, seedKey));
  const options = { batchSize: 0, steps: bpe ?? 0, samples: 0, shuffle: false };
  const expectation = async (): Promise<Omit<ResumeExpectation, 'callbacks'>> => {
    identity = await datasetIdentity(dataset);
    const v = validationSamples ? await digestFitData({ x: validationSamples.x, y: validationSamples.y, w: null, validation: undefined }) : undefined;
    const vId = vd !== undefined && isDataset(vd) ? await datasetIdentity(vd) : null;
    return {
      options,
      // classWeight stands where fit over arrays puts its sample weights' digest.
      data: { x: identity, y: identity, sampleWeight: classWeight ? digestElements([Object.entries(classWeight)]) : null, validationX: v?.x ?? vId, validationY: v?.y ?? vId, validationSampleWeight: null },
      metrics: state.outputs.reduce((n, o) => n + o.metricIds.length, 0),
      dataset: { identity, batchesPerEpoch: bpe },
      verify: (snapshot: FitSnapshot) => batches.verify(snapshot),
    };
  };
  return trainLoop(model, state, {
    method, epochs: args.epochs, initialEpoch, callbacks, batches, options, args,
    params: { samples: null, steps: batches.steps, batchSize: null },
    outside: async () => [],
    expectation,
    shapes: async (seedKey, start) => {
      const { x, y } = await batches.peek(start);
      return { y: y.map((t) => t.shape), pred: predictionShapes(model, x, 1, seedKey) };
    },
    validation,
    datasetPosition: (position) => batches.position(identity, position),
  });
}
