import { describe, expect, it } from 'vitest';
import { ZeroPadding2D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import type { Ref } from '../helpers/reference.js';
import { at, build } from '../helpers/reference.js';
import { runLayerTest } from '../helpers/layer-harness.js';

/** Zeros around NHWC (or NCHW) images. */
type Pairs = [[number, number], [number, number]];

function padRef(x: Ref, [[t, b], [l, r]]: Pairs, first = 1): Ref {
  const out = x.shape.slice();
  out[first] = (x.shape[first] as number) + t + b;
  out[first + 1] = (x.shape[first + 1] as number) + l + r;
  return build(out, (c) => {
    const i = (c[first] as number) - t;
    const j = (c[first + 1] as number) - l;
    if (i < 0 || j < 0 || i >= (x.shape[first] as number) || j >= (x.shape[first + 1] as number)) return 0;
    const src = c.slice();
    src[first] = i;
    src[first + 1] = j;
    return at(x, src);
  });
}

describe('ZeroPadding2D layer contract', () => {
  runLayerTest('the default (one row and column of zeros on every side)', {
    make: () => layers.zeroPadding2d(), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 5, 6, 2],
    configKeys: ['padding', 'data_format', 'name', 'trainable'], gradient: { reference: (x) => padRef(x, [[1, 1], [1, 1]]) },
  });
  runLayerTest('[h, w] padding', {
    make: () => layers.zeroPadding2d({ padding: [2, 0] }), inputShape: [1, 3, 3, 1], expectedOutputShape: [1, 7, 3, 1],
    gradient: { reference: (x) => padRef(x, [[2, 2], [0, 0]]) },
  });
  runLayerTest('[[top, bottom], [left, right]] padding, channelsFirst', {
    make: () => layers.zeroPadding2d({ padding: [[1, 0], [0, 3]], dataFormat: 'channelsFirst' }), inputShape: [2, 2, 3, 2], expectedOutputShape: [2, 2, 4, 5],
    gradient: { reference: (x) => padRef(x, [[1, 0], [0, 3]], 2) },
  });
});

describe('ZeroPadding2D configuration and bad input', () => {
  it('writes padding as [[top, bottom], [left, right]] (TF.js) and reads a Keras 3 config', () => {
    expect(layers.zeroPadding2d({ padding: [1, 2] }).getConfig()['padding']).toEqual([[1, 1], [2, 2]]);
    const layer = ZeroPadding2D.fromConfig(ZeroPadding2D, { name: 'z', padding: [[0, 1], [2, 3]], data_format: 'channels_last' });
    expect(layer.padding).toEqual([[0, 1], [2, 3]]);
    expect(ZeroPadding2D.fromConfig(ZeroPadding2D, { padding: 3 }).padding).toEqual([[3, 3], [3, 3]]);
  });

  it('refuses negative or malformed padding, quoting it, and inputs not of rank 4', () => {
    expect(() => layers.zeroPadding2d({ padding: -1 })).toThrow(/padding must be a non-negative integer, \[height, width\] or \[\[top, bottom\], \[left, right\]\]\. Received: padding=-1/);
    expect(() => layers.zeroPadding2d({ padding: [[1, 2], [3]] as never })).toThrow(/Received: padding=\[\[1,2\],\[3\]\]/);
    expect(() => layers.zeroPadding2d({ name: 'zp_rank' }).apply(ones([2, 3, 3]))).toThrow('zp_rank: expected input of rank 4 [batch, height, width, channels], received [2, 3, 3]');
  });
});
