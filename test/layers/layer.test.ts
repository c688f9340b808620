import { describe, expect, it, vi } from 'vitest';
import { formatSymbolicShape, layers } from '../../src/layers/index.js';
import { toSnakeCase } from '../../src/layers/naming.js';
import { ones, tensor, tensor2d, zeros } from '../../src/ops/create.js';

/** A fresh copy of the layers module, so the automatic-name counters start from zero. */
async function freshLayers(): Promise<typeof import('../../src/layers/index.js')> {
  vi.resetModules();
  return import('../../src/layers/index.js');
}

describe('automatic layer names (Keras 3)', () => {
  it('are the snake_case class name, then _1, _2 … per prefix, in creation order', async () => {
    const fresh = await freshLayers();
    const names = [
      fresh.layers.dense({ units: 1 }), fresh.layers.dense({ units: 1 }), fresh.layers.dropout({ rate: 0.1 }),
      fresh.layers.dense({ units: 1 }), fresh.layers.inputLayer({ inputShape: [2] }), fresh.layers.dropout({ rate: 0.1 }),
    ].map((l) => l.name);
    expect(names).toEqual(['dense', 'dense_1', 'dropout', 'dense_2', 'input_layer', 'dropout_1']);
  });

  it('are the same in every run of the same program', async () => {
    const run = async (): Promise<string[]> => {
      const fresh = await freshLayers();
      return [fresh.layers.embedding({ inputDim: 2, outputDim: 2 }), fresh.layers.flatten(), fresh.layers.embedding({ inputDim: 2, outputDim: 2 })].map((l) => l.name);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toEqual(['embedding', 'flatten', 'embedding_1']);
  });

  it('leave explicit names as given', () => {
    expect(layers.dense({ units: 1, name: 'my_dense' }).name).toBe('my_dense');
  });

  it('follow Keras to_snake_case for class names', () => {
    // Expected values: Keras 3 `keras/src/utils/naming.py` to_snake_case, run in Python.
    const cases: [string, string][] = [
      ['Dense', 'dense'], ['BatchNormalization', 'batch_normalization'], ['InputLayer', 'input_layer'],
      ['LSTMCell', 'lstm_cell'], ['Conv2D', 'conv2d'], ['Conv1DTranspose', 'conv1d_transpose'], ['GRU', 'gru'],
      ['LeakyReLU', 'leaky_re_lu'], ['SimpleRNN', 'simple_rnn'], ['GlobalAveragePooling2D', 'global_average_pooling2d'],
      ['MultiHeadAttention', 'multi_head_attention'],
    ];
    for (const [name, snake] of cases) expect(toSnakeCase(name), name).toBe(snake);
  });
});

describe('Layer weights', () => {
  it('sets initial weights given at construction once built', () => {
    const kernel = tensor2d([[1, 2], [3, 4], [5, 6]]);
    const dense = layers.dense({ units: 2, weights: [kernel, tensor([0.5, -0.5])] });
    expect(dense.apply(tensor2d([[1, 0, 0]])).arraySync()).toEqual([[1.5, 1.5]]);
  });

  it('getWeights returns copies: changing them does not change the layer', () => {
    const dense = layers.dense({ units: 2 });
    dense.apply(ones([1, 3]));
    const [kernel] = dense.getWeights();
    const before = Array.from(dense.weights[0]?.values ?? []);
    (kernel?.values as Float32Array).fill(7);
    expect(Array.from(dense.weights[0]?.values ?? [])).toEqual(before);
  });

  it('setWeights replaces the values in getWeights order', () => {
    const dense = layers.dense({ units: 2 });
    dense.apply(ones([1, 3]));
    dense.setWeights([ones([3, 2]), tensor([1, 2])]);
    expect(dense.apply(tensor2d([[1, 1, 1]])).arraySync()).toEqual([[4, 5]]);
  });

  it('setWeights refuses a wrong count, naming the layer and both counts', () => {
    const dense = layers.dense({ units: 2, name: 'dense_count' });
    dense.apply(ones([1, 3]));
    expect(() => dense.setWeights([ones([3, 2])])).toThrow('dense_count: setWeights expected 2 tensors, received 1');
  });

  it('setWeights refuses a wrong shape, naming the weight and both shapes', () => {
    const dense = layers.dense({ units: 2, name: 'dense_shape' });
    dense.apply(ones([1, 3]));
    expect(() => dense.setWeights([zeros([2, 3]), zeros([2])])).toThrow('dense_shape: setWeights: weight 0 (dense_shape/kernel) has shape [3,2], received [2,3]');
  });

  it('a layer that is not trainable lists its weights as non-trainable', () => {
    const dense = layers.dense({ units: 2, trainable: false });
    dense.apply(ones([1, 3]));
    expect(dense.trainableWeights).toEqual([]);
    expect(dense.nonTrainableWeights.map((v) => v.name)).toEqual([`${dense.name}/kernel`, `${dense.name}/bias`]);
    expect(dense.getConfig()['trainable']).toBe(false);
  });
});

describe('formatSymbolicShape', () => {
  it('prints None for an unknown extent and a trailing comma for rank 1, as Python tuples', () => {
    expect(formatSymbolicShape([null, 3])).toBe('(None, 3)');
    expect(formatSymbolicShape([null])).toBe('(None,)');
    expect(formatSymbolicShape([null, 2, 5])).toBe('(None, 2, 5)');
  });
});
