// Example code from the tensorflow/tfjs-examples repository, Copyright Google LLC, Apache License 2.0;
// reproduced because the test is that TF.js code runs unchanged (only the import differs).
// tfjs-examples/iris (data.js, index.js), ported by changing only the import; the ui/tfvis
// calls are dropped and the confusion matrix becomes the test accuracy. Data: 150 synthetic
// rows of 4 features around the three species' real means (IRIS_DATA's shape and classes).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { normalSource, runFresh, weightsFingerprint } from './harness.js';

// ---- data.js ----
const IRIS_CLASSES = ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'];
const IRIS_NUM_CLASSES = IRIS_CLASSES.length;

const CLASS_MEANS = [[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
const normal = normalSource(7);
const IRIS_DATA = Array.from({ length: 150 }, (_, i) => {
  const target = Math.floor(i / 50);
  return [...CLASS_MEANS[target]!.map((m) => m + 0.3 * normal()), target];
});

function convertToTensors(data: number[][], targets: number[], testSplit: number) {
  const numExamples = data.length;
  if (numExamples !== targets.length) {
    throw new Error('data and split have different numbers of examples');
  }

  // Randomly shuffle `data` and `targets`.
  const indices = [];
  for (let i = 0; i < numExamples; ++i) {
    indices.push(i);
  }
  tf.util.shuffle(indices);

  const shuffledData = [];
  const shuffledTargets = [];
  for (let i = 0; i < numExamples; ++i) {
    shuffledData.push(data[indices[i]!]!);
    shuffledTargets.push(targets[indices[i]!]!);
  }

  // Split the data into a training set and a tet set, based on `testSplit`.
  const numTestExamples = Math.round(numExamples * testSplit);
  const numTrainExamples = numExamples - numTestExamples;

  const xDims = shuffledData[0]!.length;

  // Create a 2D `tf.Tensor` to hold the feature data.
  const xs = tf.tensor2d(shuffledData, [numExamples, xDims]);

  // Create a 1D `tf.Tensor` to hold the labels, and convert the number label
  // from the set {0, 1, 2} into one-hot encoding (.e.g., 0 --> [1, 0, 0]).
  const ys = tf.oneHot(tf.tensor1d(shuffledTargets).toInt(), IRIS_NUM_CLASSES);

  // Split the data into training and test sets, using `slice`.
  const xTrain = xs.slice([0, 0], [numTrainExamples, xDims]);
  const xTest = xs.slice([numTrainExamples, 0], [numTestExamples, xDims]);
  const yTrain = ys.slice([0, 0], [numTrainExamples, IRIS_NUM_CLASSES]);
  const yTest = ys.slice([numTrainExamples, 0], [numTestExamples, IRIS_NUM_CLASSES]);
  return [xTrain, yTrain, xTest, yTest];
}

function getIrisData(testSplit: number) {
  return tf.tidy(() => {
    const dataByClass: number[][][] = [];
    const targetsByClass: number[][] = [];
    for (let i = 0; i < IRIS_CLASSES.length; ++i) {
      dataByClass.push([]);
      targetsByClass.push([]);
    }
    for (const example of IRIS_DATA) {
      const target = example[example.length - 1]!;
      const data = example.slice(0, example.length - 1);
      dataByClass[target]!.push(data);
      targetsByClass[target]!.push(target);
    }

    const xTrains = [];
    const yTrains = [];
    const xTests = [];
    const yTests = [];
    for (let i = 0; i < IRIS_CLASSES.length; ++i) {
      const [xTrain, yTrain, xTest, yTest] =
          convertToTensors(dataByClass[i]!, targetsByClass[i]!, testSplit);
      xTrains.push(xTrain!);
      yTrains.push(yTrain!);
      xTests.push(xTest!);
      yTests.push(yTest!);
    }

    const concatAxis = 0;
    return [
      tf.concat(xTrains, concatAxis), tf.concat(yTrains, concatAxis),
      tf.concat(xTests, concatAxis), tf.concat(yTests, concatAxis)
    ];
  });
}

// ---- index.js ----
async function trainModel(xTrain: tf.Tensor, yTrain: tf.Tensor, xTest: tf.Tensor, yTest: tf.Tensor) {
  const params = {epochs: 40, learningRate: 0.01};

  // Define the topology of the model: two dense layers.
  const model = tf.sequential();
  model.add(tf.layers.dense(
      {units: 10, activation: 'sigmoid', inputShape: [xTrain.shape[1]!]}));
  model.add(tf.layers.dense({units: 3, activation: 'softmax'}));
  model.summary();

  const optimizer = tf.train.adam(params.learningRate);
  model.compile({
    optimizer: optimizer,
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });

  const trainLogs: tf.Logs[] = [];
  // Call `model.fit` to train the model.
  const history = await model.fit(xTrain, yTrain, {
    epochs: params.epochs,
    validationData: [xTest, yTest],
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        // Plot the loss and accuracy values at the end of every training epoch.
        console.log(`Training model... epoch ${epoch + 1}`);
        trainLogs.push(logs!);
        calculateAndDrawConfusionMatrix(model, xTest, yTest);
      },
    }
  });
  return { model, history, trainLogs };
}

function calculateAndDrawConfusionMatrix(model: tf.Sequential, xTest: tf.Tensor, yTest: tf.Tensor) {
  const [preds, labels] = tf.tidy(() => {
    const preds = (model.predict(xTest) as tf.Tensor).argMax(-1);
    const labels = yTest.argMax(-1);
    return [preds, labels];
  });
  const accuracy = preds.equal(labels).toFloat().mean().dataSync()[0];
  tf.dispose([preds, labels]);
  return accuracy!;
}

function predictOnManualInput(model: tf.Sequential, inputData: number[]) {
  return tf.tidy(() => {
    const input = tf.tensor2d([inputData], [1, 4]);
    const predictOut = model.predict(input) as tf.Tensor;
    const logits = Array.from(predictOut.dataSync());
    const winner = IRIS_CLASSES[predictOut.argMax(-1).dataSync()[0]!];
    return { winner, logits };
  });
}

async function iris() {
  const [xTrain, yTrain, xTest, yTest] = getIrisData(0.15);
  const { model, history } = await trainModel(xTrain!, yTrain!, xTest!, yTest!);
  return {
    history,
    testAccuracy: calculateAndDrawConfusionMatrix(model, xTest!, yTest!),
    setosa: predictOnManualInput(model, [5.1, 3.5, 1.4, 0.2]),
    weights: model.getWeights(),
    shapes: [xTrain!.shape, yTrain!.shape, xTest!.shape, yTest!.shape],
  };
}

describe('tfjs-examples iris (dense classifier, oneHot labels, argMax evaluation)', () => {
  it('splits round(15%) of each class into the test set, with one-hot labels', async () => {
    const { shapes } = await runFresh(iris);
    expect(shapes).toEqual([[126, 4], [126, 3], [24, 4], [24, 3]]);
  });

  it('classifies well above chance and logs acc/val_acc, bit-identically on rerun', async () => {
    const first = await runFresh(iris);
    const second = await runFresh(iris);
    const h = first.history.history;
    expect(Object.keys(h)).toEqual(['val_loss', 'val_acc', 'loss', 'acc']);
    expect((h['loss'] as number[])[39]!).toBeLessThan((h['loss'] as number[])[0]!);
    expect(first.testAccuracy).toBeGreaterThan(0.8);
    expect(first.setosa.winner).toBe('Iris-setosa');
    expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
    expect(second.history.history).toEqual(h);
  });
});
