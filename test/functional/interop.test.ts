import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/node.js'; // installs the file:// saver that model.save uses
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelArtifacts } from '../../src/io/index.js';
import { io, loadLayersModel, modelToArtifacts } from '../../src/io/index.js';
import type { SymbolicTensor } from '../../src/layers/index.js';
import { input as inputOf, layers } from '../../src/layers/index.js';
import { LayersModel, model, sequential } from '../../src/models/index.js';
import { Tensor as TensorClass } from '../../src/ops/tensor.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { bytesOf } from '../helpers/bits.js';
import { tfjsTwoInTwoOut } from './tfjs-two-io.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

const tensor3dOf = (values: number[], shape: number[]): Tensor => new TensorClass(Float32Array.from(values), shape, 'float32');

/** Functional model files both ways between SameBits and the real TF.js 4.22 (cpu backend). */

const TOLERANCE = 1e-6;

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

const floatBytes = (values: ArrayLike<number>): number[] => Array.from(new Uint8Array(Float32Array.from(values).buffer));

async function tfjsArtifacts(model: tf.LayersModel): Promise<ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    captured = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return captured as unknown as ModelArtifacts;
}

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

describe('a functional model saved by SameBits', () => {
  it('loads in TF.js (tf.loadLayersModel through an IOHandler) with the same layers, weight bits and predictions within float32 tolerance', async () => {
    setRandomSeed(21);
    const ours = twoInTwoOut('_x');
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(modelToArtifacts(ours) as unknown as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.name)).toEqual(ours.layers.map((l) => l.name));
    expect(theirs.inputNames).toEqual(ours.inputNames);
    expect(theirs.outputNames).toEqual(ours.outputNames);
    expect(theirs.getWeights().map((w) => floatBytes(w.dataSync()))).toEqual(ours.getWeights().map((w) => Array.from(bytesOf(w))));
    const { xa, xb } = twoInTwoOutData(7);
    const expected = ours.predict([xa, xb]) as Tensor[];
    const actual = theirs.predict([tf.tensor2d(Array.from(xa.values), [7, 3]), tf.tensor2d(Array.from(xb.values), [7, 2])]) as tf.Tensor[];
    expect(actual).toHaveLength(2);
    actual.forEach((t, i) => expect(maxAbsDifference(t.dataSync(), (expected[i] as Tensor).values)).toBeLessThanOrEqual(TOLERANCE));
  });

  it('loads back in SameBits with the same weight bytes and the same prediction bits', async () => {
    setRandomSeed(22);
    const ours = twoInTwoOut('_r');
    const back = await loadLayersModel<LayersModel>(io.fromMemory(modelToArtifacts(ours)));
    expect(back).toBeInstanceOf(LayersModel);
    expect(back.layers.map((l) => [l.name, l.className])).toEqual(ours.layers.map((l) => [l.name, l.className]));
    expect(back.weights.map((w) => Array.from(bytesOf(w)))).toEqual(ours.weights.map((w) => Array.from(bytesOf(w))));
    const { xa, xb } = twoInTwoOutData(5);
    const a = ours.predict([xa, xb]) as Tensor[];
    const b = back.predict([xa, xb]) as Tensor[];
    expect(b).toHaveLength(a.length);
    expect(a).toHaveLength(2);
    a.forEach((t, i) => expect(Array.from(bytesOf(b[i] as Tensor))).toEqual(Array.from(bytesOf(t))));
  });
});

describe('a functional model saved by SameBits to file://', () => {
  it('is read by tf.loadLayersModel from its model.json and weights.bin, predicting within float32 tolerance', async () => {
    setRandomSeed(23);
    const ours = twoInTwoOut('_f');
    const dir = mkdtempSync(join(tmpdir(), 'samebits-functional-'));
    await ours.save(`file://${dir}`);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    expect((json.modelTopology as { class_name: string }).class_name).toBe('Model');
    const bin = readFileSync(join(dir, json.weightsManifest[0]?.paths[0] ?? 'weights.bin'));
    const handler: tf.io.IOHandler = { load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }) };
    const theirs = await tf.loadLayersModel(handler);
    const { xa, xb } = twoInTwoOutData(4);
    const expected = ours.predict([xa, xb]) as Tensor[];
    const actual = theirs.predict([tf.tensor2d(Array.from(xa.values), [4, 3]), tf.tensor2d(Array.from(xb.values), [4, 2])]) as tf.Tensor[];
    expect(actual).toHaveLength(2);
    actual.forEach((t, i) => expect(maxAbsDifference(t.dataSync(), (expected[i] as Tensor).values)).toBeLessThanOrEqual(TOLERANCE));
  });
});

describe('a functional model saved by TF.js', () => {
  it('loads in SameBits with bit-identical weights and predictions within float32 tolerance', async () => {
    const theirs = tfjsTwoInTwoOut();
    const ours = await loadLayersModel<LayersModel>(io.fromMemory(await tfjsArtifacts(theirs)));
    expect(ours.layers.map((l) => l.name)).toEqual(theirs.layers.map((l) => l.name));
    expect(ours.getWeights().map((w) => Array.from(bytesOf(w)))).toEqual(theirs.getWeights().map((w) => floatBytes(w.dataSync())));
    const { xa, xb } = twoInTwoOutData(6);
    const expected = theirs.predict([tf.tensor2d(Array.from(xa.values), [6, 3]), tf.tensor2d(Array.from(xb.values), [6, 2])]) as tf.Tensor[];
    const actual = ours.predict([xa, xb]) as Tensor[];
    expected.forEach((t, i) => expect(maxAbsDifference((actual[i] as Tensor).values, t.dataSync())).toBeLessThanOrEqual(TOLERANCE));
  });
});

describe('a functional model nested in another', () => {
  function nested(): LayersModel {
    const inner = twoInTwoOut('_in');
    const a = inputOf({ shape: [3], name: 'outer_a' });
    const b = inputOf({ shape: [2], name: 'outer_b' });
    const [p, q] = inner.apply([a, b]) as SymbolicTensor[];
    const head = layers.dense({ units: 1, name: 'outer_head' }).apply(layers.concatenate({ name: 'outer_cat' }).apply([p as SymbolicTensor, q as SymbolicTensor]));
    return model({ inputs: [a, b], outputs: head, name: 'outer' });
  }

  it('saves (the inner model as a layer of class Model) and loads back with the same weight and prediction bits', async () => {
    setRandomSeed(24);
    const ours = nested();
    const back = await loadLayersModel<LayersModel>(io.fromMemory(modelToArtifacts(ours)));
    expect(back.layers.map((l) => l.className)).toEqual(['InputLayer', 'InputLayer', 'Model', 'Concatenate', 'Dense']);
    expect(back.weights.map((w) => Array.from(bytesOf(w)))).toEqual(ours.weights.map((w) => Array.from(bytesOf(w))));
    const { xa, xb } = twoInTwoOutData(3);
    expect(Array.from(bytesOf(back.predict([xa, xb]) as Tensor))).toEqual(Array.from(bytesOf(ours.predict([xa, xb]) as Tensor)));
  });

  it('loads in TF.js and predicts within float32 tolerance', async () => {
    setRandomSeed(25);
    const ours = nested();
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(modelToArtifacts(ours) as unknown as tf.io.ModelArtifacts));
    const { xa, xb } = twoInTwoOutData(3);
    const actual = theirs.predict([tf.tensor2d(Array.from(xa.values), [3, 3]), tf.tensor2d(Array.from(xb.values), [3, 2])]) as tf.Tensor;
    expect(maxAbsDifference(actual.dataSync(), (ours.predict([xa, xb]) as Tensor).values)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('a nested functional model saved by TF.js (its calls counted from node 1)', () => {
  it('loads in SameBits with the same weights and predictions within float32 tolerance', async () => {
    const a = tf.input({ shape: [3], name: 'tf_ia' });
    const inner = tf.model({ inputs: a, outputs: tf.layers.dense({ units: 2, activation: 'tanh', name: 'tf_d' }).apply(a) as tf.SymbolicTensor, name: 'tf_inner' });
    const b = tf.input({ shape: [3], name: 'tf_ob' });
    const theirs = tf.model({ inputs: b, outputs: tf.layers.dense({ units: 1, name: 'tf_h' }).apply(inner.apply(b)) as tf.SymbolicTensor, name: 'tf_outer' });
    const ours = await loadLayersModel<LayersModel>(io.fromMemory(await tfjsArtifacts(theirs)));
    expect(ours.layers.map((l) => l.className)).toEqual(['InputLayer', 'Model', 'Dense']);
    expect(ours.getWeights().map((w) => Array.from(bytesOf(w)))).toEqual(theirs.getWeights().map((w) => floatBytes(w.dataSync())));
    const { xa } = twoInTwoOutData(4);
    const expected = (theirs.predict(tf.tensor2d(Array.from(xa.values), [4, 3])) as tf.Tensor).dataSync();
    expect(maxAbsDifference((ours.predict(xa) as Tensor).values, expected)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('a functional model inside a Sequential', () => {
  it('runs, and saving it says to build the outer model functionally', async () => {
    setRandomSeed(26);
    const x = inputOf({ shape: [3], name: 'seq_in' });
    const inner = model({ inputs: x, outputs: layers.dense({ units: 2, name: 'seq_inner_d' }).apply(x), name: 'seq_inner' });
    const outer = sequential({ layers: [inner, layers.dense({ units: 1, name: 'seq_head' })], name: 'seq_outer' });
    expect(outer.predict(twoInTwoOutData(2).xa).shape).toEqual([2, 1]);
    expect(() => modelToArtifacts(outer)).toThrow("seq_outer.save: layer 'seq_inner' is a functional model; saving one inside a Sequential model is not supported");
  });
});

describe('an LSTM with returnState in a functional model (a layer with several outputs)', () => {
  function encoderDecoder(): LayersModel {
    const seq = inputOf({ shape: [5, 3], name: 'ed_seq' });
    const [out, h, c] = layers.lstm({ units: 4, returnState: true, name: 'ed_lstm' }).apply(seq) as SymbolicTensor[];
    const head = layers.dense({ units: 2, name: 'ed_head' }).apply(layers.concatenate({ name: 'ed_cat' }).apply([out as SymbolicTensor, h as SymbolicTensor, c as SymbolicTensor]));
    return model({ inputs: seq, outputs: head, name: 'ed' });
  }
  const x = (): Tensor => tensor3dOf(Array.from({ length: 2 * 5 * 3 }, (_, i) => Math.sin(i * 0.37)), [2, 5, 3]);

  it('runs, saves and loads back with the same bits, and TF.js predicts within float32 tolerance', async () => {
    setRandomSeed(27);
    const ours = encoderDecoder();
    const back = await loadLayersModel<LayersModel>(io.fromMemory(modelToArtifacts(ours)));
    expect(Array.from(bytesOf(back.predict(x()) as Tensor))).toEqual(Array.from(bytesOf(ours.predict(x()) as Tensor)));
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(modelToArtifacts(ours) as unknown as tf.io.ModelArtifacts));
    const actual = (theirs.predict(tf.tensor3d(Array.from(x().values), [2, 5, 3])) as tf.Tensor).dataSync();
    expect(maxAbsDifference(actual, (ours.predict(x()) as Tensor).values)).toBeLessThanOrEqual(TOLERANCE);
  });
});
