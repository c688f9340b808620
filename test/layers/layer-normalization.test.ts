import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { expectSameBits } from '../helpers/bits.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { normalizeRef } from '../helpers/normalization-ref.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const LN_KEYS = ['axis', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer', 'beta_regularizer', 'gamma_regularizer', 'name', 'trainable'];
const RANDOM_INIT = { gammaInitializer: 'randomNormal', betaInitializer: 'randomNormal' } as const;

/** Per-sample statistics over `axes`; gamma and beta indexed by the coordinates on those axes. */
function lnRef(axes: number[], scale = true, center = true) {
  return (x: Ref, w: readonly Ref[]): Ref => {
    const a = axes.map((v) => (v < 0 ? v + x.shape.length : v)).sort((p, q) => p - q);
    return normalizeRef(x, a, a, 1e-3, scale ? (w[0] as Ref) : null, center ? (w[scale ? 1 : 0] as Ref) : null);
  };
}

describe('LayerNormalization layer contract', () => {
  runLayerTest('layerNormalization over the last axis', {
    make: () => layers.layerNormalization(RANDOM_INIT), inputShape: [3, 5], expectedOutputShape: [3, 5],
    expectedWeights: [{ name: 'gamma', shape: [5] }, { name: 'beta', shape: [5] }], configKeys: LN_KEYS, gradient: { reference: lnRef([-1]) },
  });
  runLayerTest('layerNormalization over axes [1, 2] of a rank-3 input', {
    make: () => layers.layerNormalization({ ...RANDOM_INIT, axis: [1, 2] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4],
    expectedWeights: [{ name: 'gamma', shape: [3, 4] }, { name: 'beta', shape: [3, 4] }], configKeys: LN_KEYS, gradient: { reference: lnRef([1, 2]) },
  });
  runLayerTest('layerNormalization over axes [1, 3] (not adjacent) of a rank-4 input', {
    make: () => layers.layerNormalization({ ...RANDOM_INIT, axis: [1, 3] }), inputShape: [2, 2, 3, 3], expectedOutputShape: [2, 2, 3, 3],
    expectedWeights: [{ name: 'gamma', shape: [2, 3] }, { name: 'beta', shape: [2, 3] }], gradient: { reference: lnRef([1, 3]) },
  });
  runLayerTest('layerNormalization without center and scale', {
    make: () => layers.layerNormalization({ center: false, scale: false }), inputShape: [3, 4], expectedOutputShape: [3, 4],
    expectedWeights: [], gradient: { reference: lnRef([-1], false, false) },
  });
});

describe('LayerNormalization behaviour', () => {
  it('gives the same bits in training and inference, and per row whatever the batch', () => {
    const x = randomTensor(xorshift(4), [4, 6], { lo: -3, hi: 3 });
    const ln = layers.layerNormalization(RANDOM_INIT);
    const y = ln.apply(x);
    expectSameBits(ln.apply(x, { training: true }).values, y.values);
    expectSameBits(ln.apply(x.slice([1, 0], [1, 6])).values, y.values.slice(6, 12));
  });

  it('refuses an axis out of range and a changed normalized extent, naming the layer', () => {
    expect(() => layers.layerNormalization({ name: 'ln_ax', axis: 3 }).apply(randomTensor(xorshift(1), [2, 3]))).toThrow(/ln_ax: axis 3 is invalid for an input of rank 2/);
    const ln = layers.layerNormalization({ name: 'ln_shape' });
    ln.apply(randomTensor(xorshift(1), [2, 3]));
    expect(() => ln.apply(randomTensor(xorshift(1), [2, 4]))).toThrow('ln_shape: expected input [*, 3] (axis -1), received [2, 4]');
    expect(() => layers.layerNormalization({ axis: 1.5 })).toThrow(/axis must be an integer or a non-empty list of integers\. Received: axis=1\.5/);
  });
});
