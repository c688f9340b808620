import type { DataType } from '../tensor/dtype.js';
import type { TensorLike } from './create.js';
import { convertToTensor } from './create.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from './tensor.js';

/** What an op accepts for a tensor argument: a Tensor, or values `tensor()` would accept. */
export type TensorInput = Tensor | TensorLike;

/** The dtype two operands are computed in: bool < int32 < float32 (TF.js `upcastType`). */
export function upcast(a: DataType, b: DataType): DataType {
  if (a === 'float32' || b === 'float32') return 'float32';
  if (a === 'int32' || b === 'int32') return 'int32';
  return 'bool';
}

/**
 * Converts an op's argument, naming op and argument in errors. A plain number is a float32
 * scalar, as in TF.js: `mul(int32Tensor, 0.5)` computes in float32 (it does not truncate 0.5).
 */
export function operand(x: TensorInput, argName: string, opName: string): Tensor {
  if (x instanceof Tensor) return x;
  return convertToTensor(x, argName, opName);
}

/** Converts the two operands of a binary op, named `argNames` in errors. */
export function operands(a: TensorInput, b: TensorInput, opName: string, argNames: readonly [string, string] = ['a', 'b']): [Tensor, Tensor] {
  return [operand(a, argNames[0], opName), operand(b, argNames[1], opName)];
}

/**
 * The NumPy broadcast of two shapes; throws naming the op, both arguments (`argNames`) and their
 * shapes when they do not broadcast.
 * @example broadcastShape([3, 1], [4], 'add') // [3, 4]
 */
export function broadcastShape(a: readonly number[], b: readonly number[], opName: string, argNames: readonly [string, string] = ['a', 'b']): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${opName}: argument '${argNames[0]}' has shape ${formatShape(a)} and argument '${argNames[1]}' has shape ${formatShape(b)}, which do not broadcast (axis ${i - rank}: ${da} vs ${db}); expected equal extents or 1 on each axis`);
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
