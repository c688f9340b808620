import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Layer } from '../../src/layers/index.js';
import { layers } from '../../src/layers/index.js';
import { tensor } from '../../src/ops/create.js';
import { grad, mul, sum } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';

/**
 * The pooling layers with 'same' padding against Keras 3 (TensorFlow backend): oracle values in
 * test/fixtures/pooling-keras, made by its make_fixture.py. Here TF.js's average-pooling gradient
 * differs (test/peer/pooling.test.ts); SameBits agrees with Keras / TF.
 */

interface KerasCase { layer: string; shape: number[]; pool_size: number[]; strides: number[]; padding: 'same' | 'valid'; output_shape: number[]; y: number[]; dx: number[] }

const fixture = JSON.parse(readFileSync(new URL('../fixtures/pooling-keras/pooling.json', import.meta.url), 'utf8')) as { cases: KerasCase[] };
const values = (n: number, a: number, b: number): Float32Array => Float32Array.from({ length: n }, (_, i) => ((i * a) % b) / b - 0.5);

function make(c: KerasCase): Layer {
  const two = { poolSize: c.pool_size as [number, number], strides: c.strides as [number, number], padding: c.padding };
  const one = { poolSize: c.pool_size as [number], strides: c.strides as [number], padding: c.padding };
  if (c.layer === 'AveragePooling2D') return layers.averagePooling2d(two);
  if (c.layer === 'MaxPooling2D') return layers.maxPooling2d(two);
  if (c.layer === 'AveragePooling1D') return layers.averagePooling1d(one);
  throw new Error(`no factory for ${c.layer}`);
}

function close(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  expected.forEach((e, i) => expect(Math.abs((actual[i] as number) - e), `${what} ${i}`).toBeLessThanOrEqual(2e-6 * scale));
}

describe("pooling with 'same' padding agrees with Keras 3, forward and gradient", () => {
  for (const c of fixture.cases) {
    it(`${c.layer} ${JSON.stringify(c.shape)} pool ${JSON.stringify(c.pool_size)} strides ${JSON.stringify(c.strides)}`, () => {
      const layer = make(c);
      const x = tensor(values(c.shape.reduce((p, d) => p * d, 1), 37, 23), c.shape);
      const y = layer.apply(x) as Tensor;
      expect(y.shape).toEqual(c.output_shape);
      close(y.values, c.y, 'forward');
      const w = tensor(values(y.size, 11, 17), y.shape);
      close(grad((t: Tensor) => sum(mul(layer.apply(t) as Tensor, w)))(x).values, c.dx, 'gradient');
    });
  }
});
