import type { RandomKey } from '../random/index.js';
import { getGlobalSeed, key } from '../random/index.js';
import { scalar } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import type { CompiledState } from './compile.js';
import { requireCompiled } from './compile.js';
import type { DataInput, ModelData } from './data.js';
import { checkBatchSize } from './data.js';
import type { Samples } from './data-adapter.js';
import { adaptSamples } from './data-adapter.js';
import type { EngineModel } from './engine.js';
import { EpochIterator } from './epoch-iterator.js';
import type { Tracker } from './train-step.js';
import { metricValue, newTracker, outputLoss, predictionShapes, trackedLoss, updateTracker, weightPenalties, weighted } from './train-step.js';

/** Options of `evaluate`. */
export interface EvaluateArgs {
  batchSize?: number;
  verbose?: 0 | 1 | boolean;
  sampleWeight?: DataInput;
  allowNonFinite?: boolean;
}

/**
 * Loss and metrics over `data` in order, in batches of `batchSize`, with exact accumulation:
 * the result does not depend on the batch size. fit's validation uses it too.
 */
export function evaluateSamples(model: EngineModel, state: CompiledState, data: Samples, batchSize: number, seedKey: RandomKey): Tracker {
  const batches = new EpochIterator(data, { batchSize });
  const tracker = newTracker(state, data.y.map((t) => t.shape), predictionShapes(model, data.x, Math.min(batchSize, batches.samples), seedKey));
  for (const b of batches.epoch(0)) evaluateBatch(model, state, tracker, b.x, b.y as Tensor[], b.w, seedKey);
  return tracker;
}

/**
 * Adds one batch's losses (with the extra losses) and metric updates to `tracker`, the model
 * run in inference mode; evaluate, fit's validation and evaluateDataset all go through it.
 * @example evaluateBatch(model, state, tracker, [xa, xb], [y1, y2], null, seedKey)
 */
export function evaluateBatch(model: EngineModel, state: CompiledState, tracker: Tracker, x: Tensor[], y: Tensor[], w: Tensor | null, seedKey: RandomKey): void {
  const penalties: Tensor[] = [];
  const yPred = model.forwardAll(x, { training: false, step: 0, seedKey, losses: penalties });
  penalties.push(...weightPenalties(model)); // Keras's test_step counts them too
  updateTracker(tracker, state.outputs.map((o, i) => weighted(outputLoss(model, o, y[i] as Tensor, yPred[i] as Tensor), w)), y, yPred, w, penalties);
}

/**
 * What evaluate returns for a tracker: a scalar loss, or [loss, <output>_loss…, metrics…] (TF.js order).
 * @example evaluationResult(evaluateSamples(model, state, data, 32, seedKey))
 */
export function evaluationResult(t: Tracker): Tensor | Tensor[] {
  const values = [trackedLoss(t), ...(t.lossKeys.length > 0 ? t.losses.map((l) => l.result()) : []), ...t.metrics.map(metricValue)];
  return values.length === 1 ? scalar(values[0] as number) : values.map((v) => scalar(v));
}

/**
 * The body of `model.evaluate`: a scalar loss, or [loss, ...metrics]; for several outputs
 * [loss, <output>_loss…, metrics…], as TF.js.
 */
export function evaluateLoop(model: EngineModel, xIn: ModelData, yIn: ModelData, args: EvaluateArgs): Tensor | Tensor[] {
  const method = `${model.name}.evaluate`;
  const state = requireCompiled(model, 'evaluate');
  const data = adaptSamples(model, xIn, yIn, args.sampleWeight, undefined, args.allowNonFinite ?? false, method);
  const batchSize = checkBatchSize(args.batchSize ?? 32, method);
  return evaluationResult(evaluateSamples(model, state, data, batchSize, key(getGlobalSeed())));
}
