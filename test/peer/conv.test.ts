import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer, Sequential } from '../../src/node.js';
import { layers, sequential, setRandomSeed, tensor, train } from '../../src/node.js';
import { randomValues, xorshift } from '../helpers/rng.js';
import { maxRelativeDifference, useTfjsCpu } from './harness.js';

/**
 * The convolution layers against real TF.js (4.22, cpu backend): the same small CNN built in both
 * libraries, TF.js given a copy of SameBits's initial weights; the predictions must agree, then
 * per-epoch losses over 4 epochs of SGD (batches of 8, no shuffling) within float32 tolerance.
 * TF.js sums convolutions in its own order, so bits differ; the tolerance is relative.
 *
 * Measured (max relative difference over the five models; Node 20, TF.js 4.22 cpu): predictions
 * ≤ 1.7e-7, losses ≤ 1.2e-7.
 */
const PREDICT_TOLERANCE = 2e-6;
const LOSS_TOLERANCE = 2e-6;

interface Case {
  title: string;
  input: number[];
  ours: () => Layer[];
  theirs: () => tf.layers.Layer[];
}

const CASES: Case[] = [
  {
    title: 'conv2d 3×3 relu → conv2d 2×2 stride 2 same → flatten → dense softmax',
    input: [7, 6, 2],
    ours: () => [layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [7, 6, 2] }), layers.conv2d({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', activation: 'tanh' }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })],
    theirs: () => [tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [7, 6, 2] }), tf.layers.conv2d({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', activation: 'tanh' }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
  },
  {
    title: 'conv2d channelsFirst, strides 2 → flatten → dense softmax (TF.js cannot train a dilated conv)',
    input: [2, 7, 7],
    ours: () => [layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, dataFormat: 'channelsFirst', activation: 'relu', inputShape: [2, 7, 7] }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })],
    theirs: () => [tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, dataFormat: 'channelsFirst', activation: 'relu', inputShape: [2, 7, 7] }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
  },
  {
    title: 'conv1d same stride 2 → conv1d valid → flatten → dense softmax',
    input: [9, 3],
    ours: () => [layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [9, 3] }), layers.conv1d({ filters: 2, kernelSize: 2 }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })],
    theirs: () => [tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [9, 3] }), tf.layers.conv1d({ filters: 2, kernelSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
  },
  {
    title: 'depthwiseConv2d ×2 → separableConv2d → flatten → dense softmax',
    input: [6, 6, 2],
    ours: () => [layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }), layers.separableConv2d({ filters: 3, kernelSize: 2, strides: 2 }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })],
    theirs: () => [tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }), tf.layers.separableConv2d({ filters: 3, kernelSize: 2, strides: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
  },
  {
    title: 'conv2d → conv2dTranspose stride 2 same → conv2dTranspose valid → flatten → dense softmax',
    input: [4, 4, 2],
    ours: () => [layers.conv2d({ filters: 3, kernelSize: 2, activation: 'relu', inputShape: [4, 4, 2] }), layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), layers.conv2dTranspose({ filters: 2, kernelSize: 2 }), layers.flatten(), layers.dense({ units: 3, activation: 'softmax' })],
    theirs: () => [tf.layers.conv2d({ filters: 3, kernelSize: 2, activation: 'relu', inputShape: [4, 4, 2] }), tf.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), tf.layers.conv2dTranspose({ filters: 2, kernelSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
  },
];

const ROWS = 32;

function data(input: number[]): { x: Float32Array; y: Float32Array } {
  const rng = xorshift(4242);
  const x = randomValues(rng, ROWS * input.reduce((p, d) => p * d, 1), { lo: -1, hi: 1 });
  const y = new Float32Array(ROWS * 3);
  for (let r = 0; r < ROWS; r++) y[r * 3 + rng.int(3)] = 1;
  return { x, y };
}

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-30;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] as number));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst / scale;
}

beforeAll(useTfjsCpu);

describe('convolution layers agree with TF.js on the same weights', () => {
  it.each(CASES)('$title', async ({ input, ours, theirs }) => {
    const { x, y } = data(input);
    setRandomSeed(3);
    const model: Sequential = sequential({ layers: ours() });
    model.compile({ optimizer: train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const peer = tf.sequential({ layers: theirs() });
    peer.setWeights(model.getWeights().map((w) => tf.tensor(Float32Array.from(w.values), w.shape, 'float32')));
    peer.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const xs = tensor(x, [ROWS, ...input]);
    const ys = tensor(y, [ROWS, 3]);
    const txs = tf.tensor(x, [ROWS, ...input]);
    const tys = tf.tensor(y, [ROWS, 3]);

    expect(maxRelative(model.predict(xs).dataSync(), (peer.predict(txs) as tf.Tensor).dataSync()), 'predictions').toBeLessThanOrEqual(PREDICT_TOLERANCE);
    const schedule = { epochs: 4, batchSize: 8, shuffle: false, verbose: 0 } as const;
    const history = await model.fit(xs, ys, schedule);
    const peerHistory = await peer.fit(txs, tys, { ...schedule, yieldEvery: 'never' });
    const losses = history.history['loss'] as number[];
    expect(losses[3]).toBeLessThan(losses[0] as number); // it trains
    expect(maxRelativeDifference(losses, peerHistory.history['loss'] as number[]), 'losses').toBeLessThanOrEqual(LOSS_TOLERANCE);
    peer.dispose();
  });
});
