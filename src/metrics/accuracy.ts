import type { TensorInput } from '../ops/index.js';
import { argMax, cast, equal, greater, mean, squeeze } from '../ops/index.js';
import { matchShapes, requireRank, toFloat } from '../losses/common.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../ops/tensor.js';

/**
 * Per-sample binary accuracy: the fraction of the last axis where (ŷ > threshold) equals y
 * (TF.js `tf.metrics.binaryAccuracy`, Keras `binary_accuracy`; strict >, threshold 0.5). Labels
 * other than exactly 0 and 1 never match.
 * @example binaryAccuracy(tensor2d([[1], [0]]), tensor2d([[0.7], [0.5]])) // [1, 1]
 */
export function binaryAccuracy(yTrue: TensorInput, yPred: TensorInput, threshold = 0.5): Tensor {
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new Error(`binaryAccuracy: threshold must be a number in [0, 1], received ${String(threshold)}`);
  }
  const [y, p] = matchShapes('binaryAccuracy', yTrue, yPred);
  return mean(cast(equal(y, cast(greater(p, threshold), 'float32')), 'float32'), -1);
}

/**
 * Per-sample categorical accuracy: 1 where argmax(y) == argmax(ŷ) over the last axis, else 0
 * (first maximum wins ties). For one-hot labels; logits work as well as probabilities.
 * @example categoricalAccuracy(tensor2d([[0, 1]]), tensor2d([[0.3, 0.7]])) // [1]
 */
export function categoricalAccuracy(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('categoricalAccuracy', yTrue, yPred, ' (one-hot labels). For integer labels use sparseCategoricalAccuracy');
  return cast(equal(argMax(y, -1), argMax(p, -1)), 'float32');
}

/**
 * Per-sample accuracy for integer labels: 1 where y == argmax(ŷ) over the last axis. Labels are
 * shaped like ŷ without its last axis, or with a trailing axis of 1 (squeezed), as in Keras.
 * @example sparseCategoricalAccuracy(tensor1d([1]), tensor2d([[0.3, 0.7]])) // [1]
 */
export function sparseCategoricalAccuracy(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const name = 'sparseCategoricalAccuracy';
  const p = toFloat(yPred, 'yPred', name);
  requireRank(p, 1, name);
  const y = toFloat(yTrue, 'yTrue', name);
  const batchShape = p.shape.slice(0, -1);
  const squeezed = y.rank === p.rank && y.shape[y.rank - 1] === 1 ? y.shape.slice(0, -1) : y.shape;
  if (!shapesEqual(squeezed, batchShape)) {
    throw new Error(`${name}: yTrue has shape ${formatShape(y.shape)} but yPred has shape ${formatShape(p.shape)}; expected integer class labels of shape ${formatShape(batchShape)} or ${formatShape([...batchShape, 1])}. For one-hot labels use categoricalAccuracy`);
  }
  const labels = squeezed === y.shape ? y : squeeze(y, [-1]);
  return cast(equal(labels, cast(argMax(p, -1), 'float32')), 'float32');
}
