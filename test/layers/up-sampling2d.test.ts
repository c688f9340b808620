import { describe, expect, it } from 'vitest';
import { UpSampling2D, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import type { Ref } from '../helpers/reference.js';
import { at, build } from '../helpers/reference.js';
import { runLayerTest } from '../helpers/layer-harness.js';

/** Nearest upsampling: output (i, j) reads input (⌊i / sh⌋, ⌊j / sw⌋) on the spatial axes from `first`. */
function upRef(x: Ref, [sh, sw]: [number, number], first = 1): Ref {
  const out = x.shape.slice();
  out[first] = (x.shape[first] as number) * sh;
  out[first + 1] = (x.shape[first + 1] as number) * sw;
  return build(out, (c) => {
    const src = c.slice();
    src[first] = Math.floor((c[first] as number) / sh);
    src[first + 1] = Math.floor((c[first + 1] as number) / sw);
    return at(x, src);
  });
}

describe('UpSampling2D layer contract', () => {
  runLayerTest('the default (2×2)', {
    make: () => layers.upSampling2d(), inputShape: [2, 2, 3, 2], expectedOutputShape: [2, 4, 6, 2],
    configKeys: ['size', 'data_format', 'interpolation', 'name', 'trainable'], gradient: { reference: (x) => upRef(x, [2, 2]) },
  });
  runLayerTest('size [3, 1]', {
    make: () => layers.upSampling2d({ size: [3, 1] }), inputShape: [1, 2, 2, 3], expectedOutputShape: [1, 6, 2, 3],
    gradient: { reference: (x) => upRef(x, [3, 1]) },
  });
  runLayerTest('size [1, 2], channelsFirst', {
    make: () => layers.upSampling2d({ size: [1, 2], dataFormat: 'channelsFirst' }), inputShape: [2, 3, 2, 2], expectedOutputShape: [2, 3, 2, 4],
    gradient: { reference: (x) => upRef(x, [1, 2], 2) },
  });
});

describe('UpSampling2D configuration and bad input', () => {
  it('reads a Keras 3 config', () => {
    const layer = UpSampling2D.fromConfig(UpSampling2D, { name: 'u', size: [2, 3], data_format: 'channels_last', interpolation: 'nearest' });
    expect(layer.size).toEqual([2, 3]);
  });

  it("refuses 'bilinear' (not supported yet) and a bad size, quoting the value", () => {
    expect(() => layers.upSampling2d({ interpolation: 'bilinear' })).toThrow(/interpolation must be 'nearest' \(SameBits does not support 'bilinear' yet\)\. Received: interpolation="bilinear"/);
    expect(() => layers.upSampling2d({ size: [0, 2] })).toThrow(/size must be an integer >= 1 or an array of 2 of them\. Received: size=\[0,2\]/);
    expect(() => layers.upSampling2d({ name: 'up_rank' }).apply(ones([2, 3]))).toThrow('up_rank: expected input of rank 4 [batch, height, width, channels], received [2, 3]');
  });
});
