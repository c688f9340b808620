import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { allocate } from '../tensor/dtype.js';
import { Tensor, shareableValues } from './tensor.js';
import { add, div, minimum, mul, sub } from './arithmetic.js';
import { cast } from './cast.js';
import { greater, greaterEqual, isFinite, lessEqual, logicalAnd, where } from './compare.js';
import type { TensorInput } from './operand.js';
import { broadcastShape, operand, requireFloat } from './operand.js';
import type { Axis } from './reduce.js';
import { max, sum } from './reduce.js';
import { reshape } from './reshape.js';
import { erf, exp, expm1, log, relu, tanh } from './unary.js';
import { normalizeAxes, normalizeAxis } from '../tensor/shape.js';

/** The values of `x` as a constant: gradients do not flow through the result. */
export function stopGradient(x: TensorInput): Tensor {
  const $x = operand(x, 'x', 'stopGradient');
  return new Tensor(shareableValues($x), $x.shape, $x.dtype);
}

/**
 * Clamps x into [min, max]. Gradient: dy where min ≤ x ≤ max, else 0 (as TF.js).
 * @example clipByValue(tensor([-2, 0.5, 3]), 0, 1) // [0, 0.5, 1]
 */
export function clipByValue(x: TensorInput, clipValueMin: number, clipValueMax: number): Tensor {
  const $x = operand(x, 'x', 'clipByValue');
  if (!(clipValueMin <= clipValueMax)) throw new Error(`clipByValue: clipValueMin (${clipValueMin}) must be ≤ clipValueMax (${clipValueMax})`);
  // int32 stays int32, as in TF.js; bool computes in float32.
  const dtype = $x.dtype === 'int32' ? 'int32' : 'float32';
  const out = new Tensor(allocate(dtype, $x.size), $x.shape, dtype);
  kernels.clip($x.values, out.values, clipValueMin, clipValueMax);
  record('clipByValue', [$x], out, (dy) => [mul(dy, cast(logicalAnd(greaterEqual($x, clipValueMin), lessEqual($x, clipValueMax)), 'float32'))]);
  return out;
}

/** min(max(x, 0), 6). */
export function relu6(x: TensorInput): Tensor {
  return minimum(relu(x), 6);
}

/**
 * x for x > 0, alpha·(e^x − 1) otherwise (Keras default alpha 1).
 * NOTE: expm1 is taken of min(x, 0): for large x the unused branch would overflow to Infinity and
 * its zero gradient times Infinity would poison dx with NaN.
 */
export function elu(x: TensorInput, alpha = 1): Tensor {
  const $x = operand(x, 'x', 'elu');
  return where(greater($x, 0), $x, mul(alpha, expm1(minimum($x, 0))));
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Scaled ELU with the self-normalizing constants (Klambauer et al. 2017). */
export function selu(x: TensorInput): Tensor {
  return mul(SELU_SCALE, elu(x, SELU_ALPHA));
}

/** x for x > 0, alpha·x otherwise (TF.js default alpha 0.2). */
export function leakyRelu(x: TensorInput, alpha = 0.2): Tensor {
  const $x = operand(x, 'x', 'leakyRelu');
  return where(greater($x, 0), $x, mul(alpha, $x));
}

/** x for x > 0, alpha·x otherwise, with a learned `alpha` that broadcasts against x. */
export function prelu(x: TensorInput, alpha: TensorInput): Tensor {
  const $x = operand(x, 'x', 'prelu');
  const $alpha = operand(alpha, 'alpha', 'prelu');
  broadcastShape($alpha.shape, $x.shape, 'prelu', ['alpha', 'x']);
  return where(greater($x, 0), $x, mul($alpha, $x));
}

const SQRT_HALF = 0.7071067811865476;
const SQRT_TWO_OVER_PI = 0.7978845608028654;

/**
 * Gaussian error linear unit (Keras default: exact form x·½·(1 + erf(x/√2)); with
 * `approximate`, the tanh form ½x(1 + tanh(√(2/π)(x + 0.044715x³)))).
 */
export function gelu(x: TensorInput, approximate = false): Tensor {
  const $x = operand(x, 'x', 'gelu');
  if (approximate) {
    const inner = mul(SQRT_TWO_OVER_PI, add($x, mul(0.044715, mul($x, mul($x, $x)))));
    return mul(mul(0.5, $x), add(1, tanh(inner)));
  }
  return mul(mul($x, 0.5), add(1, erf(mul($x, SQRT_HALF))));
}

/**
 * log Σ e^x over `axis`, stable: the maximum is subtracted first (and treated as a constant, which
 * leaves the gradient unchanged: softmax(x)).
 */
export function logSumExp(x: TensorInput, axis?: Axis, keepDims = false): Tensor {
  const $x = operand(x, 'x', 'logSumExp');
  requireFloat($x, 'x', 'logSumExp');
  const axes = normalizeAxes(axis, $x.rank, 'logSumExp');
  const peak = stopGradient(max($x, axes, true));
  // A row of −Infinity (or ±Infinity) must not subtract Infinity from itself.
  const shift = where(isFinite(peak), peak, 0);
  const result = add(log(sum(exp(sub($x, shift)), axes, true)), shift);
  return keepDims ? result : reshape(result, $x.shape.filter((_, i) => !axes.includes(i)));
}

/**
 * Softmax over `dim` (default the last axis): e^(x − max) / Σ e^(x − max).
 * @example softmax(tensor([1, 2, 3]))
 */
export function softmax(logits: TensorInput, dim = -1): Tensor {
  const $x = operand(logits, 'logits', 'softmax');
  requireFloat($x, 'logits', 'softmax');
  normalizeAxis(dim, $x.rank, 'softmax');
  const peak = stopGradient(max($x, dim, true));
  const e = exp(sub($x, where(isFinite(peak), peak, 0)));
  return div(e, sum(e, dim, true));
}

/**
 * log(softmax(x)) over `axis` (default last), computed as (x − m) − log Σ e^(x − m) with m the
 * maximum: subtracting m first keeps the result accurate to a few ulps of the result itself.
 */
export function logSoftmax(logits: TensorInput, axis = -1): Tensor {
  const $x = operand(logits, 'logits', 'logSoftmax');
  requireFloat($x, 'logits', 'logSoftmax');
  normalizeAxis(axis, $x.rank, 'logSoftmax');
  const peak = stopGradient(max($x, axis, true));
  const shifted = sub($x, where(isFinite(peak), peak, 0));
  return sub(shifted, log(sum(exp(shifted), axis, true)));
}
