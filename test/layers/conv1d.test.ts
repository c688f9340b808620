import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { ones, tensor3d } from '../../src/ops/create.js';
import { biasRef, conv2dRef } from '../helpers/conv-reference.js';
import { expectSameBits } from '../helpers/bits.js';
import { activationRef, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';

/** activation(conv1d(x, kernel) + bias) in float64; `causal` pads (k − 1)·dilation steps before. */
function conv1dLayerRef(stride: number, pad: 'same' | 'valid' | 'causal', activation = 'linear', dilation = 1) {
  return (x: Ref, [kernel, bias]: readonly Ref[]): Ref => {
    const [n, steps, c] = x.shape as [number, number, number];
    const [k, , o] = (kernel as Ref).shape as [number, number, number];
    let input: Ref = { shape: [n, 1, steps, c], data: x.data };
    if (pad === 'causal') {
      const before = (k - 1) * dilation;
      const data = new Float64Array(n * (steps + before) * c);
      for (let b = 0; b < n; b++) data.set(x.data.subarray(b * steps * c, (b + 1) * steps * c), (b * (steps + before) + before) * c);
      input = { shape: [n, 1, steps + before, c], data };
    }
    const y = conv2dRef(input, { shape: [1, k, c, o], data: (kernel as Ref).data }, [1, stride], pad === 'same' ? 'same' : 'valid', [1, dilation]);
    return activationRef(activation, biasRef({ shape: [n, y.shape[2] as number, o], data: y.data }, bias));
  };
}

describe('Conv1D layer contract', () => {
  runLayerTest('conv1d kernel 3 valid', {
    make: () => layers.conv1d({ filters: 3, kernelSize: 3, biasInitializer: 'randomNormal' }),
    inputShape: [2, 7, 2], expectedOutputShape: [2, 5, 3],
    expectedWeights: [{ name: 'kernel', shape: [3, 2, 3] }, { name: 'bias', shape: [3] }],
    gradient: { reference: conv1dLayerRef(1, 'valid') },
  });
  runLayerTest('conv1d same, stride 2, sigmoid', {
    make: () => layers.conv1d({ filters: 2, kernelSize: 4, strides: 2, padding: 'same', activation: 'sigmoid', biasInitializer: 'randomNormal' }),
    inputShape: [2, 7, 3], expectedOutputShape: [2, 4, 2],
    expectedWeights: [{ name: 'kernel', shape: [4, 3, 2] }, { name: 'bias', shape: [2] }],
    gradient: { reference: conv1dLayerRef(2, 'same', 'sigmoid') },
  });
  runLayerTest('conv1d causal, dilation 2', {
    make: () => layers.conv1d({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2, biasInitializer: 'randomNormal' }),
    inputShape: [2, 6, 2], expectedOutputShape: [2, 6, 2],
    expectedWeights: [{ name: 'kernel', shape: [3, 2, 2] }, { name: 'bias', shape: [2] }],
    gradient: { reference: conv1dLayerRef(1, 'causal', 'linear', 2) },
  });
});

describe('Conv1D', () => {
  it('causal padding: output step t does not depend on inputs after t', () => {
    const conv = layers.conv1d({ filters: 1, kernelSize: 3, padding: 'causal', biasInitializer: 'randomNormal' });
    const values = [0.5, -1, 2, 0.25, -0.75, 1.5];
    const y = conv.apply(tensor3d(values, [1, 6, 1])).dataSync();
    const changed = conv.apply(tensor3d(values.map((v, i) => (i === 4 ? 100 : v)), [1, 6, 1])).dataSync();
    expect(Array.from(changed.slice(0, 4))).toEqual(Array.from(y.slice(0, 4)));
    expect(changed[4]).not.toBe(y[4]);
  });

  it('names the layer and the expected layout for a rank-4 input', () => {
    expect(() => layers.conv1d({ filters: 2, kernelSize: 3, name: 'conv1d_probe' }).apply(ones([1, 5, 5, 1]))).toThrow('conv1d_probe: expected input of rank 3 [batch, width, channels], received [1, 5, 5, 1]');
  });
});

describe('Conv1D channelsFirst', () => {
  it('gives the transposed bits of the channelsLast layer with the same weights', () => {
    const last = layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', biasInitializer: 'randomNormal' });
    const first = layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', dataFormat: 'channelsFirst' });
    const x = tensor3d(Array.from({ length: 2 * 7 * 2 }, (_, i) => Math.fround(Math.sin(i))), [2, 7, 2]);
    const y = last.apply(x);
    first.apply(x.transpose([0, 2, 1]));
    first.setWeights(last.getWeights());
    const yFirst = first.apply(x.transpose([0, 2, 1]));
    expect(yFirst.shape).toEqual([2, 3, 7]);
    expect(first.computeOutputShape([null, 2, 7])).toEqual([null, 3, 7]);
    expectSameBits(yFirst.transpose([0, 2, 1]).values, y.values, 'channelsFirst output');
  });
});
