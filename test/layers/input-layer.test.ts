import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

const identity = (x: Ref): Ref => ({ shape: x.shape.slice(), data: x.data.slice() });

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
