import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import type { Layer, Sequential, Tensor } from '../../src/node.js';
import type { Constraint } from '../../src/layers/index.js';
import type { ModelArtifacts } from '../../src/io/index.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { constraints, layers, regularizers, sequential, setRandomSeed, tensor, tensor2d, train, variableGrads } from '../../src/node.js';
import { mul, sum } from '../../src/ops/index.js';
import { Variable } from '../../src/ops/tensor.js';
import { uniformSource } from '../tfjs-examples/harness.js';
import { maxRelativeDifference, useTfjsCpu } from './harness.js';

/**
 * Normalization, regularizers and constraints against the peers on the same weights: TF.js 4.22
 * (cpu backend) live, and Keras 3.15.1 through a committed fixture
 * (test/fixtures/keras-batchnorm/make_fixture.py). REFERENCE-style notes:
 * - BatchNormalization's moving statistics: Keras 3 computes `moving · momentum + batch · (1 − momentum)`,
 *   TF.js `moving − (moving − batch) · (1 − momentum)`; equal in exact arithmetic, a few ulps apart
 *   in float32. SameBits follows Keras, so it is compared with Keras tightly and with TF.js loosely.
 * - The normalization itself: Keras x·inv + (β − μ·inv), TF.js (x − μ)·inv + β: rounding apart.
 * - TF.js's fit never applies constraints (its optimizer writes the variables directly): the
 *   check applies TF.js's constraint to TF.js's unconstrained step.
 */

/** Float32 rounding of a few chained ops, relative to the value. */
const ROUNDING = 1e-5;

interface KerasCase {
  name: string; shape: number[]; momentum: number; gamma: number[]; beta: number[];
  batches: number[][]; outputs: number[][]; movingMean: number[][]; movingVariance: number[][]; test: number[]; inference: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras-batchnorm/fixture.json', import.meta.url), 'utf8')) as { cases: KerasCase[] };

/** max |a − b| / max(|b|, 1e-3): relative, but not blown up by values near 0. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < b.length; i++) w = Math.max(w, Math.abs((a[i] as number) - (b[i] as number)) / Math.max(Math.abs(b[i] as number), 1e-3));
  return a.length === b.length ? w : Infinity;
}

describe('peer: BatchNormalization training calls against Keras 3 (fixture) and TF.js', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: outputs and moving statistics after each call agree with Keras within float32 rounding; TF.js's moving statistics agree as loosely as its formula allows`, async () => {
      await useTfjsCpu();
      const channels = c.shape[c.shape.length - 1] as number;
      const ours = layers.batchNormalization({ momentum: c.momentum });
      ours.apply(tensor(c.test, c.shape));
      ours.setWeights([tensor(c.gamma), tensor(c.beta), tensor(new Array<number>(channels).fill(0)), tensor(new Array<number>(channels).fill(1))]);
      const theirs = tf.layers.batchNormalization({ momentum: c.momentum });
      theirs.apply(tf.tensor(c.test, c.shape));
      theirs.setWeights([tf.tensor(c.gamma), tf.tensor(c.beta), tf.zeros([channels]), tf.ones([channels])]);
      let tfjsWorst = 0;
      c.batches.forEach((b, i) => {
        const y = ours.apply(tensor(b, c.shape), { training: true });
        expect(worst(y.values, c.outputs[i] as number[]), `output ${i}`).toBeLessThanOrEqual(ROUNDING);
        const [, , mm, mv] = ours.getWeights() as Tensor[];
        expect(worst(mm!.values, c.movingMean[i] as number[]), `moving_mean ${i}`).toBeLessThanOrEqual(ROUNDING);
        expect(worst(mv!.values, c.movingVariance[i] as number[]), `moving_variance ${i}`).toBeLessThanOrEqual(ROUNDING);
        (theirs.apply(tf.tensor(b, c.shape), { training: true }) as tf.Tensor).dispose();
        const [, , tm, tv] = theirs.getWeights();
        tfjsWorst = Math.max(tfjsWorst, worst(mm!.values, tm!.dataSync()), worst(mv!.values, tv!.dataSync()));
      });
      expect(tfjsWorst).toBeLessThanOrEqual(ROUNDING);
      expect(worst(ours.apply(tensor(c.test, c.shape)).values, c.inference)).toBeLessThanOrEqual(ROUNDING);
    });
  }
});

/** The same two-layer model in both libraries, SameBits's initial weights copied to TF.js. */
async function fitBoth(make: () => Layer[], makeTf: () => tf.layers.Layer[], x: number[][], y: number[][], epochs: number, batchSize: number): Promise<{ ours: number[]; theirs: number[]; model: Sequential; tfModel: tf.Sequential }> {
  await useTfjsCpu();
  setRandomSeed(3);
  const model = sequential({ layers: make() });
  model.compile({ optimizer: train.sgd(0.05), loss: 'meanSquaredError' });
  const tfModel = tf.sequential({ layers: makeTf() });
  // Layer by layer: TF.js's model.getWeights lists every trainable weight first, SameBits (as Keras 3) layer by layer.
  tfModel.layers.forEach((l, i) => l.setWeights(model.layers[i]!.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape))));
  tfModel.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  const h = await model.fit(tensor2d(x), tensor2d(y), { epochs, batchSize, shuffle: false, verbose: 0 });
  const th = await tfModel.fit(tf.tensor2d(x), tf.tensor2d(y), { epochs, batchSize, shuffle: false, verbose: 0, yieldEvery: 'never' });
  return { ours: h.history['loss'] as number[], theirs: th.history['loss'] as number[], model, tfModel };
}

const X = Array.from({ length: 12 }, (_, i) => Array.from({ length: 4 }, (_, j) => Math.fround(Math.sin(i * 4 + j) * 2 + j * 0.3)));
const Y = X.map((r) => [Math.fround(r[0]! - r[1]! * 0.5), Math.fround(r[2]! * r[3]! * 0.1)]);

describe('peer: fit against TF.js 4.22 from the same weights, no shuffling', () => {
  it('batchNormalization then dense: per-epoch losses and the final moving statistics agree within float32 rounding', async () => {
    const run = await fitBoth(
      () => [layers.batchNormalization({ inputShape: [4], momentum: 0.8 }), layers.dense({ units: 2 })],
      () => [tf.layers.batchNormalization({ inputShape: [4], momentum: 0.8 }), tf.layers.dense({ units: 2 })],
      X, Y, 5, 4,
    );
    expect(maxRelativeDifference(run.ours, run.theirs)).toBeLessThanOrEqual(ROUNDING);
    run.tfModel.layers.forEach((l, j) => {
      const ours = run.model.layers[j]!.getWeights();
      l.getWeights().forEach((w, i) => expect(worst(ours[i]!.values, w.dataSync()), `layer ${j} weight ${i}`).toBeLessThanOrEqual(ROUNDING));
    });
  });

  it('dense with kernel l2 and bias l1 regularizers: per-epoch losses (penalties included) agree within float32 rounding', async () => {
    const run = await fitBoth(
      () => [layers.dense({ units: 3, inputShape: [4], activation: 'tanh', kernelRegularizer: regularizers.l2({ l2: 0.05 }), biasInitializer: 'ones', biasRegularizer: regularizers.l1({ l1: 0.1 }) }), layers.dense({ units: 2, kernelRegularizer: regularizers.l1l2({ l1: 0.01, l2: 0.02 }) })],
      () => [tf.layers.dense({ units: 3, inputShape: [4], activation: 'tanh', kernelRegularizer: tf.regularizers.l2({ l2: 0.05 }), biasRegularizer: tf.regularizers.l1({ l1: 0.1 }) }), tf.layers.dense({ units: 2, kernelRegularizer: tf.regularizers.l1l2({ l1: 0.01, l2: 0.02 }) })],
      X, Y, 4, 6,
    );
    expect(maxRelativeDifference(run.ours, run.theirs)).toBeLessThanOrEqual(ROUNDING);
    expect(run.ours[0]! - run.ours[run.ours.length - 1]!).toBeGreaterThan(0);
  });

  it('constraints after a step: our constrained kernel equals TF.js\'s constraint of its unconstrained step, within rounding', async () => {
    const cases: [Constraint, { apply: (w: tf.Tensor) => tf.Tensor }][] = [
      [constraints.maxNorm({ maxValue: 0.5 }), tf.constraints.maxNorm({ maxValue: 0.5 })],
      [constraints.unitNorm(), tf.constraints.unitNorm({ axis: 0 })],
      [constraints.nonNeg(), tf.constraints.nonNeg()],
      [constraints.minMaxNorm({ minValue: 0.8, maxValue: 0.9, rate: 0.5 }), tf.constraints.minMaxNorm({ minValue: 0.8, maxValue: 0.9, rate: 0.5 })],
    ];
    for (const [ours, theirs] of cases) {
      const run = await fitBoth(
        () => [layers.dense({ units: 2, inputShape: [4], kernelConstraint: ours })],
        () => [tf.layers.dense({ units: 2, inputShape: [4] })],
        X, Y, 1, 12,
      );
      const expected = theirs.apply(run.tfModel.layers[0]!.getWeights()[0]!).dataSync();
      expect(worst(run.model.getWeights()[0]!.values, expected), ours.className).toBeLessThanOrEqual(ROUNDING);
    }
  });
});

describe('peer: layerNormalization against TF.js 4.22 on the same weights', () => {
  for (const axis of [-1, [1, 2]] as const) {
    it(`axis ${JSON.stringify(axis)}: forward values and the gradients of x, gamma and beta agree within float32 rounding`, async () => {
      await useTfjsCpu();
      const shape = [2, 3, 4];
      const xs = Array.from({ length: 24 }, (_, i) => Math.fround(Math.cos(i * 1.3) * 2 + (i % 5) * 0.2));
      const dys = Array.from({ length: 24 }, (_, i) => Math.fround(Math.sin(i * 0.7)));
      const ours = layers.layerNormalization({ axis: axis as number | number[], gammaInitializer: 'randomNormal', betaInitializer: 'randomNormal' });
      const x = new Variable(tensor(xs, shape), true, 'ln_peer_x', 'float32');
      const y = ours.apply(x);
      const theirs = tf.layers.layerNormalization({ axis: axis as number | number[] });
      theirs.apply(tf.tensor(xs, shape));
      theirs.setWeights(ours.getWeights().map((w) => tf.tensor(Array.from(w.values), w.shape)));
      const tx = tf.variable(tf.tensor(xs, shape));
      expect(worst(y.values, (theirs.apply(tx) as tf.Tensor).dataSync())).toBeLessThanOrEqual(ROUNDING);
      const { grads } = variableGrads(() => sum(mul(ours.apply(x), tensor(dys, shape))), [x, ...ours.weights]);
      const theirGrads = tf.variableGrads(() => tf.sum(tf.mul(theirs.apply(tx) as tf.Tensor, tf.tensor(dys, shape))) as tf.Scalar);
      const theirVars = [tx, ...theirs.weights.map((w) => (w as unknown as { val: tf.Variable }).val)];
      [x, ...ours.weights].forEach((v, i) => {
        expect(worst(grads[v.name]!.values, theirGrads.grads[theirVars[i]!.name]!.dataSync()), `gradient of ${v.name}`).toBeLessThanOrEqual(1e-4);
      });
    });
  }
});

/** What a `save` hands to a handler, from TF.js or from SameBits. */
async function artifactsOf(model: tf.LayersModel | Sequential): Promise<ModelArtifacts> {
  let captured: unknown;
  const handler = { save: async (a: unknown) => { captured = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' as const } }; } };
  await (model as tf.LayersModel).save(handler as never);
  return captured as ModelArtifacts;
}

/** Weights by name: the two libraries list non-trainable weights in different places. */
function byName(names: string[], values: ArrayLike<number>[]): Map<string, number[]> {
  return new Map(names.map((n, i) => [n.replace(/_\d+$/, ''), Array.from(values[i]!)]));
}

describe('peer: model files with the new layers, both ways between TF.js 4.22 and SameBits', () => {
  const rows = X.slice(0, 6);
  const tfModel = (): tf.Sequential => tf.sequential({ layers: [
    tf.layers.batchNormalization({ inputShape: [4], momentum: 0.9, betaRegularizer: tf.regularizers.l2({ l2: 0.01 }) }),
    tf.layers.layerNormalization({ axis: -1 }),
    tf.layers.dense({ units: 5, activation: 'tanh', kernelRegularizer: tf.regularizers.l1l2({ l1: 0.01, l2: 0.02 }), kernelConstraint: tf.constraints.maxNorm({ maxValue: 2 }), biasConstraint: tf.constraints.nonNeg() }),
    tf.layers.gaussianNoise({ stddev: 0.1 }),
    tf.layers.gaussianDropout({ rate: 0.1 }),
    tf.layers.alphaDropout({ rate: 0.1 }),
    tf.layers.dense({ units: 2 }),
  ] });

  it('a trained TF.js model loads in SameBits with the same weights and predictions within rounding', async () => {
    await useTfjsCpu();
    // NOTE: TF.js seeds its initializers and noise layers from Math.random; a seeded stand-in
    // makes its weights, and so this comparison, the same on every run (it was flaky).
    const random = vi.spyOn(Math, 'random').mockImplementation(uniformSource(2024));
    const theirs = tfModel();
    theirs.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await theirs.fit(tf.tensor2d(X), tf.tensor2d(Y), { epochs: 2, batchSize: 4, verbose: 0 }).finally(() => random.mockRestore());
    const ours = await loadLayersModel(io.fromMemory(await artifactsOf(theirs)));
    expect(ours.layers.map((l) => l.className)).toEqual(['BatchNormalization', 'LayerNormalization', 'Dense', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Dense']);
    const theirWeights = byName(theirs.weights.map((w) => w.originalName), theirs.getWeights().map((w) => w.dataSync()));
    expect(byName(ours.weights.map((w) => w.name), ours.getWeights().map((w) => w.values))).toEqual(theirWeights);
    expect(worst(ours.predict(tensor2d(rows)).values, (theirs.predict(tf.tensor2d(rows)) as tf.Tensor).dataSync())).toBeLessThanOrEqual(ROUNDING);
  });

  it('a trained SameBits model loads in TF.js with the same weights and predictions within rounding', async () => {
    await useTfjsCpu();
    setRandomSeed(4);
    const ours = sequential({ layers: [
      layers.batchNormalization({ inputShape: [4], momentum: 0.9, betaRegularizer: regularizers.l2({ l2: 0.01 }) }),
      layers.layerNormalization({ axis: -1 }),
      layers.dense({ units: 5, activation: 'tanh', kernelRegularizer: regularizers.l1l2({ l1: 0.01, l2: 0.02 }), kernelConstraint: constraints.maxNorm({ maxValue: 2 }), biasConstraint: constraints.nonNeg() }),
      layers.gaussianNoise({ stddev: 0.1 }),
      layers.gaussianDropout({ rate: 0.1 }),
      layers.alphaDropout({ rate: 0.1 }),
      layers.dense({ units: 2 }),
    ] });
    ours.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await ours.fit(tensor2d(X), tensor2d(Y), { epochs: 2, batchSize: 4, verbose: 0 });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(await artifactsOf(ours) as unknown as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(ours.layers.map((l) => l.className));
    const theirWeights = byName(theirs.weights.map((w) => w.originalName), theirs.getWeights().map((w) => w.dataSync()));
    const ourWeights = byName(ours.weights.map((w) => w.name), ours.getWeights().map((w) => w.values));
    expect([...theirWeights.keys()].sort()).toEqual([...ourWeights.keys()].sort());
    // NOTE: TF.js applies a layer variable's constraint when it writes loaded values, so the
    // constrained kernel comes back scaled by n / (1e-7 + n): equal within rounding, not in bits.
    for (const [name, values] of ourWeights) expect(worst(theirWeights.get(name)!, values), name).toBeLessThanOrEqual(ROUNDING);
    expect(worst((theirs.predict(tf.tensor2d(rows)) as tf.Tensor).dataSync(), ours.predict(tensor2d(rows)).values)).toBeLessThanOrEqual(ROUNDING);
  });
});
