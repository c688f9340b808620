import { describe, expect, it } from 'vitest';
import { tensor, tensor1d, tensor2d } from '../../src/ops/create.js';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from '../../src/metrics/accuracy.js';

describe('per-sample accuracy functions (TF.js tf.metrics, Keras formulas)', () => {
  it('binaryAccuracy thresholds strictly above 0.5 and averages over the last axis', () => {
    const out = binaryAccuracy(tensor2d([[1, 0], [0, 1], [1, 1]]), tensor2d([[0.7, 0.5], [0.5, 0.2], [0.51, 0.99]]));
    expect(Array.from(out.values)).toEqual([1, 0.5, 1]);
  });

  it('binaryAccuracy takes a threshold and labels [N] against predictions [N, 1]', () => {
    expect(Array.from(binaryAccuracy(tensor1d([1, 1]), tensor2d([[0.7], [0.75]]), 0.72).values)).toEqual([0, 1]);
  });

  it('categoricalAccuracy compares argmaxes (first maximum wins ties)', () => {
    const out = categoricalAccuracy(tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1]]), tensor2d([[0.2, 0.5, 0.3], [0.4, 0.4, 0.2], [2, 1, -1]]));
    expect(Array.from(out.values)).toEqual([1, 1, 0]);
  });

  it('sparseCategoricalAccuracy takes labels [N] or [N, 1], float or int32', () => {
    const p = tensor2d([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]);
    expect(Array.from(sparseCategoricalAccuracy(tensor1d([1, 0]), p).values)).toEqual([1, 0]);
    expect(Array.from(sparseCategoricalAccuracy(tensor([[1], [2]]), p).values)).toEqual([1, 1]);
    expect(Array.from(sparseCategoricalAccuracy(tensor([1, 2], [2], 'int32'), p).values)).toEqual([1, 1]);
  });

  it('shape mismatches throw naming the metric and both shapes', () => {
    expect(() => categoricalAccuracy(tensor([[1], [0]]), tensor2d([[0.2, 0.8], [0.1, 0.9]]))).toThrow(
      'categoricalAccuracy: yTrue has shape [2,1] but yPred has shape [2,2]; expected the same shape (one-hot labels). For integer labels use sparseCategoricalAccuracy',
    );
    expect(() => sparseCategoricalAccuracy(tensor2d([[0, 1]]), tensor2d([[0.2, 0.8]]))).toThrow(/expected integer class labels of shape \[1\] or \[1,1\]/);
  });
});
