import type { DataType } from '../tensor/dtype.js';
import type { TensorLike } from '../tensor/create.js';
import { convertToTensor } from '../tensor/create.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** What an op accepts for a tensor argument: a Tensor, or values `tensor()` would accept. */
export type TensorInput = Tensor | TensorLike;

/** The dtype two operands are computed in: bool < int32 < float32 (TF.js `upcastType`). */
export function upcast(a: DataType, b: DataType): DataType {
  if (a === 'float32' || b === 'float32') return 'float32';
  if (a === 'int32' || b === 'int32') return 'int32';
  return 'bool';
}

/**
 * Converts an op's argument, naming op and argument in errors. A plain number next to a tensor
 * takes the tensor's dtype, as in TF.js.
 */
export function operand(x: TensorInput, argName: string, opName: string, like?: Tensor): Tensor {
  if (x instanceof Tensor) return x;
  const dtype = typeof x === 'number' && like !== undefined && like.dtype !== 'bool' ? like.dtype : undefined;
  return convertToTensor(x, argName, opName, dtype);
}

/** Converts two operands of a binary op (the second may adopt the first's dtype, and back). */
export function operands(a: TensorInput, b: TensorInput, opName: string): [Tensor, Tensor] {
  const ta = a instanceof Tensor ? a : b instanceof Tensor ? operand(a, 'a', opName, b) : operand(a, 'a', opName);
  const tb = operand(b, 'b', opName, ta);
  return [ta, tb];
}

/**
 * The NumPy broadcast of two shapes; throws naming the op and both shapes when they do not
 * broadcast.
 * @example broadcastShape([3, 1], [4], 'add') // [3, 4]
 */
export function broadcastShape(a: readonly number[], b: readonly number[], opName: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${opName}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast (axis ${i - rank}: ${da} vs ${db}); expected equal extents or 1`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Throws naming the op and argument unless `x` is float32 (for ops with gradients or float math). */
export function requireFloat(x: Tensor, argName: string, opName: string): void {
  if (x.dtype !== 'float32') {
    throw new Error(`${opName}: argument '${argName}' has dtype ${x.dtype}; expected float32 (use cast(x, 'float32'))`);
  }
}
