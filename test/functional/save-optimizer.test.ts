import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { io, loadLayersModel, modelToArtifacts } from '../../src/io/index.js';
import type { LayersModel } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { bytesOf } from '../helpers/bits.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

const bits = (m: LayersModel): number[][] => m.weights.map((w) => Array.from(bytesOf(w)));

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('a compiled functional model saved with includeOptimizer', () => {
  it('comes back compiled with its losses, metrics, loss weights and Adam state, and trains on to the same bits', async () => {
    setRandomSeed(41);
    const m = twoInTwoOut('_opt');
    const { xa, xb, y1, y2 } = twoInTwoOutData(24);
    m.compile({ optimizer: 'adam', loss: ['meanSquaredError', 'categoricalCrossentropy'], metrics: { out2_opt: ['accuracy'] }, lossWeights: [1, 0.5] });
    await m.fit([xa, xb], [y1, y2], { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 });
    const artifacts = modelToArtifacts(m, { includeOptimizer: true });
    expect(artifacts.trainingConfig).toMatchObject({ loss: ['mean_squared_error', 'categorical_crossentropy'], metrics: { out1_opt: [], out2_opt: ['accuracy'] }, loss_weights: [1, 0.5] });
    const back = await loadLayersModel<LayersModel>(io.fromMemory(artifacts));
    expect(back.compiled?.outputs.map((o) => [o.name, o.weight, o.metricIds])).toEqual([['out1_opt', 1, []], ['out2_opt', 0.5, ['accuracy']]]);
    const h1 = await m.fit([xa, xb], [y1, y2], { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 });
    const h2 = await back.fit([xa, xb], [y1, y2], { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 });
    expect(bits(back)).toEqual(bits(m));
    expect(h2.history).toEqual(h1.history);
  });

  it('without loss weights loads in TF.js compiled with both losses', async () => {
    setRandomSeed(42);
    const m = twoInTwoOut('_tfo');
    m.compile({ optimizer: 'sgd', loss: ['meanSquaredError', 'categoricalCrossentropy'] });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(modelToArtifacts(m, { includeOptimizer: true }) as unknown as tf.io.ModelArtifacts));
    expect(theirs.optimizer.getClassName()).toBe('SGD');
    expect(theirs.loss).toEqual(['meanSquaredError', 'categoricalCrossentropy']);
  });
});
