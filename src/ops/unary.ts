import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import type { DataType } from '../tensor/dtype.js';
import { allocate } from '../tensor/dtype.js';
import { Tensor } from './tensor.js';
import { add, div, mul, sub } from './arithmetic.js';
import { cast } from './cast.js';
import { greater } from './compare.js';
import type { TensorInput } from './operand.js';
import { operand, requireFloat } from './operand.js';

function unary(opName: string, x: TensorInput, kernel: kernels.UnaryKernel, float: boolean): { $x: Tensor; out: Tensor } {
  const $x = operand(x, 'x', opName);
  if (float) requireFloat($x, 'x', opName);
  const dtype: DataType = $x.dtype === 'bool' ? 'int32' : $x.dtype;
  const out = new Tensor(allocate(dtype, $x.size), $x.shape, dtype);
  kernels.unary(kernel, $x.values, out.values);
  return { $x, out };
}

/** −x elementwise (exact). Gradient: −dy. */
export function neg(x: TensorInput): Tensor {
  const { $x, out } = unary('neg', x, 'neg', false);
  record('neg', [$x], out, (dy) => [neg(dy)]);
  return out;
}

/** |x| elementwise. Gradient: dy·sign(x) (0 at 0). */
export function abs(x: TensorInput): Tensor {
  const { $x, out } = unary('abs', x, 'abs', false);
  record('abs', [$x], out, (dy) => [mul(dy, sign($x))]);
  return out;
}

/** −1, 0 or 1 by the sign of x (NaN stays NaN). No gradient (zero almost everywhere). */
export function sign(x: TensorInput): Tensor {
  return unary('sign', x, 'sign', false).out;
}

/** e^x elementwise, from SameBits' own exp (≤ 1 ulp). Gradient: dy·e^x. */
export function exp(x: TensorInput): Tensor {
  const { $x, out } = unary('exp', x, 'exp', true);
  record('exp', [$x], out, (dy) => [mul(dy, out)]);
  return out;
}

/** Natural logarithm elementwise (−Infinity at 0, NaN below). Gradient: dy/x. */
export function log(x: TensorInput): Tensor {
  const { $x, out } = unary('log', x, 'log', true);
  record('log', [$x], out, (dy) => [div(dy, $x)]);
  return out;
}

/** √x elementwise, correctly rounded (Math.sqrt is exact). Gradient: dy/(2√x). */
export function sqrt(x: TensorInput): Tensor {
  const { $x, out } = unary('sqrt', x, 'sqrt', true);
  record('sqrt', [$x], out, (dy) => [div(dy, mul(out, 2))]);
  return out;
}

/** 1/√x elementwise: the float32 √x, then the float32 division. */
export function rsqrt(x: TensorInput): Tensor {
  const $x = operand(x, 'x', 'rsqrt');
  requireFloat($x, 'x', 'rsqrt');
  return div(1, sqrt($x));
}

/** x² elementwise (x·x). */
export function square(x: TensorInput): Tensor {
  const $x = operand(x, 'x', 'square');
  return mul($x, $x);
}

/** 1/x elementwise. */
export function reciprocal(x: TensorInput): Tensor {
  return div(1, operand(x, 'x', 'reciprocal'));
}

/**
 * max(x, 0) elementwise. Gradient: dy where x > 0, else 0.
 * NOTE: written as its own primitive, not maximum(x, 0), whose gradient at 0 would be dy.
 */
export function relu(x: TensorInput): Tensor {
  const { $x, out } = unary('relu', x, 'relu', false);
  record('relu', [$x], out, (dy) => [mul(dy, cast(greater($x, 0), 'float32'))]);
  return out;
}

/** 1/(1 + e^−x) elementwise, from SameBits' own sigmoid. Gradient: dy·y·(1 − y). */
export function sigmoid(x: TensorInput): Tensor {
  const { $x, out } = unary('sigmoid', x, 'sigmoid', true);
  record('sigmoid', [$x], out, (dy) => [mul(dy, mul(out, sub(1, out)))]);
  return out;
}

/** Hyperbolic tangent elementwise, from SameBits' own tanh. Gradient: dy·(1 − y²). */
export function tanh(x: TensorInput): Tensor {
  const { $x, out } = unary('tanh', x, 'tanh', true);
  record('tanh', [$x], out, (dy) => [mul(dy, sub(1, mul(out, out)))]);
  return out;
}

/** log(1 + e^x) elementwise, stable for large |x|. Gradient: dy·sigmoid(x). */
export function softplus(x: TensorInput): Tensor {
  const { $x, out } = unary('softplus', x, 'softplus', true);
  record('softplus', [$x], out, (dy) => [mul(dy, sigmoid($x))]);
  return out;
}

/** log(1 + x) elementwise, accurate near 0. Gradient: dy/(1 + x). */
export function log1p(x: TensorInput): Tensor {
  const { $x, out } = unary('log1p', x, 'log1p', true);
  record('log1p', [$x], out, (dy) => [div(dy, add($x, 1))]);
  return out;
}

/** e^x − 1 elementwise, accurate near 0. Gradient: dy·(y + 1). */
export function expm1(x: TensorInput): Tensor {
  const { $x, out } = unary('expm1', x, 'expm1', true);
  record('expm1', [$x], out, (dy) => [mul(dy, add(out, 1))]);
  return out;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** The error function elementwise. Gradient: dy·(2/√π)·e^(−x²). */
export function erf(x: TensorInput): Tensor {
  const { $x, out } = unary('erf', x, 'erf', true);
  record('erf', [$x], out, (dy) => [mul(dy, mul(TWO_OVER_SQRT_PI, exp(neg(mul($x, $x)))))]);
  return out;
}
