/**
 * Metrics: stateful `Metric` objects with exact accumulation (epoch values independent of
 * batching), `getMetric` for ids, and the per-sample functions TF.js users call as `tf.metrics.*`.
 */
import type { Tensor } from '../ops/tensor.js';
import type { TensorInput } from '../ops/index.js';
import {
  binaryCrossentropy, categoricalCrossentropy, cosineSimilarity, meanAbsoluteError, meanAbsolutePercentageError,
  meanSquaredError, meanSquaredLogarithmicError, sparseCategoricalCrossentropy,
} from '../losses/index.js';
import type { CrossentropyOptions, SparseCrossentropyOptions } from '../losses/index.js';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy.js';
import { precision, recall } from './confusion.js';
import { r2Score } from './r2.js';

export type { Metric, MetricFunction, MetricState } from './metric.js';
export { Mean } from './mean.js';
export type { ConfusionOptions } from './confusion.js';
export { Precision, Recall, precision, recall } from './confusion.js';
export { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy.js';
export { r2Score } from './r2.js';
export type { PartialShape, TargetKind } from './by-shape.js';
export { ShapeResolvedMetric, targetKind } from './by-shape.js';
export type { MetricConfig, MetricContext, MetricIdentifier } from './registry.js';
export { getMetric } from './registry.js';

type Plain = (yTrue: TensorInput, yPred: TensorInput) => Tensor;

/** The `metrics` namespace: TF.js `tf.metrics` functions (per-sample tensors; precision and recall are batch scalars). */
export interface MetricsNamespace {
  binaryAccuracy: (yTrue: TensorInput, yPred: TensorInput, threshold?: number) => Tensor;
  categoricalAccuracy: Plain;
  sparseCategoricalAccuracy: Plain;
  precision: (yTrue: Tensor, yPred: Tensor) => Tensor;
  recall: (yTrue: Tensor, yPred: Tensor) => Tensor;
  binaryCrossentropy: (yTrue: TensorInput, yPred: TensorInput, options?: CrossentropyOptions) => Tensor;
  categoricalCrossentropy: (yTrue: TensorInput, yPred: TensorInput, options?: CrossentropyOptions) => Tensor;
  sparseCategoricalCrossentropy: (yTrue: TensorInput, yPred: TensorInput, options?: SparseCrossentropyOptions) => Tensor;
  meanSquaredError: Plain; mse: Plain; MSE: Plain;
  meanAbsoluteError: Plain; mae: Plain; MAE: Plain;
  meanAbsolutePercentageError: Plain; mape: Plain; MAPE: Plain;
  meanSquaredLogarithmicError: Plain; msle: Plain; MSLE: Plain;
  cosineProximity: Plain; cosine: Plain;
  r2Score: Plain;
}

/**
 * Metric functions by name, TF.js style (`tf.metrics.binaryAccuracy(yTrue, yPred)`).
 * @example metrics.categoricalAccuracy(yTrue, yPred) // per-sample 0/1
 */
export const metrics: MetricsNamespace = Object.freeze({
  binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, precision, recall,
  binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy,
  meanSquaredError, mse: meanSquaredError, MSE: meanSquaredError,
  meanAbsoluteError, mae: meanAbsoluteError, MAE: meanAbsoluteError,
  meanAbsolutePercentageError, mape: meanAbsolutePercentageError, MAPE: meanAbsolutePercentageError,
  meanSquaredLogarithmicError, msle: meanSquaredLogarithmicError, MSLE: meanSquaredLogarithmicError,
  cosineProximity: cosineSimilarity, cosine: cosineSimilarity,
  r2Score,
});
