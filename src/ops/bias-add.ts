import { record } from '../autograd/tape.js';
import type { FusedActivation } from '../kernels/index.js';
import * as kernels from '../kernels/index.js';
import { formatShape } from '../tensor/shape.js';
import { broadcastTo } from './broadcast.js';
import { reshape } from './reshape.js';
import { Tensor } from './tensor.js';

/**
 * Σ of dy over every axis but the last: the gradient of a bias added along the last axis.
 * Reference order: `sum`'s (kernel `biasGradient`: float64 accumulation in increasing row order,
 * one rounding), so it gives the bits of `sum(dy, [0, …, rank − 2])`, faster.
 * Gradient: broadcast back over the rows.
 * @example biasGradient(ones([2, 3, 4])) // [6, 6, 6, 6]
 */
export function biasGradient(dy: Tensor): Tensor {
  const cols = dy.shape[dy.rank - 1] as number;
  const rows = dy.size / Math.max(cols, 1);
  const db = new Tensor(new Float32Array(cols), [cols], 'float32');
  kernels.biasGradient(dy.values as Float32Array, rows, cols, db.values as Float32Array);
  record('biasGradient', [dy], db, (g) => [broadcastTo(reshape(g, [...dy.shape.slice(0, -1).map(() => 1), cols]), dy.shape)]);
  return db;
}

/**
 * The gradient through a relu from its output y: dy · (y > 0), the bits of relu's own gradient
 * `mul(dy, cast(greater(x, 0)))` (relu(x) > 0 exactly when x > 0). Gradient: the same mask.
 * @example reluGradient(dy, relu(x))
 */
export function reluGradient(dy: Tensor, y: Tensor): Tensor {
  const out = new Tensor(new Float32Array(dy.size), dy.shape, 'float32');
  kernels.reluBackward(dy.values as Float32Array, y.values as Float32Array, out.values as Float32Array);
  record('reluGradient', [dy, y], out, (g, needs) => [needs[0] ? reluGradient(g, y) : null, null]);
  return out;
}

/**
 * act(y + bias) along the last axis (Keras `bias_add` then the activation), in one pass: the bits
 * of `add(y, bias)` then `relu`. Gradients: `reluGradient`, then `biasGradient` for the bias.
 * @example biasAdd(zeros([2, 3]), tensor([1, 2, 3]), 'relu')
 */
export function biasAdd(y: Tensor, bias: Tensor | null, activation: FusedActivation = 'linear'): Tensor {
  const cols = y.shape[y.rank - 1] as number;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== cols)) throw new Error(`biasAdd: expected a bias of shape [${cols}] for values of shape ${formatShape(y.shape)}, received ${formatShape(bias.shape)}`);
  const out = new Tensor(new Float32Array(y.size), y.shape, 'float32');
  kernels.biasAdd(y.values as Float32Array, bias ? bias.values as Float32Array : null, activation, y.size / Math.max(cols, 1), cols, out.values as Float32Array);
  record('biasAdd', bias ? [y, bias] : [y], out, (dy, needs) => {
    const dz = activation === 'relu' ? reluGradient(dy, out) : dy;
    return [dz, needs[1] ? biasGradient(dz) : null];
  });
  return out;
}
