import { describe, expect, it } from 'vitest';
import { MaxPooling1D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import type { Ref } from '../helpers/reference.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { distinctTensor, xorshift } from '../helpers/rng.js';
import { pool2dRef } from './spatial-reference.js';

const KEYS = ['pool_size', 'padding', 'strides', 'name', 'trainable'];

/** [b, steps, c] pooled as the image [b, steps, 1, c]. */
function pool1dRef(x: Ref, pool: number, stride: number, padding: 'valid' | 'same', mode: 'max' | 'avg'): Ref {
  const [b, steps, c] = x.shape as [number, number, number];
  const y = pool2dRef({ shape: [b, steps, 1, c], data: x.data }, [pool, 1], [stride, 1], padding, mode);
  return { shape: [b, y.shape[1] as number, c], data: y.data };
}

describe('MaxPooling1D and AveragePooling1D layer contract', () => {
  for (const mode of ['max', 'avg'] as const) {
    const make = mode === 'max' ? layers.maxPooling1d : layers.averagePooling1d;
    const distinct = (shape: number[]) => () => distinctTensor(xorshift(8), shape, 0.05);
    runLayerTest(`${mode} pooling, the defaults (window 2, stride 2, 'valid')`, {
      make: () => make(), input: distinct([2, 7, 3]),
      inputShape: [2, 7, 3], expectedOutputShape: [2, 3, 3], configKeys: KEYS,
      gradient: { reference: (x) => pool1dRef(x, 2, 2, 'valid', mode) },
    });
    runLayerTest(`${mode} pooling, window 3, stride 2, 'same'`, {
      make: () => make({ poolSize: [3], strides: 2, padding: 'same' }), input: distinct([2, 6, 5]),
      inputShape: [2, 6, 5], expectedOutputShape: [2, 3, 5],
      gradient: { reference: (x) => pool1dRef(x, 3, 2, 'same', mode) },
    });
    runLayerTest(`${mode} pooling, overlapping windows (window 3, stride 1)`, {
      make: () => make({ poolSize: 3, strides: 1, inputShape: [5, 2] }), input: distinct([1, 5, 2]),
      inputShape: [1, 5, 2], expectedOutputShape: [1, 3, 2], configKeys: [...KEYS, 'batch_input_shape', 'dtype'],
      gradient: { reference: (x) => pool1dRef(x, 3, 1, 'valid', mode) },
    });
  }
});

describe('Pooling1D configuration and bad input', () => {
  it('writes pool_size and strides as one-element arrays, as TF.js', () => {
    expect(layers.averagePooling1d({ poolSize: 3 }).getConfig()).toMatchObject({ pool_size: [3], padding: 'valid', strides: [3] });
  });

  it("reads a Keras 3 config (integer pool_size, data_format 'channels_last') and refuses channels_first", () => {
    const layer = MaxPooling1D.fromConfig(MaxPooling1D, { name: 'p1', pool_size: 4, strides: null, padding: 'same', data_format: 'channels_last' });
    expect([layer.poolSize, layer.strides, layer.padding]).toEqual([[4], [4], 'same']);
    expect(() => MaxPooling1D.fromConfig(MaxPooling1D, { pool_size: 2, data_format: 'channels_first' })).toThrow(/MaxPooling1D config: data_format must be 'channels_last', received data_format=/);
  });

  it('refuses an input that is not rank 3, and one shorter than the window', () => {
    expect(() => layers.maxPooling1d({ name: 'p1_rank' }).apply(ones([4, 10]))).toThrow('p1_rank: expected input of rank 3 [batch, steps, channels], received [4, 10]');
    expect(() => layers.maxPooling1d({ name: 'p1_short', poolSize: 4 }).apply(ones([1, 3, 2]))).toThrow(/p1_short: a window of 4 with padding 'valid' needs at least 4 steps, received input \[1, 3, 2\]/);
  });

  it('refuses a poolSize of two numbers', () => {
    expect(() => layers.maxPooling1d({ poolSize: [2, 2] as never })).toThrow(/poolSize must be an integer >= 1 or an array of 1 of them\. Received: poolSize=\[2,2\]/);
  });
});
