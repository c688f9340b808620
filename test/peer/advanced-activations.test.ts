import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Layer, Sequential, Tensor } from '../../src/node.js';
import type { ModelArtifacts } from '../../src/io/index.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { grad, layers, mul, sequential, setRandomSeed, sum, tensor, tensor2d, train } from '../../src/node.js';
import { bytesOf } from '../helpers/bits.js';
import { useTfjsCpu, maxRelativeDifference } from './harness.js';

/**
 * The advanced activation layers against TF.js 4.22 (cpu backend) on the same inputs and
 * weights: forward values and input gradients, PReLU trained a few steps, and model files both
 * ways. Where TF.js lacks an option (ELU alpha ≠ 1; ReLU's Keras 3 negativeSlope and threshold)
 * the Keras 3 fixture test covers it (keras-activations.test.ts).
 */

/** Float32 rounding of a few chained ops, relative to the value. */
const ROUNDING = 1e-5;
/** Gradients: softmax's dx = y·(dy − Σ y·dy) cancels, so small elements carry a larger relative error. */
const GRADIENT_ROUNDING = 1e-4;

/** max |a − b| / max(|b|, 1e-3); equal values (NaN, ±Infinity included) count 0. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Object.is(x, y) || x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    w = Math.max(w, Math.abs(x - y) / Math.max(Math.abs(y), 1e-3));
  }
  return a.length === b.length ? w : Infinity;
}

interface Case {
  name: string; ours: () => Layer; theirs: () => tf.layers.Layer; shape: number[];
  /** TF.js has no gradient for the layer (ThresholdedReLU: none registered for Greater): forward only. */
  forwardOnly?: boolean;
}

/**
 * TF.js's softmax op refuses any axis but the last ("not yet supported"), so its Softmax layer
 * does too; the stand-in computes what TF.js's layer does for several axes, exp(x − logSumExp(x)).
 */
const tfSoftmaxOverAxis = (axis: number): tf.layers.Layer => ({ apply: (x: tf.Tensor) => tf.exp(tf.sub(x, tf.logSumExp(x, axis, true))), setWeights: () => undefined }) as unknown as tf.layers.Layer;

const CASES: Case[] = [
  { name: 'reLU', ours: () => layers.reLU(), theirs: () => tf.layers.reLU(), shape: [4, 6] },
  { name: 'reLU maxValue 1.5', ours: () => layers.reLU({ maxValue: 1.5 }), theirs: () => tf.layers.reLU({ maxValue: 1.5 }), shape: [4, 6] },
  { name: 'leakyReLU (default alpha)', ours: () => layers.leakyReLU(), theirs: () => tf.layers.leakyReLU(), shape: [4, 6] },
  { name: 'leakyReLU alpha 0.05', ours: () => layers.leakyReLU({ alpha: 0.05 }), theirs: () => tf.layers.leakyReLU({ alpha: 0.05 }), shape: [2, 3, 4] },
  { name: 'elu', ours: () => layers.elu(), theirs: () => tf.layers.elu(), shape: [4, 6] },
  { name: 'thresholdedReLU (default theta)', ours: () => layers.thresholdedReLU(), theirs: () => tf.layers.thresholdedReLU(), shape: [4, 6], forwardOnly: true },
  { name: 'thresholdedReLU theta 0.4', ours: () => layers.thresholdedReLU({ theta: 0.4 }), theirs: () => tf.layers.thresholdedReLU({ theta: 0.4 }), shape: [4, 6], forwardOnly: true },
  { name: 'softmax axis -1', ours: () => layers.softmax(), theirs: () => tf.layers.softmax({ axis: -1 }), shape: [4, 6] },
  { name: 'softmax axis 1 of rank 3', ours: () => layers.softmax({ axis: 1 }), theirs: () => tfSoftmaxOverAxis(1), shape: [2, 3, 4] },
  { name: 'softmax axes [1, 2]', ours: () => layers.softmax({ axis: [1, 2] }), theirs: () => tf.layers.softmax({ axis: [1, 2] }), shape: [2, 3, 4] },
  { name: 'prelu', ours: () => layers.prelu({ alphaInitializer: 'randomNormal' }), theirs: () => tf.layers.prelu(), shape: [4, 6] },
  { name: 'prelu sharedAxes [1]', ours: () => layers.prelu({ alphaInitializer: 'randomNormal', sharedAxes: [1] }), theirs: () => tf.layers.prelu({ sharedAxes: [1] }), shape: [2, 3, 4] },
];

const size = (shape: number[]): number => shape.reduce((p, d) => p * d, 1);
/** Values in (−3, 3), none at 0 or at a threshold, so that both sides take the same branch and slope. */
const inputs = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 2.3 + 0.4) * 3 + 0.013));

describe('peer: advanced activation layers against TF.js 4.22 on the same inputs and weights', () => {
  for (const c of CASES) {
    it(`${c.name}: forward values${c.forwardOnly ? '' : ' and the input gradient'} agree within float32 rounding`, async () => {
      await useTfjsCpu();
      setRandomSeed(8);
      const xs = inputs(size(c.shape));
      const dys = Array.from({ length: xs.length }, (_, i) => Math.fround(Math.cos(i * 0.9)));
      const ours = c.ours();
      const y = ours.apply(tensor(xs, c.shape));
      const theirs = c.theirs();
      theirs.apply(tf.tensor(xs, c.shape));
      theirs.setWeights(ours.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape)));
      expect(worst(y.values, (theirs.apply(tf.tensor(xs, c.shape)) as tf.Tensor).dataSync()), 'forward').toBeLessThanOrEqual(ROUNDING);
      if (c.forwardOnly) return;
      const dx = grad((x: Tensor) => sum(mul(ours.apply(x), tensor(dys, c.shape))))(tensor(xs, c.shape));
      const tdx = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(theirs.apply(x) as tf.Tensor, tf.tensor(dys, c.shape))))(tf.tensor(xs, c.shape));
      expect(worst(dx.values, tdx.dataSync()), 'input gradient').toBeLessThanOrEqual(GRADIENT_ROUNDING);
    });
  }

  it('edge inputs (0, −0, the thresholds themselves, ±1e30, −88 and 88): the same values', async () => {
    await useTfjsCpu();
    const edge = [0, -0, 1, 1.5, 0.4, -1, 1e30, -1e30, -88, 88, 1e-30, -1e-30];
    for (const c of CASES.filter((k) => !k.name.startsWith('softmax') && !k.name.startsWith('prelu'))) {
      const ours = c.ours().apply(tensor2d([edge])).values;
      const theirs = (c.theirs().apply(tf.tensor2d([edge])) as tf.Tensor).dataSync();
      expect(worst(ours, theirs), c.name).toBeLessThanOrEqual(ROUNDING);
    }
  });
});

const X = Array.from({ length: 16 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.fround(Math.sin(i * 5 + j) * 2 + (j - 2) * 0.3)));
const Y = X.map((r) => [Math.fround(r[0]! - r[1]! * 0.5 + Math.abs(r[2]!)), Math.fround(Math.max(r[3]!, 0) - r[4]! * 0.2)]);

describe('peer: prelu trained in TF.js 4.22 and in SameBits from the same weights, no shuffling', () => {
  it('dense, prelu (shared over nothing), dense: per-epoch losses and the final alpha agree within float32 rounding after 4 epochs of SGD', async () => {
    await useTfjsCpu();
    setRandomSeed(6);
    const ours = sequential({ layers: [layers.dense({ units: 6, inputShape: [5] }), layers.prelu({ alphaInitializer: 'randomUniform' }), layers.dense({ units: 2 })] });
    ours.compile({ optimizer: train.sgd(0.05), loss: 'meanSquaredError' });
    const theirs = tf.sequential({ layers: [tf.layers.dense({ units: 6, inputShape: [5] }), tf.layers.prelu(), tf.layers.dense({ units: 2 })] });
    theirs.layers.forEach((l, i) => l.setWeights(ours.layers[i]!.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape))));
    theirs.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const alpha0 = Array.from(ours.layers[1]!.getWeights()[0]!.values);
    const h = await ours.fit(tensor2d(X), tensor2d(Y), { epochs: 4, batchSize: 4, shuffle: false, verbose: 0 });
    const th = await theirs.fit(tf.tensor2d(X), tf.tensor2d(Y), { epochs: 4, batchSize: 4, shuffle: false, verbose: 0, yieldEvery: 'never' });
    expect(maxRelativeDifference(h.history['loss'] as number[], th.history['loss'] as number[])).toBeLessThanOrEqual(ROUNDING);
    const alpha = ours.layers[1]!.getWeights()[0]!.values;
    expect(Array.from(alpha)).not.toEqual(alpha0); // alpha trained
    expect(worst(alpha, theirs.layers[1]!.getWeights()[0]!.dataSync())).toBeLessThanOrEqual(ROUNDING);
  });
});

const floatBytes = (values: ArrayLike<number>): number[] => Array.from(new Uint8Array(Float32Array.from(values).buffer));
const byteList = (t: Tensor): number[] => Array.from(bytesOf(t));

/** What a `save` hands to a handler, from TF.js or from SameBits. */
async function artifactsOf(model: tf.LayersModel | Sequential): Promise<ModelArtifacts> {
  let captured: unknown;
  const handler = { save: async (a: unknown) => { captured = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' as const } }; } };
  await (model as tf.LayersModel).save(handler as never);
  return captured as ModelArtifacts;
}

describe('peer: model files with the advanced activation layers, both ways between TF.js 4.22 and SameBits', () => {
  const names = ['Dense', 'PReLU', 'Dense', 'LeakyReLU', 'ELU', 'ReLU', 'ThresholdedReLU', 'Dense', 'Softmax'];
  const rows = X.slice(0, 6);

  it('a TF.js model loads in SameBits with the same classes, options, weights and predictions', async () => {
    await useTfjsCpu();
    const theirs = tf.sequential({ layers: [
      tf.layers.dense({ units: 6, inputShape: [5] }), tf.layers.prelu({ alphaInitializer: 'ones', sharedAxes: 1 }), tf.layers.dense({ units: 6 }),
      tf.layers.leakyReLU({ alpha: 0.1 }), tf.layers.elu(), tf.layers.reLU({ maxValue: 2 }), tf.layers.thresholdedReLU({ theta: 0.05 }),
      tf.layers.dense({ units: 3 }), tf.layers.softmax({ axis: -1 }),
    ] });
    const ours = await loadLayersModel(io.fromMemory(await artifactsOf(theirs)));
    expect(ours.layers.map((l) => l.className)).toEqual(names);
    expect(ours.layers.slice(1, 9).map((l) => l.getConfig()).map(({ name: _n, trainable: _t, ...rest }) => rest)).toEqual([
      { alpha_initializer: { className: 'Ones', config: {} }, alpha_regularizer: null, alpha_constraint: null, shared_axes: [1] },
      expect.anything() as never, { alpha: 0.1 }, { alpha: 1 }, { max_value: 2 }, { theta: 0.05 }, expect.anything() as never, { axis: -1 },
    ]);
    expect(ours.getWeights().map(byteList), 'weights').toEqual(theirs.getWeights().map((w) => floatBytes(w.dataSync())));
    expect(worst(ours.predict(tensor2d(rows)).values, (theirs.predict(tf.tensor2d(rows)) as tf.Tensor).dataSync())).toBeLessThanOrEqual(ROUNDING);
  });

  it('a SameBits model loads in TF.js with the same classes, weights and predictions', async () => {
    await useTfjsCpu();
    setRandomSeed(9);
    const ours = sequential({ layers: [
      layers.dense({ units: 6, inputShape: [5] }), layers.prelu({ alphaInitializer: 'randomUniform' }), layers.dense({ units: 6 }),
      layers.leakyReLU(), layers.elu(), layers.reLU(), layers.thresholdedReLU({ theta: 0.05 }), layers.dense({ units: 3 }), layers.softmax(),
    ] });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(await artifactsOf(ours) as unknown as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(names);
    // Every weight bit for bit (alpha, weights[2], included); worst() would let −0 pass for 0.
    expect(theirs.getWeights().map((w) => floatBytes(w.dataSync())), 'weights').toEqual(ours.getWeights().map(byteList));
    expect(worst((theirs.predict(tf.tensor2d(rows)) as tf.Tensor).dataSync(), ours.predict(tensor2d(rows)).values)).toBeLessThanOrEqual(ROUNDING);
  });
});
