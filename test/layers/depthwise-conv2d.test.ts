import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { biasRef, depthwiseRef } from '../helpers/conv-reference.js';
import { activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** activation(depthwiseConv2d(x, kernel) + bias) in float64. */
function depthwiseLayerRef(strides: [number, number], pad: 'same' | 'valid', activation = 'linear', dilations: [number, number] = [1, 1]) {
  return (x: Ref, [kernel, bias]: readonly Ref[]): Ref => activationRef(activation, biasRef(depthwiseRef(x, kernel as Ref, strides, pad, dilations), bias));
}

describe('DepthwiseConv2D layer contract', () => {
  runLayerTest('depthwiseConv2d 3×3 same, multiplier 2', {
    make: () => layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', biasInitializer: 'randomNormal' }),
    inputShape: [2, 5, 4, 3], expectedOutputShape: [2, 5, 4, 6],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [3, 3, 3, 2] }, { name: 'bias', shape: [6] }],
    gradient: { reference: depthwiseLayerRef([1, 1], 'same') },
  });
  runLayerTest('depthwiseConv2d strides 2 valid, relu', {
    make: () => layers.depthwiseConv2d({ kernelSize: [3, 2], strides: 2, activation: 'relu', biasInitializer: 'randomNormal' }),
    inputShape: [1, 7, 6, 2], expectedOutputShape: [1, 3, 3, 2],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [3, 2, 2, 1] }, { name: 'bias', shape: [2] }],
    gradient: { reference: depthwiseLayerRef([2, 2], 'valid', 'relu') },
  });
  runLayerTest('depthwiseConv2d dilated, no bias', {
    make: () => layers.depthwiseConv2d({ kernelSize: 2, dilationRate: 2, useBias: false, padding: 'same' }),
    inputShape: [1, 5, 5, 2], expectedOutputShape: [1, 5, 5, 2],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [2, 2, 2, 1] }],
    gradient: { reference: depthwiseLayerRef([1, 1], 'same', 'linear', [2, 2]) },
  });
});

describe('depthwise layers: options', () => {
  it('refuse a depthMultiplier that is not a positive integer, quoting it', () => {
    expect(() => layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0 })).toThrow(/depthMultiplier must be a positive integer\. Received: depthMultiplier=0/);
    expect(() => layers.separableConv2d({ filters: 2, kernelSize: 3, depthMultiplier: 1.5 })).toThrow(/Received: depthMultiplier=1\.5/);
  });
});
