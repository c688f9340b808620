import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer, PoolPadding, Tensor } from '../../src/node.js';
import { avgPool, grad, layers, maxPool, mul, sum, tensor } from '../../src/node.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomValues, xorshift } from '../helpers/rng.js';
import { useTfjsCpu } from './harness.js';

/**
 * The pooling ops and the pooling / spatial layers against TF.js 4.22 (cpu backend) on the same
 * inputs: forward values and gradients (tf.grad of Σ w·f(x), random w). Max pooling picks an
 * input element, so its forward is compared bit for bit (special values included); the rest
 * within float32 tolerance (TF.js's cpu kernels sum in float64, SameBits in float32 in its
 * documented order).
 */

const TOLERANCE = 2e-6; // relative to the largest magnitude: a few float32 roundings

beforeAll(useTfjsCpu);

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number)), `${what}: element ${i}`).toBeLessThanOrEqual(TOLERANCE * Math.max(scale, 1e-30));
  }
}

interface Both { ours: (x: Tensor) => Tensor; theirs: (x: tf.Tensor) => tf.Tensor }

/** Forward and input gradient of both on the same input; returns them for extra checks. */
function compare(f: Both, shape: number[], seed: number, what: string, exactForward = false): void {
  const rng = xorshift(seed);
  const values = randomValues(rng, shape.reduce((p, d) => p * d, 1), { lo: -1, hi: 1 });
  const x = tensor(values, shape);
  const tx = tf.tensor(values, shape);
  const y = f.ours(x);
  const ty = f.theirs(tx);
  expect(y.shape, `${what}: output shape`).toEqual(ty.shape);
  if (exactForward) expectSameBits(y.values, ty.dataSync(), `${what}: forward`);
  else close(y.values, ty.dataSync(), `${what}: forward`);
  const w = randomValues(rng, y.size, { lo: -1, hi: 1 });
  const g = grad((t: Tensor) => sum(mul(f.ours(t), tensor(w, y.shape))))(x);
  const tg = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f.theirs(t), tf.tensor(w, ty.shape))))(tx);
  close(g.values, tg.dataSync(), `${what}: gradient`);
}

describe('peer: tf.maxPool and tf.avgPool against TF.js', () => {
  const cases: { shape: number[]; filter: number | [number, number]; strides: number | [number, number]; pad: PoolPadding; rounding?: 'floor' | 'round' | 'ceil' }[] = [
    { shape: [2, 26, 26, 8], filter: 2, strides: 2, pad: 'valid' },
    { shape: [2, 7, 5, 3], filter: [3, 2], strides: [2, 1], pad: 'valid' },
    { shape: [1, 7, 5, 3], filter: [3, 3], strides: [1, 2], pad: 'same' },
    { shape: [2, 2, 3, 1], filter: [4, 5], strides: 1, pad: 'same' },
    { shape: [3, 6, 6, 2], filter: 3, strides: 2, pad: 1 },
    { shape: [6, 5, 4], filter: 2, strides: 1, pad: 'valid' }, // rank 3: one image
  ];
  cases.forEach((c, i) => {
    it(`maxPool ${JSON.stringify(c)}: same forward bits, gradient within tolerance`, () => {
      compare({
        ours: (x) => maxPool(x, c.filter, c.strides, c.pad, c.rounding),
        theirs: (x) => tf.maxPool(x as tf.Tensor4D, c.filter, c.strides, c.pad, c.rounding),
      }, c.shape, 100 + i, 'maxPool', true);
    });
    // With padding, TF.js's avgPool gradient divides cut windows by the full size (next tests).
    if (c.pad === 'valid') {
      it(`avgPool ${JSON.stringify(c)}: forward and gradient within tolerance`, () => {
        compare({
          ours: (x) => avgPool(x, c.filter, c.strides, c.pad, c.rounding),
          theirs: (x) => tf.avgPool(x as tf.Tensor4D, c.filter, c.strides, c.pad, c.rounding),
        }, c.shape, 200 + i, 'avgPool');
      });
    }
  });

  it("a numeric pad with dimRoundingMode 'ceil': the same forward (TF.js's gradient drops dimRoundingMode, so it is not compared)", () => {
    const rng = xorshift(99);
    const values = randomValues(rng, 3 * 6 * 6 * 2, { lo: -1, hi: 1 });
    const x = tensor(values, [3, 6, 6, 2]);
    const tx = tf.tensor(values, [3, 6, 6, 2]) as tf.Tensor4D;
    expect(maxPool(x, 3, 2, 1, 'ceil').shape).toEqual([3, 4, 4, 2]);
    expectSameBits(maxPool(x, 3, 2, 1, 'ceil').values, tf.maxPool(tx, 3, 2, 1, 'ceil').dataSync(), 'maxPool ceil');
    close(avgPool(x, 3, 2, 1, 'ceil').values, tf.avgPool(tx, 3, 2, 1, 'ceil').dataSync(), 'avgPool ceil');
  });

  it("avgPool with 'same' (or a numeric pad): the same forward; the gradient is the forward's derivative where TF.js's divides a cut window by its full size", () => {
    // x [1, 3, 1, 1], window [2, 1], stride 1, 'same': windows {0, 1}, {1, 2}, {2} (cut by the border).
    const x = tensor([1, 2, 4], [1, 3, 1, 1]);
    const tx = tf.tensor([1, 2, 4], [1, 3, 1, 1]);
    expect(Array.from(avgPool(x, [2, 1], 1, 'same').values)).toEqual(Array.from(tf.avgPool(tx as tf.Tensor4D, [2, 1], 1, 'same').dataSync()));
    const ours = grad((t: Tensor) => sum(avgPool(t, [2, 1], 1, 'same')))(x);
    const theirs = tf.grad((t: tf.Tensor) => tf.sum(tf.avgPool(t as tf.Tensor4D, [2, 1], 1, 'same')))(tx);
    // y = [(x0 + x1)/2, (x1 + x2)/2, x2]: ∂Σy/∂x = [0.5, 1, 1.5].
    expect(Array.from(ours.values)).toEqual([0.5, 1, 1.5]);
    expect(Array.from(theirs.dataSync())).toEqual([0.5, 1, 1]);
  });

  it('maxPool on ties, NaN, ±Infinity and −0 gives TF.js cpu\'s bits, and routes the gradient to the same elements', () => {
    const values = [3, 3, NaN, 1, -0, 0, -Infinity, NaN, Infinity, 2, 2, -1, NaN, NaN, -Infinity, -Infinity];
    const x = tensor(values, [1, 4, 4, 1]);
    const tx = tf.tensor(values, [1, 4, 4, 1]);
    for (const [filter, strides, pad] of [[2, 2, 'valid'], [3, 1, 'same'], [2, 1, 'valid']] as const) {
      expectSameBits(maxPool(x, filter, strides, pad).values, tf.maxPool(tx as tf.Tensor4D, filter, strides, pad).dataSync(), `forward ${filter} ${strides} ${pad}`);
      const g = grad((t: Tensor) => sum(maxPool(t, filter, strides, pad)))(x);
      const tg = tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, filter, strides, pad)))(tx);
      expectSameBits(g.values, tg.dataSync(), `gradient ${filter} ${strides} ${pad}`);
    }
  });
});

describe('peer: the pooling and spatial layers against tf.layers', () => {
  const cases: { name: string; ours: () => Layer; theirs: () => tf.layers.Layer; shape: number[]; exact?: boolean }[] = [
    { name: 'maxPooling2d (the CNN benchmark\'s)', ours: () => layers.maxPooling2d({ poolSize: 2 }), theirs: () => tf.layers.maxPooling2d({ poolSize: 2 }), shape: [4, 26, 26, 8], exact: true },
    { name: "maxPooling2d [3, 2] strides 1 'same'", ours: () => layers.maxPooling2d({ poolSize: [3, 2], strides: 1, padding: 'same' }), theirs: () => tf.layers.maxPooling2d({ poolSize: [3, 2], strides: 1, padding: 'same' }), shape: [2, 5, 6, 3], exact: true },
    { name: 'maxPooling2d channelsFirst', ours: () => layers.maxPooling2d({ poolSize: 2, strides: [1, 2], dataFormat: 'channelsFirst' }), theirs: () => tf.layers.maxPooling2d({ poolSize: 2, strides: [1, 2], dataFormat: 'channelsFirst' }), shape: [2, 3, 5, 6], exact: true },
    { name: 'averagePooling2d [2, 3] strides [1, 2]', ours: () => layers.averagePooling2d({ poolSize: [2, 3], strides: [1, 2] }), theirs: () => tf.layers.averagePooling2d({ poolSize: [2, 3], strides: [1, 2] }), shape: [2, 5, 7, 3] },
    { name: 'averagePooling2d channelsFirst', ours: () => layers.averagePooling2d({ dataFormat: 'channelsFirst' }), theirs: () => tf.layers.averagePooling2d({ poolSize: 2, dataFormat: 'channelsFirst' }), shape: [2, 3, 4, 6] },
    { name: 'maxPooling1d 3 stride 2 same', ours: () => layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }), theirs: () => tf.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }), shape: [2, 9, 4], exact: true },
    { name: 'averagePooling1d 2', ours: () => layers.averagePooling1d({ poolSize: 2 }), theirs: () => tf.layers.averagePooling1d({ poolSize: 2 }), shape: [3, 7, 2] },
    { name: 'globalAveragePooling1d', ours: () => layers.globalAveragePooling1d(), theirs: () => tf.layers.globalAveragePooling1d({}), shape: [3, 7, 2] },
    { name: 'globalMaxPooling1d', ours: () => layers.globalMaxPooling1d(), theirs: () => tf.layers.globalMaxPooling1d({}), shape: [3, 7, 2], exact: true },
    { name: 'globalAveragePooling2d', ours: () => layers.globalAveragePooling2d(), theirs: () => tf.layers.globalAveragePooling2d({}), shape: [2, 5, 4, 3] },
    { name: 'globalMaxPooling2d channelsFirst', ours: () => layers.globalMaxPooling2d({ dataFormat: 'channelsFirst' }), theirs: () => tf.layers.globalMaxPooling2d({ dataFormat: 'channelsFirst' }), shape: [2, 3, 5, 4], exact: true },
    { name: 'zeroPadding2d [[1, 0], [2, 3]]', ours: () => layers.zeroPadding2d({ padding: [[1, 0], [2, 3]] }), theirs: () => tf.layers.zeroPadding2d({ padding: [[1, 0], [2, 3]] }), shape: [2, 3, 4, 2], exact: true },
    { name: 'zeroPadding2d channelsFirst', ours: () => layers.zeroPadding2d({ padding: [1, 2], dataFormat: 'channelsFirst' }), theirs: () => tf.layers.zeroPadding2d({ padding: [1, 2], dataFormat: 'channelsFirst' }), shape: [2, 2, 3, 4], exact: true },
    // Batch 1: TF.js cpu's resizeNearestNeighbor gradient reads the wrong image for batch > 1 (below).
    { name: 'upSampling2d [2, 3]', ours: () => layers.upSampling2d({ size: [2, 3] }), theirs: () => tf.layers.upSampling2d({ size: [2, 3] }), shape: [1, 3, 4, 2], exact: true },
    { name: 'upSampling2d channelsFirst', ours: () => layers.upSampling2d({ dataFormat: 'channelsFirst' }), theirs: () => tf.layers.upSampling2d({ size: [2, 2], dataFormat: 'channelsFirst' }), shape: [1, 2, 3, 4], exact: true },
    { name: 'cropping2D [[1, 0], [2, 1]]', ours: () => layers.cropping2D({ cropping: [[1, 0], [2, 1]] }), theirs: () => tf.layers.cropping2D({ cropping: [[1, 0], [2, 1]] }), shape: [2, 4, 5, 3], exact: true },
    { name: 'cropping2D channelsFirst', ours: () => layers.cropping2D({ cropping: 1, dataFormat: 'channelsFirst' }), theirs: () => tf.layers.cropping2D({ cropping: 1, dataFormat: 'channelsFirst' }), shape: [2, 3, 4, 5], exact: true },
    { name: 'repeatVector 3', ours: () => layers.repeatVector({ n: 3 }), theirs: () => tf.layers.repeatVector({ n: 3 }), shape: [4, 5], exact: true },
  ];
  cases.forEach((c, i) => {
    it(`${c.name}: ${c.exact ? 'the same forward bits' : 'forward'} and gradient${c.exact ? '' : 's'} within tolerance`, () => {
      const ours = c.ours();
      const theirs = c.theirs();
      compare({ ours: (x) => ours.apply(x) as Tensor, theirs: (x) => theirs.apply(x) as tf.Tensor }, c.shape, 300 + i, c.name, c.exact ?? false);
    });
  });

  it('upSampling2d on a batch of 2: the same forward; the gradient of the second image is its own, where TF.js cpu\'s is not', () => {
    const ours = layers.upSampling2d();
    const theirs = tf.layers.upSampling2d({ size: [2, 2] });
    const x = tensor([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2, 1]);
    const tx = tf.tensor([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2, 1]);
    const w = Array.from({ length: 32 }, (_, i) => i);
    expectSameBits(ours.apply(x).values, (theirs.apply(tx) as tf.Tensor).dataSync(), 'forward');
    const g = grad((t: Tensor) => sum(mul(ours.apply(t), tensor(w, [2, 4, 4, 1]))))(x);
    const tg = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(theirs.apply(t) as tf.Tensor, tf.tensor(w, [2, 4, 4, 1]))))(tx);
    // Input (b, i, j) is copied to output rows 2i, 2i+1 and columns 2j, 2j+1 of image b: the sum of those w.
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => {
      const [b, i, j] = [Math.floor(k / 4), Math.floor(k / 2) % 2, k % 2];
      const base = b * 16 + 2 * i * 4 + 2 * j;
      return base + (base + 1) + (base + 4) + (base + 5);
    });
    expect(Array.from(g.values)).toEqual(expected);
    expect(Array.from(tg.dataSync()).slice(0, 4)).toEqual(expected.slice(0, 4));
    expect(Array.from(tg.dataSync()).slice(4)).not.toEqual(expected.slice(4));
  });
});
