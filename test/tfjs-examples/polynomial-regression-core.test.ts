// Example code from the tensorflow/tfjs-examples repository, Copyright Google LLC, Apache License 2.0;
// reproduced because the test is that TF.js code runs unchanged (only the import differs).
// tfjs-examples/polynomial-regression-core (index.js and data.js), ported by changing only the
// import; the plotting calls are dropped and `learnCoefficients` returns what it would plot.
// `Math.random()` (the initial coefficients) is the harness's seeded stand-in.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runFresh, weightsFingerprint } from './harness.js';

// ---- data.js ----
function generateData(numPoints: number, coeff: { a: number; b: number; c: number; d: number }, sigma = 0.04) {
  return tf.tidy(() => {
    const [a, b, c, d] = [
      tf.scalar(coeff.a), tf.scalar(coeff.b), tf.scalar(coeff.c),
      tf.scalar(coeff.d)
    ];

    const xs = tf.randomUniform([numPoints], -1, 1);

    // Generate polynomial data
    const three = tf.scalar(3, 'int32');
    const ys = a.mul(xs.pow(three))
      .add(b.mul(xs.square()))
      .add(c.mul(xs))
      .add(d)
      // Add random noise to the generated data
      // to make the problem a bit more interesting
      .add(tf.randomNormal([numPoints], 0, sigma));

    // Normalize the y values to the range 0 to 1.
    const ymin = ys.min();
    const ymax = ys.max();
    const yrange = ymax.sub(ymin);
    const ysNormalized = ys.sub(ymin).div(yrange);

    return {
      xs,
      ys: ysNormalized
    };
  })
}

// ---- index.js ----
async function example(useCoreLoss: boolean) {
  const a = tf.variable(tf.scalar(Math.random()));
  const b = tf.variable(tf.scalar(Math.random()));
  const c = tf.variable(tf.scalar(Math.random()));
  const d = tf.variable(tf.scalar(Math.random()));

  const numIterations = 75;
  const learningRate = 0.5;
  const optimizer = tf.train.sgd(learningRate);

  function predict(x: tf.Tensor) {
    // y = a * x ^ 3 + b * x ^ 2 + c * x + d
    return tf.tidy(() => {
      return a.mul(x.pow(tf.scalar(3, 'int32')))
        .add(b.mul(x.square()))
        .add(c.mul(x))
        .add(d);
    });
  }

  function loss(prediction: tf.Tensor, labels: tf.Tensor) {
    // Having a good error function is key for training a machine learning model
    // (the variant: TF.js core's tf.losses.meanSquaredError, a scalar as the optimizer needs)
    if (useCoreLoss) return tf.losses.meanSquaredError(labels, prediction);
    const error = prediction.sub(labels).square().mean();
    return error;
  }

  async function train(xs: tf.Tensor, ys: tf.Tensor, numIterations: number) {
    for (let iter = 0; iter < numIterations; iter++) {
      // optimizer.minimize is where the training happens.
      optimizer.minimize(() => {
        const pred = predict(xs);
        return loss(pred, ys);
      });
      // Use tf.nextFrame to not block the browser.
      await tf.nextFrame();
    }
  }

  async function learnCoefficients() {
    const trueCoefficients = {a: -.8, b: -.2, c: .9, d: .5};
    const trainingData = generateData(100, trueCoefficients);

    // See what the predictions look like with random coefficients
    const predictionsBefore = predict(trainingData.xs);
    const lossBefore = loss(predictionsBefore, trainingData.ys).dataSync()[0]!;

    // Train the model!
    await train(trainingData.xs, trainingData.ys, numIterations);

    // See what the final results predictions are after training.
    const predictionsAfter = predict(trainingData.xs);
    const lossAfter = loss(predictionsAfter, trainingData.ys).dataSync()[0]!;

    predictionsBefore.dispose();
    predictionsAfter.dispose();
    return { lossBefore, lossAfter, coefficients: [a, b, c, d].map((v) => v.clone()) };
  }

  return learnCoefficients();
}

describe('tfjs-examples polynomial-regression-core (tf.variable + optimizer.minimize)', () => {
  it('fits the cubic: the loss falls tenfold, bit-identically on rerun', async () => {
    const first = await runFresh(() => example(false));
    const second = await runFresh(() => example(false));
    expect(first.lossAfter).toBeLessThan(first.lossBefore / 10);
    expect(weightsFingerprint(second.coefficients)).toBe(weightsFingerprint(first.coefficients));
  });

  it('trains the same with tf.losses.meanSquaredError as the cost', async () => {
    const core = await runFresh(() => example(true));
    const plain = await runFresh(() => example(false));
    expect(core.lossAfter).toBeLessThan(core.lossBefore / 10);
    // mean(square(p − y)) and TF.js's sum/size reduction agree to rounding
    core.coefficients.forEach((v, i) => expect(v.dataSync()[0]).toBeCloseTo(plain.coefficients[i]!.dataSync()[0]!, 5));
  });
});
