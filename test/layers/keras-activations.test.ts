import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigDict } from '../../src/initializers/index.js';
import { BUILT_IN_LAYERS } from '../../src/layers/index.js';
import type { ELU, L1L2, Layer, LeakyReLU, PReLU, ReLU, Softmax } from '../../src/layers/index.js';
import { tensor } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { fixedContext } from '../helpers/layer-harness.js';

/**
 * Keras 3.15.1's advanced activation layers on fixed inputs and weights, and their configs
 * (test/fixtures/keras-activations/make_fixture.py): SameBits loads each layer from the Keras 3
 * config and gives Keras's values within float32 rounding, Keras 3 options (ReLU's
 * negative_slope and threshold, ELU's alpha) and Softmax's mask included.
 */

interface KerasCase { name: string; config: { class_name: string; config: ConfigDict }; shape: number[]; x: number[]; y: number[]; weights?: number[][]; mask?: boolean[]; maskShape?: number[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras-activations/fixture.json', import.meta.url), 'utf8')) as { configs: { class_name: string; config: ConfigDict }[]; cases: KerasCase[] };

/** Float32 rounding of a few chained ops, relative to the value (exact where both are 0). */
const ROUNDING = 1e-5;
/**
 * NOTE: TensorFlow's CPU kernels flush subnormal results to zero (e^−88.7 · … gives 0 there);
 * SameBits keeps IEEE subnormals, so values below the smallest normal float32 may differ by it.
 */
const FLUSHED = 2 ** -126;

function fromKeras({ class_name: name, config }: { class_name: string; config: ConfigDict }): Layer {
  const cls = BUILT_IN_LAYERS.find((c) => c.className === name);
  if (!cls) throw new Error(`no built-in ${name}`);
  return cls.fromConfig(cls, config);
}

describe('Keras 3 advanced activation layers: the same values from the Keras 3 config', () => {
  for (const c of fixture.cases) {
    it(`${c.name}`, () => {
      const layer = fromKeras(c.config);
      const x = tensor(c.x, c.shape);
      layer.ensureBuilt(c.shape);
      if (c.weights) layer.setWeights(c.weights.map((w, i) => tensor(w, layer.weights[i]!.shape)));
      const ctx = fixedContext(false);
      if (c.mask) ctx.mask = new Tensor(Uint8Array.from(c.mask, Number), c.maskShape!, 'bool');
      const y = layer.invoke(x, ctx).values;
      c.y.forEach((want, i) => {
        expect(Math.abs((y[i] as number) - want), `element ${i}: ${y[i]} against Keras's ${want}`).toBeLessThanOrEqual(ROUNDING * Math.abs(want) + FLUSHED);
      });
    });
  }

  it('configs with every option load: ReLU, LeakyReLU (negative_slope), ELU, PReLU (regularizer, constraint, shared axes), Softmax over two axes', () => {
    const [relu, leaky, elu, prelu, softmax] = fixture.configs.map(fromKeras) as [ReLU, LeakyReLU, ELU, PReLU, Softmax];
    expect([relu.maxValue, relu.negativeSlope, relu.threshold]).toEqual([6, 0.1, 0.5]);
    expect(leaky.alpha).toBe(0.2);
    expect(elu.alpha).toBe(0.5);
    expect(prelu.sharedAxes).toEqual([1, 2]);
    expect((prelu.alphaRegularizer as L1L2).l2).toBe(0.01);
    expect(prelu.alphaConstraint?.className).toBe('NonNeg');
    expect(prelu.alphaInitializer.getClassName()).toBe('Ones');
    expect(softmax.axis).toEqual([1, 2]);
  });
});
