// A model file saved with its optimizer holds the model's count of training calls (which keys
// fit's randomness), as Keras's optimizer iterations; one saved without starts a new count.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sequential } from '../../src/node.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { trainingCallState } from '../../src/models/training-calls.js';
import { captureArtifacts, fullModel, fullModelInput, fullModelTargets, weightBytes } from './helpers.js';

const x = fullModelInput(12);
const y = fullModelTargets(12);
const once = { epochs: 1, batchSize: 4, verbose: 0 } as const;

/** fullModel (dropout included), Adam, fitted twice: two training calls. */
async function trainedTwice(): Promise<Sequential> {
  const m = fullModel(13);
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await m.fit(x, y, once);
  await m.fit(x, y, once);
  return m;
}

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('the count of training calls in model files', () => {
  it('with includeOptimizer, the file holds it and the loaded model\'s next fit gives the original\'s bits (a third call)', async () => {
    const original = await trainedTwice();
    const artifacts = await captureArtifacts(original, true);
    expect(artifacts.userDefinedMetadata).toEqual({ samebits: { calls: 2, lastFit: 1 } });
    const loaded = await loadLayersModel(io.fromMemory(artifacts));
    expect(trainingCallState(loaded)).toEqual({ calls: 2, lastFit: 1 });
    const h1 = await original.fit(x, y, once);
    const h2 = await loaded.fit(x, y, once);
    expect(weightBytes(loaded)).toEqual(weightBytes(original));
    expect(h2.history).toEqual(h1.history);
  });

  it('without the optimizer, the file holds no count and a loaded model starts at call 0, as a new model', async () => {
    const artifacts = await captureArtifacts(await trainedTwice(), false);
    expect(artifacts.userDefinedMetadata).toBeUndefined();
    expect(trainingCallState(await loadLayersModel(io.fromMemory(artifacts)))).toEqual({ calls: 0, lastFit: null });
  });

  it('a model that never trained writes no count (its file is as before)', async () => {
    const m = fullModel(13);
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    expect((await captureArtifacts(m, true)).userDefinedMetadata).toBeUndefined();
  });

  it('TF.js loads such a file and keeps the count as user-defined metadata', async () => {
    const artifacts = await captureArtifacts(await trainedTwice(), true);
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as unknown as tf.io.ModelArtifacts));
    expect(theirs.getUserDefinedMetadata()).toEqual({ samebits: { calls: 2, lastFit: 1 } });
  });

  it.each([
    [{ calls: -1, lastFit: null }],
    [{ calls: 2, lastFit: 2 }],
    [{ calls: 1.5, lastFit: 0 }],
    [{ calls: 2 }],
    ['two'],
    [null],
  ])('refuses a malformed count %j, naming the file and what it expected', async (bad) => {
    const artifacts = await captureArtifacts(await trainedTwice(), true);
    artifacts.userDefinedMetadata = { samebits: bad as object };
    await expect(loadLayersModel(io.fromMemory(artifacts))).rejects.toThrow(/userDefinedMetadata\.samebits must be \{calls, lastFit\}.*received/);
  });
});
