import { describe, expect, it } from 'vitest';
import { GlobalAveragePooling2D, GlobalMaxPooling1D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import type { Ref } from '../helpers/reference.js';
import { reduce } from '../helpers/reference.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import { distinctTensor, xorshift } from '../helpers/rng.js';

const meanRef = (axes: number[], keep = false) => (x: Ref): Ref => {
  const count = axes.reduce((p, a) => p * (x.shape[a] as number), 1);
  const s = reduce(x, axes, keep, 0, (acc, v) => acc + v);
  return { shape: s.shape, data: s.data.map((v) => v / count) };
};
const maxRef = (axes: number[], keep = false) => (x: Ref): Ref => reduce(x, axes, keep, -Infinity, Math.max);
const distinct = (shape: number[]) => () => distinctTensor(xorshift(11), shape, 0.05);

describe('global pooling layer contract', () => {
  runLayerTest('globalAveragePooling1d', {
    make: () => layers.globalAveragePooling1d(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3],
    configKeys: ['name', 'trainable'], gradient: { reference: meanRef([1]) },
  });
  runLayerTest('globalMaxPooling1d', {
    make: () => layers.globalMaxPooling1d(), input: distinct([2, 5, 3]), inputShape: [2, 5, 3], expectedOutputShape: [2, 3],
    configKeys: ['name', 'trainable'], gradient: { reference: maxRef([1]) },
  });
  runLayerTest('globalAveragePooling2d', {
    make: () => layers.globalAveragePooling2d(), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 2],
    configKeys: ['data_format', 'name', 'trainable'], gradient: { reference: meanRef([1, 2]) },
  });
  runLayerTest('globalMaxPooling2d', {
    make: () => layers.globalMaxPooling2d(), input: distinct([2, 3, 4, 2]), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 2],
    gradient: { reference: maxRef([1, 2]) },
  });
  runLayerTest('globalAveragePooling2d, channelsFirst', {
    make: () => layers.globalAveragePooling2d({ dataFormat: 'channelsFirst' }), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 3],
    gradient: { reference: meanRef([2, 3]) },
  });
  runLayerTest('globalMaxPooling2d, keepdims (Keras 3)', {
    make: () => layers.globalMaxPooling2d({ keepdims: true }), input: distinct([2, 3, 4, 2]), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 1, 1, 2],
    configKeys: ['data_format', 'keepdims', 'name', 'trainable'], gradient: { reference: maxRef([1, 2], true) },
  });
  runLayerTest('globalAveragePooling1d, channelsFirst with keepdims (Keras 3)', {
    make: () => layers.globalAveragePooling1d({ dataFormat: 'channelsFirst', keepdims: true }), inputShape: [2, 3, 5], expectedOutputShape: [2, 3, 1],
    configKeys: ['data_format', 'keepdims', 'name', 'trainable'], gradient: { reference: meanRef([2], true) },
  });
});

describe('global pooling configuration and bad input', () => {
  it('reads Keras 3 configs (data_format, keepdims)', () => {
    const a = GlobalAveragePooling2D.fromConfig(GlobalAveragePooling2D, { name: 'g', data_format: 'channels_first', keepdims: true });
    expect([a.dataFormat, a.keepdims]).toEqual(['channelsFirst', true]);
    expect(() => GlobalMaxPooling1D.fromConfig(GlobalMaxPooling1D, { data_format: 'NHWC' })).toThrow(/GlobalMaxPooling1D config: data_format must be 'channels_last' or 'channels_first'/);
  });

  it('global max pooling propagates NaN (the max reduction), as TF.js does', () => {
    const y = layers.globalMaxPooling1d().apply([[[1, 2], [NaN, 0], [3, 1]]]);
    expect(Number.isNaN(y.values[0])).toBe(true);
    expect(y.values[1]).toBe(2);
  });

  it('refuses inputs of the wrong rank, naming the layout', () => {
    expect(() => layers.globalAveragePooling2d({ name: 'gap_rank' }).apply(ones([2, 3, 4]))).toThrow('gap_rank: expected input of rank 4 [batch, height, width, channels], received [2, 3, 4]');
    expect(() => layers.globalMaxPooling1d({ name: 'gmp_rank' }).apply(ones([2, 3]))).toThrow('gmp_rank: expected input of rank 3 [batch, steps, channels], received [2, 3]');
  });
});
