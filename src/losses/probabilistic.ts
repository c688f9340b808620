import type { TensorInput } from '../ops/index.js';
import { add, clipByValue, div, log, mean, mul, sub, sum } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { CLIP_MIN, EPSILON, matchShapes } from './common.js';

/**
 * Kullback–Leibler divergence per sample, Σ_last y_c·log(y_c/ŷ_c) with y_c, ŷ_c clipped to
 * [ε, 1] (Keras `kl_divergence`). TF.js multiplies by the unclipped y instead, so a zero label
 * contributes exactly 0 there and ε·log(ε/ŷ_c) here.
 * @example kullbackLeiblerDivergence(tensor2d([[0.5, 0.5]]), tensor2d([[0.9, 0.1]]))
 */
export function kullbackLeiblerDivergence(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('kullbackLeiblerDivergence', yTrue, yPred, ' (probability distributions)');
  const yc = clipByValue(y, CLIP_MIN, 1);
  const pc = clipByValue(p, CLIP_MIN, 1);
  return sum(mul(yc, log(div(yc, pc))), -1);
}

/**
 * Poisson loss per sample, mean_last(ŷ − y·log(ŷ + ε)) (Keras and TF.js), for rate predictions ŷ ≥ 0.
 * @example poisson(tensor2d([[1, 0]]), tensor2d([[0.5, 0.2]]))
 */
export function poisson(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('poisson', yTrue, yPred);
  return mean(sub(p, mul(y, log(add(p, EPSILON)))), -1);
}
