/**
 * Losses: Keras 3 formulas under TF.js names. Each loss maps (yTrue, yPred) to per-sample losses
 * (reduced over the last axis only); configurable losses take their options as a third argument
 * (`binaryCrossentropy(y, p, { fromLogits: true })`) or are bound to them by
 * `getLoss({ name, ...options })`. Gradients come from the ops' tape.
 */
import type { Tensor } from '../ops/tensor.js';
import type { TensorInput } from '../ops/index.js';
import type { CrossentropyOptions } from './crossentropy.js';
import { binaryCrossentropy, categoricalCrossentropy } from './crossentropy.js';
import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import { kullbackLeiblerDivergence, poisson } from './probabilistic.js';
import type { HuberOptions } from './regression.js';
import {
  cosineSimilarity, huber, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError,
  meanSquaredLogarithmicError,
} from './regression.js';
import type { SparseCrossentropyOptions } from './sparse-crossentropy.js';
import { sparseCategoricalCrossentropy } from './sparse-crossentropy.js';

export type { LossFn, LossFunction } from './common.js';
export { EPSILON } from './common.js';
export type { CrossentropyOptions } from './crossentropy.js';
export type { HuberOptions } from './regression.js';
export type { SparseCrossentropyOptions } from './sparse-crossentropy.js';
export type { ConfiguredLoss, LossConfig, LossIdentifier, LossOptions } from './registry.js';
export { getLoss, lossIds, lossName } from './registry.js';
export {
  binaryCrossentropy, categoricalCrossentropy, categoricalHinge, cosineSimilarity, hinge, huber,
  kullbackLeiblerDivergence, logCosh, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError,
  meanSquaredLogarithmicError, poisson, sparseCategoricalCrossentropy, squaredHinge,
};

type Plain = (yTrue: TensorInput, yPred: TensorInput) => Tensor;

/** The `losses` namespace: every loss function under its TF.js name and its common aliases. */
export interface LossesNamespace {
  meanSquaredError: Plain; mse: Plain; MSE: Plain;
  meanAbsoluteError: Plain; mae: Plain; MAE: Plain;
  meanAbsolutePercentageError: Plain; mape: Plain; MAPE: Plain;
  meanSquaredLogarithmicError: Plain; msle: Plain; MSLE: Plain;
  binaryCrossentropy: (yTrue: TensorInput, yPred: TensorInput, options?: CrossentropyOptions) => Tensor;
  categoricalCrossentropy: (yTrue: TensorInput, yPred: TensorInput, options?: CrossentropyOptions) => Tensor;
  sparseCategoricalCrossentropy: (yTrue: TensorInput, yPred: TensorInput, options?: SparseCrossentropyOptions) => Tensor;
  huber: (yTrue: TensorInput, yPred: TensorInput, options?: HuberOptions) => Tensor;
  logcosh: Plain; logCosh: Plain;
  hinge: Plain; squaredHinge: Plain; categoricalHinge: Plain;
  kullbackLeiblerDivergence: Plain; kld: Plain; KLD: Plain;
  poisson: Plain;
  cosineProximity: Plain; cosineSimilarity: Plain;
}

/**
 * Loss functions by name, TF.js style.
 * @example losses.categoricalCrossentropy(yTrue, logits, { fromLogits: true })
 */
export const losses: LossesNamespace = Object.freeze({
  meanSquaredError, mse: meanSquaredError, MSE: meanSquaredError,
  meanAbsoluteError, mae: meanAbsoluteError, MAE: meanAbsoluteError,
  meanAbsolutePercentageError, mape: meanAbsolutePercentageError, MAPE: meanAbsolutePercentageError,
  meanSquaredLogarithmicError, msle: meanSquaredLogarithmicError, MSLE: meanSquaredLogarithmicError,
  binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy, huber,
  logcosh: logCosh, logCosh,
  hinge, squaredHinge, categoricalHinge,
  kullbackLeiblerDivergence, kld: kullbackLeiblerDivergence, KLD: kullbackLeiblerDivergence,
  poisson,
  cosineProximity: cosineSimilarity, cosineSimilarity,
});
