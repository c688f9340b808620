import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { ACTIVATION_IDS, activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { reshapeRef, transposeRef } from '../helpers/reference.js';

const identity = (x: Ref): Ref => ({ shape: x.shape.slice(), data: x.data.slice() });

describe('Flatten', () => {
  runLayerTest('flatten of a rank-3 input', {
    make: () => layers.flatten(), inputShape: [2, 3, 4], expectedOutputShape: [2, 12], configKeys: ['name', 'trainable'],
    gradient: { reference: (x) => reshapeRef(x, [2, 12]) },
  });
  runLayerTest('flatten declaring inputShape', {
    make: () => layers.flatten({ inputShape: [3, 2, 2] }), inputShape: [2, 3, 2, 2], expectedOutputShape: [2, 12],
    configKeys: ['name', 'trainable', 'batch_input_shape', 'dtype'], gradient: false, // same math as above
  });

  it('reports an unknown flattened size when a non-batch extent is unknown', () => {
    expect(layers.flatten().computeOutputShape([null, null, 4])).toEqual([null, null]);
  });

  it('refuses an input without a feature axis, naming the layer and the shape', () => {
    expect(() => layers.flatten({ name: 'flatten_r1' }).apply(ones([5]))).toThrow('flatten_r1: expected an input of rank ≥ 2 (batch, features…), received shape [5]');
  });
});

describe('Reshape', () => {
  runLayerTest('reshape with an inferred (−1) extent', {
    make: () => layers.reshape({ targetShape: [3, -1] }), inputShape: [2, 6], expectedOutputShape: [2, 3, 2],
    configKeys: ['target_shape', 'name', 'trainable'], gradient: { reference: (x) => reshapeRef(x, [2, 3, 2]) },
  });
  runLayerTest('reshape to an explicit shape', {
    make: () => layers.reshape({ targetShape: [4, 3] }), inputShape: [2, 2, 6], expectedOutputShape: [2, 4, 3],
    gradient: { reference: (x) => reshapeRef(x, [2, 4, 3]) },
  });

  it('leaves the inferred extent unknown when an input extent is unknown', () => {
    expect(layers.reshape({ targetShape: [3, -1] }).computeOutputShape([null, null, 4])).toEqual([null, 3, null]);
  });

  it('rejects a targetShape with two −1 or a non-positive extent, quoting it', () => {
    expect(() => layers.reshape({ targetShape: [-1, -1] })).toThrow(/targetShape must be positive integers with at most one -1\. Received: targetShape=\[-1,-1\]/);
    expect(() => layers.reshape({ targetShape: [0, 2] })).toThrow(/Received: targetShape=\[0,2\]/);
  });

  it('refuses samples whose size does not fit the targetShape, naming sizes and shapes', () => {
    expect(() => layers.reshape({ targetShape: [4, -1], name: 'reshape_bad' }).apply(ones([2, 6]))).toThrow('reshape_bad: cannot reshape samples of shape [6] (6 values) to targetShape [4, -1]');
    expect(() => layers.reshape({ targetShape: [5], name: 'reshape_bad2' }).apply(ones([2, 6]))).toThrow('reshape_bad2: cannot reshape samples of shape [6] (6 values) to targetShape [5]');
  });
});

describe('Permute', () => {
  runLayerTest('permute swapping two axes (1-based dims [2, 1])', {
    make: () => layers.permute({ dims: [2, 1] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3],
    configKeys: ['dims', 'name', 'trainable'], gradient: { reference: (x) => transposeRef(x, [0, 2, 1]) },
  });
  runLayerTest('permute rotating three axes (dims [3, 1, 2])', {
    make: () => layers.permute({ dims: [3, 1, 2] }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 5, 3, 4],
    gradient: { reference: (x) => transposeRef(x, [0, 3, 1, 2]) },
  });

  it('rejects dims that are not a 1-based permutation, quoting them', () => {
    expect(() => layers.permute({ dims: [0, 1] })).toThrow(/dims must be a permutation of 1…2 \(1-based, batch axis excluded\)\. Received: dims=\[0,1\]/);
    expect(() => layers.permute({ dims: [1, 1] })).toThrow(/Received: dims=\[1,1\]/);
  });

  it('refuses an input of another rank, naming the dims and the shape', () => {
    expect(() => layers.permute({ dims: [2, 1], name: 'permute_rank' }).apply(ones([2, 3]))).toThrow('permute_rank: dims [2,1] expect inputs of rank 3, received shape [2, 3]');
  });
});

describe('Activation layer', () => {
  for (const activation of ACTIVATION_IDS) {
    runLayerTest(`activation '${activation}'`, {
      make: () => layers.activation({ activation }), inputShape: [3, 5], expectedOutputShape: [3, 5],
      configKeys: ['activation', 'name', 'trainable'], gradient: { reference: (x) => activationRef(activation, x) },
    });
  }

  it('accepts Keras snake_case ids and stores the TF.js name', () => {
    expect(layers.activation({ activation: 'log_softmax' }).getConfig()['activation']).toBe('logSoftmax');
    expect(layers.activation({ activation: 'hard_sigmoid' }).activation).toBe('hardSigmoid');
  });

  it('rejects an unknown activation id, listing the valid ids and suggesting the closest', () => {
    expect(() => layers.activation({ activation: 'sigmod' })).toThrow(/Unknown activation 'sigmod'\. Did you mean 'sigmoid'\? Valid activation ids: .*relu/);
  });
});

describe('InputLayer', () => {
  runLayerTest('inputLayer (the identity)', {
    make: () => layers.inputLayer({ inputShape: [4] }), inputShape: [3, 4], expectedOutputShape: [3, 4],
    configKeys: ['name', 'trainable', 'batch_input_shape', 'dtype'], gradient: { reference: identity },
  });

  it('combines batchSize with inputShape into batchInputShape', () => {
    expect(layers.inputLayer({ inputShape: [4], batchSize: 8 }).batchInputShape).toEqual([8, 4]);
    expect(layers.inputLayer({ batchInputShape: [null, 2, 3] }).getConfig()['batch_input_shape']).toEqual([null, 2, 3]);
  });

  it('requires an input shape, naming the layer', () => {
    expect(() => layers.inputLayer({ name: 'input_none' })).toThrow('input_none: inputLayer needs inputShape or batchInputShape');
  });

  it('rejects an inputShape with a negative or fractional extent, quoting it', () => {
    expect(() => layers.inputLayer({ inputShape: [-3] })).toThrow(/inputShape \[-3\] is invalid; expected positive integers/);
    expect(() => layers.inputLayer({ inputShape: [2.5] })).toThrow(/inputShape \[2\.5\] is invalid/);
  });
});
