// Follows tfjs-examples/boston-housing: price regression on 12 features with a linear model and
// MLPs of one and two hidden layers (dense 50 sigmoid, kernelInitializer 'leCunNormal'), the
// features z-scored with tensor methods (mean(0), sub, square, sqrt, div), the training rows
// shuffled with Math.random, a mean-price baseline, then compile({ optimizer:
// tf.train.sgd(0.01), loss: 'meanSquaredError' }), fit for 200 epochs in batches of 40 with
// validationSplit 0.2 and an async onEpochEnd callback that can read the first layer's kernel
// through layers[0].getWeights()[0].data(), and evaluate with { batchSize: 40 }. Our own code
// (not a copy of the example's); the charts are dropped. Data: synthetic rows of the dataset's
// shapes (333 train, 173 test) from the harness's seeded normal source.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { normalSource, runFresh, weightsFingerprint } from './harness.js';

const FEATURES = 12;
const EPOCHS = 200;
const BATCH = 40;

interface Rows { features: number[][]; prices: number[][] }

/**
 * `count` houses: feature j is centred on 10·(j + 1) with spread j + 1; the price is 22 plus
 * +1.5 or −1 per standardized feature (+1.5 for every third), a quadratic bump in the first
 * feature that a linear model cannot fit, and a little noise.
 */
function syntheticHouses(count: number, normal: () => number): Rows {
  const features: number[][] = [];
  const prices: number[][] = [];
  for (let n = 0; n < count; n++) {
    const z = Array.from({ length: FEATURES }, normal);
    features.push(z.map((zj, j) => (j + 1) * (10 + zj)));
    const linear = z.reduce((sum, zj, j) => sum + (j % 3 === 0 ? 1.5 : -1) * zj, 0);
    prices.push([22 + linear + 0.5 * z[0]! * z[0]! + 0.5 * normal()]);
  }
  return { features, prices };
}

/** Fisher–Yates on both arrays at once, drawing from Math.random as the example's data.js does. */
function shuffleTogether<A, B>(first: A[], second: B[]): void {
  for (let i = first.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [first[i], first[j]] = [first[j]!, first[i]!];
    [second[i], second[j]] = [second[j]!, second[i]!];
  }
}

/** Tensors of both splits, the features z-scored by the training split's mean and deviation. */
function prepareHousing() {
  const normal = normalSource(42);
  const splits = [syntheticHouses(333, normal), syntheticHouses(173, normal)];
  for (const split of splits) shuffleTogether(split.features, split.prices);
  const [train, test] = splits.map((s) => ({ x: tf.tensor2d(s.features), y: tf.tensor2d(s.prices) }));
  const centre = train!.x.mean(0);
  const spread = train!.x.sub(centre).square().mean(0).sqrt();
  const zScore = (x: tf.Tensor): tf.Tensor => x.sub(centre).div(spread);
  return { trainX: zScore(train!.x), trainY: train!.y, testX: zScore(test!.x), testY: test!.y };
}

/** Dense regression with `hidden` sigmoid layers of 50 units (0: the linear model). */
function housingModel(hidden: number): tf.Sequential {
  const model = tf.sequential();
  for (let h = 0; h < hidden; h++) {
    const first = h === 0 ? { inputShape: [FEATURES] } : {};
    model.add(tf.layers.dense({ ...first, units: 50, activation: 'sigmoid', kernelInitializer: 'leCunNormal' }));
  }
  model.add(tf.layers.dense(hidden === 0 ? { inputShape: [FEATURES], units: 1 } : { units: 1 }));
  model.summary();
  return model;
}

async function trainHousing(hidden: number, watchKernel = false) {
  const data = prepareHousing();
  const meanPrice = data.trainY.mean();
  console.log(`mean price ${meanPrice.dataSync()[0]}`);
  const baseline = data.testY.sub(meanPrice).square().mean().dataSync()[0]!;

  const model = housingModel(hidden);
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  const epochLogs: tf.Logs[] = [];
  const kernels: Float32Array[] = [];
  await model.fit(data.trainX, data.trainY, {
    batchSize: BATCH,
    epochs: EPOCHS,
    validationSplit: 0.2,
    callbacks: {
      onEpochEnd: async (_epoch, logs) => {
        epochLogs.push(logs!);
        if (watchKernel) kernels.push((await model.layers[0]!.getWeights()[0]!.data()) as Float32Array);
      },
    },
  });
  const testLoss = (model.evaluate(data.testX, data.testY, { batchSize: BATCH }) as tf.Tensor).dataSync()[0]!;
  return { baseline, testLoss, epochLogs, kernels, weights: model.getWeights() };
}

describe('tfjs-examples boston-housing: z-scoring by tensor methods, fit with validationSplit and callbacks', () => {
  it('z-scores the training features to mean 0 and standard deviation 1', async () => {
    const { trainX } = await runFresh(async () => prepareHousing());
    const { mean, variance } = tf.moments(trainX, 0);
    mean.dataSync().forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-5));
    variance.dataSync().forEach((v) => expect(v).toBeCloseTo(1, 5));
  });

  it('the linear model beats the baseline threefold, reading its kernel each epoch, bit-identically in a fresh rerun', async () => {
    const run1 = await runFresh(() => trainHousing(0, true));
    const run2 = await runFresh(() => trainHousing(0, true));
    expect(run1.epochLogs).toHaveLength(EPOCHS);
    expect(Object.keys(run1.epochLogs[0]!)).toEqual(['val_loss', 'loss']);
    expect(run1.kernels).toHaveLength(EPOCHS);
    expect(run1.testLoss).toBeLessThan(run1.baseline / 3);
    expect(run1.epochLogs.at(-1)!['val_loss']).toBeLessThan(run1.epochLogs[0]!['val_loss'] as number);
    expect(weightsFingerprint(run2.weights)).toBe(weightsFingerprint(run1.weights));
    expect(run2.epochLogs).toEqual(run1.epochLogs);
  });

  it('the MLPs with one and two hidden layers beat the baseline threefold, bit-identically in a fresh rerun', async () => {
    for (const hidden of [1, 2]) {
      const run1 = await runFresh(() => trainHousing(hidden));
      const run2 = await runFresh(() => trainHousing(hidden));
      expect(run1.testLoss).toBeLessThan(run1.baseline / 3);
      expect(weightsFingerprint(run2.weights)).toBe(weightsFingerprint(run1.weights));
    }
  });
});
