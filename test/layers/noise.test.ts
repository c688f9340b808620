import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import type { Layer } from '../../src/layers/index.js';
import { ones, zeros } from '../../src/ops/create.js';
import { randomNormal } from '../../src/ops/random.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { fixedContext, runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

type Probe = (t: Tensor) => Tensor;
const identityRef = (x: Ref): Ref => ({ shape: x.shape.slice(), data: x.data.slice() });
/** x + the noise the layer adds to zeros in the harness's fixed context. */
const additiveRef = (x: Ref, _w: readonly Ref[], probe: Probe): Ref => {
  const n = probe(zeros(x.shape)).values;
  return { shape: x.shape.slice(), data: x.data.map((v, i) => v + (n[i] as number)) };
};
/** x · the factor the layer applies to ones. */
const multiplicativeRef = (x: Ref, _w: readonly Ref[], probe: Probe): Ref => {
  const n = probe(ones(x.shape)).values;
  return { shape: x.shape.slice(), data: x.data.map((v, i) => v * (n[i] as number)) };
};
/** Dropped elements where the output ignores the input; kept ones scaled by 1/(1 − rate). */
const channelDropRef = (rate: number) => (x: Ref, _w: readonly Ref[], probe: Probe): Ref => {
  const kept = probe(ones(x.shape)).values;
  return { shape: x.shape.slice(), data: x.data.map((v, i) => (kept[i] === 0 ? 0 : v / (1 - rate))) };
};
const ALPHA_P = -1.6732632423543772 * 1.0507009873554805;
/** Keras: a · (kept ? x : α') + b. */
const alphaRef = (rate: number) => (x: Ref, _w: readonly Ref[], probe: Probe): Ref => {
  const one = probe(ones(x.shape)).values;
  const two = probe(ones(x.shape).mul(2)).values;
  const a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5;
  const b = -a * ALPHA_P * rate;
  return { shape: x.shape.slice(), data: x.data.map((v, i) => a * (one[i] !== two[i] ? v : ALPHA_P) + b) };
};

describe('noise layer contracts', () => {
  runLayerTest('spatialDropout1d outside training', { make: () => layers.spatialDropout1d({ rate: 0.5 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], configKeys: ['rate', 'seed', 'name', 'trainable'], gradient: { reference: identityRef } });
  runLayerTest('spatialDropout1d in training', { make: () => layers.spatialDropout1d({ rate: 0.5 }), training: true, inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], gradient: { reference: channelDropRef(0.5) } });
  runLayerTest('spatialDropout2d in training (channels last)', { make: () => layers.spatialDropout2d({ rate: 0.4 }), training: true, inputShape: [2, 3, 2, 4], expectedOutputShape: [2, 3, 2, 4], configKeys: ['rate', 'seed', 'data_format', 'name', 'trainable'], gradient: { reference: channelDropRef(0.4) } });
  runLayerTest('spatialDropout2d in training (channels first)', { make: () => layers.spatialDropout2d({ rate: 0.4, dataFormat: 'channelsFirst' }), training: true, inputShape: [2, 4, 3, 2], expectedOutputShape: [2, 4, 3, 2], gradient: { reference: channelDropRef(0.4) } });
  runLayerTest('gaussianNoise outside training', { make: () => layers.gaussianNoise({ stddev: 0.5 }), inputShape: [3, 4], expectedOutputShape: [3, 4], configKeys: ['stddev', 'seed', 'name', 'trainable'], gradient: { reference: identityRef } });
  runLayerTest('gaussianNoise in training', { make: () => layers.gaussianNoise({ stddev: 0.5 }), training: true, inputShape: [3, 4], expectedOutputShape: [3, 4], gradient: { reference: additiveRef } });
  runLayerTest('gaussianDropout in training', { make: () => layers.gaussianDropout({ rate: 0.3 }), training: true, inputShape: [3, 4], expectedOutputShape: [3, 4], configKeys: ['rate', 'seed', 'name', 'trainable'], gradient: { reference: multiplicativeRef } });
  runLayerTest('alphaDropout in training', { make: () => layers.alphaDropout({ rate: 0.3 }), training: true, inputShape: [4, 5], expectedOutputShape: [4, 5], configKeys: ['rate', 'noise_shape', 'seed', 'name', 'trainable'], gradient: { reference: alphaRef(0.3) } });
  runLayerTest('alphaDropout with a seed and noiseShape', { make: () => layers.alphaDropout({ rate: 0.2, seed: 5, noiseShape: [null, 1] }), training: true, inputShape: [4, 5], expectedOutputShape: [4, 5], gradient: { reference: alphaRef(0.2) } });
});

function stats(values: ArrayLike<number>): { mean: number; std: number } {
  const v = Array.from(values);
  const mean = v.reduce((s, a) => s + a, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((s, a) => s + (a - mean) ** 2, 0) / v.length) };
}

describe('noise layer behaviour', () => {
  it('spatialDropout1d zeros whole channels of each sample, about `rate` of them', () => {
    const y = layers.spatialDropout1d({ rate: 0.5 }).apply(ones([20, 7, 50]), { training: true }).arraySync() as number[][][];
    let dropped = 0;
    for (const sample of y) {
      for (let c = 0; c < 50; c++) {
        const channel = new Set(sample.map((step) => step[c]));
        expect(channel.size).toBe(1);
        if (channel.has(0)) dropped++;
      }
    }
    expect(Math.abs(dropped / 1000 - 0.5)).toBeLessThan(0.07); // 1,000 draws: σ ≈ 0.016
  });

  it('spatialDropout2d shares the mask over rows and columns, per channel', () => {
    const y = layers.spatialDropout2d({ rate: 0.5, dataFormat: 'channelsFirst' }).apply(ones([3, 16, 4, 5]), { training: true }).arraySync() as number[][][][];
    for (const sample of y) for (const channel of sample) expect(new Set(channel.flat()).size).toBe(1);
  });

  it('gaussianNoise adds noise of the given standard deviation, new at each step, the same for the same seed and step', () => {
    const layer = layers.gaussianNoise({ stddev: 0.3 });
    const x = zeros([100, 100]);
    const ctx = fixedContext(true);
    const a = layer.invoke(x, ctx);
    const s = stats(a.values);
    expect(Math.abs(s.mean)).toBeLessThan(0.012);
    expect(Math.abs(s.std - 0.3)).toBeLessThan(0.012);
    expectSameBits(layer.invoke(x, ctx).values, a.values);
    expect(Array.from(layer.invoke(x, { ...ctx, step: 1 }).values)).not.toEqual(Array.from(a.values));
  });

  it('gaussianDropout multiplies by noise of mean 1 and standard deviation √(rate / (1 − rate))', () => {
    const s = stats(layers.gaussianDropout({ rate: 0.2 }).apply(ones([100, 100]), { training: true }).values);
    expect(Math.abs(s.mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.std - 0.5)).toBeLessThan(0.02);
  });

  it('alphaDropout keeps a standard normal input near mean 0 and variance 1', () => {
    const x = randomNormal([200, 100], 0, 1, 'float32', 3);
    const s = stats(layers.alphaDropout({ rate: 0.2 }).apply(x, { training: true }).values);
    expect(Math.abs(s.mean)).toBeLessThan(0.03);
    expect(Math.abs(s.std - 1)).toBeLessThan(0.03);
  });

  it('spatialDropout at rate 1 gives exact zeros in training (Keras), gaussianNoise at stddev 0 the input', () => {
    const x = randomTensor(xorshift(10), [2, 3, 4]);
    expect(Array.from(layers.spatialDropout1d({ rate: 1 }).apply(x, { training: true }).values).every((v) => Object.is(v, 0))).toBe(true);
    expectSameBits(layers.gaussianNoise({ stddev: 0 }).apply(x, { training: true }).values, x.values);
  });

  it('are the identity outside training, returning the same bits', () => {
    const x = randomTensor(xorshift(9), [2, 3, 4]);
    const all: Layer[] = [layers.spatialDropout1d({ rate: 0.5 }), layers.gaussianNoise({ stddev: 1 }), layers.gaussianDropout({ rate: 0.5 }), layers.alphaDropout({ rate: 0.5 })];
    for (const l of all) expectSameBits((l.apply(x) as Tensor).values, x.values, l.className);
  });

  it('refuse bad arguments and inputs, naming the layer and the value', () => {
    expect(() => layers.gaussianNoise({ stddev: -1 })).toThrow(/stddev must be a finite number >= 0\. Received: stddev=-1/);
    expect(() => layers.gaussianDropout({ rate: 1 })).toThrow(/rate must be a number in \[0, 1\)\. Received: rate=1/);
    expect(() => layers.alphaDropout({ rate: -0.1 })).toThrow(/Received: rate=-0\.1/);
    expect(() => layers.spatialDropout1d({ rate: 0.5, name: 'sd_probe' }).apply(ones([2, 3]))).toThrow('sd_probe: expected input of rank 3 [batch, steps, channels], received [2, 3]');
  });
});
