import { record } from '../autograd/tape.js';
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
 * y + bias along the last axis (Keras `bias_add`): one float32 addition per element, the bits of
 * `add(y, bias)`; the bias gradient is `biasGradient`.
 * @example biasAdd(zeros([2, 3]), tensor([1, 2, 3]))
 */
export function biasAdd(y: Tensor, bias: Tensor): Tensor {
  const cols = y.shape[y.rank - 1] as number;
  if (bias.rank !== 1 || bias.shape[0] !== cols) throw new Error(`biasAdd: expected a bias of shape [${cols}] for values of shape ${formatShape(y.shape)}, received ${formatShape(bias.shape)}`);
  const out = new Tensor(new Float32Array(y.size), y.shape, 'float32');
  kernels.biasAdd(y.values as Float32Array, bias.values as Float32Array, y.size / Math.max(cols, 1), cols, out.values as Float32Array);
  record('biasAdd', [y, bias], out, (dy, needs) => [dy, needs[1] ? biasGradient(dy) : null]);
  return out;
}
