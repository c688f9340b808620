// Follows tfjs-examples/getting-started: one dense unit fit to six points of the line
// y = 2x − 1 with compile({ loss: 'meanSquaredError', optimizer: 'sgd' }) and fit for 250
// epochs (default verbosity), then predict at x = 20 read back with dataSync. Our own code (not
// a copy of the example's), making the same TF.js calls; the page output becomes a return value.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, weightsFingerprint } from './harness.js';

/** The six training points the example uses, on y = 2x − 1. */
const LINE_X = [-1, 0, 1, 2, 3, 4];
const lineY = (x: number): number => 2 * x - 1;

async function fitLine() {
  const net = tf.sequential();
  net.add(tf.layers.dense({ units: 1, inputShape: [1] }));
  net.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });

  const inputs = tf.tensor2d(LINE_X, [LINE_X.length, 1]);
  const targets = tf.tensor2d(LINE_X.map(lineY), [LINE_X.length, 1]);
  const fitted = await net.fit(inputs, targets, { epochs: 250 });

  const atTwenty = net.predict(tf.tensor2d([20], [1, 1])) as tf.Tensor;
  return { y20: atTwenty.dataSync()[0]!, losses: fitted.history['loss'] as number[], weights: net.getWeights() };
}

describe('tfjs-examples getting-started: a one-unit dense model fit with model.fit', () => {
  it('learns y = 2x − 1 (about 39 at x = 20), bit-identically in a fresh rerun', async () => {
    const run1 = await runFresh(fitLine);
    const run2 = await runFresh(fitLine);
    expect(run1.losses).toHaveLength(250);
    expect(run1.losses[249]!).toBeLessThan(run1.losses[0]! / 100);
    expect(run1.y20).toBeGreaterThan(38);
    expect(run1.y20).toBeLessThan(40); // the true line gives 39
    expect(weightsFingerprint(run2.weights)).toBe(weightsFingerprint(run1.weights));
    expect(Object.is(run2.y20, run1.y20)).toBe(true);
  });
});
