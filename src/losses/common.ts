import type { TensorInput } from '../ops/index.js';
import { cast, expandDims, squeeze } from '../ops/index.js';
import { convertToTensor } from '../ops/create.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../ops/tensor.js';

/**
 * A loss: per-sample losses from targets and predictions, reduced over the last axis only
 * (shape [N] for [N, C] inputs); the model reduces over the batch. This is the contract of
 * Keras loss functions and of TF.js `tf.metrics.*` / `tf.losses` in tfjs-layers.
 */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * The fuzz factor ε = 1e-7 (Keras `backend.epsilon()`, TF.js `epsilon()`), used for clipping.
 * NOTE: in float32 tensors the clip bounds become fround(1e-7) and fround(1 − 1e-7) =
 * 1 − 2^−23, exactly as in Keras, where the Python float is cast to the tensor's dtype.
 */
export const EPSILON = 1e-7;

/** Lower probability clip bound, fround(ε), as a float32 tensor holds it. */
export const CLIP_MIN: number = Math.fround(EPSILON);
/** Upper probability clip bound, fround(1 − ε) = 1 − 2^−23. */
export const CLIP_MAX: number = Math.fround(1 - EPSILON);

/**
 * Converts both arguments to float32 tensors and checks their shapes for loss `name`, with the
 * one tolerance of Keras `squeeze_or_expand_to_same_rank`: when the ranks differ by one and the
 * higher-rank side ends in 1, that axis is dropped (or, when the other side has rank 1, added to
 * it), so labels [N] meet predictions [N, 1]. Any other difference throws naming both shapes;
 * `expectation` completes the sentence "expected the same shape…".
 * @example const [y, p] = matchShapes('meanSquaredError', yTrue, yPred);
 */
export function matchShapes(name: string, yTrue: TensorInput, yPred: TensorInput, expectation = ''): [Tensor, Tensor] {
  let y = toFloat(yTrue, 'yTrue', name);
  let p = toFloat(yPred, 'yPred', name);
  if (y.rank === p.rank + 1 && y.shape[y.rank - 1] === 1) {
    if (p.rank === 1) p = expandDims(p, -1);
    else y = squeeze(y, [-1]);
  } else if (p.rank === y.rank + 1 && p.shape[p.rank - 1] === 1) {
    if (y.rank === 1) y = expandDims(y, -1);
    else p = squeeze(p, [-1]);
  }
  if (!shapesEqual(y.shape, p.shape)) {
    throw new Error(`${name}: yTrue has shape ${formatShape(y.shape)} but yPred has shape ${formatShape(p.shape)}; expected the same shape${expectation}`);
  }
  requireRank(p, 1, name);
  return [y, p];
}

/** Converts a loss argument to a float32 tensor (labels may be int32 or bool). */
export function toFloat(x: TensorInput, argName: string, name: string): Tensor {
  const t = convertToTensor(x, argName, name);
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}

/** Throws unless `x` has at least `rank` axes: per-sample losses reduce over the last axis. */
export function requireRank(x: Tensor, rank: number, name: string): void {
  if (x.rank < rank) {
    throw new Error(`${name}: yPred has shape ${formatShape(x.shape)}; expected rank ≥ ${rank} (the last axis is reduced)`);
  }
}

/** Throws unless `value` is a finite number within [lo, hi], naming the loss and the option. */
export function checkOption(name: string, option: string, value: number, lo: number, hi: number): void {
  if (typeof value !== 'number' || !(value >= lo && value <= hi)) {
    throw new Error(`${name}: ${option} must be a number in [${lo}, ${hi}], received ${String(value)}`);
  }
}

/** Short alias of `LossFunction`. */
export type LossFn = LossFunction;
