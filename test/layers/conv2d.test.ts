import { describe, expect, it } from 'vitest';
import { Conv2D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { biasRef, conv2dRef } from '../helpers/conv-reference.js';
import { activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** activation(conv2d(x, kernel) + bias) in float64, channels last. */
function conv2dLayerRef(strides: [number, number], pad: 'same' | 'valid', activation = 'linear', dilations: [number, number] = [1, 1]) {
  return (x: Ref, [kernel, bias]: readonly Ref[]): Ref => activationRef(activation, biasRef(conv2dRef(x, kernel as Ref, strides, pad, dilations), bias));
}

/** The same for channels-first data: transpose in, convolve, transpose out. */
function channelsFirstRef(inner: (x: Ref, w: readonly Ref[]) => Ref) {
  const perm = (r: Ref, p: number[]): Ref => {
    const shape = p.map((a) => r.shape[a] as number);
    const strides = r.shape.map((_, a) => r.shape.slice(a + 1).reduce((q, d) => q * d, 1));
    const data = new Float64Array(r.data.length);
    const idx = new Array<number>(shape.length).fill(0);
    for (let o = 0; o < data.length; o++) {
      let i = 0;
      p.forEach((a, j) => { i += (idx[j] as number) * (strides[a] as number); });
      data[o] = r.data[i] as number;
      for (let j = shape.length - 1; j >= 0 && ++(idx[j] as number) === shape[j]; j--) idx[j] = 0;
    }
    return { shape, data };
  };
  return (x: Ref, w: readonly Ref[]): Ref => perm(inner(perm(x, [0, 2, 3, 1]), w), [0, 3, 1, 2]);
}

const CONV_KEYS = [
  'filters', 'kernel_initializer', 'kernel_regularizer', 'kernel_constraint', 'kernel_size', 'strides', 'padding', 'data_format',
  'dilation_rate', 'activation', 'use_bias', 'bias_initializer', 'bias_regularizer', 'activity_regularizer', 'bias_constraint', 'name', 'trainable',
];

describe('Conv2D layer contract', () => {
  runLayerTest('conv2d 3×3 valid', {
    make: () => layers.conv2d({ filters: 3, kernelSize: 3, biasInitializer: 'randomNormal' }),
    inputShape: [2, 6, 5, 2], expectedOutputShape: [2, 4, 3, 3], configKeys: CONV_KEYS,
    expectedWeights: [{ name: 'kernel', shape: [3, 3, 2, 3] }, { name: 'bias', shape: [3] }],
    gradient: { reference: conv2dLayerRef([1, 1], 'valid') },
  });
  runLayerTest('conv2d same, strides [2, 1], relu', {
    make: () => layers.conv2d({ filters: 2, kernelSize: [3, 2], strides: [2, 1], padding: 'same', activation: 'relu', biasInitializer: 'randomNormal' }),
    inputShape: [2, 5, 4, 3], expectedOutputShape: [2, 3, 4, 2],
    expectedWeights: [{ name: 'kernel', shape: [3, 2, 3, 2] }, { name: 'bias', shape: [2] }],
    gradient: { reference: conv2dLayerRef([2, 1], 'same', 'relu') },
  });
  runLayerTest('conv2d dilated, no bias, tanh', {
    make: () => layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false, activation: 'tanh' }),
    inputShape: [1, 6, 6, 2], expectedOutputShape: [1, 4, 4, 2],
    expectedWeights: [{ name: 'kernel', shape: [2, 2, 2, 2] }],
    gradient: { reference: conv2dLayerRef([1, 1], 'valid', 'tanh', [2, 2]) },
  });
  runLayerTest('conv2d channelsFirst', {
    make: () => layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst', biasInitializer: 'randomNormal' }),
    inputShape: [2, 2, 4, 5], expectedOutputShape: [2, 3, 4, 5],
    expectedWeights: [{ name: 'kernel', shape: [3, 3, 2, 3] }, { name: 'bias', shape: [3] }],
    gradient: { reference: channelsFirstRef(conv2dLayerRef([1, 1], 'same')) },
  });
  runLayerTest('conv2d declaring inputShape (first layer of a model)', {
    make: () => layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [6, 6, 1] }),
    inputShape: [2, 6, 6, 1], expectedOutputShape: [2, 4, 4, 4], configKeys: [...CONV_KEYS, 'batch_input_shape', 'dtype'],
    expectedWeights: [{ name: 'kernel', shape: [3, 3, 1, 4] }, { name: 'bias', shape: [4] }],
    gradient: false, // same math as 'conv2d 3×3 valid'
  });
});

describe('Conv2D configuration', () => {
  it('defaults to glorotUniform, zeros, valid padding, channelsLast, strides and dilation 1', () => {
    const config = layers.conv2d({ filters: 2, kernelSize: 3 }).getConfig();
    expect(config).toMatchObject({ kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channelsLast', dilation_rate: [1, 1], use_bias: true });
    expect(config['kernel_initializer']).toMatchObject({ config: { scale: 1, distribution: 'uniform' } });
  });

  it("reads Keras's spelling of data_format and a config with groups 1", () => {
    const layer = Conv2D.fromConfig(Conv2D, { filters: 2, kernel_size: [3, 3], data_format: 'channels_first', groups: 1 });
    expect(layer.dataFormat).toBe('channelsFirst');
  });
});

describe('Conv2D bad input', () => {
  it('names the layer, the expected and the received shape for an input of the wrong rank', () => {
    const conv = layers.conv2d({ filters: 2, kernelSize: 3, name: 'conv2d_probe' });
    expect(() => conv.apply(ones([32, 28, 28]))).toThrow('conv2d_probe: expected input of rank 4 [batch, height, width, channels], received [32, 28, 28]');
  });

  it('names the channel count it was built for', () => {
    const conv = layers.conv2d({ filters: 2, kernelSize: 3, name: 'conv2d_channels' });
    conv.apply(ones([1, 5, 5, 3]));
    expect(() => conv.apply(ones([1, 5, 5, 4]))).toThrow('conv2d_channels: expected input of rank 4 [batch, height, width, channels] with 3 channels, received [1, 5, 5, 4]');
  });

  it('refuses a kernel larger than a valid-padded input, saying what fits', () => {
    expect(() => layers.conv2d({ filters: 2, kernelSize: 5 }).apply(ones([1, 3, 3, 1]))).toThrow(/a 5×5 window does not fit in an input of height × width 3 × 3 with padding 'valid', received \[1, 3, 3, 1\]; use padding 'same' or a larger input/);
  });

  it('refuses bad options, quoting them', () => {
    expect(() => layers.conv2d({ filters: 0, kernelSize: 3 })).toThrow(/filters must be a positive integer\. Received: filters=0/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: [3, 3, 3] })).toThrow(/kernelSize must be a positive integer or 2 of them\. Received: kernelSize=\[3,3,3\]/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 3, padding: 'causal' })).toThrow(/padding must be 'valid' or 'same'\. Received: padding="causal"/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/strides and dilationRate cannot both exceed 1/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 3, dataFormat: 'NHWC' as 'channelsLast' })).toThrow(/dataFormat must be 'channelsLast' or 'channelsFirst'/);
    expect(() => Conv2D.fromConfig(Conv2D, { filters: 2, kernel_size: [3, 3], groups: 2 })).toThrow(/groups must be 1/);
  });
});
