import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelArtifacts } from '../../src/io/index.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { conv1d, input, layers, ones, separableConv2d, sequential, tensor } from '../../src/node.js';
import type { Layer, Tensor } from '../../src/node.js';
import { useTfjsCpu } from '../peer/harness.js';

/**
 * Hostile-user probe of the convolution layers and ops (issue 11): TF.js habits, edge inputs and
 * error messages. Each case failed before its fix.
 */

beforeAll(useTfjsCpu);

describe('conv1d op errors speak of conv1d, not of the conv2d it delegates to', () => {
  it('a channel mismatch names conv1d and the 3-D shapes the caller passed', () => {
    expect(() => conv1d(ones([2, 10, 3]), ones([3, 2, 4]), 1, 'same')).toThrow('conv1d: the input has 3 channels (shape [2,10,3], NWC) but the filter [3,2,4] expects 2');
  });

  it('a window wider than a valid input names conv1d', () => {
    expect(() => conv1d(ones([2, 2, 2]), ones([3, 2, 4]), 1, 'valid')).toThrow("conv1d: a window of 3 taps does not fit in the input's width of 2");
  });

  it('a bad pad is quoted as the caller wrote it, not in the 2-D form conv2d receives', () => {
    const expected = "conv1d: pad must be 'same', 'valid', a non-negative integer or [[0, 0], [left, right], [0, 0]]. Received: pad=";
    expect(() => conv1d(ones([1, 5, 1]), ones([3, 1, 1]), 1, -1)).toThrow(`${expected}-1`);
    expect(() => conv1d(ones([1, 5, 1]), ones([3, 1, 1]), 1, [[0, 0], [-1, 2], [0, 0]])).toThrow(`${expected}[[0,0],[-1,2],[0,0]]`);
    expect(() => conv1d(ones([1, 5, 1]), ones([3, 1, 1]), 1, [[1, 0], [1, 2], [0, 0]])).toThrow(`${expected}[[1,0],[1,2],[0,0]]`);
    expect(conv1d(ones([1, 5, 1]), ones([3, 1, 1]), 1, [[0, 0], [2, 0], [0, 0]]).values).toEqual(new Float32Array([1, 2, 3, 3, 3]));
  });

  it('separableConv2d names itself on a channel mismatch, not the depthwise step', () => {
    expect(() => separableConv2d(ones([1, 5, 5, 3]), ones([3, 3, 2, 2]), ones([1, 1, 4, 3]), 1, 'same')).toThrow('separableConv2d: the input has 3 channels (shape [1,5,5,3], NHWC) but the depthwiseFilter [3,3,2,2] expects 2');
    expect(() => separableConv2d(ones([1, 3, 5, 5]), ones([3, 3, 2, 2]), ones([1, 1, 4, 3]), 1, 'same', 1, 'NCHW')).toThrow('separableConv2d: the input has 3 channels (shape [1,3,5,5], NCHW)');
    expect(separableConv2d(ones([2, 5, 5]), ones([3, 3, 2, 2]), ones([1, 1, 4, 3]), 1, 'same', 1, 'NCHW').shape).toEqual([3, 5, 5]);
  });

  it('stride and dilation both above 1 are refused as conv1d arguments', () => {
    expect(() => conv1d(ones([2, 10, 2]), ones([3, 2, 4]), 2, 'same', 'NWC', 2)).toThrow('conv1d: stride and dilation cannot both exceed 1 (as in TF.js and Keras). Received: stride=2, dilation=2');
  });
});

describe('convolution layers refuse inputs smaller than a valid window, naming the layer (Keras 3)', () => {
  it('on a concrete input, the error names the layer, not the op', () => {
    const layer = layers.conv2d({ name: 'tiny', filters: 2, kernelSize: 3 });
    expect(() => layer.apply(ones([1, 2, 5, 1]))).toThrow("tiny: a 3×3 window does not fit in an input of height × width 2 × 5 with padding 'valid', received [1, 2, 5, 1]; use padding 'same' or a larger input");
  });

  it('a model whose output would be empty is refused when built, as Keras 3 does', () => {
    expect(() => sequential({ layers: [layers.conv2d({ name: 'c', filters: 2, kernelSize: 3, inputShape: [2, 2, 1] })] })).toThrow("c: a 3×3 window does not fit in an input of height × width 2 × 2 with padding 'valid', received [null, 2, 2, 1]");
    expect(() => sequential({ layers: [layers.conv1d({ name: 'd', filters: 2, kernelSize: 3, dilationRate: 2, inputShape: [4, 1] })] })).toThrow("d: a window of 3 taps (dilation 2: spanning 5) does not fit in an input of width 4");
    expect(() => layers.depthwiseConv2d({ name: 'w', kernelSize: [1, 4] }).apply(input({ shape: [5, 3, 2] }))).toThrow("w: a 1×4 window does not fit in an input of height × width 5 × 3");
    expect(() => layers.separableConv2d({ name: 's', filters: 1, kernelSize: 2, dataFormat: 'channelsFirst' }).apply(input({ shape: [4, 1, 9] }))).toThrow("s: a 2×2 window does not fit in an input of height × width 1 × 9");
  });

  it('what still works: same and causal padding, unknown extents, transposed convolutions', () => {
    expect((layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same' }).apply(ones([1, 1, 1, 1])) as Tensor).shape).toEqual([1, 1, 1, 2]);
    expect((layers.conv1d({ filters: 2, kernelSize: 5, padding: 'causal' }).apply(ones([1, 2, 1])) as Tensor).shape).toEqual([1, 2, 2]);
    expect(layers.conv1d({ filters: 2, kernelSize: 5 }).apply(input({ shape: [null, 3] })).shape).toEqual([null, null, 2]);
    expect((layers.conv2dTranspose({ filters: 2, kernelSize: 3 }).apply(ones([1, 1, 1, 1])) as Tensor).shape).toEqual([1, 3, 3, 2]);
    expect((layers.conv2d({ filters: 1, kernelSize: 3 }).apply(ones([1, 3, 3, 1])) as Tensor).shape).toEqual([1, 1, 1, 1]);
  });
});

describe('channelsFirst activations act on the output as Keras and TF.js lay it out', () => {
  it('softmax of a channelsFirst conv normalizes the last axis (width), as Keras 3 and TF.js do', () => {
    const x = Float32Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => Math.sin(i * 0.7));
    const pairs: [() => Layer, () => tf.layers.Layer][] = [
      [() => layers.conv2d({ filters: 3, kernelSize: 2, activation: 'softmax', dataFormat: 'channelsFirst' }), () => tf.layers.conv2d({ filters: 3, kernelSize: 2, activation: 'softmax', dataFormat: 'channelsFirst' })],
      [() => layers.depthwiseConv2d({ kernelSize: 2, activation: 'softmax', dataFormat: 'channelsFirst' }), () => tf.layers.depthwiseConv2d({ kernelSize: 2, activation: 'softmax', dataFormat: 'channelsFirst' })],
    ];
    for (const [makeOurs, makeTheirs] of pairs) {
      const ours = makeOurs();
      const a = ours.apply(tensor(x, [2, 3, 4, 5])) as Tensor;
      const theirs = makeTheirs();
      theirs.apply(tf.zeros([2, 3, 4, 5]));
      theirs.setWeights(ours.getWeights().map((w) => tf.tensor(w.values, w.shape)));
      const b = theirs.apply(tf.tensor(x, [2, 3, 4, 5])) as tf.Tensor;
      expect(a.shape).toEqual(b.shape);
      const bv = b.dataSync();
      a.values.forEach((v, i) => expect(Math.abs(v - (bv[i] as number))).toBeLessThanOrEqual(1e-6));
    }
  });
});

describe('option errors show what the caller passed', () => {
  it('NaN strides are reported as NaN, not as null', () => {
    expect(() => layers.conv2d({ name: 'n', filters: 2, kernelSize: 2, strides: NaN })).toThrow('n: strides must be a positive integer or 2 of them. Received: strides=NaN');
    expect(() => layers.conv1d({ name: 'm', filters: 2, kernelSize: [Infinity] })).toThrow('m: kernelSize must be a positive integer or 1 of them. Received: kernelSize=[Infinity]');
    // A string from a hand-written JSON config keeps its quotes, so the user sees why it failed.
    expect(() => layers.conv2d({ name: 'q', filters: 2, kernelSize: '3' as unknown as number })).toThrow('q: kernelSize must be a positive integer or 2 of them. Received: kernelSize="3"');
    expect(() => layers.conv2d({ name: 'r', filters: '8' as unknown as number, kernelSize: 3 })).toThrow('r: filters must be a positive integer. Received: filters="8"');
  });
});

describe('TF.js files with Reshape([-1, …]) before a Conv1D load', () => {
  it('TF.js writes the unknown dimension as null; SameBits reads it as -1 and predicts as TF.js', async () => {
    const theirs = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [6, 4, 2], filters: 3, kernelSize: 2 }),
      tf.layers.reshape({ targetShape: [-1, 3] }),
      tf.layers.conv1d({ filters: 2, kernelSize: 3, padding: 'same' }),
    ] });
    let saved: tf.io.ModelArtifacts | undefined;
    await theirs.save(tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const ours = await loadLayersModel(io.fromMemory(saved as unknown as ModelArtifacts));
    const x = Float32Array.from({ length: 2 * 6 * 4 * 2 }, (_, i) => Math.sin(i));
    const a = ours.predict(tensor(x, [2, 6, 4, 2]));
    const b = theirs.predict(tf.tensor(x, [2, 6, 4, 2])) as tf.Tensor;
    expect(a.shape).toEqual(b.shape);
    const bv = b.dataSync();
    a.values.forEach((v, i) => expect(Math.abs(v - (bv[i] as number))).toBeLessThanOrEqual(1e-6));
  });
});
