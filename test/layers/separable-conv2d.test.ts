import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { biasRef, conv2dRef, depthwiseRef } from '../helpers/conv-reference.js';
import { activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** depthwise then 1×1 convolution, bias, activation, in float64. */
function separableLayerRef(strides: [number, number], pad: 'same' | 'valid', activation = 'linear') {
  return (x: Ref, [depthwise, pointwise, bias]: readonly Ref[]): Ref =>
    activationRef(activation, biasRef(conv2dRef(depthwiseRef(x, depthwise as Ref, strides, pad), pointwise as Ref, [1, 1], 'valid'), bias));
}

describe('SeparableConv2D layer contract', () => {
  runLayerTest('separableConv2d 3×3 same, multiplier 2', {
    make: () => layers.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, padding: 'same', biasInitializer: 'randomNormal' }),
    inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 4, 5, 4],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [3, 3, 3, 2] }, { name: 'pointwise_kernel', shape: [1, 1, 6, 4] }, { name: 'bias', shape: [4] }],
    gradient: { reference: separableLayerRef([1, 1], 'same') },
  });
  runLayerTest('separableConv2d strides 2 valid, elu', {
    make: () => layers.separableConv2d({ filters: 2, kernelSize: 2, strides: 2, activation: 'elu', biasInitializer: 'randomNormal' }),
    inputShape: [1, 5, 6, 2], expectedOutputShape: [1, 2, 3, 2],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [2, 2, 2, 1] }, { name: 'pointwise_kernel', shape: [1, 1, 2, 2] }, { name: 'bias', shape: [2] }],
    gradient: { reference: separableLayerRef([2, 2], 'valid', 'elu') },
  });
});

describe('SeparableConv2D options', () => {
  it('SeparableConv2D keeps its own pointwise initializer (TF.js reuses the depthwise one) and writes depth_multiplier', () => {
    const config = layers.separableConv2d({ filters: 2, kernelSize: 3, depthwiseInitializer: 'ones', pointwiseInitializer: 'zeros', depthMultiplier: 3 }).getConfig();
    expect(JSON.stringify(config['pointwise_initializer'])).toMatch(/Zeros/);
    expect(JSON.stringify(config['depthwise_initializer'])).toMatch(/Ones/);
    expect(config['depth_multiplier']).toBe(3);
  });
});
