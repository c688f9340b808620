import { describe, expect, it } from 'vitest';
import { Cropping2D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import type { Ref } from '../helpers/reference.js';
import { at, build } from '../helpers/reference.js';
import { runLayerTest } from '../helpers/layer-harness.js';

/** NHWC (or NCHW from axis `first`) images without `crop` rows and columns at the borders. */
function cropRef(x: Ref, crop: [[number, number], [number, number]], first = 1): Ref {
  const out = x.shape.slice();
  out[first] = (x.shape[first] as number) - crop[0][0] - crop[0][1];
  out[first + 1] = (x.shape[first + 1] as number) - crop[1][0] - crop[1][1];
  return build(out, (c) => {
    const src = c.slice();
    src[first] = (c[first] as number) + crop[0][0];
    src[first + 1] = (c[first + 1] as number) + crop[1][0];
    return at(x, src);
  });
}

describe('Cropping2D layer contract', () => {
  runLayerTest('one number (every side)', {
    make: () => layers.cropping2D({ cropping: 1 }), inputShape: [2, 4, 5, 2], expectedOutputShape: [2, 2, 3, 2],
    configKeys: ['cropping', 'data_format', 'name', 'trainable'], gradient: { reference: (x) => cropRef(x, [[1, 1], [1, 1]]) },
  });
  runLayerTest('[[top, bottom], [left, right]]', {
    make: () => layers.cropping2d({ cropping: [[1, 0], [2, 1]] }), inputShape: [1, 4, 5, 3], expectedOutputShape: [1, 3, 2, 3],
    gradient: { reference: (x) => cropRef(x, [[1, 0], [2, 1]]) },
  });
  runLayerTest('[h, w], channelsFirst', {
    make: () => layers.cropping2D({ cropping: [0, 1], dataFormat: 'channelsFirst' }), inputShape: [2, 2, 3, 4], expectedOutputShape: [2, 2, 3, 2],
    gradient: { reference: (x) => cropRef(x, [[0, 0], [1, 1]], 2) },
  });
});

describe('Cropping2D configuration and bad input', () => {
  it('writes cropping as [[top, bottom], [left, right]] and reads a Keras 3 config', () => {
    expect(layers.cropping2D({ cropping: [2, 3] }).getConfig()['cropping']).toEqual([[2, 2], [3, 3]]);
    expect(Cropping2D.fromConfig(Cropping2D, { cropping: [[1, 2], [0, 0]], data_format: 'channels_first' }).dataFormat).toBe('channelsFirst');
  });

  it('refuses a cropping that leaves no rows or columns, naming the layer and the shape', () => {
    expect(() => layers.cropping2D({ name: 'crop_all', cropping: [[2, 2], [0, 0]] }).apply(ones([1, 4, 4, 1]))).toThrow('crop_all: cropping [[2,2],[0,0]] removes 4 of the 4 rows of input [1, 4, 4, 1]; expected fewer than 4');
  });
});
