import { describe, expect, it } from 'vitest';
import { Conv2DTranspose, layers } from '../../src/layers/index.js';
import { biasRef, conv2dTransposeRef } from '../helpers/conv-reference.js';
import { activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** activation(conv2dTranspose(x, kernel) + bias) in float64 (scatter form), output [outH, outW]. */
function transposeLayerRef(outH: number, outW: number, strides: [number, number], pad: 'same' | 'valid', activation = 'linear') {
  return (x: Ref, [kernel, bias]: readonly Ref[]): Ref => activationRef(activation, biasRef(conv2dTransposeRef(x, kernel as Ref, outH, outW, strides, pad), bias));
}

describe('Conv2DTranspose layer contract', () => {
  runLayerTest('conv2dTranspose 3×3 stride 2 same', {
    make: () => layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', biasInitializer: 'randomNormal' }),
    inputShape: [2, 3, 4, 3], expectedOutputShape: [2, 6, 8, 2],
    expectedWeights: [{ name: 'kernel', shape: [3, 3, 2, 3] }, { name: 'bias', shape: [2] }],
    configKeys: ['filters', 'kernel_initializer', 'kernel_regularizer', 'kernel_constraint', 'kernel_size', 'strides', 'padding', 'data_format', 'activation', 'use_bias', 'bias_initializer', 'bias_regularizer', 'activity_regularizer', 'bias_constraint', 'name', 'trainable'],
    gradient: { reference: transposeLayerRef(6, 8, [2, 2], 'same') },
  });
  runLayerTest('conv2dTranspose 2×3 strides [1, 3] valid, relu', {
    make: () => layers.conv2dTranspose({ filters: 3, kernelSize: [2, 3], strides: [1, 3], activation: 'relu', biasInitializer: 'randomNormal' }),
    inputShape: [1, 3, 3, 2], expectedOutputShape: [1, 4, 9, 3],
    expectedWeights: [{ name: 'kernel', shape: [2, 3, 3, 2] }, { name: 'bias', shape: [3] }],
    gradient: { reference: transposeLayerRef(4, 9, [1, 3], 'valid', 'relu') },
  });
  runLayerTest('conv2dTranspose kernel larger than stride, valid', {
    make: () => layers.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 2, useBias: false }),
    inputShape: [1, 3, 2, 2], expectedOutputShape: [1, 8, 6, 2],
    expectedWeights: [{ name: 'kernel', shape: [4, 4, 2, 2] }],
    gradient: { reference: transposeLayerRef(8, 6, [2, 2], 'valid') },
  });
});

describe('Conv2DTranspose options', () => {
  it('refuses a dilation rate other than 1 and an output_padding in a file config', () => {
    expect(() => layers.conv2dTranspose({ filters: 1, kernelSize: 3, dilationRate: 2 })).toThrow(/dilationRate must be 1 for Conv2DTranspose \(as in TF\.js\)\. Received: dilationRate=2/);
    expect(() => Conv2DTranspose.fromConfig(Conv2DTranspose, { filters: 1, kernel_size: [3, 3], output_padding: [1, 1] })).toThrow(/output_padding must be null: SameBits does not support it yet/);
  });
});
