import type { TensorInput } from '../ops/index.js';
import {
  abs, add, div, lessEqual, log1p, maximum, mean, mul, neg, rsqrt, softplus, square, sub, sum, where,
} from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkOption, EPSILON, matchShapes } from './common.js';

/**
 * mean_last((ŷ − y)²) per sample (Keras `mean_squared_error`, TF.js `meanSquaredError`).
 * @example meanSquaredError(tensor2d([[0, 1]]), tensor2d([[1, 1]])) // [0.5]
 */
export function meanSquaredError(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('meanSquaredError', yTrue, yPred);
  return mean(square(sub(p, y)), -1);
}

/** mean_last(|ŷ − y|) per sample. @example meanAbsoluteError(tensor2d([[0, 2]]), tensor2d([[1, 1]])) // [1] */
export function meanAbsoluteError(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('meanAbsoluteError', yTrue, yPred);
  return mean(abs(sub(p, y)), -1);
}

/** 100·mean_last(|(y − ŷ) / max(|y|, ε)|) per sample (Keras; TF.js clips |y| to [ε, ∞), the same). */
export function meanAbsolutePercentageError(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('meanAbsolutePercentageError', yTrue, yPred);
  return mul(100, mean(abs(div(sub(y, p), maximum(abs(y), EPSILON))), -1));
}

/**
 * mean_last((log(1 + max(ŷ, ε)) − log(1 + max(y, ε)))²) per sample.
 * NOTE: Keras writes log(x + 1); log1p is the same function without the rounding of x + 1, which
 * would cost up to 2^−24/x relative accuracy for small x.
 */
export function meanSquaredLogarithmicError(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('meanSquaredLogarithmicError', yTrue, yPred);
  return mean(square(sub(log1p(maximum(p, EPSILON)), log1p(maximum(y, EPSILON)))), -1);
}

/** Options of `huber`. */
export interface HuberOptions {
  /** Where the loss turns from quadratic to linear (Keras default 1). */
  delta?: number;
}

/**
 * Huber loss per sample (Keras `huber`): with e = ŷ − y, mean_last of 0.5·e² where |e| ≤ δ and
 * δ·|e| − 0.5·δ² elsewhere. TF.js Layers has no huber loss.
 * @example huber(tensor2d([[0, 1]]), tensor2d([[0.6, 0.4]]), { delta: 1 })
 */
export function huber(yTrue: TensorInput, yPred: TensorInput, options: HuberOptions = {}): Tensor {
  const { delta = 1 } = options;
  checkOption('huber', 'delta', delta, 0, Number.MAX_VALUE);
  const [y, p] = matchShapes('huber', yTrue, yPred);
  const error = sub(p, y);
  const absError = abs(error);
  const quadratic = mul(0.5, square(error));
  // 0.5·δ² as Keras forms it in float32: δ rounded, squared and rounded, then halved (exact).
  const halfDeltaSquared = 0.5 * Math.fround(Math.fround(delta) * Math.fround(delta));
  const linear = sub(mul(delta, absError), halfDeltaSquared);
  return mean(where(lessEqual(absError, delta), quadratic, linear), -1);
}

const LN2 = 0.6931471805599453;

/**
 * log(cosh(ŷ − y)) averaged over the last axis, as e + softplus(−2e) − log 2 (Keras `log_cosh`,
 * TF.js `logcosh`): no overflow for large |e|.
 * NOTE: for small |e| the value (≈ e²/2) is a difference of O(|e|) terms, so its absolute error is
 * about 2^−24·|e|, as in Keras.
 */
export function logCosh(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('logCosh', yTrue, yPred);
  const e = sub(p, y);
  return mean(sub(add(e, softplus(mul(e, -2))), LN2), -1);
}

/**
 * −Σ_last (y/‖y‖)·(ŷ/‖ŷ‖) per sample (Keras `cosine_similarity` as a loss, TF.js
 * `cosineProximity`): −1 for parallel vectors, 0 when either is zero. Keras normalises with
 * x·min(1/‖x‖, 1/ε); here x·rsqrt(max(Σx², ε²)), the same function, whose gradient stays finite
 * for a zero vector.
 */
export function cosineSimilarity(yTrue: TensorInput, yPred: TensorInput): Tensor {
  const [y, p] = matchShapes('cosineSimilarity', yTrue, yPred);
  return neg(sum(mul(l2Normalize(y), l2Normalize(p)), -1));
}

function l2Normalize(x: Tensor): Tensor {
  const squares = sum(square(x), -1, true);
  return mul(x, rsqrt(maximum(squares, EPSILON * EPSILON)));
}
