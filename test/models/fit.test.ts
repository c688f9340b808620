import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import type { Sequential } from '../../src/models/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { tensor, tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const x = randomTensor(xorshift(21), [20, 4]);
const y = randomTensor(xorshift(22), [20, 2]);

function regression(seed = 3, dropout = false): Sequential {
  setRandomSeed(seed);
  const model = sequential({
    layers: [
      layers.dense({ units: 6, activation: 'tanh', inputShape: [4] }),
      ...(dropout ? [layers.dropout({ rate: 0.3 })] : []),
      layers.dense({ units: 2 }),
    ],
  });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}

function weightBits(model: Sequential): number[][] {
  return model.getWeights().map((w) => Array.from(new Uint32Array(new Float32Array(w.values).buffer)));
}

const lossOf = (t: Tensor | Tensor[]): number => (Array.isArray(t) ? (t[0] as Tensor) : t).values[0] as number;

describe('fit returns a History', () => {
  it('with the epochs run, a loss per epoch and the TF.js params', async () => {
    const model = regression();
    const history = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(Object.keys(history.history)).toEqual(['loss']);
    expect(history.history['loss']?.length).toBe(3);
    expect(history.params).toEqual({ epochs: 3, initialEpoch: 0, samples: 20, steps: 3, batchSize: 8, verbose: 0, doValidation: false, metrics: ['loss'] });
  });

  it('whose epoch loss on one unshuffled full batch is the loss before the update', async () => {
    const model = regression();
    const before = lossOf(model.evaluate(x, y));
    const history = await model.fit(x, y, { batchSize: 20, shuffle: false, verbose: 0 });
    expect(Object.is(history.history['loss']?.[0], before)).toBe(true);
  });

  it('with val_loss (listed first, as TF.js) from validationSplit, computed on the last rows with the final weights', async () => {
    const model = regression();
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, validationSplit: 0.25, verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['val_loss', 'loss']);
    expect(history.params).toMatchObject({ samples: 15, steps: 4, doValidation: true, metrics: ['loss', 'val_loss'] });
    const tail = { x: tensor(Array.from(x.values).slice(60), [5, 4]), y: tensor(Array.from(y.values).slice(30), [5, 2]) };
    expect(Object.is(history.history['val_loss']?.[1], lossOf(model.evaluate(tail.x, tail.y)))).toBe(true);
  });

  it('with val_loss and validation metrics from validationData', async () => {
    const model = regression();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mae'] });
    const vx = randomTensor(xorshift(23), [6, 4]);
    const vy = randomTensor(xorshift(24), [6, 2]);
    const history = await model.fit(x, y, { epochs: 2, validationData: [vx, vy], verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['val_loss', 'val_mae', 'loss', 'mae']);
    const [loss, mae] = model.evaluate(vx, vy) as Tensor[];
    expect(Object.is(history.history['val_loss']?.[1], loss?.values[0])).toBe(true);
    expect(Object.is(history.history['val_mae']?.[1], mae?.values[0])).toBe(true);
  });

  it('with metric values as float32 numbers, like the loss: an mse metric logs the loss bits', async () => {
    const model = regression();
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mse'] });
    const history = await model.fit(x, y, { epochs: 2, batchSize: 7, verbose: 0 });
    expect(history.history['mse']).toEqual(history.history['loss']);
  });

  it('where validationData takes precedence over validationSplit', async () => {
    const model = regression();
    const history = await model.fit(x, y, { validationSplit: 0.5, validationData: [x, y], verbose: 0 });
    expect(history.params).toMatchObject({ samples: 20 });
  });
});

describe('fit is a pure function of (seed, data, arguments)', () => {
  it('gives identical weight bits for the same seed in one process', async () => {
    const run = async (): Promise<number[][]> => {
      const model = regression(5);
      await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
      return weightBits(model);
    };
    expect(await run()).toEqual(await run());
  });

  it('gives identical weight bits with dropout for the same seed', async () => {
    const run = async (): Promise<number[][]> => {
      const model = regression(5, true);
      await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
      return weightBits(model);
    };
    expect(await run()).toEqual(await run());
  });

  it('shuffles by the seed: from the same initial weights, another seed gives other weights', async () => {
    const initial = regression(5).getWeights();
    const trainWith = async (seed: number, shuffle: boolean): Promise<number[][]> => {
      const model = regression(5);
      model.setWeights(initial);
      setRandomSeed(seed);
      await model.fit(x, y, { epochs: 2, batchSize: 4, shuffle, verbose: 0 });
      return weightBits(model);
    };
    expect(await trainWith(1, true)).toEqual(await trainWith(1, true));
    expect(await trainWith(1, true)).not.toEqual(await trainWith(2, true));
    expect(await trainWith(1, false)).toEqual(await trainWith(2, false));
  });

  it('makes epoch e depend only on (seed, e): resuming at initialEpoch 1 equals one two-epoch fit', async () => {
    const whole = regression(7, true);
    await whole.fit(x, y, { epochs: 2, batchSize: 6, verbose: 0 });
    const resumed = regression(7, true);
    await resumed.fit(x, y, { epochs: 1, batchSize: 6, verbose: 0 });
    const history = await resumed.fit(x, y, { epochs: 2, initialEpoch: 1, batchSize: 6, verbose: 0 });
    expect(history.epoch).toEqual([1]);
    expect(weightBits(resumed)).toEqual(weightBits(whole));
  });

  it('reports an epoch loss that does not depend on the batch size when nothing trains', async () => {
    const losses = await Promise.all([1, 3, 20].map(async (batchSize) => {
      const model = regression();
      model.trainable = false;
      const history = await model.fit(x, y, { batchSize, verbose: 0 });
      return history.history['loss']?.[0];
    }));
    expect(new Set(losses).size).toBe(1);
  });

  it('stops after stepsPerEpoch batches', async () => {
    const model = regression();
    const history = await model.fit(x, y, { batchSize: 2, stepsPerEpoch: 3, verbose: 0 });
    expect(history.params).toMatchObject({ steps: 3 });
  });
});

describe('sample and class weights', () => {
  // y = x · k with k = [1, 1] (no bias), loss mse over one output: per-sample loss (ŷ − y)².
  const xs = [[1, 2], [0, 1], [2, 0], [1, 1]];
  const labels = [0, 1, 1, 0];
  const lr = 0.01;

  function linear(): Sequential {
    const model = sequential({ layers: [layers.dense({ units: 1, useBias: false, kernelInitializer: 'ones', inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    return model;
  }

  /** Loss Σ wᵢ(ŷᵢ − yᵢ)² / N and the kernel after one SGD step on its gradient, by hand in float64. */
  function byHand(weights: number[]): { loss: number; kernel: number[] } {
    let loss = 0;
    const grad = [0, 0];
    xs.forEach(([a, b], i) => {
      const e = (a as number) + (b as number) - (labels[i] as number);
      loss += (weights[i] as number) * e * e;
      grad[0] = (grad[0] as number) + (weights[i] as number) * 2 * e * (a as number);
      grad[1] = (grad[1] as number) + (weights[i] as number) * 2 * e * (b as number);
    });
    return { loss: loss / xs.length, kernel: grad.map((g) => 1 - (lr * g) / xs.length) };
  }

  async function fitOnce(args: { sampleWeight?: Tensor; classWeight?: Record<number, number> }): Promise<{ loss: number; kernel: number[] }> {
    const model = linear();
    const history = await model.fit(tensor2d(xs), tensor2d(labels.map((l) => [l])), { batchSize: 4, shuffle: false, verbose: 0, ...args });
    return { loss: history.history['loss']?.[0] as number, kernel: Array.from(model.getWeights()[0]?.values ?? []) };
  }

  function expectClose(actual: { loss: number; kernel: number[] }, expected: { loss: number; kernel: number[] }): void {
    expect(actual.loss).toBeCloseTo(expected.loss, 5);
    actual.kernel.forEach((k, i) => expect(k).toBeCloseTo(expected.kernel[i] as number, 6));
  }

  it('without weights, matches the unweighted hand computation', async () => {
    expectClose(await fitOnce({}), byHand([1, 1, 1, 1]));
  });

  it('sampleWeight multiplies each sample’s loss (mean over samples, Keras sum_over_batch_size)', async () => {
    const sw = [0.5, 2, 1, 3];
    expectClose(await fitOnce({ sampleWeight: tensor(sw) }), byHand(sw));
  });

  it('classWeight weights each sample by the weight of its label', async () => {
    expectClose(await fitOnce({ classWeight: { 0: 0.25, 1: 4 } }), byHand(labels.map((l) => (l === 0 ? 0.25 : 4))));
  });

  it('sampleWeight and classWeight multiply', async () => {
    const sw = [0.5, 2, 1, 3];
    expectClose(await fitOnce({ sampleWeight: tensor(sw), classWeight: { 0: 0.25, 1: 4 } }), byHand(labels.map((l, i) => (sw[i] as number) * (l === 0 ? 0.25 : 4))));
  });

  it('classWeight finds the class of a one-hot label by its argmax', async () => {
    setRandomSeed(1);
    const model = sequential({ layers: [layers.dense({ units: 2, activation: 'softmax', inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const oneHot = tensor2d([[1, 0], [0, 1], [0, 1], [1, 0]]);
    const plain = lossOf(model.evaluate(tensor2d(xs), oneHot));
    const perSample = [0, 1, 2, 3].map((i) => lossOf(model.evaluate(tensor2d([xs[i] as number[]]), tensor2d([[1 - (labels[i] as number), labels[i] as number]]))));
    const history = await model.fit(tensor2d(xs), oneHot, { batchSize: 4, shuffle: false, classWeight: { 0: 0, 1: 1 }, verbose: 0 });
    expect(plain).toBeGreaterThan(0);
    expect(history.history['loss']?.[0]).toBeCloseTo(((perSample[1] as number) + (perSample[2] as number)) / 4, 6);
  });
});
