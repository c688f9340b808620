// Example code from the tensorflow/tfjs-examples repository, Copyright Google LLC, Apache License 2.0;
// reproduced because the test is that TF.js code runs unchanged (only the import differs).
// tfjs-examples/getting-started/index.js, ported by changing only the import (the page's
// `innerText =` becomes a return value). Data: the example's own six points of y = 2x − 1.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, weightsFingerprint } from './harness.js';

async function run() {
  // Create a simple model.
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 1, inputShape: [1]}));

  // Prepare the model for training: Specify the loss and the optimizer.
  model.compile({loss: 'meanSquaredError', optimizer: 'sgd'});

  // Generate some synthetic data for training. (y = 2x - 1)
  const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4], [6, 1]);
  const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7], [6, 1]);

  // Train the model using the data.
  const history = await model.fit(xs, ys, {epochs: 250});

  // Use the model to do inference on a data point the model hasn't seen.
  // Should print approximately 39.
  const prediction = (model.predict(tf.tensor2d([20], [1, 1])) as tf.Tensor).dataSync();
  return { prediction: prediction[0]!, history, weights: model.getWeights() };
}

describe('tfjs-examples getting-started (linear regression with model.fit)', () => {
  it('learns y = 2x − 1 (predicts about 39 at x = 20), bit-identically on rerun', async () => {
    const first = await runFresh(run);
    const second = await runFresh(run);
    const loss = first.history.history['loss'] as number[];
    expect(loss).toHaveLength(250);
    expect(loss[249]!).toBeLessThan(loss[0]! / 100);
    expect(first.prediction).toBeGreaterThan(38);
    expect(first.prediction).toBeLessThan(40);
    expect(weightsFingerprint(second.weights)).toBe(weightsFingerprint(first.weights));
    expect(Object.is(second.prediction, first.prediction)).toBe(true);
  });
});
