import { describe, expect, it } from 'vitest';
import { toPythonic } from '../../src/io/index.js';
import { Dense, MaxNorm, constraints, getConstraint, layers } from '../../src/layers/index.js';
import type { Constraint } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { tensor2d } from '../../src/ops/create.js';
import { mean, square, sub } from '../../src/ops/index.js';
import { train } from '../../src/optimizers/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const x = randomTensor(xorshift(1), [8, 3], { lo: -3, hi: 3 });
const y = tensor2d([[1, 0], [0, 1], [1, 1], [0, 0], [2, 1], [1, 2], [3, 0], [0, 3]]);

/** Trains one step of a Dense(2) on x → y with the given kernel constraint (none: null). */
async function oneStep(constraint: Constraint | null): Promise<Tensor> {
  setRandomSeed(21);
  const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [3], kernelInitializer: { className: 'RandomNormal', config: { mean: 0, stddev: 3 } }, kernelConstraint: constraint })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  await model.fit(x, y, { batchSize: 8, verbose: 0 });
  return model.getWeights()[0] as Tensor;
}

/** Column norms of a [rows, cols] kernel, in float64. */
function columnNorms(w: Tensor): number[] {
  const [rows, cols] = w.shape as [number, number];
  return Array.from({ length: cols }, (_, c) => Math.sqrt(Array.from({ length: rows }, (_, r) => (w.values[r * cols + c] as number) ** 2).reduce((s, v) => s + v, 0)));
}

describe('constraints', () => {
  it('fit applies the kernel constraint after the optimizer update: the weights are the constraint of the unconstrained step, bit for bit', async () => {
    const free = await oneStep(null);
    for (const c of [constraints.maxNorm({ maxValue: 1 }), constraints.unitNorm(), constraints.nonNeg(), constraints.minMaxNorm({ minValue: 0.5, maxValue: 0.8, rate: 0.7 })]) {
      expectSameBits((await oneStep(c)).values, c.apply(free).values, c.className);
    }
  });

  it('maxNorm caps each column norm at maxValue, unitNorm makes it 1, nonNeg zeros the negatives, minMaxNorm keeps it in range', () => {
    const w = randomTensor(xorshift(4), [5, 4], { lo: -3, hi: 3 });
    for (const n of columnNorms(constraints.maxNorm({ maxValue: 2 }).apply(w))) expect(n).toBeLessThanOrEqual(2 + 1e-6);
    for (const n of columnNorms(constraints.unitNorm().apply(w))) expect(Math.abs(n - 1)).toBeLessThan(1e-6);
    for (const n of columnNorms(constraints.minMaxNorm({ minValue: 3, maxValue: 4 }).apply(w))) expect(n >= 3 - 1e-5 && n <= 4 + 1e-5).toBe(true);
    expect(Array.from(constraints.nonNeg().apply(w).values).every((v) => v >= 0)).toBe(true);
    const rows = columnNorms(constraints.maxNorm({ maxValue: 1, axis: 1 }).apply(w).transpose());
    for (const n of rows) expect(n).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('leave a frozen layer alone', async () => {
    setRandomSeed(2);
    const dense = layers.dense({ units: 2, inputShape: [3], kernelInitializer: { className: 'RandomNormal', config: { mean: 0, stddev: 5 } }, kernelConstraint: constraints.unitNorm() });
    const model = sequential({ layers: [dense, layers.dense({ units: 2 })] });
    dense.trainable = false;
    const before = dense.getWeights()[0] as Tensor;
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await model.fit(x, y, { batchSize: 8, verbose: 0 });
    expectSameBits((dense.getWeights()[0] as Tensor).values, before.values);
  });

  it('serialize as TF.js does and load TF.js and Keras spellings', () => {
    const config = layers.dense({ units: 1, kernelConstraint: constraints.maxNorm({ maxValue: 3 }), biasConstraint: 'nonNeg' }).getConfig();
    expect(config['kernel_constraint']).toEqual({ className: 'MaxNorm', config: { maxValue: 3, axis: 0 } });
    expect(toPythonic(config)['kernel_constraint']).toEqual({ class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } });
    const dense = Dense.fromConfig(Dense, { units: 2, kernel_constraint: { module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 1.5, axis: 0 }, registered_name: null }, bias_constraint: 'non_neg' });
    expect((dense.kernelConstraint as MaxNorm).maxValue).toBe(1.5);
    expect(dense.biasConstraint?.className).toBe('NonNeg');
    expect(getConstraint({ className: 'MinMaxNorm', config: { minValue: 0.5 } })?.getConfig()).toEqual({ minValue: 0.5, maxValue: 1, rate: 1, axis: 0 });
    expect(() => getConstraint('maxNrom')).toThrow(/Unknown constraint 'maxNrom'\. Did you mean 'maxNorm'\?/);
    expect(() => constraints.maxNorm({ maxValue: -1 })).toThrow(/MaxNorm: maxValue must be a finite number >= 0\. Received: maxValue=-1/);
  });
});

describe('constraints in custom loops', () => {
  it('optimizer.minimize applies a layer weight\'s constraint after the update, as Keras\'s apply_gradients', () => {
    setRandomSeed(8);
    const dense = layers.dense({ units: 2, kernelInitializer: { className: 'RandomNormal', config: { mean: 0, stddev: 4 } }, kernelConstraint: constraints.unitNorm() });
    dense.apply(x);
    const kernel = dense.weights[0]!;
    train.sgd(0.1).minimize(() => mean(square(sub(dense.apply(x), y))), false, [kernel]);
    for (const c of [0, 1]) {
      const norm = Math.sqrt([0, 1, 2].reduce((s, r) => s + (kernel.values[r * 2 + c] as number) ** 2, 0));
      expect(Math.abs(norm - 1)).toBeLessThan(1e-6);
    }
  });
});
