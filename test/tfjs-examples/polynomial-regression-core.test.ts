// Follows tfjs-examples/polynomial-regression-core: fit the four coefficients of a cubic with
// the core API alone. The example's calls kept here: tf.variable(tf.scalar(Math.random())) per
// coefficient, tf.train.sgd(0.5) and 75 × optimizer.minimize(() => scalar loss) with
// `await tf.nextFrame()` between steps, tf.tidy around data generation and prediction,
// tf.randomUniform / tf.randomNormal for the data, x.pow(tf.scalar(3, 'int32')), square, mul,
// add, sub, div, min, max, mean, dataSync and dispose. A second cost, tf.losses.meanSquaredError,
// is the core-loss variant. Our own code (not a copy of the example's); plotting becomes return
// values, and Math.random is the harness's seeded stand-in.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, weightsFingerprint } from './harness.js';

/** The coefficients a, b, c, d of a·x³ + b·x² + c·x + d. */
type Cubic = readonly [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];

/** a·x³ + b·x² + c·x + d, summed left to right as the example writes it. */
function evalCubic([a, b, c, d]: Cubic, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const cube = x.pow(tf.scalar(3, 'int32'));
    return a.mul(cube).add(b.mul(x.square())).add(c.mul(x)).add(d);
  });
}

/** `n` points x ∈ [−1, 1) on the cubic a, b, c, d plus N(0, 0.04²) noise, y rescaled to [0, 1]. */
function noisyCubic(n: number, [a, b, c, d]: readonly [number, number, number, number]): { x: tf.Tensor; y: tf.Tensor } {
  return tf.tidy(() => {
    const coefficients: Cubic = [tf.scalar(a), tf.scalar(b), tf.scalar(c), tf.scalar(d)];
    const x = tf.randomUniform([n], -1, 1);
    const raw = evalCubic(coefficients, x).add(tf.randomNormal([n], 0, 0.04));
    const lo = raw.min();
    const span = raw.max().sub(lo);
    return { x, y: raw.sub(lo).div(span) };
  });
}

/** Mean squared error, either spelled out with tensor methods or as TF.js core's loss. */
function cost(useCoreLoss: boolean, predicted: tf.Tensor, wanted: tf.Tensor): tf.Tensor {
  if (useCoreLoss) return tf.losses.meanSquaredError(wanted, predicted);
  return predicted.sub(wanted).square().mean();
}

async function fitCubic(useCoreLoss: boolean) {
  const startAtRandom = (): tf.Variable => tf.variable(tf.scalar(Math.random()));
  const guess: Cubic & readonly tf.Variable[] = [startAtRandom(), startAtRandom(), startAtRandom(), startAtRandom()];
  const sgd = tf.train.sgd(0.5);
  const { x, y } = noisyCubic(100, [-0.8, -0.2, 0.9, 0.5]);

  const untrained = evalCubic(guess, x);
  const lossBefore = cost(useCoreLoss, untrained, y).dataSync()[0]!;
  for (let step = 0; step < 75; step++) {
    sgd.minimize(() => cost(useCoreLoss, evalCubic(guess, x), y));
    await tf.nextFrame(); // the example yields to the page here
  }
  const trained = evalCubic(guess, x);
  const lossAfter = cost(useCoreLoss, trained, y).dataSync()[0]!;
  untrained.dispose();
  trained.dispose();
  // clone: snapshots of the variables' values, which a later assign could not change
  return { lossBefore, lossAfter, coefficients: guess.map((v) => v.clone()) };
}

describe('tfjs-examples polynomial-regression-core: tf.variable + optimizer.minimize', () => {
  it('fits the cubic (the loss falls tenfold), bit-identically in a fresh rerun', async () => {
    const run1 = await runFresh(() => fitCubic(false));
    const run2 = await runFresh(() => fitCubic(false));
    expect(run1.lossAfter).toBeLessThan(run1.lossBefore / 10);
    expect(weightsFingerprint(run2.coefficients)).toBe(weightsFingerprint(run1.coefficients));
  });

  it('trains the same with tf.losses.meanSquaredError as the cost', async () => {
    const core = await runFresh(() => fitCubic(true));
    const spelled = await runFresh(() => fitCubic(false));
    expect(core.lossAfter).toBeLessThan(core.lossBefore / 10);
    // mean(square(p − y)) and TF.js's sum/size reduction agree to rounding, not to the bit
    core.coefficients.forEach((v, i) => expect(v.dataSync()[0]).toBeCloseTo(spelled.coefficients[i]!.dataSync()[0]!, 5));
  });
});
