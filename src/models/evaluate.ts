import type { Metric } from '../metrics/index.js';
import type { RandomKey } from '../random/index.js';
import { getGlobalSeed, key } from '../random/index.js';
import { scalar } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import type { CompiledState } from './compile.js';
import { makeMetrics, requireCompiled } from './compile.js';
import type { DataInput } from './data.js';
import { checkBatchSize } from './data.js';
import type { Samples } from './data-adapter.js';
import { adaptSamples } from './data-adapter.js';
import { EpochIterator } from './epoch-iterator.js';
import type { Sequential } from './sequential.js';
import { LossTracker, predictionShape, weightPenalties, weighted } from './train-step.js';

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
export function evaluateSamples(model: Sequential, state: CompiledState, data: Samples, batchSize: number, seedKey: RandomKey): { loss: number; metrics: Metric[] } {
  const batches = new EpochIterator(data, { batchSize });
  const tracker = new LossTracker();
  const metrics = makeMetrics(state, data.y.shape, predictionShape(model, data.x, Math.min(batchSize, batches.samples), seedKey));
  for (const b of batches.epoch(0)) {
    const y = b.y as Tensor;
    const penalties: Tensor[] = [];
    const yPred = model.forward(b.x, { training: false, step: 0, seedKey, losses: penalties });
    const perSample = weighted(state.loss(y, yPred), b.w);
    penalties.push(...weightPenalties(model)); // Keras's test_step counts them too
    tracker.add(perSample);
    tracker.addPenalties(penalties, perSample.size);
    for (const m of metrics) m.update(y, yPred, b.w ?? undefined);
  }
  return { loss: tracker.result(), metrics };
}

/** The body of `model.evaluate`: a scalar loss, or [loss, ...metrics]. */
export function evaluateLoop(model: Sequential, xIn: DataInput, yIn: DataInput, args: EvaluateArgs): Tensor | Tensor[] {
  const method = `${model.name}.evaluate`;
  const state = requireCompiled(model, 'evaluate');
  const data = adaptSamples(model, xIn, yIn, args.sampleWeight, undefined, args.allowNonFinite ?? false, method);
  const batchSize = checkBatchSize(args.batchSize ?? 32, method);
  const { loss, metrics } = evaluateSamples(model, state, data, batchSize, key(getGlobalSeed()));
  if (metrics.length === 0) return scalar(loss);
  return [scalar(loss), ...metrics.map((m) => scalar(m.result()))];
}
