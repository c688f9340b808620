import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';

/**
 * Permutes the axes: output axis j is input axis perm[j] (default: reversed). Gradient: the
 * inverse permutation.
 * @example transpose(zeros([2, 3])).shape // [3, 2]
 */
export function transpose(x: TensorInput, perm?: readonly number[]): Tensor {
  const $x = operand(x, 'x', 'transpose');
  const p = perm ?? $x.shape.map((_, i) => $x.rank - 1 - i);
  const valid = p.length === $x.rank && p.every((a) => Number.isInteger(a) && a >= 0 && a < $x.rank) && new Set(p).size === p.length;
  if (!valid) throw new Error(`transpose: perm ${JSON.stringify(p)} is not a permutation of the ${$x.rank} axes of a tensor of shape [${$x.shape.join(',')}]`);
  const shape = p.map((a) => $x.shape[a] as number);
  const out = new Tensor(allocate($x.dtype, $x.size), shape, $x.dtype);
  kernels.transpose($x.values, $x.shape, p, out.values);
  const inverse = new Array<number>(p.length);
  p.forEach((a, j) => { inverse[a] = j; });
  record('transpose', [$x], out, (dy) => [transpose(dy, inverse)]);
  return out;
}
