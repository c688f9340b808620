import type { TensorInput } from '../ops/index.js';
import { add, max, maximum, mean, mul, square, sub, sum } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { matchShapes } from './common.js';

/**
 * Keras `convert_binary_labels_to_hinge`: when every label of the call (the whole batch) is 0 or
 * 1, labels are mapped to 2y − 1 ∈ {−1, 1}; otherwise they are used as given (expected ±1).
 * Detected by reading the label values, so a batch whose labels are all 1 stays 1 either way
 * and a ±1 batch is never altered. TF.js uses the labels as given.
 */
function hingeLabels(y: Tensor): Tensor {
  for (const v of y.values) if (v !== 0 && v !== 1) return y;
  return sub(mul(y, 2), 1);
}

/**
 * mean_last(max(1 − y·ŷ, 0)) per sample, labels ±1 (or {0, 1}, mapped to ±1 per batch as Keras does).
 * @example hinge(tensor2d([[1, 0]]), tensor2d([[0.3, -0.4]]))
 */
export function hinge(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('hinge', yTrue, yPred);
  return mean(maximum(sub(1, mul(hingeLabels(y), p)), 0), -1);
}

/** mean_last(max(1 − y·ŷ, 0)²) per sample, with hinge's label mapping. */
export function squaredHinge(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('squaredHinge', yTrue, yPred);
  return mean(square(maximum(sub(1, mul(hingeLabels(y), p)), 0)), -1);
}

/**
 * max(neg − pos + 1, 0) per sample with pos = Σ_last y·ŷ and neg = max_last((1 − y)·ŷ)
 * (Keras `categorical_hinge`, TF.js `categoricalHinge`), for one-hot labels.
 */
export function categoricalHinge(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('categoricalHinge', yTrue, yPred, ' (one-hot labels)');
  const pos = sum(mul(y, p), -1);
  const neg = max(mul(sub(1, y), p), -1);
  return maximum(add(sub(neg, pos), 1), 0);
}
