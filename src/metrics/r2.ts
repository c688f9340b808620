import type { TensorInput } from '../ops/index.js';
import { div, mean, square, sub, sum } from '../ops/index.js';
import { convertToTensor } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';

/**
 * The coefficient of determination 1 − Σ(y − ŷ)² / Σ(y − mean(y))² over all elements, a scalar
 * (TF.js `tf.metrics.r2Score`, same formula).
 * @example metrics.r2Score(tensor1d([1, 2, 3]), tensor1d([1, 2, 4])) // 0.5
 */
export function r2Score(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const y = convertToTensor(yTrue, 'yTrue', 'r2Score', 'float32');
  const p = convertToTensor(yPred, 'yPred', 'r2Score', 'float32');
  const residual = sum(square(sub(y, p)));
  const total = sum(square(sub(y, mean(y))));
  return sub(1, div(residual, total));
}
