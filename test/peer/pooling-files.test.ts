import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { io, loadLayersModel } from '../../src/io/index.js';
import { layers, sequential, setRandomSeed, tensor } from '../../src/node.js';
import { captureArtifacts } from '../io/helpers.js';
import { tfjsArtifacts } from '../io/tfjs-artifacts.js';
import { randomValues, xorshift } from '../helpers/rng.js';
import { useTfjsCpu } from './harness.js';

/**
 * Model files both ways between SameBits and TF.js 4.22 (cpu) with every pooling and spatial
 * layer: the other library rebuilds the same layers from the file and predicts the same.
 */

const SHAPE = [3, 9, 8, 2];
const TOLERANCE = 1e-6;

beforeAll(useTfjsCpu);

function input(): Float32Array {
  return randomValues(xorshift(21), SHAPE.reduce((p, d) => p * d, 1), { lo: -1, hi: 1 });
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe('files with the pooling and spatial layers, SameBits ↔ TF.js', () => {
  it('a SameBits model loads in TF.js with the same layer classes and predictions', async () => {
    setRandomSeed(5);
    const ours = sequential({ layers: [
      layers.zeroPadding2d({ padding: [[1, 0], [0, 1]], inputShape: SHAPE.slice(1) }),
      layers.maxPooling2d({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }),
      layers.upSampling2d({ size: [2, 1] }),
      layers.cropping2D({ cropping: [[1, 1], [0, 2]] }),
      layers.averagePooling2d({ poolSize: 2, strides: 1, dataFormat: 'channelsFirst' }),
      layers.dense({ units: 4 }),
      layers.globalMaxPooling2d(),
      layers.repeatVector({ n: 5 }),
      layers.maxPooling1d({ poolSize: 2, strides: 1 }),
      layers.averagePooling1d({ poolSize: 3, padding: 'same' }),
      layers.globalAveragePooling1d(),
    ] });
    const artifacts = await captureArtifacts(ours);
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as unknown as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(ours.layers.map((l) => l.className));
    const x = input();
    const a = ours.predict(tensor(x, SHAPE));
    const b = theirs.predict(tf.tensor(x, SHAPE)) as tf.Tensor;
    expect(a.shape).toEqual(b.shape);
    expect(maxAbsDifference(a.values, b.dataSync())).toBeLessThanOrEqual(TOLERANCE);
  });

  it('a TF.js model loads in SameBits with the same layer classes and predictions', async () => {
    const theirs = tf.sequential({ layers: [
      tf.layers.averagePooling2d({ poolSize: [2, 3], strides: 1, inputShape: SHAPE.slice(1) }),
      tf.layers.zeroPadding2d({ padding: 1 }),
      tf.layers.upSampling2d({ size: [1, 2], dataFormat: 'channelsFirst' }),
      tf.layers.cropping2D({ cropping: [1, 2] }),
      tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.repeatVector({ n: 3 }),
      tf.layers.globalMaxPooling1d({}),
      tf.layers.dense({ units: 2 }),
    ] });
    const ours = await loadLayersModel(io.fromMemory(await tfjsArtifacts(theirs)));
    expect(ours.layers.map((l) => l.className)).toEqual(theirs.layers.map((l) => l.getClassName()));
    const x = input();
    const a = ours.predict(tensor(x, SHAPE));
    const b = theirs.predict(tf.tensor(x, SHAPE)) as tf.Tensor;
    expect(a.shape).toEqual(b.shape);
    expect(maxAbsDifference(a.values, b.dataSync())).toBeLessThanOrEqual(TOLERANCE);
  });
});
