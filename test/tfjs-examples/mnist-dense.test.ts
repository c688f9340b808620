// Follows tfjs-examples/mnist's dense model and its train(): images as
// tf.tensor4d(Float32Array, [n, 28, 28, 1]), one-hot labels as tf.tensor2d(Uint8Array, [n, 10]),
// a test subset taken with slice; flatten({ inputShape }), dense 42 relu, dense 10 softmax;
// compile with optimizer 'rmsprop', categoricalCrossentropy, metrics ['accuracy']; fit with
// batchSize 320, validationSplit 0.15 and async onBatchEnd / onEpochEnd callbacks that count
// batches, read logs.loss and logs.val_acc and await tf.nextFrame(); evaluate's [loss, acc];
// predictions by argMax(1) inside tf.tidy. Our own code (not a copy of the example's); the page
// UI is dropped. Data: synthetic 28×28 digits (a stripe pattern per class plus noise) from the
// harness's seeded uniform source, in the layout of the example's data loader.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, uniformSource, weightsFingerprint } from './harness.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const CLASSES = 10;

/** Ink of `digit`'s pattern at (row, col): horizontal bands and vertical lines spaced by class. */
function inkAt(digit: number, row: number, col: number): number {
  const band = (row + 3 * digit) % 10 < 3;
  const line = (col * (digit + 1)) % 13 < 2;
  return band || line ? 0.8 : 0;
}

/** `count` images (class = index mod 10) with noise, and their one-hot labels as bytes. */
function syntheticDigits(count: number, u: () => number): { pixels: Float32Array; labels: Uint8Array } {
  const pixels = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count * CLASSES);
  for (let n = 0; n < count; n++) {
    const digit = n % CLASSES;
    labels[n * CLASSES + digit] = 1;
    for (let p = 0; p < PIXELS; p++) {
      pixels[n * PIXELS + p] = Math.min(1, inkAt(digit, Math.floor(p / SIDE), p % SIDE) + 0.4 * u());
    }
  }
  return { pixels, labels };
}

/** Image and label tensors of a set, optionally only its first `limit` examples. */
function asTensors(set: { pixels: Float32Array; labels: Uint8Array }, limit?: number): { xs: tf.Tensor; ys: tf.Tensor } {
  const count = set.labels.length / CLASSES;
  const xs = tf.tensor4d(set.pixels, [count, SIDE, SIDE, 1]);
  const ys = tf.tensor2d(set.labels, [count, CLASSES]);
  if (limit === undefined) return { xs, ys };
  return { xs: xs.slice([0, 0, 0, 0], [limit, SIDE, SIDE, 1]), ys: ys.slice([0, 0], [limit, CLASSES]) };
}

async function mnistDense() {
  const u = uniformSource(99);
  const trainSet = syntheticDigits(1200, u);
  const testSet = syntheticDigits(200, u);
  const train = asTensors(trainSet);
  const test = asTensors(testSet);

  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [SIDE, SIDE, 1] }));
  model.add(tf.layers.dense({ units: 42, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const batchSize = 320;
  const validationSplit = 0.15;
  const epochs = 3;
  const expectedBatches = Math.ceil((train.xs.shape[0]! * (1 - validationSplit)) / batchSize) * epochs;
  let batchesSeen = 0;
  let lastValAcc = 0;
  const batchLosses: number[] = [];
  const events: string[] = []; // what the example's UI would be told: every 10th batch, every epoch
  await model.fit(train.xs, train.ys, {
    batchSize,
    validationSplit,
    epochs,
    callbacks: {
      onBatchEnd: async (batch, logs) => {
        batchesSeen++;
        batchLosses.push(logs?.['loss'] as number);
        if (batch % 10 === 0) events.push(`onBatchEnd ${batch}`);
        await tf.nextFrame();
      },
      onEpochEnd: async (epoch, logs) => {
        lastValAcc = logs?.['val_acc'] as number;
        events.push(`onEpochEnd ${epoch}`);
        await tf.nextFrame();
      },
    },
  });

  const [, testAcc] = model.evaluate(test.xs, test.ys) as tf.Tensor[];
  const shown = asTensors(testSet, 100);
  const [truth, guesses] = tf.tidy(() => {
    const probabilities = model.predict(shown.xs) as tf.Tensor;
    return [Array.from(shown.ys.argMax(1).dataSync()), Array.from(probabilities.argMax(1).dataSync())];
  });
  return {
    testAccPercent: testAcc!.dataSync()[0]! * 100,
    valAccPercent: lastValAcc * 100,
    shownCorrect: guesses!.filter((g, i) => g === truth![i]).length,
    batchLosses, batchesSeen, expectedBatches, events,
    labelsDtype: train.ys.dtype,
    weights: model.getWeights(),
  };
}

describe('tfjs-examples mnist, dense model: flatten + dense on tensor4d images, rmsprop', () => {
  it('learns the synthetic digits with onBatchEnd/onEpochEnd + nextFrame callbacks, bit-identically in a fresh rerun', async () => {
    const run1 = await runFresh(mnistDense);
    const run2 = await runFresh(mnistDense);
    expect(run1.labelsDtype).toBe('int32'); // Uint8Array values infer int32, as in TF.js
    expect(run1.batchesSeen).toBe(run1.expectedBatches);
    expect(run1.events).toEqual(['onBatchEnd 0', 'onEpochEnd 0', 'onBatchEnd 0', 'onEpochEnd 1', 'onBatchEnd 0', 'onEpochEnd 2']);
    expect(run1.batchLosses.at(-1)!).toBeLessThan(run1.batchLosses[0]!);
    expect(run1.testAccPercent).toBeGreaterThan(50); // chance is 10
    expect(run1.valAccPercent).toBeGreaterThan(50);
    expect(run1.shownCorrect).toBeGreaterThan(50); // of 100
    expect(weightsFingerprint(run2.weights)).toBe(weightsFingerprint(run1.weights));
    expect(run2.batchLosses).toEqual(run1.batchLosses);
  });
});
