import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { io, loadLayersModel } from '../../src/io/index.js';
import { layers, sequential, setRandomSeed, tensor } from '../../src/node.js';
import { randomValues, xorshift } from '../helpers/rng.js';
import { bytesOf, captureArtifacts } from './helpers.js';
import { tfjsArtifacts } from './tfjs-artifacts.js';

/** CNN files both ways between SameBits and the real TF.js 4.22 (cpu backend). */
const TOLERANCE = 1e-6;
const INPUT = [6, 6, 2];

function floatBytes(values: ArrayLike<number>): number[] {
  return Array.from(new Uint8Array(Float32Array.from(values).buffer));
}

function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let [worst, scale] = [0, 1e-30];
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return worst / scale;
}

const x = Float32Array.from(randomValues(xorshift(8), 3 * 72, { lo: -1, hi: 1 }));

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('CNN model files between SameBits and TF.js', () => {
  it('a TF.js CNN with every conv layer loads in SameBits with its weight bits and predictions', async () => {
    const theirs = tf.sequential({ layers: [
      tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: INPUT }),
      tf.layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 1, biasInitializer: 'randomNormal' }),
      tf.layers.separableConv2d({ filters: 3, kernelSize: 2, strides: 2, activation: 'tanh' }),
      tf.layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same' }),
      tf.layers.reshape({ targetShape: [16, 2] }),
      tf.layers.conv1d({ filters: 3, kernelSize: 3 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2 }),
    ] });
    const ours = await loadLayersModel(io.fromMemory(await tfjsArtifacts(theirs)));
    expect(ours.layers.map((l) => l.className)).toEqual(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'Reshape', 'Conv1D', 'Flatten', 'Dense']);
    expect(ours.getWeights().map(bytesOf)).toEqual(theirs.getWeights().map((w) => floatBytes(w.dataSync())));
    const expected = (theirs.predict(tf.tensor(x, [3, ...INPUT])) as tf.Tensor).dataSync();
    expect(maxRelative(ours.predict(tensor(x, [3, ...INPUT])).dataSync(), expected)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('a SameBits CNN loads in TF.js with its weight bits and predictions', async () => {
    setRandomSeed(4);
    const ours = sequential({ layers: [
      layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, activation: 'relu', inputShape: INPUT, biasInitializer: 'randomNormal' }),
      layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }),
      layers.separableConv2d({ filters: 2, kernelSize: 2, activation: 'relu' }),
      layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2 }),
      layers.flatten(),
      layers.dense({ units: 2 }),
    ] });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory((await captureArtifacts(ours)) as unknown as tf.io.ModelArtifacts));
    expect(theirs.getWeights().map((w) => floatBytes(w.dataSync()))).toEqual(ours.getWeights().map(bytesOf));
    const expected = ours.predict(tensor(x, [3, ...INPUT])).dataSync();
    expect(maxRelative((theirs.predict(tf.tensor(x, [3, ...INPUT])) as tf.Tensor).dataSync(), expected)).toBeLessThanOrEqual(TOLERANCE);
  });
});
