import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UpSampling2D, layers } from '../../src/layers/index.js';
import { ones, tensor } from '../../src/ops/create.js';
import { grad, mul, sum } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
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

/** Half-pixel linear interpolation in float64 (Keras 3 / TF `resize`), spatial axes from `first`. */
function bilinearRef(x: Ref, [sh, sw]: [number, number], first = 1): Ref {
  const out = x.shape.slice();
  out[first] = (x.shape[first] as number) * sh;
  out[first + 1] = (x.shape[first + 1] as number) * sw;
  const taps = (i: number, s: number, n: number): [number, number, number] => {
    const t = (i + 0.5) / s - 0.5;
    const lo = Math.floor(t);
    return [Math.min(Math.max(lo, 0), n - 1), Math.min(Math.max(lo + 1, 0), n - 1), t - lo];
  };
  return build(out, (c) => {
    const [r0, r1, fr] = taps(c[first] as number, sh, x.shape[first] as number);
    const [q0, q1, fq] = taps(c[first + 1] as number, sw, x.shape[first + 1] as number);
    const v = (r: number, q: number): number => {
      const src = c.slice();
      src[first] = r;
      src[first + 1] = q;
      return at(x, src);
    };
    const top = v(r0, q0) + (v(r0, q1) - v(r0, q0)) * fq;
    const bottom = v(r1, q0) + (v(r1, q1) - v(r1, q0)) * fq;
    return top + (bottom - top) * fr;
  });
}

describe('UpSampling2D layer contract', () => {
  runLayerTest('bilinear [2, 3]', {
    make: () => layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 6, 12, 2],
    gradient: { reference: (x) => bilinearRef(x, [2, 3]) },
  });
  runLayerTest('bilinear [3, 1], channelsFirst', {
    make: () => layers.upSampling2d({ size: [3, 1], interpolation: 'bilinear', dataFormat: 'channelsFirst' }), inputShape: [1, 2, 3, 4], expectedOutputShape: [1, 2, 9, 4],
    gradient: { reference: (x) => bilinearRef(x, [3, 1], 2) },
  });
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

  it('refuses an unknown interpolation and a bad size, quoting the value', () => {
    expect(() => layers.upSampling2d({ interpolation: 'bicubic' as never })).toThrow(/interpolation must be 'nearest' or 'bilinear'\. Received: interpolation="bicubic"/);
    expect(() => layers.upSampling2d({ size: [0, 2] })).toThrow(/size must be an integer >= 1 or an array of 2 of them\. Received: size=\[0,2\]/);
    expect(() => layers.upSampling2d({ name: 'up_rank' }).apply(ones([2, 3]))).toThrow('up_rank: expected input of rank 4 [batch, height, width, channels], received [2, 3]');
  });
});

interface KerasCase { shape: number[]; size: [number, number]; data_format: 'channels_last' | 'channels_first'; output_shape: number[]; y: number[]; dx: number[] }

describe("UpSampling2D 'bilinear' against Keras 3 (oracle values in test/fixtures/up-sampling-bilinear, made by its make_fixture.py)", () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/up-sampling-bilinear/bilinear.json', import.meta.url), 'utf8')) as { cases: KerasCase[] };
  const values = (n: number, a: number, b: number): Float32Array => Float32Array.from({ length: n }, (_, i) => ((i * a) % b) / b - 0.5);
  const close = (actual: ArrayLike<number>, expected: readonly number[], what: string): void => {
    expect(actual.length, what).toBe(expected.length);
    const scale = Math.max(...expected.map(Math.abs));
    expected.forEach((e, i) => expect(Math.abs((actual[i] as number) - e), `${what} ${i}`).toBeLessThanOrEqual(2e-6 * scale));
  };
  for (const c of fixture.cases) {
    it(`${JSON.stringify(c.shape)} size ${JSON.stringify(c.size)} ${c.data_format}: forward and gradient within float32 rounding`, () => {
      const layer = layers.upSampling2d({ size: c.size, interpolation: 'bilinear', dataFormat: c.data_format === 'channels_last' ? 'channelsLast' : 'channelsFirst' });
      const x = tensor(values(c.shape.reduce((p, d) => p * d, 1), 37, 23), c.shape);
      const y = layer.apply(x);
      expect(y.shape).toEqual(c.output_shape);
      close(y.values, c.y, 'forward');
      const w = tensor(values(y.size, 11, 17), y.shape);
      close(grad((t: Tensor) => sum(mul(layer.apply(t), w)))(x).values, c.dx, 'gradient');
    });
  }
});
