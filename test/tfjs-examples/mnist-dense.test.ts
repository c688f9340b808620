// Example code from the tensorflow/tfjs-examples repository, Copyright Google LLC, Apache License 2.0;
// reproduced because the test is that TF.js code runs unchanged (only the import differs).
// tfjs-examples/mnist (index.js's dense model and train(), data.js's getTrainData/getTestData),
// ported by changing only the import; the ui calls are dropped. Data: synthetic 28×28 images
// (each digit a blurred stroke pattern plus noise) in data.js's layout: Float32Array images,
// Uint8Array one-hot labels.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, uniformSource, weightsFingerprint } from './harness.js';

const IMAGE_H = 28;
const IMAGE_W = 28;
const IMAGE_SIZE = IMAGE_H * IMAGE_W;
const NUM_CLASSES = 10;

// ---- synthetic stand-in for data.js's MnistData (the sprite and label files) ----
class MnistData {
  trainImages = new Float32Array(0);
  testImages = new Float32Array(0);
  trainLabels = new Uint8Array(0);
  testLabels = new Uint8Array(0);
  load(numTrain: number, numTest: number) {
    const u = uniformSource(99);
    const make = (n: number) => {
      const images = new Float32Array(n * IMAGE_SIZE);
      const labels = new Uint8Array(n * NUM_CLASSES);
      for (let i = 0; i < n; i++) {
        const digit = i % NUM_CLASSES;
        labels[i * NUM_CLASSES + digit] = 1;
        for (let p = 0; p < IMAGE_SIZE; p++) {
          const r = Math.floor(p / IMAGE_W), c = p % IMAGE_W;
          const stroke = (r + 3 * digit) % 10 < 3 || (c * (digit + 1)) % 13 < 2 ? 0.8 : 0;
          images[i * IMAGE_SIZE + p] = Math.min(1, stroke + 0.4 * u());
        }
      }
      return { images, labels };
    };
    ({ images: this.trainImages, labels: this.trainLabels } = make(numTrain));
    ({ images: this.testImages, labels: this.testLabels } = make(numTest));
  }
  getTrainData() {
    const xs = tf.tensor4d(
        this.trainImages,
        [this.trainImages.length / IMAGE_SIZE, IMAGE_H, IMAGE_W, 1]);
    const labels = tf.tensor2d(
        this.trainLabels, [this.trainLabels.length / NUM_CLASSES, NUM_CLASSES]);
    return {xs, labels};
  }
  getTestData(numExamples?: number) {
    let xs = tf.tensor4d(
        this.testImages,
        [this.testImages.length / IMAGE_SIZE, IMAGE_H, IMAGE_W, 1]);
    let labels = tf.tensor2d(
        this.testLabels, [this.testLabels.length / NUM_CLASSES, NUM_CLASSES]);

    if (numExamples != null) {
      xs = xs.slice([0, 0, 0, 0], [numExamples, IMAGE_H, IMAGE_W, 1]);
      labels = labels.slice([0, 0], [numExamples, NUM_CLASSES]);
    }
    return {xs, labels};
  }
}

// ---- index.js ----
function createDenseModel() {
  const model = tf.sequential();
  model.add(tf.layers.flatten({inputShape: [IMAGE_H, IMAGE_W, 1]}));
  model.add(tf.layers.dense({units: 42, activation: 'relu'}));
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return model;
}

type OnIteration = (event: string, index: number, logs?: tf.Logs) => void;

async function train(model: tf.Sequential, data: MnistData, trainEpochs: number, onIteration?: OnIteration) {
  const optimizer = 'rmsprop';
  model.compile({
    optimizer,
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });

  const batchSize = 320;
  const validationSplit = 0.15;

  let trainBatchCount = 0;
  const trainData = data.getTrainData();
  const testData = data.getTestData();
  const totalNumBatches =
      Math.ceil(trainData.xs.shape[0]! * (1 - validationSplit) / batchSize) *
      trainEpochs;

  let valAcc = 0;
  const batchLosses: number[] = [];
  await model.fit(trainData.xs, trainData.labels, {
    batchSize,
    validationSplit,
    epochs: trainEpochs,
    callbacks: {
      onBatchEnd: async (batch, logs) => {
        trainBatchCount++;
        console.log(`Training... (${(trainBatchCount / totalNumBatches * 100).toFixed(1)}% complete).`);
        batchLosses.push(logs?.['loss'] as number);
        if (onIteration && batch % 10 === 0) {
          onIteration('onBatchEnd', batch, logs);
        }
        await tf.nextFrame();
      },
      onEpochEnd: async (epoch, logs) => {
        valAcc = logs?.['val_acc'] as number;
        if (onIteration) {
          onIteration('onEpochEnd', epoch, logs);
        }
        await tf.nextFrame();
      }
    }
  });

  const testResult = model.evaluate(testData.xs, testData.labels) as tf.Tensor[];
  const testAccPercent = testResult[1]!.dataSync()[0]! * 100;
  const finalValAccPercent = valAcc * 100;
  return { testAccPercent, finalValAccPercent, batchLosses, trainBatchCount, totalNumBatches };
}

function showPredictions(model: tf.Sequential, data: MnistData) {
  const testExamples = 100;
  const examples = data.getTestData(testExamples);
  return tf.tidy(() => {
    const output = model.predict(examples.xs) as tf.Tensor;
    const axis = 1;
    const labels = Array.from(examples.labels.argMax(axis).dataSync());
    const predictions = Array.from(output.argMax(axis).dataSync());
    return { labels, predictions };
  });
}

async function mnist() {
  const data = new MnistData();
  data.load(1200, 200);
  const model = createDenseModel();
  const events: string[] = [];
  const result = await train(model, data, 3, (event, index) => events.push(`${event} ${index}`));
  return { ...result, events, shown: showPredictions(model, data), weights: model.getWeights(), labelsDtype: data.getTrainData().labels.dtype };
}

describe('tfjs-examples mnist, dense model (flatten + dense on tensor4d images, rmsprop)', () => {
  it('reaches high accuracy on synthetic digits with onBatchEnd/nextFrame callbacks, bit-identically on rerun', async () => {
    const first = await runFresh(mnist);
    const second = await runFresh(mnist);
    expect(first.labelsDtype).toBe('int32'); // Uint8Array labels infer int32, as in TF.js
    expect(first.trainBatchCount).toBe(first.totalNumBatches);
    expect(first.events).toEqual(['onBatchEnd 0', 'onEpochEnd 0', 'onBatchEnd 0', 'onEpochEnd 1', 'onBatchEnd 0', 'onEpochEnd 2']);
    expect(first.batchLosses.at(-1)!).toBeLessThan(first.batchLosses[0]!);
    expect(first.testAccPercent).toBeGreaterThan(50); // chance is 10
    expect(first.finalValAccPercent).toBeGreaterThan(50);
    expect(first.shown.predictions.filter((p, i) => p === first.shown.labels[i]).length).toBeGreaterThan(50);
    expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
    expect(second.batchLosses).toEqual(first.batchLosses);
  });
});
