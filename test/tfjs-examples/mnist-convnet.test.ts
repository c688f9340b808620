// The ConvNet of tfjs-examples/mnist (index.js's convolutional model: conv2d 16 3×3 relu,
// maxPooling2d 2/2, conv2d 32 3×3 relu, maxPooling2d 2/2, conv2d 32 3×3 relu, flatten, dense 64
// relu, dense 10 softmax) trained as its train() does (rmsprop, categoricalCrossentropy,
// metrics ['accuracy'], batchSize 320, validationSplit 0.15, then evaluate), written here
// against SameBits's TF.js-compatible API in our own code. Data: synthetic 28×28 digits (each
// class a bar pattern at its own place, plus noise) from a seeded source.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, uniformSource, weightsFingerprint } from './harness.js';

const SIDE = 28;

/** `n` images (class i % 10: a bar at row 2 + 2·class, and a column at 4 + 2·class) with noise. */
function digits(n: number, seed: number): { xs: tf.Tensor; labels: tf.Tensor } {
  const u = uniformSource(seed);
  const images = new Float32Array(n * SIDE * SIDE);
  const labels = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[i * 10 + c] = 1;
    for (let p = 0; p < SIDE * SIDE; p++) {
      const r = Math.floor(p / SIDE);
      const col = p % SIDE;
      const on = Math.abs(r - (2 + 2 * c)) < 2 || Math.abs(col - (4 + 2 * c)) < 1;
      images[i * SIDE * SIDE + p] = Math.min(1, (on ? 0.7 : 0) + 0.5 * u());
    }
  }
  return { xs: tf.tensor4d(images, [n, SIDE, SIDE, 1]), labels: tf.tensor2d(labels, [n, 10]) };
}

function convModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [SIDE, SIDE, 1], kernelSize: 3, filters: 16, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ kernelSize: 3, filters: 32, activation: 'relu' }));
  model.add(tf.layers.flatten({}));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

async function mnistConvNet() {
  const train = digits(960, 5);
  const test = digits(200, 6);
  const model = convModel();
  model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(train.xs, train.labels, { batchSize: 320, validationSplit: 0.15, epochs: 4, verbose: 0 });
  const [, testAcc] = model.evaluate(test.xs, test.labels) as tf.Tensor[];
  return { history: history.history, testAcc: testAcc!.dataSync()[0]!, weights: model.getWeights(), params: model.countParams() };
}

describe('tfjs-examples mnist ConvNet: the example\'s convolutional model and training call', () => {
  it('learns the synthetic digits well above chance, bit-identically on rerun', async () => {
    const first = await runFresh(mnistConvNet);
    const second = await runFresh(mnistConvNet);
    // conv 16·(9+1) + conv 32·(16·9+1) + conv 32·(32·9+1) + dense (3·3·32)·64+64 + dense 64·10+10
    expect(first.params).toBe(160 + 4640 + 9248 + 18496 + 650);
    const loss = first.history['loss'] as number[];
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    expect(first.testAcc).toBeGreaterThan(0.5); // chance is 0.1
    expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
    expect(second.history).toEqual(first.history);
  }, 120_000);
});
