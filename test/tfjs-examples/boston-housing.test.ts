// Example code from the tensorflow/tfjs-examples repository, Copyright Google LLC, Apache License 2.0;
// reproduced because the test is that TF.js code runs unchanged (only the import differs).
// tfjs-examples/boston-housing (index.js, normalization.js, data.js's shuffle), ported by
// changing only the import; the tfvis/ui calls are dropped. Data: synthetic features of the
// dataset's shapes (12 features, 333 train / 173 test rows) with a linear-plus-quadratic price.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { normalSource, runFresh, weightsFingerprint } from './harness.js';

// ---- synthetic stand-in for data.js's BostonHousingDataset (the CSV files) ----
class BostonHousingDataset {
  trainFeatures: number[][] = [];
  trainTarget: number[][] = [];
  testFeatures: number[][] = [];
  testTarget: number[][] = [];
  get numFeatures() { return this.trainFeatures[0]!.length; }
  loadData() {
    const normal = normalSource(42);
    const rows = (n: number) => Array.from({ length: n }, () => Array.from({ length: 12 }, (_, j) => 10 * (j + 1) + (j + 1) * normal()));
    const price = (r: number[]) => [22 + r.reduce((s, v, j) => s + (j % 3 === 0 ? 1.5 : -1) * (v - 10 * (j + 1)) / (j + 1), 0) + 0.5 * ((r[0]! - 10) ** 2) + 0.5 * normal()];
    this.trainFeatures = rows(333);
    this.trainTarget = this.trainFeatures.map(price);
    this.testFeatures = rows(173);
    this.testTarget = this.testFeatures.map(price);
    shuffle(this.trainFeatures, this.trainTarget);
    shuffle(this.testFeatures, this.testTarget);
  }
}

/** data.js: shuffles data and target in unison (Math.random: the harness's seeded stand-in). */
function shuffle(data: unknown[], target: unknown[]) {
  let counter = data.length;
  let temp = null;
  let index = 0;
  while (counter > 0) {
    index = (Math.random() * counter) | 0;
    counter--;
    // data:
    temp = data[counter];
    data[counter] = data[index];
    data[index] = temp;
    // target:
    temp = target[counter];
    target[counter] = target[index];
    target[index] = temp;
  }
}

// ---- normalization.js ----
function determineMeanAndStddev(data: tf.Tensor) {
  const dataMean = data.mean(0);
  // TODO(bileschi): Simplify when and if tf.var / tf.std added to the API.
  const diffFromMean = data.sub(dataMean);
  const squaredDiffFromMean = diffFromMean.square();
  const variance = squaredDiffFromMean.mean(0);
  const dataStd = variance.sqrt();
  return {dataMean, dataStd};
}

function normalizeTensor(data: tf.Tensor, dataMean: tf.Tensor, dataStd: tf.Tensor) {
  return data.sub(dataMean).div(dataStd);
}

// ---- index.js ----
const NUM_EPOCHS = 200;
const BATCH_SIZE = 40;
const LEARNING_RATE = 0.01;

const bostonData = new BostonHousingDataset();
const tensors: Record<string, tf.Tensor> = {};

function arraysToTensors() {
  tensors['rawTrainFeatures'] = tf.tensor2d(bostonData.trainFeatures);
  tensors['trainTarget'] = tf.tensor2d(bostonData.trainTarget);
  tensors['rawTestFeatures'] = tf.tensor2d(bostonData.testFeatures);
  tensors['testTarget'] = tf.tensor2d(bostonData.testTarget);
  // Normalize mean and standard deviation of data.
  const {dataMean, dataStd} = determineMeanAndStddev(tensors['rawTrainFeatures']);

  tensors['trainFeatures'] = normalizeTensor(tensors['rawTrainFeatures'], dataMean, dataStd);
  tensors['testFeatures'] = normalizeTensor(tensors['rawTestFeatures'], dataMean, dataStd);
}

function linearRegressionModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [bostonData.numFeatures], units: 1}));

  model.summary();
  return model;
}

function multiLayerPerceptronRegressionModel1Hidden() {
  const model = tf.sequential();
  model.add(tf.layers.dense({
    inputShape: [bostonData.numFeatures],
    units: 50,
    activation: 'sigmoid',
    kernelInitializer: 'leCunNormal'
  }));
  model.add(tf.layers.dense({units: 1}));

  model.summary();
  return model;
}

function multiLayerPerceptronRegressionModel2Hidden() {
  const model = tf.sequential();
  model.add(tf.layers.dense({
    inputShape: [bostonData.numFeatures],
    units: 50,
    activation: 'sigmoid',
    kernelInitializer: 'leCunNormal'
  }));
  model.add(tf.layers.dense({units: 50, activation: 'sigmoid', kernelInitializer: 'leCunNormal'}));
  model.add(tf.layers.dense({units: 1}));

  model.summary();
  return model;
}

function computeBaseline() {
  const avgPrice = tensors['trainTarget']!.mean();
  console.log(`Average price: ${avgPrice.dataSync()}`);
  const baseline = tensors['testTarget']!.sub(avgPrice).square().mean();
  console.log(`Baseline loss: ${baseline.dataSync()}`);
  return baseline.dataSync()[0]!;
}

async function run(model: tf.Sequential, weightsIllustration: boolean) {
  model.compile(
      {optimizer: tf.train.sgd(LEARNING_RATE), loss: 'meanSquaredError'});

  const trainLogs: tf.Logs[] = [];
  const kernels: Float32Array[] = [];
  await model.fit(tensors['trainFeatures']!, tensors['trainTarget']!, {
    batchSize: BATCH_SIZE,
    epochs: NUM_EPOCHS,
    validationSplit: 0.2,
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        console.log(`Epoch ${epoch + 1} of ${NUM_EPOCHS} completed.`);
        trainLogs.push(logs!);
        if (weightsIllustration) {
          await model.layers[0]!.getWeights()[0]!.data().then(kernelAsArr => {
            kernels.push(kernelAsArr as Float32Array);
          });
        }
      }
    }
  });

  const result = model.evaluate(tensors['testFeatures']!, tensors['testTarget']!, {batchSize: BATCH_SIZE}) as tf.Tensor;
  const testLoss = result.dataSync()[0]!;
  const trainLoss = trainLogs[trainLogs.length - 1]!['loss'] as number;
  const valLoss = trainLogs[trainLogs.length - 1]!['val_loss'] as number;
  return { testLoss, trainLoss, valLoss, trainLogs, kernels, weights: model.getWeights() };
}

async function example(build: () => tf.Sequential, weightsIllustration = false) {
  bostonData.loadData();
  arraysToTensors();
  const baseline = computeBaseline();
  return { baseline, ...(await run(build(), weightsIllustration)) };
}

describe('tfjs-examples boston-housing (normalization by tensor methods, fit with validationSplit and callbacks)', () => {
  it('normalizes the features to mean 0 and standard deviation 1', async () => {
    await runFresh(async () => { bostonData.loadData(); arraysToTensors(); });
    const { mean, variance } = tf.moments(tensors['trainFeatures']!, 0);
    mean.dataSync().forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-5));
    variance.dataSync().forEach((v) => expect(v).toBeCloseTo(1, 5));
  });

  it('the linear model beats the baseline, the kernel is read each epoch, bit-identically on rerun', async () => {
    const first = await runFresh(() => example(linearRegressionModel, true));
    const second = await runFresh(() => example(linearRegressionModel, true));
    expect(first.trainLogs).toHaveLength(NUM_EPOCHS);
    expect(Object.keys(first.trainLogs[0]!)).toEqual(['val_loss', 'loss']);
    expect(first.kernels).toHaveLength(NUM_EPOCHS);
    expect(first.testLoss).toBeLessThan(first.baseline / 3);
    expect(first.valLoss).toBeLessThan(first.trainLogs[0]!['val_loss'] as number);
    expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
    expect(second.trainLogs).toEqual(first.trainLogs);
  });

  it('the MLPs with one and two hidden layers train below the baseline, bit-identically on rerun', async () => {
    for (const build of [multiLayerPerceptronRegressionModel1Hidden, multiLayerPerceptronRegressionModel2Hidden]) {
      const first = await runFresh(() => example(build));
      const second = await runFresh(() => example(build));
      expect(first.testLoss).toBeLessThan(first.baseline / 3);
      expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
    }
  });
});
