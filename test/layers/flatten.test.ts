import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { reshapeRef } from '../helpers/reference.js';

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
