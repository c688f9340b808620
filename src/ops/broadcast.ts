import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { formatShape, shapesEqual, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { broadcastShape, operand } from './operand.js';
import { reshape } from './reshape.js';
import { sum } from './reduce.js';

/**
 * Repeats `x` along axes of extent 1 (and new leading axes) to reach `shape`.
 * Gradient: the sum over the broadcast axes.
 * @example broadcastTo(tensor([1, 2]), [3, 2])
 */
export function broadcastTo(x: TensorInput, shape: readonly number[]): Tensor {
  const $x = operand(x, 'x', 'broadcastTo');
  if (shapesEqual($x.shape, shape)) return $x;
  const target = broadcastShape($x.shape, shape, 'broadcastTo', ['x', 'shape']);
  if (!shapesEqual(target, shape)) {
    throw new Error(`broadcastTo: argument 'x' has shape ${formatShape($x.shape)}, which cannot be broadcast to ${formatShape(shape)}; expected at most ${shape.length} axes, each of extent 1 or equal to the target's`);
  }
  const out = new Tensor(allocate($x.dtype, sizeOf(shape)), shape, $x.dtype);
  kernels.broadcastTo($x.values, $x.shape, shape, out.values);
  record('broadcastTo', [$x], out, (dy) => [unbroadcast(dy, $x.shape)]);
  return out;
}

/**
 * The adjoint of broadcasting: sums `dy` over the axes along which an operand of `shape` was
 * broadcast, returning a tensor of `shape`. Used by every broadcasting op's gradient.
 */
export function unbroadcast(dy: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(dy.shape, shape)) return dy;
  const lead = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(dy, axes), shape);
}
