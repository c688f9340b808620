import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/node.js';
import { getOptimizer, layers, tensor2d, train } from '../../src/node.js';
import type { Arch, PeerData, TargetKind } from './data.js';
import { outputUnits, peerData } from './data.js';
import { buildSameBits, buildTfjs, maxRelativeDifference, useTfjsCpu, weightArrays } from './harness.js';

/**
 * What a TF.js user sees besides the loss: the History keys and values of a fit with metrics
 * and validation, the `'accuracy'` rule, and the defaults where SameBits follows Keras 3
 * (docs/differences-from-tfjs.md lists them). Each claim is checked against live TF.js 4.22.
 */

const ROUNDING = 1e-6;

/** First column of the binary targets: one sigmoid unit. */
function singleBinary(): PeerData {
  const data = peerData('binary');
  return { x: data.x, y: data.y.map((r) => [r[0] as number]) };
}

interface LogCase {
  name: string;
  data: () => PeerData;
  targets: TargetKind;
  arch: Arch;
  loss: string;
  metrics: string[];
}

const LOG_CASES: LogCase[] = [
  { name: 'binaryCrossentropy on one sigmoid unit with accuracy and mse', data: singleBinary, targets: 'binary', arch: { hidden: 'tanh', output: 'sigmoid', units: 1 }, loss: 'binaryCrossentropy', metrics: ['accuracy', 'mse'] },
  { name: 'categoricalCrossentropy with accuracy', data: () => peerData('oneHot'), targets: 'oneHot', arch: { hidden: 'relu', output: 'softmax', units: 3 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
  { name: 'sparseCategoricalCrossentropy with accuracy', data: () => peerData('classIndex'), targets: 'classIndex', arch: { hidden: 'tanh', output: 'softmax', units: 3 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] },
];

describe('peer: History of a fit with metrics and validationSplit, SameBits against TF.js 4.22', () => {
  for (const c of LOG_CASES) {
    it(`${c.name}: same keys in the same order, every value within ${ROUNDING.toExponential()} relative`, async () => {
      await useTfjsCpu();
      const data = c.data();
      const ours = buildSameBits(c.arch, 5, 3);
      const theirs = buildTfjs(c.arch, 5, weightArrays(ours));
      ours.compile({ optimizer: train.sgd(0.5), loss: c.loss, metrics: c.metrics });
      theirs.compile({ optimizer: tf.train.sgd(0.5), loss: c.loss, metrics: c.metrics });
      const args = { epochs: 3, batchSize: 16, shuffle: false, verbose: 0, validationSplit: 0.25 } as const;
      const a = (await ours.fit(tensor2d(data.x), tensor2d(data.y), args)).history;
      const b = (await theirs.fit(tf.tensor2d(data.x), tf.tensor2d(data.y), args)).history;
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const key of Object.keys(b)) expect(maxRelativeDifference(a[key] as number[], b[key] as number[]), key).toBeLessThanOrEqual(ROUNDING);
    });
  }
});

function argmax(row: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if ((row[from + i] as number) > (row[from + best] as number)) best = i;
  return best;
}

describe("peer: 'accuracy' follows Keras 3's shape rule, not TF.js's loss rule", () => {
  it('binaryCrossentropy on two sigmoid units: SameBits reports argmax agreement (categorical accuracy, as Keras 3 decides by shapes), TF.js the fraction of matching elements (binary accuracy, decided by the loss)', async () => {
    await useTfjsCpu();
    const data = peerData('binary');
    const arch: Arch = { hidden: 'tanh', output: 'sigmoid', units: outputUnits('binary') };
    const ours = buildSameBits(arch, 5, 3);
    const theirs = buildTfjs(arch, 5, weightArrays(ours));
    ours.compile({ optimizer: train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    theirs.compile({ optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const [, ourAcc] = ours.evaluate(tensor2d(data.x), tensor2d(data.y)) as Tensor[];
    const [, theirAcc] = theirs.evaluate(tf.tensor2d(data.x), tf.tensor2d(data.y)) as tf.Scalar[];
    const p = ours.predict(tensor2d(data.x)).values;
    const rows = data.y.length;
    let sameArgmax = 0;
    let sameElements = 0;
    data.y.forEach((y, r) => {
      if (argmax(y, 0, 2) === argmax(p, 2 * r, 2)) sameArgmax++;
      y.forEach((v, j) => { if (((p[2 * r + j] as number) > 0.5 ? 1 : 0) === v) sameElements++; });
    });
    expect(ourAcc?.values[0]).toBe(Math.fround(sameArgmax / rows));
    expect(theirAcc?.dataSync()[0]).toBe(Math.fround(sameElements / (2 * rows)));
    expect(sameArgmax / rows).not.toBe(sameElements / (2 * rows));
  });
});

describe('peer: defaults where SameBits follows Keras 3 (REFERENCE.md §2 and §4)', () => {
  // Keras 3 defaults from keras/src/optimizers/*.py; TF.js's from its compile-string table.
  const RATES: [id: string, keras: number, tfjsString: number][] = [
    ['sgd', 0.01, 0.01], ['adam', 0.001, 0.001], ['rmsprop', 0.001, 0.001],
    ['adamax', 0.001, 0.002], ['adagrad', 0.001, 0.01], ['adadelta', 0.001, 1],
  ];
  for (const [id, keras, tfjsString] of RATES) {
    it(`compile({optimizer: '${id}'}) uses learning rate ${keras} (Keras 3); TF.js uses ${tfjsString}`, () => {
      expect(getOptimizer(id).learningRate).toBe(keras);
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
      model.compile({ optimizer: id, loss: 'meanSquaredError' });
      expect(model.optimizer.getConfig()['learningRate']).toBe(tfjsString);
    });
  }

  it("train.adamax() defaults to learning rate 0.001 (Keras 3); TF.js's tf.train.adamax() to 0.002", () => {
    expect(train.adamax().learningRate).toBe(0.001);
    expect(tf.train.adamax().getConfig()['learningRate']).toBe(0.002);
  });

  it('Dense draws its kernel from glorotUniform (Keras 3); TF.js from glorotNormal, a truncated normal without the 0.88 correction', () => {
    const ours = layers.dense({ units: 3, inputShape: [4] }).getConfig()['kernel_initializer'];
    const theirs = tf.layers.dense({ units: 3, inputShape: [4] }).getConfig()['kernelInitializer'];
    expect(ours).toMatchObject({ className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' } });
    expect(theirs).toMatchObject({ className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'normal' } });
  });
});
