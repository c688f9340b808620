import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { rnnRef } from '../helpers/rnn-reference.js';

const weights = (f: number, u: number): { name: string; shape: number[] }[] => [
  { name: 'kernel', shape: [f, u] }, { name: 'recurrent_kernel', shape: [u, u] }, { name: 'bias', shape: [u] },
];

describe('SimpleRNN layer contract', () => {
  runLayerTest('simpleRNN, last output', {
    make: () => layers.simpleRNN({ units: 3, biasInitializer: 'randomNormal' }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 3], expectedWeights: weights(5, 3),
    gradient: { reference: (x, w) => rnnRef({ kind: 'simpleRNN', units: 3 }, x, w) },
  });
  runLayerTest('simpleRNN, returnSequences and goBackwards', {
    make: () => layers.simpleRNN({ units: 3, returnSequences: true, goBackwards: true, biasInitializer: 'randomNormal' }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 4, 3], expectedWeights: weights(5, 3),
    gradient: { reference: (x, w) => rnnRef({ kind: 'simpleRNN', units: 3, returnSequences: true, goBackwards: true }, x, w) },
  });
  runLayerTest('simpleRNN, relu, no bias, inputShape declared', {
    make: () => layers.simpleRNN({ units: 2, activation: 'relu', useBias: false, inputShape: [4, 5] }),
    inputShape: [2, 4, 5], expectedOutputShape: [2, 2], expectedWeights: weights(5, 2).slice(0, 2),
    gradient: { reference: (x, w) => rnnRef({ kind: 'simpleRNN', units: 2, activation: (v) => Math.max(v, 0) }, x, w) },
  });
});

describe('SimpleRNN configuration and bad input', () => {
  it('defaults as Keras: tanh, glorotUniform kernel, orthogonal recurrent kernel, zero bias', () => {
    const config = layers.simpleRNN({ units: 2 }).getConfig();
    expect(config['activation']).toBe('tanh');
    expect(JSON.stringify(config['kernel_initializer'])).toMatch(/VarianceScaling.*uniform/);
    expect(JSON.stringify(config['recurrent_initializer'])).toMatch(/Orthogonal/);
    expect(JSON.stringify(config['bias_initializer'])).toMatch(/Zeros/);
  });

  it('takes inputDim and inputLength as shorthand for inputShape', () => {
    expect(layers.simpleRNN({ units: 2, inputDim: 3, inputLength: 7 }).batchInputShape).toEqual([null, 7, 3]);
  });

  it('names the layer and the shapes when the input is not [batch, time, features]', () => {
    expect(() => layers.simpleRNN({ units: 2, name: 'rnn_rank' }).apply(ones([2, 3]))).toThrow('rnn_rank: expected input of rank 3 [batch, time, features], received [2, 3]');
    const rnn = layers.simpleRNN({ units: 2, name: 'rnn_feat' });
    rnn.apply(ones([1, 2, 3]));
    expect(() => rnn.apply(ones([1, 2, 4]))).toThrow('rnn_feat: expected input of rank 3 [batch, time, 3], received [1, 2, 4]');
  });

  it('rejects bad units and dropout rates, quoting the value', () => {
    expect(() => layers.simpleRNN({ units: 0 })).toThrow(/units must be a positive integer\. Received: units=0/);
    expect(() => layers.simpleRNN({ units: 1, dropout: 1.5 })).toThrow(/dropout must be a number in \[0, 1\]\. Received: dropout=1\.5/);
    expect(() => layers.simpleRNN({ units: 1, recurrentDropout: -1 })).toThrow(/recurrentDropout must be a number in \[0, 1\]/);
  });

  it('refuses a sequence of zero timesteps', () => {
    expect(() => layers.simpleRNN({ units: 2, name: 'rnn_empty' }).apply(ones([1, 0, 3]))).toThrow('rnn_empty: expected at least one timestep, received input shape [1, 0, 3]');
  });
});
