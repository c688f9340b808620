import { describe, expect, it } from 'vitest';
import { AveragePooling2D, MaxPooling2D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { distinctTensor, xorshift } from '../helpers/rng.js';
import { pool2dRef, toChannelsFirst, toChannelsLast } from './spatial-reference.js';

const KEYS = ['pool_size', 'padding', 'strides', 'data_format', 'name', 'trainable'];

describe('MaxPooling2D and AveragePooling2D layer contract', () => {
  for (const mode of ['max', 'avg'] as const) {
    const make = mode === 'max' ? layers.maxPooling2d : layers.averagePooling2d;
    const distinct = (shape: number[]) => () => distinctTensor(xorshift(5), shape, 0.05);
    runLayerTest(`${mode} pooling, the defaults (2×2 window, strides = window, 'valid')`, {
      make: () => make(), input: distinct([2, 5, 6, 3]),
      inputShape: [2, 5, 6, 3], expectedOutputShape: [2, 2, 3, 3], configKeys: KEYS,
      gradient: { reference: (x) => pool2dRef(x, [2, 2], [2, 2], 'valid', mode) },
    });
    runLayerTest(`${mode} pooling, 3×2 window, strides [2, 1], 'same' (edge windows cut by the border)`, {
      make: () => make({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }), input: distinct([2, 5, 4, 2]),
      inputShape: [2, 5, 4, 2], expectedOutputShape: [2, 3, 4, 2],
      gradient: { reference: (x) => pool2dRef(x, [3, 2], [2, 1], 'same', mode) },
    });
    runLayerTest(`${mode} pooling, overlapping 3×3 windows with stride 1`, {
      make: () => make({ poolSize: 3, strides: 1 }), input: distinct([1, 5, 5, 2]),
      inputShape: [1, 5, 5, 2], expectedOutputShape: [1, 3, 3, 2],
      gradient: { reference: (x) => pool2dRef(x, [3, 3], [1, 1], 'valid', mode) },
    });
    runLayerTest(`${mode} pooling, a window larger than the input with 'same'`, {
      make: () => make({ poolSize: [4, 5], strides: 1, padding: 'same' }), input: distinct([1, 2, 3, 2]),
      inputShape: [1, 2, 3, 2], expectedOutputShape: [1, 2, 3, 2],
      gradient: { reference: (x) => pool2dRef(x, [4, 5], [1, 1], 'same', mode) },
    });
    runLayerTest(`${mode} pooling, channelsFirst`, {
      make: () => make({ poolSize: 2, strides: [1, 2], dataFormat: 'channelsFirst', inputShape: [3, 4, 5] }), input: distinct([2, 3, 4, 5]),
      inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3, 3, 2], configKeys: [...KEYS, 'batch_input_shape', 'dtype'],
      gradient: { reference: (x) => toChannelsFirst(pool2dRef(toChannelsLast(x), [2, 2], [1, 2], 'valid', mode)) },
    });
  }
});

describe('MaxPooling2D configuration', () => {
  it('writes the TF.js config: pool_size and strides as pairs, data_format in snake_case', () => {
    const config = layers.maxPooling2d({ poolSize: 3, padding: 'same' }).getConfig();
    expect(config).toMatchObject({ pool_size: [3, 3], padding: 'same', strides: [3, 3], data_format: 'channels_last' });
  });

  it('reads a Keras 3 config (pool_size tuple, strides null: the window)', () => {
    const layer = MaxPooling2D.fromConfig(MaxPooling2D, { name: 'mp', pool_size: [2, 3], strides: null, padding: 'valid', data_format: 'channels_first', trainable: true });
    expect([layer.poolSize, layer.strides, layer.dataFormat]).toEqual([[2, 3], [2, 3], 'channelsFirst']);
  });
});

describe('Pooling2D bad input', () => {
  it('refuses an input that is not rank 4, naming the layer and the shape', () => {
    expect(() => layers.maxPooling2d({ name: 'pool_rank' }).apply(ones([32, 28, 28]))).toThrow('pool_rank: expected input of rank 4 [batch, height, width, channels], received [32, 28, 28]');
  });

  it("refuses an input smaller than the window with 'valid'", () => {
    expect(() => layers.averagePooling2d({ name: 'pool_small', poolSize: 3 }).apply(ones([1, 2, 5, 1]))).toThrow(/pool_small: a 3×3 window with padding 'valid' needs height and width of at least 3 and 3, received input \[1, 2, 5, 1\]/);
  });

  it('refuses bad poolSize, strides, padding and dataFormat, quoting the value', () => {
    expect(() => layers.maxPooling2d({ poolSize: 0 })).toThrow(/poolSize must be an integer >= 1 or an array of 2 of them\. Received: poolSize=0/);
    expect(() => layers.maxPooling2d({ strides: [1, 2, 3] as never })).toThrow(/Received: strides=\[1,2,3\]/);
    expect(() => layers.maxPooling2d({ padding: 'causal' as never })).toThrow(/padding must be 'valid' or 'same'\. Received: padding="causal"/);
    expect(() => new AveragePooling2D({ dataFormat: 'nhwc' as never })).toThrow(/dataFormat must be 'channelsLast' or 'channelsFirst'/);
  });
});
