import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigDict } from '../../src/initializers/index.js';
import { BUILT_IN_LAYERS } from '../../src/layers/index.js';
import type { BatchNormalization, Dense, L1L2, Layer, LayerNormalization, MaxNorm, MinMaxNorm, SpatialDropout2D } from '../../src/layers/index.js';

/** Keras 3.15.1 `serialize_keras_object` of each new layer (test/fixtures/keras-batchnorm/make_fixture.py). */
const { configs } = JSON.parse(readFileSync(new URL('../fixtures/keras-batchnorm/fixture.json', import.meta.url), 'utf8')) as { configs: { class_name: string; config: ConfigDict }[] };

function load(i: number): Layer {
  const { class_name: name, config } = configs[i]!;
  const cls = BUILT_IN_LAYERS.find((c) => c.className === name);
  if (!cls) throw new Error(`no built-in ${name}`);
  return cls.fromConfig(cls, config);
}

describe('Keras 3 configs of the normalization and noise layers, regularizers and constraints load', () => {
  it('BatchNormalization with a Keras L2 beta regularizer and a MaxNorm gamma constraint', () => {
    const bn = load(0) as BatchNormalization;
    expect([bn.momentum, bn.epsilon, bn.axis]).toEqual([0.9, 0.001, -1]);
    expect((bn.betaRegularizer as L1L2).l2).toBe(0.01);
    expect((bn.gammaConstraint as MaxNorm).maxValue).toBe(2);
  });
  it('LayerNormalization over two axes with a string regularizer id', () => {
    const ln = load(1) as LayerNormalization;
    expect([ln.axis, ln.epsilon]).toEqual([[1, 2], 1e-5]);
    expect((ln.gammaRegularizer as L1L2).l1).toBe(Math.fround(0.01)); // Keras's L1 writes its factor as a float32
  });
  it('Dense with L1L2, an activity regularizer, MinMaxNorm, NonNeg, L1 and UnitNorm', () => {
    const a = load(2) as Dense;
    expect([(a.kernelRegularizer as L1L2).l1, (a.kernelRegularizer as L1L2).l2, (a.activityRegularizer as L1L2).l2]).toEqual([0.01, 0.02, 0.01]);
    expect((a.kernelConstraint as MinMaxNorm).getConfig()).toEqual({ minValue: 0.5, maxValue: 1.5, rate: 0.5, axis: 0 });
    expect(a.biasConstraint?.className).toBe('NonNeg');
    const b = load(3) as Dense;
    expect([(b.kernelRegularizer as L1L2).l1, (b.kernelRegularizer as L1L2).l2]).toEqual([Math.fround(0.3), 0]);
    expect(b.kernelConstraint?.getConfig()).toEqual({ axis: 1 });
  });
  it('the noise layers with their rates, seeds and data format', () => {
    expect(load(4).getConfig()).toMatchObject({ stddev: 0.1, seed: 3 });
    expect(load(5).getConfig()).toMatchObject({ rate: 0.2, seed: null });
    expect(load(6).getConfig()).toMatchObject({ rate: 0.1, noise_shape: null });
    expect(load(7).getConfig()).toMatchObject({ rate: 0.2 });
    expect((load(8) as SpatialDropout2D).dataFormat).toBe('channelsFirst');
  });
});
