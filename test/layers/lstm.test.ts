import { describe, expect, it } from 'vitest';
import { LSTM, constraints, layers, regularizers } from '../../src/layers/index.js';
import { toPythonic } from '../../src/io/index.js';
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

describe('LSTM regularizers and constraints (as Dense)', () => {
  it('adds kernel, recurrent and bias penalties in creation order, applies constraints, and keeps them through its file config', () => {
    setRandomSeed(5);
    const lstm = layers.lstm({ units: 2, kernelRegularizer: regularizers.l2({ l2: 0.1 }), recurrentRegularizer: regularizers.l1({ l1: 0.2 }), biasRegularizer: regularizers.l2({ l2: 0.3 }), recurrentConstraint: constraints.nonNeg() });
    lstm.apply(ones([1, 2, 3]));
    const [k, u, b] = lstm.getWeights().map((w) => Array.from(w.values)) as [number[], number[], number[]];
    const penalties = lstm.regularizationLosses().map((t) => t.values[0] as number);
    const expected = [0.1 * k.reduce((s, v) => s + v * v, 0), 0.2 * u.reduce((s, v) => s + Math.abs(v), 0), 0.3 * b.reduce((s, v) => s + v * v, 0)];
    penalties.forEach((p, i) => expect(Math.abs(p - (expected[i] as number))).toBeLessThanOrEqual(1e-6 * (expected[i] as number)));
    expect(lstm.weights[1]?.constraint).toBeTypeOf('function');
    const copy = LSTM.fromConfig(LSTM, toPythonic(lstm.getConfig()));
    expect(copy.getConfig()).toEqual(lstm.getConfig());
    const bidi = layers.bidirectional({ layer: layers.lstm({ units: 2, kernelRegularizer: 'l2' }) });
    bidi.apply(ones([1, 2, 3]));
    expect(bidi.regularizationLosses().length).toBe(2);
  });
});
