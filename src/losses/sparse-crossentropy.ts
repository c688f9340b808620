import type { TensorInput } from '../ops/index.js';
import { mul, neg, oneHot, sum, where } from '../ops/index.js';
import { convertToTensor } from '../ops/create.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../ops/tensor.js';
import { requireRank, toFloat } from './common.js';
import { logProbabilities } from './crossentropy.js';

/** Options of `sparseCategoricalCrossentropy` (Keras names, camelCase). */
export interface SparseCrossentropyOptions {
  /** Whether yPred holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** A label value whose samples get loss 0 (Keras `ignore_class`, e.g. −1 or 255 for "void"). */
  ignoreClass?: number | null;
}

const NAME = 'sparseCategoricalCrossentropy';

/**
 * Categorical crossentropy per sample with integer labels (Keras 3 `sparse_categorical_crossentropy`):
 * yTrue holds class indices, shaped like yPred without its last axis (a trailing axis of 1 is
 * squeezed, so [N] and [N, 1] both fit yPred [N, C]); the math is categoricalCrossentropy of the
 * one-hot labels, without label smoothing. Labels must be integers in [0, C) or `ignoreClass`;
 * anything else throws, where Keras would silently give a zero one-hot row. Samples whose label
 * is `ignoreClass` get loss 0 and gradient 0.
 * @example sparseCategoricalCrossentropy(tensor1d([1, 2]), tensor2d([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])) // [0.0513, 2.3026]
 */
export function sparseCategoricalCrossentropy(yTrue: TensorInput, yPred: TensorInput, options: SparseCrossentropyOptions = {}): Tensor {
  const { fromLogits = false, ignoreClass = null } = options;
  if (ignoreClass !== null && !Number.isInteger(ignoreClass)) throw new Error(`${NAME}: ignoreClass must be an integer or null, received ${String(ignoreClass)}`);
  const p = toFloat(yPred, 'yPred', NAME);
  requireRank(p, 1, NAME);
  const labels = convertToTensor(yTrue, 'yTrue', NAME);
  const batchShape = p.shape.slice(0, -1);
  const squeezed = labels.rank === p.rank && labels.shape[labels.rank - 1] === 1 ? labels.shape.slice(0, -1) : labels.shape;
  if (!shapesEqual(squeezed, batchShape)) {
    const withOne = formatShape([...batchShape, 1]);
    throw new Error(`${NAME}: yTrue has shape ${formatShape(labels.shape)} but yPred has shape ${formatShape(p.shape)}; expected integer class labels of shape ${formatShape(batchShape)} or ${withOne}. For one-hot labels use categoricalCrossentropy`);
  }
  const classes = p.shape[p.rank - 1] as number;
  const { indices, valid } = classIndices(labels, classes, ignoreClass);
  const oneHotLabels = oneHot(new Tensor(indices, batchShape, 'int32'), classes, 1, 0, 'float32');
  const losses = neg(sum(mul(oneHotLabels, logProbabilities(p, fromLogits)), -1));
  return valid === null ? losses : where(new Tensor(valid, batchShape, 'bool'), losses, 0);
}

/**
 * The labels as int32 class indices, checked; ignored labels become index 0 and are marked false
 * in `valid` (null when there is no ignoreClass).
 */
function classIndices(labels: Tensor, classes: number, ignoreClass: number | null): { indices: Int32Array; valid: Uint8Array | null } {
  const values = labels.values;
  const indices = new Int32Array(values.length);
  const valid = ignoreClass === null ? null : new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === ignoreClass) continue;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      const ignoring = ignoreClass === null ? '' : ` or the ignoreClass ${ignoreClass}`;
      throw new Error(`${NAME}: yTrue holds ${v} at flat index ${i}; expected integer class labels in [0, ${classes - 1}]${ignoring} (yPred has ${classes} classes)`);
    }
    indices[i] = v;
    if (valid !== null) valid[i] = 1;
  }
  return { indices, valid };
}
