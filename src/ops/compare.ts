import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { formatShape, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { broadcastShape, operand, operands, upcast } from './operand.js';
import { unbroadcast } from './broadcast.js';
import { zerosLike } from './create.js';

function predicate(a: TensorInput, b: TensorInput, opName: kernels.BinaryKernel): Tensor {
  const [x, y] = operands(a, b, opName);
  const shape = broadcastShape(x.shape, y.shape, opName);
  const out = new Uint8Array(sizeOf(shape));
  kernels.binary(opName, x.values, x.shape, y.values, y.shape, shape, out);
  return new Tensor(out, shape, 'bool');
}

/** a == b elementwise, broadcasting; bool result (NaN is equal to nothing). */
export function equal(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'equal');
}
/** a != b elementwise, broadcasting; bool result. */
export function notEqual(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'notEqual');
}
/** a > b elementwise, broadcasting; bool result. */
export function greater(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'greater');
}
/** a >= b elementwise, broadcasting; bool result. */
export function greaterEqual(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'greaterEqual');
}
/** a < b elementwise, broadcasting; bool result. */
export function less(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'less');
}
/** a <= b elementwise, broadcasting; bool result. */
export function lessEqual(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'lessEqual');
}
/** Logical and of two bool tensors, broadcasting. */
export function logicalAnd(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'logicalAnd');
}
/** Logical or of two bool tensors, broadcasting. */
export function logicalOr(a: TensorInput, b: TensorInput): Tensor {
  return predicate(a, b, 'logicalOr');
}

function test(x: TensorInput, opName: kernels.UnaryKernel): Tensor {
  const $x = operand(x, 'x', opName);
  const out = new Uint8Array($x.size);
  kernels.unary(opName, $x.values, out);
  return new Tensor(out, $x.shape, 'bool');
}
/** Logical not of a bool tensor. */
export function logicalNot(x: TensorInput): Tensor {
  return test(x, 'logicalNot');
}
/** True where x is NaN. */
export function isNaN(x: TensorInput): Tensor {
  return test(x, 'isNaN');
}
/** True where x is finite (not NaN, not ±Infinity). */
export function isFinite(x: TensorInput): Tensor {
  return test(x, 'isFinite');
}

/**
 * Picks `a` where `condition` is true and `b` elsewhere, broadcasting all three.
 * Gradient: dy to the chosen side, zero to the other.
 * @example where(greater(x, 0), x, 0)
 */
export function where(condition: TensorInput, a: TensorInput, b: TensorInput): Tensor {
  const c = operand(condition, 'condition', 'where');
  if (c.dtype !== 'bool') throw new Error(`where: argument 'condition' has dtype ${c.dtype}; expected bool (e.g. from greater or equal)`);
  const [x, y] = operands(a, b, 'where');
  const cx = broadcastShape(c.shape, x.shape, 'where', ['condition', 'a']);
  let shape: number[];
  try {
    shape = broadcastShape(cx, y.shape, 'where');
  } catch {
    throw new Error(`where: argument 'b' has shape ${formatShape(y.shape)}, which does not broadcast with the shape ${formatShape(cx)} of 'condition' ${formatShape(c.shape)} and 'a' ${formatShape(x.shape)}; expected equal extents or 1 on each axis`);
  }
  const dtype = upcast(x.dtype, y.dtype);
  const out = new Tensor(allocate(dtype, sizeOf(shape)), shape, dtype);
  kernels.select(c.values, c.shape, x.values, x.shape, y.values, y.shape, shape, out.values);
  record('where', [c, x, y], out, (dy) => {
    const zero = zerosLike(dy);
    return [null, unbroadcast(where(c, dy, zero), x.shape), unbroadcast(where(c, zero, dy), y.shape)];
  });
  return out;
}
