import { normalizeAxes, normalizeAxis } from '../tensor/shape.js';
import { cast } from './cast.js';
import { sub } from './arithmetic.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';
import type { Axis } from './reduce.js';
import { mean } from './reduce.js';
import { reshape } from './reshape.js';
import { slice } from './slice.js';
import type { Tensor } from './tensor.js';
import { square } from './unary.js';

/**
 * Mean and variance of `x` over `axes` (default: all), as TF.js `tf.moments`: the mean, then
 * the mean of the squared deviations from it (the biased variance, divided by the count).
 * @example const { mean, variance } = moments(x, 0); // per-column statistics
 */
export function moments(x: TensorInput, axis: Axis | null = null, keepDims = false): { mean: Tensor; variance: Tensor } {
  const $x = cast(operand(x, 'x', 'moments'), 'float32');
  const axes = normalizeAxes(axis, $x.rank, 'moments');
  const m = mean($x, axes, keepDims);
  const kept = $x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const variance = mean(square(sub($x, reshape(m, kept))), axes, keepDims);
  return { mean: m, variance };
}

/**
 * Splits `x` along `axis` into tensors of rank one less (TF.js `tf.unstack`).
 * @example unstack(tensor2d([[1, 2], [3, 4]])) // [tensor1d([1, 2]), tensor1d([3, 4])]
 */
export function unstack(x: TensorInput, axis = 0): Tensor[] {
  const $x = operand(x, 'x', 'unstack');
  const a = normalizeAxis(axis, $x.rank, 'unstack');
  const outShape = $x.shape.filter((_, i) => i !== a);
  const size = $x.shape.map((d, i) => (i === a ? 1 : d));
  return Array.from({ length: $x.shape[a]! }, (_, k) => {
    const begin = $x.shape.map((_, i) => (i === a ? k : 0));
    return reshape(slice($x, begin, size), outShape);
  });
}
