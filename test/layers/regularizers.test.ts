import { describe, expect, it } from 'vitest';
import { toPythonic } from '../../src/io/index.js';
import { Dense, Embedding, L1L2, getRegularizer, layers, regularizers } from '../../src/layers/index.js';
import type { Layer } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import { train } from '../../src/optimizers/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { runLayerTest } from '../helpers/layer-harness.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const DENSE_KEYS = [
  'units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer',
  'activity_regularizer', 'kernel_constraint', 'bias_constraint', 'name', 'trainable',
];

const linearRef = (x: Ref, [k, b]: readonly Ref[]): Ref => {
  const [n, u] = (k as Ref).shape as [number, number];
  const rows = x.data.length / n;
  const out = new Float64Array(rows * u);
  for (let r = 0; r < rows; r++) for (let j = 0; j < u; j++) {
    let acc = (b as Ref).data[j] as number;
    for (let i = 0; i < n; i++) acc += (x.data[r * n + i] as number) * ((k as Ref).data[i * u + j] as number);
    out[r * u + j] = acc;
  }
  return { shape: [rows, u], data: out };
};

describe('Dense with regularizers: layer contract', () => {
  runLayerTest('dense with kernel, bias and activity regularizers', {
    make: () => layers.dense({ units: 3, kernelRegularizer: regularizers.l2({ l2: 1e-3 }), biasRegularizer: regularizers.l1(), activityRegularizer: regularizers.l1l2({ l1: 1e-4, l2: 1e-5 }) }),
    inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: [{ name: 'kernel', shape: [4, 3] }, { name: 'bias', shape: [3] }],
    configKeys: DENSE_KEYS, gradient: { reference: linearRef },
  });
});

const sumOf = (t: Tensor, f: (v: number) => number): number => Array.from(t.values).reduce((s, v) => s + f(v), 0);

describe('regularizers', () => {
  it('compute l1 · Σ|x| + l2 · Σx² (Keras 3), within float32 rounding of the float64 value', () => {
    const w = randomTensor(xorshift(3), [5, 4], { lo: -2, hi: 2 });
    const expected = 0.01 * sumOf(w, Math.abs) + 0.02 * sumOf(w, (v) => v * v);
    const got = regularizers.l1l2({ l1: 0.01, l2: 0.02 }).apply(w).values[0] as number;
    expect(Math.abs(got - expected)).toBeLessThan(1e-6 * expected);
    expect(regularizers.l2().apply(w).values[0]).toBeCloseTo(0.01 * sumOf(w, (v) => v * v), 5);
    expect(regularizers.l1().l2).toBe(0);
  });

  it('serialize as TF.js does and load the Keras spellings (L1, L2, L1L2, string ids)', () => {
    expect(layers.dense({ units: 1, kernelRegularizer: regularizers.l2() }).getConfig()['kernel_regularizer']).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.01 } });
    expect(toPythonic(layers.dense({ units: 1, biasRegularizer: regularizers.l1({ l1: 0.5 }) }).getConfig())['bias_regularizer']).toEqual({ class_name: 'L1L2', config: { l1: 0.5, l2: 0 } });
    expect(getRegularizer({ module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.001 }, registered_name: null } as never)).toMatchObject({ l1: 0, l2: 0.001 });
    expect(getRegularizer({ class_name: 'L1L2', config: { l2: 0.1 } })).toMatchObject({ l1: 0, l2: 0.1 }); // Keras L1L2 defaults to 0
    expect(getRegularizer('l1_l2')).toMatchObject({ l1: 0.01, l2: 0.01 });
    const dense = Dense.fromConfig(Dense, { units: 2, kernel_regularizer: { class_name: 'L1', config: { l1: 0.2 } } });
    expect((dense.kernelRegularizer as L1L2).l1).toBe(0.2);
    expect(() => getRegularizer('l3')).toThrow(/Unknown regularizer 'l3'/);
    expect(() => regularizers.l2({ l2: -1 })).toThrow(/l2 must be a finite number >= 0\. Received: l2=-1/);
  });

  it('fit reports the compiled loss plus the penalties of the weights before the step (Keras), against a float64 computation', async () => {
    setRandomSeed(5);
    const x = randomTensor(xorshift(1), [6, 3]);
    const y = tensor2d([[1], [0], [1], [0], [1], [1]]);
    const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], kernelRegularizer: regularizers.l2({ l2: 0.1 }), biasInitializer: 'ones', biasRegularizer: regularizers.l1({ l1: 0.2 }), activityRegularizer: regularizers.l1({ l1: 0.05 }) }), layers.dense({ units: 1, kernelRegularizer: regularizers.l1l2({ l1: 0.3, l2: 0.4 }) })] });
    model.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError' });
    const hidden = (model.layers[0] as Layer).apply(x) as Tensor;
    const pred = model.predict(x);
    const [k1, b1, k2] = model.getWeights() as [Tensor, Tensor, Tensor];
    const mse = Array.from(pred.values).reduce((s, p, i) => s + (p - (y.values[i] as number)) ** 2, 0) / 6;
    const expected = mse + 0.05 * sumOf(hidden, Math.abs) / 6 + 0.1 * sumOf(k1, (v) => v * v) + 0.2 * sumOf(b1, Math.abs) + 0.3 * sumOf(k2, Math.abs) + 0.4 * sumOf(k2, (v) => v * v);
    const history = await model.fit(x, y, { batchSize: 6, verbose: 0 });
    expect(Math.abs((history.history['loss']![0] as number) - expected)).toBeLessThan(1e-6 * expected);
    // evaluate counts the penalties of the current weights too (Keras test_step)
    const after = model.evaluate(x, y) as Tensor;
    const [k1b, b1b, k2b] = model.getWeights() as [Tensor, Tensor, Tensor];
    const h2 = (model.layers[0] as Layer).apply(x) as Tensor;
    const mse2 = Array.from(model.predict(x).values).reduce((s, p, i) => s + (p - (y.values[i] as number)) ** 2, 0) / 6;
    const expected2 = mse2 + 0.05 * sumOf(h2, Math.abs) / 6 + 0.1 * sumOf(k1b, (v) => v * v) + 0.2 * sumOf(b1b, Math.abs) + 0.3 * sumOf(k2b, Math.abs) + 0.4 * sumOf(k2b, (v) => v * v);
    expect(Math.abs((after.values[0] as number) - expected2)).toBeLessThan(1e-6 * expected2);
  });

  it('penalize only trainable layers', () => {
    const dense = layers.dense({ units: 2, kernelRegularizer: regularizers.l2() });
    dense.apply(randomTensor(xorshift(2), [1, 3]));
    expect(dense.regularizationLosses()).toHaveLength(1);
    dense.trainable = false;
    expect(dense.regularizationLosses()).toHaveLength(0);
  });
});

describe('Embedding adopts regularizers and constraints through addWeight', () => {
  it('penalizes its matrix, projects it after a step, and round-trips the config', async () => {
    setRandomSeed(6);
    const embedding = layers.embedding({ inputDim: 5, outputDim: 3, inputLength: 2, embeddingsRegularizer: regularizers.l2({ l2: 0.5 }), embeddingsConstraint: 'nonNeg' });
    const model = sequential({ layers: [embedding, layers.flatten(), layers.dense({ units: 1 })] });
    const w = embedding.getWeights()[0] as Tensor;
    expect(embedding.regularizationLosses()[0]!.values[0]).toBeCloseTo(0.5 * sumOf(w, (v) => v * v), 5);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await model.fit(tensor2d([[0, 1], [2, 3], [4, 0]]), tensor2d([[1], [0], [1]]), { verbose: 0 });
    expect(Array.from((embedding.getWeights()[0] as Tensor).values).every((v) => v >= 0)).toBe(true);
    const copy = Embedding.fromConfig(Embedding, toPythonic(embedding.getConfig()));
    expect(copy.getConfig()).toEqual(embedding.getConfig());
    expect(copy.getConfig()['embeddings_constraint']).toEqual({ className: 'NonNeg', config: {} });
  });
});
