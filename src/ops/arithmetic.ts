import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import { unbroadcast } from './broadcast.js';
import { cast } from './cast.js';
import { greater, greaterEqual, lessEqual, less, where } from './compare.js';
import type { TensorInput } from './operand.js';
import { broadcastShape, operands, upcast } from './operand.js';
import { log, neg } from './unary.js';
import { zerosLike } from './create.js';

/** Evaluates a broadcasting binary kernel; bool operands compute in int32. */
function binary(opName: string, x: Tensor, y: Tensor, kernel: kernels.BinaryKernel, argNames: readonly [string, string] = ['a', 'b']): Tensor {
  const shape = broadcastShape(x.shape, y.shape, opName, argNames);
  const dtype = upcast(x.dtype, y.dtype);
  const type = dtype === 'bool' ? 'int32' : dtype;
  const out = new Tensor(allocate(type, sizeOf(shape)), shape, type);
  kernels.binary(kernel, x.values, x.shape, y.values, y.shape, shape, out.values);
  return out;
}

/**
 * a + b elementwise with broadcasting; float32 results are correctly rounded.
 * @example add(tensor([1, 2]), 10) // [11, 12]
 */
export function add(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = operands(a, b, 'add');
  const out = binary('add', x, y, 'add');
  record('add', [x, y], out, (dy) => [unbroadcast(dy, x.shape), unbroadcast(dy, y.shape)]);
  return out;
}

/** a − b elementwise with broadcasting. @example sub(tensor([3]), 1) // [2] */
export function sub(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = operands(a, b, 'sub');
  const out = binary('sub', x, y, 'sub');
  record('sub', [x, y], out, (dy) => [unbroadcast(dy, x.shape), unbroadcast(neg(dy), y.shape)]);
  return out;
}

/** a · b elementwise with broadcasting. @example mul(tensor([2, 3]), 2) // [4, 6] */
export function mul(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = operands(a, b, 'mul');
  const out = binary('mul', x, y, x.dtype === 'int32' && y.dtype === 'int32' ? 'mulInt32' : 'mul');
  record('mul', [x, y], out, (dy) => [unbroadcast(mul(dy, y), x.shape), unbroadcast(mul(dy, x), y.shape)]);
  return out;
}

/**
 * a / b elementwise with broadcasting. Two int32 operands divide with flooring, as in TF.js.
 * @example div(tensor([1, 2]), 4) // [0.25, 0.5]
 */
export function div(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = operands(a, b, 'div');
  const integer = x.dtype !== 'float32' && y.dtype !== 'float32';
  const out = binary('div', x, y, integer ? 'floorDiv' : 'div');
  record('div', [x, y], out, (dy) => [
    unbroadcast(div(dy, y), x.shape),
    unbroadcast(neg(div(mul(dy, out), y)), y.shape),
  ]);
  return out;
}

/**
 * The larger of a and b elementwise (NaN if either is NaN). Gradient as in TF.js: to a where
 * a ≥ b, else to b.
 */
export function maximum(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = operands(a, b, 'maximum');
  const out = binary('maximum', x, y, 'maximum');
  record('maximum', [x, y], out, (dy) => {
    const mask = cast(greaterEqual(x, y), 'float32');
    return [unbroadcast(mul(dy, mask), x.shape), unbroadcast(mul(dy, cast(less(x, y), 'float32')), y.shape)];
  });
  return out;
}

/** The smaller of a and b elementwise (NaN if either is NaN). Gradient: to a where a ≤ b, else b. */
export function minimum(a: TensorInput, b: TensorInput): Tensor {
  const [x, y] = operands(a, b, 'minimum');
  const out = binary('minimum', x, y, 'minimum');
  record('minimum', [x, y], out, (dy) => {
    const mask = cast(lessEqual(x, y), 'float32');
    return [unbroadcast(mul(dy, mask), x.shape), unbroadcast(mul(dy, cast(greater(x, y), 'float32')), y.shape)];
  });
  return out;
}

/**
 * base^exp elementwise with broadcasting, from SameBits' own float32 `pow` (C99 special cases).
 * Gradient: exp·base^(exp−1) for the base; base^exp·log(base) for the exponent where base > 0.
 * @example pow(tensor([2, 3]), 2) // [4, 9]
 */
export function pow(base: TensorInput, exp: TensorInput): Tensor {
  const [x, y] = operands(base, exp, 'pow', ['base', 'exp']);
  const out = binary('pow', x, y, 'pow', ['base', 'exp']);
  record('pow', [x, y], out, (dy) => {
    const dBase = mul(dy, mul(y, pow(x, sub(y, 1))));
    const positive = greater(x, 0);
    const safeLog = log(where(positive, x, 1));
    const dExp = mul(dy, where(positive, mul(out, safeLog), zerosLike(out)));
    return [unbroadcast(dBase, x.shape), unbroadcast(dExp, y.shape)];
  });
  return out;
}
