import { describe, expect, it } from 'vitest';
import { BatchNormalization, layers } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { fingerprint, tensor2d } from '../../src/node.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { bytesOf, expectSameBits } from '../helpers/bits.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { normalizeRef } from '../helpers/normalization-ref.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const BN_KEYS = [
  'axis', 'momentum', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer', 'moving_mean_initializer',
  'moving_variance_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint', 'name', 'trainable',
];
const RANDOM_INIT = {
  gammaInitializer: 'randomNormal', betaInitializer: 'randomNormal', movingMeanInitializer: 'randomNormal',
  movingVarianceInitializer: { className: 'RandomUniform', config: { minval: 0.5, maxval: 1.5 } },
} as const;

function weightsOf(c: number, scale = true, center = true): { name: string; shape: number[]; trainable?: boolean }[] {
  return [
    ...(scale ? [{ name: 'gamma', shape: [c] }] : []),
    ...(center ? [{ name: 'beta', shape: [c] }] : []),
    { name: 'moving_mean', shape: [c], trainable: false },
    { name: 'moving_variance', shape: [c], trainable: false },
  ];
}

/** The float64 reference: batch statistics in training, the moving ones otherwise. */
function bnRef(axis: number, training: boolean, scale = true, center = true) {
  return (x: Ref, w: readonly Ref[]): Ref => {
    const a = axis < 0 ? axis + x.shape.length : axis;
    const reduced = x.shape.map((_, i) => i).filter((i) => i !== a);
    const gamma = scale ? (w[0] as Ref) : null;
    const beta = center ? (w[scale ? 1 : 0] as Ref) : null;
    const [mean, variance] = w.slice(-2) as [Ref, Ref];
    return normalizeRef(x, reduced, [a], 1e-3, gamma, beta, training ? undefined : { mean, variance });
  };
}

describe('BatchNormalization layer contract', () => {
  runLayerTest('batchNormalization in inference (moving statistics)', {
    make: () => layers.batchNormalization(RANDOM_INIT), inputShape: [4, 3], expectedOutputShape: [4, 3],
    expectedWeights: weightsOf(3), configKeys: BN_KEYS, gradient: { reference: bnRef(-1, false) },
  });
  runLayerTest('batchNormalization in training (batch statistics)', {
    make: () => layers.batchNormalization(RANDOM_INIT), training: true, inputShape: [5, 3], expectedOutputShape: [5, 3],
    expectedWeights: weightsOf(3), configKeys: BN_KEYS, gradient: { reference: bnRef(-1, true) },
  });
  runLayerTest('batchNormalization in training on axis 1 of a rank-4 input', {
    make: () => layers.batchNormalization({ ...RANDOM_INIT, axis: 1 }), training: true, inputShape: [2, 3, 2, 2], expectedOutputShape: [2, 3, 2, 2],
    expectedWeights: weightsOf(3), gradient: { reference: bnRef(1, true) },
  });
  runLayerTest('batchNormalization without center and scale', {
    make: () => layers.batchNormalization({ center: false, scale: false, movingMeanInitializer: 'randomNormal', movingVarianceInitializer: RANDOM_INIT.movingVarianceInitializer }), training: true, inputShape: [4, 2], expectedOutputShape: [4, 2],
    expectedWeights: weightsOf(2, false, false), gradient: { reference: bnRef(-1, true, false, false) },
  });
});

/**
 * The documented update, written independently: batch mean = float64 sum / n rounded once;
 * variance = mean of fround(fround(x − mean)²); moving = fround(fround(m · f(0.99)) + fround(b · f(1 − 0.99))).
 */
function expectedMoving(batches: Float32Array[], features: number, momentum: number): { mean: Float32Array; variance: Float32Array } {
  const f = Math.fround;
  const mean = new Float32Array(features);
  const variance = new Float32Array(features).fill(1);
  for (const b of batches) {
    const rows = b.length / features;
    for (let c = 0; c < features; c++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += b[r * features + c] as number;
      const mu = f(s / rows);
      let q = 0;
      for (let r = 0; r < rows; r++) q += f(f((b[r * features + c] as number) - mu) ** 2);
      const v = f(q / rows);
      mean[c] = f(f((mean[c] as number) * f(momentum)) + f(mu * f(1 - momentum)));
      variance[c] = f(f((variance[c] as number) * f(momentum)) + f(v * f(1 - momentum)));
    }
  }
  return { mean, variance };
}

describe('BatchNormalization behaviour', () => {
  const x = randomTensor(xorshift(5), [6, 3], { lo: -2, hi: 3 });

  it('updates the moving statistics in place on each training call, as the documented float32 expression, bit for bit', () => {
    const bn = layers.batchNormalization({ momentum: 0.9 });
    const batches = [0, 1, 2].map((s) => randomTensor(xorshift(40 + s), [4, 3], { lo: -1, hi: 2 }));
    for (const b of batches) bn.apply(b, { training: true });
    const { mean, variance } = expectedMoving(batches.map((b) => b.values as Float32Array), 3, 0.9);
    const [, , movingMean, movingVariance] = bn.getWeights() as Tensor[];
    expectSameBits(movingMean!.values, mean, 'moving_mean');
    expectSameBits(movingVariance!.values, variance, 'moving_variance');
  });

  it('uses and keeps the moving statistics outside training', () => {
    const bn = layers.batchNormalization(RANDOM_INIT);
    const a = bn.apply(x);
    const before = bn.getWeights().map(bytesOf);
    const b = bn.apply(x);
    expectSameBits(b.values, a.values);
    expect(bn.getWeights().map(bytesOf)).toEqual(before);
    bn.apply(x, { training: true });
    expect(bn.getWeights().map(bytesOf).slice(2)).not.toEqual(before.slice(2));
  });

  it('normalizes each feature to mean ≈ 0 and variance ≈ 1 in training', () => {
    const y = layers.batchNormalization().apply(x, { training: true }).arraySync() as number[][];
    for (let c = 0; c < 3; c++) {
      const col = y.map((r) => r[c] as number);
      const m = col.reduce((s, v) => s + v, 0) / col.length;
      expect(Math.abs(m)).toBeLessThan(1e-6);
      expect(Math.abs(col.reduce((s, v) => s + (v - m) ** 2, 0) / col.length - 1)).toBeLessThan(1e-2); // ε = 1e-3 shrinks it a little
    }
  });

  it('runs a frozen layer (trainable false) in inference mode even in training, leaving its statistics (Keras 3)', () => {
    const bn = layers.batchNormalization(RANDOM_INIT);
    const inference = bn.apply(x);
    bn.trainable = false;
    const before = bn.getWeights().map(bytesOf);
    expectSameBits(bn.apply(x, { training: true }).values, inference.values);
    expect(bn.getWeights().map(bytesOf)).toEqual(before);
  });

  it('fit updates the moving statistics once per step, in batch order', async () => {
    setRandomSeed(3);
    const data = randomTensor(xorshift(8), [12, 3], { lo: -1, hi: 1 });
    const model = sequential({ layers: [layers.batchNormalization({ inputShape: [3] }), layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await model.fit(data, tensor2d(Array.from({ length: 12 }, (_, i) => [i % 2])), { epochs: 2, batchSize: 5, shuffle: false, verbose: 0 });
    const v = data.values as Float32Array;
    const batches = [0, 1].flatMap(() => [v.slice(0, 15), v.slice(15, 30), v.slice(30, 36)]);
    const { mean, variance } = expectedMoving(batches, 3, 0.99);
    const bn = model.layers[0] as BatchNormalization;
    expectSameBits((bn.weights[2] as Tensor).values, mean, 'moving_mean');
    expectSameBits((bn.weights[3] as Tensor).values, variance, 'moving_variance');
  });

  it('a fit with batch normalization gives the same fingerprint twice, and the moving statistics count in it', async () => {
    const train = async (): Promise<string[]> => {
      setRandomSeed(11);
      const model = sequential({ layers: [layers.dense({ units: 4, inputShape: [3] }), layers.batchNormalization(), layers.dense({ units: 1 })] });
      model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
      const before = fingerprint(model);
      await model.fit(x, tensor2d([[1], [0], [1], [1], [0], [0]]), { epochs: 3, batchSize: 4, verbose: 0 });
      const after = fingerprint(model);
      (model.layers[1] as BatchNormalization).weights[2]!.assign(tensor2d([[0, 0, 0, 0]]).reshape([4]));
      return [before, after, fingerprint(model)];
    };
    const [a, b] = [await train(), await train()];
    expect(b).toEqual(a);
    expect(a[2]).not.toBe(a[1]);
  });
});

describe('BatchNormalization bad input', () => {
  it('names the layer, the expected and the received shape when the feature count changes', () => {
    const bn = layers.batchNormalization({ name: 'bn_probe' });
    bn.apply(x2(3));
    expect(() => bn.apply(x2(4))).toThrow('bn_probe: expected input with 3 features on axis -1, received [2, 4]');
  });
  it('refuses a rank-1 input and an axis out of range', () => {
    expect(() => layers.batchNormalization({ name: 'bn_r1' }).apply(randomTensor(xorshift(1), [4]))).toThrow(/bn_r1: expected input of rank >= 2/);
    expect(() => layers.batchNormalization({ name: 'bn_ax', axis: 2 }).apply(x2(3))).toThrow(/bn_ax: axis 2 is invalid for an input of rank 2/);
  });
  it('refuses a momentum outside [0, 1], quoting it', () => {
    expect(() => layers.batchNormalization({ momentum: 1.5 })).toThrow(/momentum must be a number in \[0, 1\]\. Received: momentum=1\.5/);
  });
});

function x2(features: number): Tensor {
  return randomTensor(xorshift(2), [2, features]);
}
