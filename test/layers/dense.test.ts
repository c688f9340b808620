import { describe, expect, it } from 'vitest';
import { Dense, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { ACTIVATION_IDS, activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** activation(x · kernel + bias) over the last axis, in float64. */
function denseRef(activation: string) {
  return (x: Ref, [kernel, bias]: readonly Ref[]): Ref => {
    const k = kernel as Ref;
    const [inDim, units] = k.shape as [number, number];
    const rows = x.data.length / inDim;
    const z = new Float64Array(rows * units);
    for (let r = 0; r < rows; r++) {
      for (let u = 0; u < units; u++) {
        let acc = bias ? (bias.data[u] as number) : 0;
        for (let i = 0; i < inDim; i++) acc += (x.data[r * inDim + i] as number) * (k.data[i * units + u] as number);
        z[r * units + u] = acc;
      }
    }
    return activationRef(activation, { shape: [...x.shape.slice(0, -1), units], data: z });
  };
}

const DENSE_KEYS = [
  'units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer',
  'activity_regularizer', 'kernel_constraint', 'bias_constraint', 'name', 'trainable',
];
const kernelAndBias = [{ name: 'kernel', shape: [4, 3] }, { name: 'bias', shape: [3] }];

describe('Dense layer contract', () => {
  runLayerTest('dense with bias', {
    make: () => layers.dense({ units: 3 }),
    inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: kernelAndBias, configKeys: DENSE_KEYS,
    gradient: { reference: denseRef('linear') },
  });
  runLayerTest('dense without bias', {
    make: () => layers.dense({ units: 3, useBias: false }),
    inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: [{ name: 'kernel', shape: [4, 3] }], configKeys: DENSE_KEYS,
    gradient: { reference: denseRef('linear') },
  });
  runLayerTest('dense on a rank-3 input (applied over the last axis)', {
    make: () => layers.dense({ units: 5, activation: 'tanh' }),
    inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 5],
    expectedWeights: [{ name: 'kernel', shape: [4, 5] }, { name: 'bias', shape: [5] }],
    gradient: { reference: denseRef('tanh') },
  });
  runLayerTest('dense declaring inputShape (first layer of a model)', {
    make: () => layers.dense({ units: 3, inputShape: [4] }),
    inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: kernelAndBias,
    configKeys: [...DENSE_KEYS, 'batch_input_shape', 'dtype'],
    gradient: false, // same math as 'dense with bias'
  });
  // A random bias, so that the bias gradient and the activation's kinks are exercised off zero.
  for (const activation of ACTIVATION_IDS) {
    runLayerTest(`dense with activation '${activation}'`, {
      make: () => layers.dense({ units: 3, activation, biasInitializer: 'randomNormal' }),
      inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: kernelAndBias,
      gradient: { reference: denseRef(activation) },
    });
  }
});

describe('Dense configuration', () => {
  it('stores the canonical TF.js activation name for Keras snake_case ids', () => {
    expect(layers.dense({ units: 1, activation: 'leaky_relu' }).getConfig()['activation']).toBe('leakyRelu');
    expect(layers.dense({ units: 1, activation: 'silu' }).activation).toBe('swish');
    expect(layers.dense({ units: 1 }).getConfig()['activation']).toBe('linear');
  });

  it('takes inputDim as shorthand for inputShape [inputDim]', () => {
    expect(layers.dense({ units: 2, inputDim: 7 }).batchInputShape).toEqual([null, 7]);
  });

  it('serializes its default initializers as glorotUniform (VarianceScaling, fan_avg, uniform) and zeros', () => {
    const config = layers.dense({ units: 2 }).getConfig();
    expect(config['kernel_initializer']).toMatchObject({ config: { scale: 1, distribution: 'uniform', seed: null } });
    expect(JSON.stringify(config['kernel_initializer'])).toMatch(/VarianceScaling/);
    expect(JSON.stringify(config['bias_initializer'])).toMatch(/Zeros/);
  });

  it('draws its default kernel within the glorotUniform limit √(6 / (fanIn + fanOut)) and a zero bias', () => {
    const dense = new Dense({ units: 30 });
    dense.apply(ones([1, 20]));
    const limit = Math.sqrt(6 / 50);
    const [kernel, bias] = dense.getWeights();
    expect(Math.max(...Array.from(kernel?.values ?? [], Math.abs))).toBeLessThanOrEqual(limit);
    expect(Array.from(bias?.values ?? [])).toEqual(new Array<number>(30).fill(0));
  });
});

describe('Dense bad input', () => {
  it('rejects units that are not a positive integer, quoting the value', () => {
    expect(() => layers.dense({ units: 0 })).toThrow(/dense(_\d+)?: units must be a positive integer\. Received: units=0/);
    expect(() => layers.dense({ units: 2.5 })).toThrow(/Received: units=2\.5/);
  });

  it('rejects an unknown activation, listing the valid ids and suggesting the closest', () => {
    expect(() => layers.dense({ units: 1, activation: 'rellu' })).toThrow(/Unknown activation 'rellu'\. Did you mean 'relu'\? Valid activation ids: .*sigmoid/);
  });

  it('rejects an unknown kernel initializer, suggesting the closest', () => {
    expect(() => layers.dense({ units: 1, kernelInitializer: 'glorotUnifrom' as never })).toThrow(/Unknown initializer 'glorotUnifrom'\. Did you mean 'glorotUniform'\?/);
  });

  it('names the layer, the expected and the received shape when the feature count is wrong', () => {
    const dense = layers.dense({ units: 2, name: 'dense_probe' });
    dense.apply(ones([1, 3]));
    expect(() => dense.apply(ones([32, 4]))).toThrow('dense_probe: expected input shape [*, 3], received [32, 4]');
  });

  it('refuses a rank-1 input, which has no batch axis', () => {
    expect(() => layers.dense({ units: 2, name: 'dense_rank1' }).apply(ones([4]))).toThrow('dense_rank1: expected input shape [*, features], received [4]');
  });
});
