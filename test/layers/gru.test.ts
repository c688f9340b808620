import { describe, expect, it } from 'vitest';
import { GRU, layers } from '../../src/layers/index.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { rnnRef } from '../helpers/rnn-reference.js';

describe('GRU layer contract', () => {
  runLayerTest('gru, resetAfter (Keras 3 default): bias [2, 3·units]', {
    make: () => layers.gru({ units: 3, biasInitializer: 'randomNormal' }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 3],
    expectedWeights: [{ name: 'kernel', shape: [5, 9] }, { name: 'recurrent_kernel', shape: [3, 9] }, { name: 'bias', shape: [2, 9] }],
    gradient: { reference: (x, w) => rnnRef({ kind: 'gru', units: 3, resetAfter: true }, x, w) },
  });
  runLayerTest('gru, resetAfter false (TF.js): bias [3·units], returnSequences', {
    make: () => layers.gru({ units: 3, resetAfter: false, returnSequences: true, biasInitializer: 'randomNormal' }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 4, 3],
    expectedWeights: [{ name: 'kernel', shape: [5, 9] }, { name: 'recurrent_kernel', shape: [3, 9] }, { name: 'bias', shape: [9] }],
    gradient: { reference: (x, w) => rnnRef({ kind: 'gru', units: 3, resetAfter: false, returnSequences: true }, x, w) },
  });
  runLayerTest('gru, resetAfter, no bias, goBackwards', {
    make: () => layers.gru({ units: 2, useBias: false, goBackwards: true }),
    inputShape: [2, 3, 4], expectedOutputShape: [2, 2],
    expectedWeights: [{ name: 'kernel', shape: [4, 6] }, { name: 'recurrent_kernel', shape: [2, 6] }],
    gradient: { reference: (x, w) => rnnRef({ kind: 'gru', units: 2, resetAfter: true, goBackwards: true }, x, w) },
  });
});

describe('GRU configuration', () => {
  it("defaults as Keras 3: resetAfter true, recurrentActivation 'sigmoid'", () => {
    const gru = layers.gru({ units: 2 });
    expect(gru.resetAfter).toBe(true);
    expect(gru.getConfig()['recurrent_activation']).toBe('sigmoid');
  });

  it('reads a TF.js file config (no reset_after key) as resetAfter false', () => {
    expect(GRU.fromConfig(GRU, { units: 2 }).resetAfter).toBe(false);
    expect(GRU.fromConfig(GRU, { units: 2, reset_after: true }).resetAfter).toBe(true);
  });
});
