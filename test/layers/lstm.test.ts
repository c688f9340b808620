import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { rnnRef } from '../helpers/rnn-reference.js';

const weights = (f: number, u: number): { name: string; shape: number[] }[] => [
  { name: 'kernel', shape: [f, 4 * u] }, { name: 'recurrent_kernel', shape: [u, 4 * u] }, { name: 'bias', shape: [4 * u] },
];
const hardSigmoid64 = (v: number): number => Math.min(Math.max(v + 3, 0), 6) / 6;

describe('LSTM layer contract', () => {
  runLayerTest('lstm, last output', {
    make: () => layers.lstm({ units: 3, biasInitializer: 'randomNormal' }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 3], expectedWeights: weights(5, 3),
    gradient: { reference: (x, w) => rnnRef({ kind: 'lstm', units: 3 }, x, w) },
  });
  runLayerTest('lstm, returnSequences, goBackwards, hardSigmoid gates', {
    make: () => layers.lstm({ units: 2, returnSequences: true, goBackwards: true, recurrentActivation: 'hardSigmoid', biasInitializer: 'randomNormal' }),
    inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 2], expectedWeights: weights(4, 2),
    gradient: { reference: (x, w) => rnnRef({ kind: 'lstm', units: 2, returnSequences: true, goBackwards: true, recurrentActivation: hardSigmoid64 }, x, w) },
  });
  runLayerTest('lstm without bias', {
    make: () => layers.lstm({ units: 2, useBias: false }),
    inputShape: [2, 3, 4], expectedOutputShape: [2, 2], expectedWeights: weights(4, 2).slice(0, 2),
    gradient: { reference: (x, w) => rnnRef({ kind: 'lstm', units: 2 }, x, w) },
  });
});

describe('LSTM configuration', () => {
  it("defaults as Keras 3: recurrentActivation 'sigmoid' (TF.js: 'hardSigmoid'), unitForgetBias true", () => {
    const lstm = layers.lstm({ units: 2 });
    expect(lstm.recurrentActivation).toBe('sigmoid');
    expect(lstm.getConfig()['unit_forget_bias']).toBe(true);
  });

  it('initializes the bias [i, f, c, o] with ones for the forget gate when unitForgetBias', () => {
    setRandomSeed(3);
    const lstm = layers.lstm({ units: 3 });
    lstm.apply(ones([1, 2, 2]));
    expect(Array.from(lstm.getWeights()[2]?.values ?? [])).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const plain = layers.lstm({ units: 3, unitForgetBias: false });
    plain.apply(ones([1, 2, 2]));
    expect(Array.from(plain.getWeights()[2]?.values ?? [])).toEqual(new Array<number>(12).fill(0));
  });

  it('draws the i and c/o parts of a random bias from different keys', () => {
    setRandomSeed(3);
    const lstm = layers.lstm({ units: 2, biasInitializer: 'randomNormal' });
    lstm.apply(ones([1, 2, 2]));
    const b = Array.from(lstm.getWeights()[2]?.values ?? []);
    expect(b.slice(2, 4)).toEqual([1, 1]);
    expect(b.slice(0, 2)).not.toEqual(b.slice(4, 6));
  });
});
