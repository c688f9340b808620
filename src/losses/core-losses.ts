/**
 * TF.js core's `tf.losses`: elementwise losses reduced to a scalar by default
 * (`Reduction.SUM_BY_NONZERO_WEIGHTS`), with TF.js's formulas. These are what
 * `optimizer.minimize(() => tf.losses.meanSquaredError(y, p))` expects; the per-sample losses
 * that `compile` uses are `metrics.*` and `getLoss`.
 */
import type { TensorInput } from '../ops/index.js';
import {
  abs, add, exp, log, log1p, logSumExp, minimum, mul, neg, relu, square, sub, sum,
} from '../ops/index.js';
import { convertToTensor } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { computeWeightedLoss, Reduction } from './reduction.js';

type Weights = TensorInput | null | undefined;

function pair(name: string, labels: TensorInput, predictions: TensorInput, labelsName = 'labels', predictionsName = 'predictions'): [Tensor, Tensor] {
  const y = convertToTensor(labels, labelsName, name, 'float32');
  const p = convertToTensor(predictions, predictionsName, name, 'float32');
  if (!shapesEqual(y.shape, p.shape)) {
    throw new Error(`${name}: ${labelsName} shape ${formatShape(y.shape)} and ${predictionsName} shape ${formatShape(p.shape)} must match`);
  }
  return [y, p];
}

/** |labels − predictions|, reduced. @example losses.absoluteDifference(y, p) */
export function absoluteDifference(labels: TensorInput, predictions: TensorInput, weights?: Weights, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [y, p] = pair('absoluteDifference', labels, predictions);
  return computeWeightedLoss(abs(sub(y, p)), weights, reduction);
}

/**
 * (labels − predictions)², reduced: by default the mean over all elements (a scalar).
 * @example losses.meanSquaredError([[1, 2], [3, 4]], [[1, 3], [5, 4]]) // 1.25
 */
export function meanSquaredError(labels: TensorInput, predictions: TensorInput, weights?: Weights, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [y, p] = pair('meanSquaredError', labels, predictions);
  return computeWeightedLoss(square(sub(y, p)), weights, reduction);
}

/** 1 − Σ_axis labels·predictions (inputs assumed unit-normalised), reduced. */
export function cosineDistance(labels: TensorInput, predictions: TensorInput, axis: number, weights?: Weights, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [y, p] = pair('cosineDistance', labels, predictions);
  return computeWeightedLoss(sub(1, sum(mul(y, p), axis, true)), weights, reduction);
}

/** max(0, 1 − (2·labels − 1)·predictions) for labels in {0, 1}, reduced. */
export function hingeLoss(labels: TensorInput, predictions: TensorInput, weights?: Weights, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [y, p] = pair('hingeLoss', labels, predictions);
  return computeWeightedLoss(relu(sub(1, mul(sub(mul(2, y), 1), p))), weights, reduction);
}

/** With q = min(|e|, δ): 0.5·q² + δ·(|e| − q), reduced (mean over all elements by default). */
export function huberLoss(labels: TensorInput, predictions: TensorInput, weights?: Weights, delta = 1, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [y, p] = pair('huberLoss', labels, predictions);
  const error = abs(sub(p, y));
  const quadratic = minimum(error, delta);
  return computeWeightedLoss(add(mul(0.5, square(quadratic)), mul(delta, sub(error, quadratic))), weights, reduction);
}

/** −y·log(p + ε) − (1 − y)·log(1 − p + ε), reduced. */
export function logLoss(labels: TensorInput, predictions: TensorInput, weights?: Weights, epsilon = 1e-7, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [y, p] = pair('logLoss', labels, predictions);
  const l1 = neg(mul(y, log(add(p, epsilon))));
  const l2 = mul(sub(1, y), log(add(sub(1, p), epsilon)));
  return computeWeightedLoss(sub(l1, l2), weights, reduction);
}

/**
 * The logistic loss of logits: max(z, 0) − z·y + log1p(e^−|z|), with labels smoothed to
 * y·(1 − s) + s/2 when `labelSmoothing` s > 0; reduced.
 */
export function sigmoidCrossEntropy(multiClassLabels: TensorInput, logits: TensorInput, weights?: Weights, labelSmoothing = 0, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [labels, z] = pair('sigmoidCrossEntropy', multiClassLabels, logits, 'multiClassLabels', 'logits');
  const y = labelSmoothing > 0 ? add(mul(labels, 1 - labelSmoothing), 0.5 * labelSmoothing) : labels;
  const losses = add(sub(relu(z), mul(z, y)), log1p(exp(neg(abs(z)))));
  return computeWeightedLoss(losses, weights, reduction);
}

/**
 * −Σ_last y·(z − logSumExp(z)) per example, with labels smoothed to y·(1 − s) + s/C when
 * `labelSmoothing` s > 0; reduced over the examples.
 */
export function softmaxCrossEntropy(onehotLabels: TensorInput, logits: TensorInput, weights?: Weights, labelSmoothing = 0, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [labels, z] = pair('softmaxCrossEntropy', onehotLabels, logits, 'onehotLabels', 'logits');
  const y = labelSmoothing > 0 ? add(mul(labels, 1 - labelSmoothing), labelSmoothing / (labels.shape[labels.rank - 1] ?? 1)) : labels;
  const losses = sum(mul(neg(y), sub(z, logSumExp(z, -1, true))), -1);
  return computeWeightedLoss(losses, weights, reduction);
}

/** The `losses` namespace of TF.js core (`tf.losses`): each returns a scalar unless told otherwise. */
export interface CoreLossesNamespace {
  absoluteDifference: typeof absoluteDifference;
  computeWeightedLoss: typeof computeWeightedLoss;
  cosineDistance: typeof cosineDistance;
  hingeLoss: typeof hingeLoss;
  huberLoss: typeof huberLoss;
  logLoss: typeof logLoss;
  meanSquaredError: typeof meanSquaredError;
  sigmoidCrossEntropy: typeof sigmoidCrossEntropy;
  softmaxCrossEntropy: typeof softmaxCrossEntropy;
}

/**
 * TF.js core's `tf.losses`, the namespace the root exports as `losses`.
 * @example optimizer.minimize(() => losses.meanSquaredError(ys, predict(xs)))
 */
export const coreLosses: CoreLossesNamespace = Object.freeze({
  absoluteDifference, computeWeightedLoss, cosineDistance, hingeLoss, huberLoss, logLoss,
  meanSquaredError, sigmoidCrossEntropy, softmaxCrossEntropy,
});
