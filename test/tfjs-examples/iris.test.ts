// Follows tfjs-examples/iris: per species, shuffle the rows' indices with tf.util.shuffle, build
// tf.tensor2d features and tf.oneHot(tf.tensor1d(labels).toInt(), 3) targets, slice off 15 % as
// the test split and tf.concat the species inside tf.tidy; then dense 10 sigmoid + dense 3
// softmax, summary(), compile with a tf.train.adam(0.01) object, categoricalCrossentropy and
// metrics ['accuracy'], fit 40 epochs with validationData and an async onEpochEnd that scores
// the test split (predict, argMax(-1), equal, toFloat, mean, dataSync, tf.dispose), and a
// prediction for one typed-in flower. Our own code (not a copy of the example's); the charts are
// dropped. Data: 150 synthetic flowers around the three species' real means, drawn from the
// harness's seeded normal source.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { normalSource, runFresh, weightsFingerprint } from './harness.js';

const SPECIES = ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'];
/** Sepal length, sepal width, petal length, petal width (cm): each species' mean. */
const SPECIES_MEANS = [[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
const PER_SPECIES = 50;

/** The measurements of 50 flowers of `species`, each mean plus 0.3 × noise. */
function measure(species: number, normal: () => number): number[][] {
  return Array.from({ length: PER_SPECIES }, () => SPECIES_MEANS[species]!.map((m) => m + 0.3 * normal()));
}

/** One species' rows in a random order, cut into train and test tensors (one-hot targets). */
function splitSpecies(rows: number[][], species: number, testFraction: number): tf.Tensor[] {
  const order = rows.map((_, i) => i);
  tf.util.shuffle(order);
  const x = tf.tensor2d(order.map((i) => rows[i]!), [rows.length, 4]);
  const y = tf.oneHot(tf.tensor1d(order.map(() => species)).toInt(), SPECIES.length);
  const nTest = Math.round(rows.length * testFraction);
  const nTrain = rows.length - nTest;
  return [
    x.slice([0, 0], [nTrain, 4]), y.slice([0, 0], [nTrain, SPECIES.length]),
    x.slice([nTrain, 0], [nTest, 4]), y.slice([nTrain, 0], [nTest, SPECIES.length]),
  ];
}

/** [xTrain, yTrain, xTest, yTest], each species split on its own so both splits hold all three. */
function irisSplits(testFraction: number): tf.Tensor[] {
  const normal = normalSource(7);
  const flowers = SPECIES.map((_, s) => measure(s, normal));
  return tf.tidy(() => {
    const parts = flowers.map((rows, s) => splitSpecies(rows, s, testFraction));
    return [0, 1, 2, 3].map((k) => tf.concat(parts.map((p) => p[k]!), 0));
  });
}

/** The fraction of rows whose most probable class is the labelled one. */
function accuracyOn(model: tf.Sequential, x: tf.Tensor, yOneHot: tf.Tensor): number {
  const [guessed, truth] = tf.tidy(() => [(model.predict(x) as tf.Tensor).argMax(-1), yOneHot.argMax(-1)]);
  const hits = guessed!.equal(truth!).toFloat().mean().dataSync()[0]!;
  tf.dispose([guessed!, truth!]);
  return hits;
}

async function iris() {
  const [xTrain, yTrain, xTest, yTest] = irisSplits(0.15) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [xTrain.shape[1]!] }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.summary();
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const accuracyByEpoch: number[] = [];
  const history = await model.fit(xTrain, yTrain, {
    epochs: 40,
    validationData: [xTest, yTest],
    callbacks: { onEpochEnd: async () => { accuracyByEpoch.push(accuracyOn(model, xTest, yTest)); } },
  });

  const typedIn = tf.tidy(() => {
    const probabilities = model.predict(tf.tensor2d([[5.1, 3.5, 1.4, 0.2]], [1, 4])) as tf.Tensor;
    return { probabilities: Array.from(probabilities.dataSync()), species: SPECIES[probabilities.argMax(-1).dataSync()[0]!] };
  });
  return {
    history: history.history,
    accuracyByEpoch,
    typedIn,
    weights: model.getWeights(),
    shapes: [xTrain.shape, yTrain.shape, xTest.shape, yTest.shape],
  };
}

describe('tfjs-examples iris: dense classifier, oneHot targets, argMax scoring', () => {
  it('puts round(15 %) of each species in the test split, with one-hot targets', async () => {
    const { shapes } = await runFresh(iris);
    expect(shapes).toEqual([[126, 4], [126, 3], [24, 4], [24, 3]]);
  });

  it('classifies well above chance and logs acc/val_acc, bit-identically in a fresh rerun', async () => {
    const run1 = await runFresh(iris);
    const run2 = await runFresh(iris);
    const losses = run1.history['loss'] as number[];
    expect(Object.keys(run1.history)).toEqual(['val_loss', 'val_acc', 'loss', 'acc']);
    expect(losses[39]!).toBeLessThan(losses[0]!);
    expect(run1.accuracyByEpoch).toHaveLength(40);
    expect(run1.accuracyByEpoch.at(-1)!).toBeGreaterThan(0.8); // chance is 1/3
    expect(run1.typedIn.species).toBe('Iris-setosa');
    expect(weightsFingerprint(run2.weights)).toBe(weightsFingerprint(run1.weights));
    expect(run2.history).toEqual(run1.history);
  });
});
