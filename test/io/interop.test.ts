import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensor2d } from '../../src/node.js';
import type { ModelArtifacts } from '../../src/io/index.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { bytesOf, captureArtifacts, fullModel, fullModelInput, fullModelTargets } from './helpers.js';

/** Files both ways between SameBits and the real TF.js 4.22 (cpu backend). */

const INDICES = [[0, 1, 2, 3, 4, 5], [9, 8, 7, 6, 5, 4], [3, 3, 3, 1, 1, 1]];
const TOLERANCE = 1e-6;

function floatBytes(values: ArrayLike<number>): number[] {
  return Array.from(new Uint8Array(Float32Array.from(values).buffer));
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

/** A TF.js Sequential with every layer SameBits supports. */
function tfjsModel(withInputLayer: boolean): tf.Sequential {
  const first = { inputDim: 10, outputDim: 4, ...(withInputLayer ? {} : { inputLength: 6 }) };
  return tf.sequential({
    layers: [
      ...(withInputLayer ? [tf.layers.inputLayer({ inputShape: [6] })] : []),
      tf.layers.embedding(first),
      tf.layers.reshape({ targetShape: [4, 6] }),
      tf.layers.permute({ dims: [2, 1] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 8, activation: 'relu' }),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.dense({ units: 3, useBias: false }),
      tf.layers.activation({ activation: 'softmax' }),
    ],
  });
}

/** What TF.js's `save` hands to a handler. */
async function tfjsArtifacts(model: tf.LayersModel, includeOptimizer: boolean): Promise<ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    captured = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer });
  return captured as unknown as ModelArtifacts;
}

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('a model saved by SameBits loads in TF.js', () => {
  it('through tf.io.fromMemory, with the same weight bits and predictions within float32 tolerance', async () => {
    const ours = fullModel(5);
    const artifacts = await captureArtifacts(ours);
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as unknown as tf.io.ModelArtifacts));
    expect(theirs.getWeights().map((w) => floatBytes(w.dataSync()))).toEqual(ours.getWeights().map(bytesOf));
    const expected = ours.predict(tensor2d(INDICES)).dataSync();
    const actual = (theirs.predict(tf.tensor2d(INDICES)) as tf.Tensor).dataSync();
    expect(maxAbsDifference(actual, expected)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('with includeOptimizer, TF.js compiles it and restores the Adam state bit for bit', async () => {
    const ours = fullModel(6);
    ours.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await ours.fit(fullModelInput(8), fullModelTargets(8), { epochs: 1, batchSize: 4, verbose: 0 });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory((await captureArtifacts(ours, true)) as unknown as tf.io.ModelArtifacts));
    const state = await theirs.optimizer.getWeights();
    expect(state.map((w) => [w.name, floatBytes(w.tensor.dataSync())])).toEqual(ours.optimizer?.getWeights().map((w) => [w.name, floatBytes(w.tensor.dataSync())]));
  });
});

describe('a model saved by TF.js loads in SameBits', () => {
  for (const withInputLayer of [false, true]) {
    it(`with bit-identical weights and predictions within float32 tolerance${withInputLayer ? ' (declared with an inputLayer)' : ''}`, async () => {
      const theirs = tfjsModel(withInputLayer);
      const ours = await loadLayersModel(io.fromMemory(await tfjsArtifacts(theirs, false)));
      expect(ours.layers.map((l) => l.className)).toEqual(['Embedding', 'Reshape', 'Permute', 'Flatten', 'Dense', 'Dropout', 'Dense', 'Activation']);
      expect(ours.getWeights().map(bytesOf)).toEqual(theirs.getWeights().map((w) => floatBytes(w.dataSync())));
      const expected = (theirs.predict(tf.tensor2d(INDICES)) as tf.Tensor).dataSync();
      expect(maxAbsDifference(ours.predict(tensor2d(INDICES)).dataSync(), expected)).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('with includeOptimizer: compiled with the same optimizer, its Adam state bit for bit', async () => {
    const theirs = tfjsModel(false);
    theirs.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await theirs.fit(tf.tensor2d(INDICES), tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), { epochs: 2, verbose: 0 });
    const ours = await loadLayersModel(io.fromMemory(await tfjsArtifacts(theirs, true)));
    expect(ours.optimizer?.getClassName()).toBe('Adam');
    expect(ours.optimizer?.learningRate).toBe(0.01);
    const state = await theirs.optimizer.getWeights();
    expect(ours.optimizer?.getWeights().map((w) => [w.name, floatBytes(w.tensor.dataSync())])).toEqual(state.map((w) => [w.name, floatBytes(w.tensor.dataSync())]));
  });
});
