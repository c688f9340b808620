import { describe, expect, it } from 'vitest';
import { constraints, Conv2D, DepthwiseConv2D, layers, regularizers, SeparableConv2D } from '../../src/layers/index.js';
import type { Layer, LayerClass } from '../../src/layers/index.js';
import { toPythonic } from '../../src/io/index.js';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { runLayerTest } from '../helpers/layer-harness.js';

/** The conv layers adopt regularizers and constraints through addWeight, as Dense does. */
describe('conv layers with regularizers and constraints: the layer contract (config and file round trips)', () => {
  runLayerTest('conv2d with kernel, bias and activity regularizers and constraints', {
    make: () => layers.conv2d({ filters: 2, kernelSize: 3, kernelRegularizer: regularizers.l2({ l2: 1e-3 }), biasRegularizer: regularizers.l1(), activityRegularizer: regularizers.l1l2({ l1: 1e-4, l2: 1e-5 }), kernelConstraint: constraints.maxNorm({ maxValue: 2 }), biasConstraint: 'nonNeg' }),
    inputShape: [1, 5, 5, 2], expectedOutputShape: [1, 3, 3, 2],
    expectedWeights: [{ name: 'kernel', shape: [3, 3, 2, 2] }, { name: 'bias', shape: [2] }],
    gradient: false, // the math is 'conv2d 3×3 valid' (conv2d.test.ts); penalties apply in fit
  });
  runLayerTest('depthwiseConv2d with a depthwise regularizer and constraint', {
    make: () => layers.depthwiseConv2d({ kernelSize: 2, depthwiseRegularizer: regularizers.l2(), depthwiseConstraint: constraints.unitNorm() }),
    inputShape: [1, 4, 4, 2], expectedOutputShape: [1, 3, 3, 2],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [2, 2, 2, 1] }, { name: 'bias', shape: [2] }],
    gradient: false, // the math is tested in depthwise-conv2d.test.ts
  });
  runLayerTest('separableConv2d with pointwise and depthwise regularizers and constraints', {
    make: () => layers.separableConv2d({ filters: 2, kernelSize: 2, depthwiseRegularizer: regularizers.l1(), pointwiseRegularizer: regularizers.l2(), depthwiseConstraint: 'nonNeg', pointwiseConstraint: constraints.maxNorm() }),
    inputShape: [1, 4, 4, 2], expectedOutputShape: [1, 3, 3, 2],
    expectedWeights: [{ name: 'depthwise_kernel', shape: [2, 2, 2, 1] }, { name: 'pointwise_kernel', shape: [1, 1, 2, 2] }, { name: 'bias', shape: [2] }],
    gradient: false, // the math is tested in separable-conv2d.test.ts
  });
});

describe('conv layers with regularizers and constraints', () => {
  it('count one penalty per regularized weight, and write them in the config', () => {
    const cases: [Layer, number][] = [
      [layers.conv2d({ filters: 2, kernelSize: 3, kernelRegularizer: regularizers.l2(), biasRegularizer: regularizers.l1() }), 2],
      [layers.conv1d({ filters: 2, kernelSize: 3, kernelRegularizer: regularizers.l2() }), 1],
      [layers.conv2dTranspose({ filters: 2, kernelSize: 3, biasRegularizer: regularizers.l2() }), 1],
      [layers.depthwiseConv2d({ kernelSize: 3, depthwiseRegularizer: regularizers.l2() }), 1],
      [layers.separableConv2d({ filters: 2, kernelSize: 3, depthwiseRegularizer: regularizers.l2(), pointwiseRegularizer: regularizers.l1() }), 2],
    ];
    for (const [layer, count] of cases) {
      layer.apply(randomTensor(xorshift(3), layer.className === 'Conv1D' ? [1, 6, 2] : [1, 6, 6, 2]));
      expect(layer.regularizationLosses(), layer.className).toHaveLength(count);
    }
    const config = toPythonic(layers.conv2d({ filters: 1, kernelSize: 1, kernelRegularizer: regularizers.l2({ l2: 0.5 }), kernelConstraint: 'nonNeg' }).getConfig());
    expect(config['kernel_regularizer']).toEqual({ class_name: 'L1L2', config: { l1: 0, l2: 0.5 } });
    expect(config['kernel_constraint']).toMatchObject({ class_name: 'NonNeg' });
  });

  it('read Keras spellings of regularizers and constraints from a file config', () => {
    const keras = { class_name: 'L2', config: { l2: 0.25 } };
    const conv = Conv2D.fromConfig(Conv2D as unknown as LayerClass, { filters: 2, kernel_size: [3, 3], kernel_regularizer: keras, bias_constraint: { class_name: 'NonNeg', config: {} } });
    expect(conv.kernelRegularizer?.getConfig()).toMatchObject({ l2: 0.25 });
    expect(conv.biasConstraint?.className).toBe('NonNeg');
    expect(DepthwiseConv2D.fromConfig(DepthwiseConv2D as unknown as LayerClass, { kernel_size: [3, 3], depthwise_regularizer: keras }).depthwiseRegularizer).not.toBeNull();
    expect(SeparableConv2D.fromConfig(SeparableConv2D as unknown as LayerClass, { filters: 1, kernel_size: [3, 3], pointwise_constraint: { class_name: 'MaxNorm', config: { max_value: 2 } } }).pointwiseConstraint?.className).toBe('MaxNorm');
  });
});
