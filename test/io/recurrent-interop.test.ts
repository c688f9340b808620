import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelArtifacts } from '../../src/io/index.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { layers, sequential, setRandomSeed, tensor3d } from '../../src/node.js';
import { bytesOf, captureArtifacts } from './helpers.js';

/**
 * Recurrent model files both ways between SameBits and real TF.js 4.22 (cpu backend): weight
 * names and shapes as TF.js writes them (`lstm/kernel`, `bidirectional/forward_lstm/…`,
 * `time_distributed/kernel`), the same weight bits, predictions within float32 tolerance.
 * GRU uses resetAfter false (TF.js has no resetAfter) and both LSTMs sigmoid gates, as TF.js's
 * 'hardSigmoid' is not Keras 3's (slope 0.2 against 1/6).
 */

const [T, F] = [4, 3];
const x = Float32Array.from({ length: 2 * T * F }, (_, i) => Math.sin(i * 0.7));
const TOLERANCE = 1e-6;

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('recurrent model files between SameBits and TF.js', () => {
  it('a SameBits model (masking, bidirectional lstm, gru, timeDistributed dense, simpleRNN) loads in TF.js', async () => {
    setRandomSeed(8);
    const ours = sequential({ layers: [
      layers.masking({ inputShape: [T, F] }),
      layers.bidirectional({ layer: layers.lstm({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true }), mergeMode: 'sum' }),
      layers.gru({ units: 4, resetAfter: false, recurrentActivation: 'sigmoid', returnSequences: true, biasInitializer: 'randomNormal' }),
      layers.timeDistributed({ layer: layers.dense({ units: 2 }) }),
      layers.simpleRNN({ units: 2, goBackwards: true }),
    ] });
    const artifacts = await captureArtifacts(ours);
    expect(artifacts.weightSpecs?.map((s) => s.name).slice(0, 4)).toEqual(['bidirectional/forward_lstm/kernel', 'bidirectional/forward_lstm/recurrent_kernel', 'bidirectional/forward_lstm/bias', 'bidirectional/backward_lstm/kernel']);
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as unknown as tf.io.ModelArtifacts));
    expect(theirs.getWeights().map((w) => Array.from(new Uint8Array(w.dataSync().buffer)))).toEqual(ours.getWeights().map(bytesOf));
    const difference = maxAbsDifference((theirs.predict(tf.tensor3d(x, [2, T, F])) as tf.Tensor).dataSync(), ours.predict(tensor3d(x, [2, T, F])).values);
    expect(difference).toBeLessThanOrEqual(TOLERANCE);
  });

  it('a TF.js model (bidirectional gru, lstm, timeDistributed dense) loads in SameBits', async () => {
    const theirs = tf.sequential({ layers: [
      tf.layers.bidirectional({ layer: tf.layers.gru({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true }) as tf.layers.RNN, inputShape: [T, F] }),
      tf.layers.lstm({ units: 2, recurrentActivation: 'sigmoid', returnSequences: true }),
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 1 }) }),
    ] });
    let captured: tf.io.ModelArtifacts | undefined;
    await theirs.save(tf.io.withSaveHandler(async (a) => {
      captured = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const ours = await loadLayersModel(io.fromMemory(captured as unknown as ModelArtifacts));
    expect(ours.layers.map((l) => l.className)).toEqual(['Bidirectional', 'LSTM', 'TimeDistributed']);
    expect(ours.getWeights().map(bytesOf)).toEqual(theirs.getWeights().map((w) => Array.from(new Uint8Array(w.dataSync().buffer))));
    const difference = maxAbsDifference(ours.predict(tensor3d(x, [2, T, F])).values, (theirs.predict(tf.tensor3d(x, [2, T, F])) as tf.Tensor).dataSync());
    expect(difference).toBeLessThanOrEqual(TOLERANCE);
  });
});
