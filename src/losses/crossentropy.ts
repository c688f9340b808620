import type { TensorInput } from '../ops/index.js';
import { add, clipByValue, div, log, logSoftmax, mean, mul, neg, softplus, sub, sum } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkOption, CLIP_MAX, CLIP_MIN, matchShapes } from './common.js';

/** Options of `binaryCrossentropy` and `categoricalCrossentropy` (Keras names, camelCase). */
export interface CrossentropyOptions {
  /** Whether yPred holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** s in [0, 1]: labels become y·(1 − s) + s/2 (binary) or y·(1 − s) + s/C (categorical). */
  labelSmoothing?: number;
}

/**
 * Binary crossentropy per sample, Keras 3 formulas, averaged over the last axis.
 * Probabilities: p = clip(ŷ, ε, 1 − ε), loss = −(y·log p + (1 − y)·log(1 − p)).
 * Logits (`fromLogits`): −(y·logσ(z) + (1 − y)·logσ(−z)), written y·softplus(−z) + (1 − y)·softplus(z),
 * finite and accurate for any z. TF.js instead converts clipped probabilities back to logits and
 * has no fromLogits.
 * @example binaryCrossentropy(tensor2d([[0, 1]]), tensor2d([[0.6, 0.4]])) // [0.9163]
 */
export function binaryCrossentropy(yTrue: TensorInput, yPred: TensorInput, options: CrossentropyOptions = {}): Tensor {
  const { fromLogits = false, labelSmoothing = 0 } = options;
  checkOption('binaryCrossentropy', 'labelSmoothing', labelSmoothing, 0, 1);
  const [labels, p] = matchShapes('binaryCrossentropy', yTrue, yPred, ' (one probability per output unit)');
  // Keras forms (1 − s) and 0.5·s in float64 and casts them to float32.
  const y = labelSmoothing > 0 ? add(mul(labels, Math.fround(1 - labelSmoothing)), Math.fround(0.5 * labelSmoothing)) : labels;
  const notY = sub(1, y);
  if (fromLogits) return mean(add(mul(y, softplus(neg(p))), mul(notY, softplus(p))), -1);
  const clipped = clipByValue(p, CLIP_MIN, CLIP_MAX);
  return mean(neg(add(mul(y, log(clipped)), mul(notY, log(sub(1, clipped))))), -1);
}

/**
 * Categorical crossentropy per sample over the last axis, Keras 3 formulas (one-hot labels).
 * Logits (`fromLogits`): −Σ y·logSoftmax(ŷ), no clipping. Probabilities: p = ŷ/Σŷ, clipped to
 * [ε, 1 − ε], −Σ y·log p. TF.js clips even the softmax of logits, which caps the loss at
 * −log ε ≈ 16.1 and zeroes the gradient of confident mistakes; Keras does not.
 * @example categoricalCrossentropy(tensor2d([[0, 1, 0]]), tensor2d([[0.05, 0.95, 0]])) // [0.0513]
 */
export function categoricalCrossentropy(yTrue: TensorInput, yPred: TensorInput, options: CrossentropyOptions = {}): Tensor {
  const { fromLogits = false, labelSmoothing = 0 } = options;
  checkOption('categoricalCrossentropy', 'labelSmoothing', labelSmoothing, 0, 1);
  const [labels, p] = matchShapes('categoricalCrossentropy', yTrue, yPred, ' (one-hot labels). For integer labels use sparseCategoricalCrossentropy');
  const classes = p.shape[p.rank - 1] as number;
  // Keras: y·(1 − s) + s/C, with s/C a float32 division of the float32 s.
  const y = labelSmoothing > 0 ? add(mul(labels, Math.fround(1 - labelSmoothing)), Math.fround(Math.fround(labelSmoothing) / classes)) : labels;
  return neg(sum(mul(y, logProbabilities(p, fromLogits)), -1));
}

/**
 * log p over the last axis for crossentropy: logSoftmax of logits, or the log of the normalised,
 * clipped probabilities (Keras `ops.categorical_crossentropy`). Shared with the sparse loss.
 */
export function logProbabilities(yPred: Tensor, fromLogits: boolean): Tensor {
  if (fromLogits) return logSoftmax(yPred, -1);
  const normalised = div(yPred, sum(yPred, -1, true));
  return log(clipByValue(normalised, CLIP_MIN, CLIP_MAX));
}
