import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import type { Layer } from '../../src/layers/index.js';
import { key } from '../../src/random/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { ones } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const DROPOUT_KEYS = ['rate', 'noise_shape', 'seed', 'name', 'trainable'];

/** x / (1 − rate) where the layer's mask keeps (read by running it on ones in the harness's fixed context), else 0. */
function maskedRef(rate: number) {
  return (x: Ref, _w: readonly Ref[], probe: (t: Tensor) => Tensor): Ref => {
    const kept = probe(ones(x.shape)).values;
    return { shape: x.shape.slice(), data: x.data.map((v, i) => (kept[i] === 0 ? 0 : v / (1 - rate))) };
  };
}
const identityRef = (x: Ref): Ref => ({ shape: x.shape.slice(), data: x.data.slice() });

/** The fraction of zeros in a layer's output for an all-ones input. */
function droppedFraction(y: Tensor): number {
  return Array.from(y.values).filter((v) => v === 0).length / y.size;
}

describe('Dropout layer contract', () => {
  runLayerTest('dropout outside training (the identity)', {
    make: () => layers.dropout({ rate: 0.5 }), inputShape: [3, 4], expectedOutputShape: [3, 4], configKeys: DROPOUT_KEYS,
    gradient: { reference: identityRef },
  });
  runLayerTest('dropout in training, rate 0.5', {
    make: () => layers.dropout({ rate: 0.5 }), training: true, inputShape: [3, 4], expectedOutputShape: [3, 4], configKeys: DROPOUT_KEYS,
    gradient: { reference: maskedRef(0.5) },
  });
  runLayerTest('dropout in training, rate 0 (the identity)', {
    make: () => layers.dropout({ rate: 0 }), training: true, inputShape: [3, 4], expectedOutputShape: [3, 4],
    gradient: { reference: identityRef },
  });
  runLayerTest('dropout in training, rate 1 (zeros)', {
    make: () => layers.dropout({ rate: 1 }), training: true, inputShape: [3, 4], expectedOutputShape: [3, 4],
    gradient: { reference: (x) => ({ shape: x.shape.slice(), data: new Float64Array(x.data.length) }) },
  });
  runLayerTest('dropout in training with noiseShape [1, null, 1] on a rank-3 input', {
    make: () => layers.dropout({ rate: 0.3, noiseShape: [1, null, 1] }), training: true, inputShape: [2, 5, 3], expectedOutputShape: [2, 5, 3],
    gradient: { reference: maskedRef(0.3) },
  });
  runLayerTest('dropout in training with a seed of its own', {
    make: () => layers.dropout({ rate: 0.25, seed: 17 }), training: true, inputShape: [4, 4], expectedOutputShape: [4, 4], configKeys: DROPOUT_KEYS,
    gradient: { reference: maskedRef(0.25) },
  });
});

describe('Dropout behaviour', () => {
  it('zeros about `rate` of the elements and scales the others by 1 / (1 − rate)', () => {
    for (const rate of [0.1, 0.5, 0.9]) {
      const y = layers.dropout({ rate }).apply(ones([100, 100]), { training: true });
      // 10,000 Bernoulli draws: standard deviation of the fraction ≤ 0.005; allow 4σ.
      expect(Math.abs(droppedFraction(y) - rate), `rate ${rate}`).toBeLessThan(0.02);
      const kept = Array.from(y.values).filter((v) => v !== 0);
      expect(new Set(kept).size).toBe(1);
      expect(Math.abs((kept[0] as number) * (1 - rate) - 1)).toBeLessThan(1e-6);
    }
  });

  it('is the identity outside training, returning the same bits', () => {
    const x = randomTensor(xorshift(3), [4, 5]);
    expectSameBits(layers.dropout({ rate: 0.5 }).apply(x).values, x.values);
  });

  it('gives exact zeros at rate 1 in training (Keras; TF.js passes the input through)', () => {
    const y = layers.dropout({ rate: 1 }).apply(randomTensor(xorshift(4), [3, 3]), { training: true });
    expect(Array.from(y.values).every((v) => Object.is(v, 0))).toBe(true);
  });

  it('shares one mask across the axes where noiseShape is 1', () => {
    const y = layers.dropout({ rate: 0.5, noiseShape: [1, null] }).apply(ones([6, 40]), { training: true });
    const rows = y.arraySync() as number[][];
    for (const row of rows) expect(row).toEqual(rows[0]);
    expect(droppedFraction(y)).toBeGreaterThan(0);
  });

  it('draws a new mask at every step', () => {
    const dropout = layers.dropout({ rate: 0.5 });
    const first = dropout.apply(ones([8, 8]), { training: true });
    const second = dropout.apply(ones([8, 8]), { training: true });
    expect(Array.from(second.values)).not.toEqual(Array.from(first.values));
  });

  it('draws the same masks, step by step, in every run with the same seed', () => {
    const run = (): number[][] => {
      setRandomSeed(42);
      const dropout = layers.dropout({ rate: 0.5 });
      return [0, 1, 2].map(() => Array.from(dropout.apply(ones([5, 7]), { training: true }).values));
    };
    expect(run()).toEqual(run());
  });

  it('makes the mask of step t a pure function of (seed, layer position, t)', () => {
    const at = (layer: Layer, step: number): number[] => Array.from((layer.invoke(ones([4, 9]), { training: true, step, seedKey: key(5) }) as Tensor).values);
    const a = layers.dropout({ rate: 0.5 });
    const b = layers.dropout({ rate: 0.5 });
    at(a, 0); // the history of calls does not matter
    expect(at(a, 7)).toEqual(at(b, 7));
    expect(at(a, 8)).not.toEqual(at(a, 7));
    const other = layers.dropout({ rate: 0.5 });
    other.randomPath = '3.Dropout'; // another position in a model
    expect(at(other, 7)).not.toEqual(at(a, 7));
  });

  it('follows the global seed unless it has a seed of its own', () => {
    const mask = (globalSeed: number, seed?: number): number[] => {
      setRandomSeed(globalSeed);
      return Array.from(layers.dropout(seed === undefined ? { rate: 0.5 } : { rate: 0.5, seed }).apply(ones([6, 6]), { training: true }).values);
    };
    expect(mask(1)).not.toEqual(mask(2));
    expect(mask(1, 9)).toEqual(mask(2, 9));
    expect(mask(1, 9)).not.toEqual(mask(1, 10));
  });
});

describe('Dropout bad input', () => {
  it('rejects a rate outside [0, 1], quoting it', () => {
    expect(() => layers.dropout({ rate: 1.5 })).toThrow(/dropout(_\d+)?: rate must be a number in \[0, 1\]\. Received: rate=1\.5/);
    expect(() => layers.dropout({ rate: -0.1 })).toThrow(/Received: rate=-0\.1/);
    expect(() => layers.dropout({ rate: NaN })).toThrow(/Received: rate=NaN/);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => layers.dropout({ rate: 0.5, seed: 1.5 })).toThrow(/seed must be an integer\. Received: seed=1\.5/);
  });

  it('rejects a noiseShape that does not broadcast to the input, naming both', () => {
    const dropout = layers.dropout({ rate: 0.5, noiseShape: [2, null], name: 'dropout_noise' });
    expect(() => dropout.apply(ones([4, 3]), { training: true })).toThrow('dropout_noise: noiseShape [2,null] does not broadcast to the input shape [4, 3]');
  });
});
