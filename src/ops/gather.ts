import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { formatShape, normalizeAxis, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';
import { reshape } from './reshape.js';
import { sum } from './reduce.js';

/**
 * Picks slices of `x` along `axis` at `indices` (int32): the output shape is
 * x.shape[:axis] + indices.shape + x.shape[axis+1:]. Gradient: scatter-add of dy into zeros, in
 * increasing index position (see the kernel).
 * @example gather(tensor([10, 20, 30]), tensor([2, 0], undefined, 'int32')) // [30, 10]
 */
export function gather(x: TensorInput, indices: TensorInput, axis = 0): Tensor {
  const $x = operand(x, 'x', 'gather');
  const $i = operand(indices, 'indices', 'gather');
  const a = normalizeAxis(axis, $x.rank, 'gather');
  const extent = $x.shape[a] as number;
  const idx = $i.values;
  for (let n = 0; n < idx.length; n++) {
    const v = idx[n] as number;
    if (!Number.isInteger(v) || v < 0 || v >= extent) {
      throw new Error(`gather: indices[${n}] = ${v} is out of range for axis ${a} of shape ${formatShape($x.shape)}; expected integers in [0, ${extent - 1}]`);
    }
  }
  const outer = sizeOf($x.shape.slice(0, a));
  const inner = sizeOf($x.shape.slice(a + 1));
  const shape = [...$x.shape.slice(0, a), ...$i.shape, ...$x.shape.slice(a + 1)];
  const out = new Tensor(allocate($x.dtype, sizeOf(shape)), shape, $x.dtype);
  kernels.gather($x.values, outer, extent, inner, idx, out.values);
  record('gather', [$x, $i], out, (dy) => {
    const dx = new Float32Array($x.size);
    kernels.scatterAdd(dy.values, outer, extent, inner, idx, dx);
    return [new Tensor(dx, $x.shape, 'float32'), null];
  });
  return out;
}

/**
 * Repeats `x` reps[i] times along each axis. Gradient: dy summed over the repeats.
 * @example tile(tensor([1, 2]), [2]) // [1, 2, 1, 2]
 */
export function tile(x: TensorInput, reps: readonly number[]): Tensor {
  const $x = operand(x, 'x', 'tile');
  if (reps.length !== $x.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new Error(`tile: reps ${JSON.stringify(reps)} must hold one non-negative integer per axis of shape ${formatShape($x.shape)}`);
  }
  const shape = $x.shape.map((d, i) => d * (reps[i] as number));
  const out = new Tensor(allocate($x.dtype, sizeOf(shape)), shape, $x.dtype);
  kernels.tile($x.values, $x.shape, shape, out.values);
  record('tile', [$x], out, (dy) => {
    // View dy as [r0, d0, r1, d1, …] and sum over the repeat axes.
    const split = $x.shape.flatMap((d, i) => [reps[i] as number, d]);
    const repeatAxes = $x.shape.map((_, i) => 2 * i);
    return [reshape(sum(reshape(dy, split), repeatAxes), $x.shape)];
  });
  return out;
}

/**
 * One-hot encoding of int32 `indices` into a new last axis of `depth` (TF.js `oneHot`):
 * `onValue` at the index, `offValue` elsewhere; out-of-range indices give all `offValue`.
 * @example oneHot(tensor([0, 2], undefined, 'int32'), 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: TensorInput, depth: number, onValue = 1, offValue = 0, dtype: 'int32' | 'float32' = 'int32'): Tensor {
  const $i = operand(indices, 'indices', 'oneHot');
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`oneHot: depth must be a positive integer, received ${depth}`);
  const values = allocate(dtype, $i.size * depth).fill(offValue);
  for (let n = 0; n < $i.size; n++) {
    const v = $i.values[n] as number;
    if (Number.isInteger(v) && v >= 0 && v < depth) values[n * depth + v] = onValue;
  }
  return new Tensor(values, [...$i.shape, depth], dtype);
}
