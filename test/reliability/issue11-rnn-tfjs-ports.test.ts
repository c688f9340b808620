import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layers, ones, sequential, setRandomSeed, tensor, tensor3d, zeros } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { bytesOf } from '../helpers/bits.js';

/**
 * TF.js code ported by changing only the import (issue 11 probe): the factory aliases TF.js
 * 4.22 exports, `model.resetStates()`, and `apply(x, { initialState })`.
 */
describe('TF.js pooling and recurrent patterns port unchanged', () => {
  it('every pooling alias of tf.layers exists and builds the same class', () => {
    const aliases = ['avgPool1d', 'avgPooling1d', 'avgPool2d', 'avgPooling2d', 'maxPool1d', 'maxPool2d', 'globalMaxPool1d', 'globalMaxPool2d'] as const;
    const tfLayers = tf.layers as unknown as Record<string, unknown>;
    const ours = layers as unknown as Record<string, (args: object) => { className: string }>;
    for (const name of aliases) {
      expect(typeof tfLayers[name], name).toBe('function');
      const make = ours[name];
      expect(typeof make, name).toBe('function');
      const made = (make as (args: object) => { className: string })({});
      const theirs = (tfLayers[name] as (args: object) => { getClassName(): string })({});
      expect(made.className, name).toBe(theirs.getClassName());
    }
  });

  it('model.resetStates() clears the carried states of stateful layers, as in TF.js', () => {
    setRandomSeed(4);
    const model = sequential({ layers: [layers.lstm({ units: 3, stateful: true, returnSequences: true, batchInputShape: [2, 4, 2] }), layers.bidirectional({ layer: layers.gru({ units: 2, stateful: true }) }), layers.dense({ units: 1 })] });
    expect(model.stateful).toBe(true);
    const x = tensor3d(Float32Array.from({ length: 16 }, (_, i) => Math.sin(i)), [2, 4, 2]);
    const first = model.predict(x) as Tensor;
    const carried = model.predict(x) as Tensor;
    expect(bytesOf(carried)).not.toEqual(bytesOf(first));
    model.resetStates();
    expect(bytesOf(model.predict(x) as Tensor)).toEqual(bytesOf(first));
    // A model without stateful layers: nothing to do, as in TF.js.
    const plain = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    expect(plain.stateful).toBe(false);
    expect(() => plain.resetStates()).not.toThrow();
  });

  it('apply(x, { initialState }) uses the states (TF.js kwargs), like apply([x, ...states])', () => {
    setRandomSeed(5);
    const lstm = layers.lstm({ units: 2 });
    const x = tensor3d(Float32Array.from({ length: 12 }, (_, i) => Math.cos(i)), [2, 3, 2]);
    const h = ones([2, 2]);
    const c = ones([2, 2]).mul(0.5);
    const viaList = lstm.apply([x, h, c]) as Tensor;
    const viaArgs = lstm.apply(x, { initialState: [h, c] }) as Tensor;
    expect(bytesOf(viaArgs)).toEqual(bytesOf(viaList));
    expect(bytesOf(viaArgs)).not.toEqual(bytesOf(lstm.apply(x) as Tensor));
    // A single state may be given bare, as in TF.js: the same as the list form.
    const gru = layers.gru({ units: 2 });
    const bare = gru.apply(x, { initialState: zeros([2, 2]) }) as Tensor;
    expect(bare.shape).toEqual([2, 2]);
    expect(bytesOf(bare)).toEqual(bytesOf(gru.apply([x, zeros([2, 2])]) as Tensor));
  });

  it('initial states of the wrong batch or count are refused, saying how many were received', () => {
    const x = ones([2, 3, 2]);
    expect(() => layers.gru({ name: 'g', units: 2 }).apply(x, { initialState: [ones([3, 2])] })).toThrow('g: expected 1 initial state(s) of shape [2, 2], received 1: [3, 2]');
    expect(() => layers.lstm({ name: 'l', units: 2 }).apply([x, ones([2, 2])])).toThrow('l: expected 2 initial state(s) of shape [2, 2], received 1: [2, 2]');
    expect(() => layers.lstm({ name: 'l2', units: 2 }).apply([x, ones([2, 2])], { initialState: [ones([2, 2])] })).toThrow('l2: initial states given twice');
  });

  it('fit on a stateful model refuses, before any step, data that does not fill every batch (TF.js does too)', async () => {
    setRandomSeed(6);
    const model = sequential({ layers: [layers.lstm({ name: 'carry', units: 3, stateful: true, batchInputShape: [4, 5, 2] }), layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const before = model.getWeights().map(bytesOf);
    await expect(model.fit(ones([10, 5, 2]), ones([10, 1]), { batchSize: 4, verbose: 0 }))
      .rejects.toThrow(`${model.name}.fit: layer carry is stateful, so every batch must hold batchSize = 4 samples, but the training data has 10; pass a multiple of 4 samples`);
    await expect(model.fit(ones([12, 5, 2]), ones([12, 1]), { batchSize: 4, verbose: 0, validationData: [ones([6, 5, 2]), ones([6, 1])] }))
      .rejects.toThrow('but the validation data has 6');
    expect(model.getWeights().map(bytesOf)).toEqual(before);
    // A multiple of the batch size in both halves trains.
    const history = await model.fit(ones([8, 5, 2]), ones([8, 1]), { batchSize: 4, verbose: 0, validationSplit: 0.5 });
    expect(history.history['val_loss']).toHaveLength(1);
    expect(model.getWeights().map(bytesOf)).not.toEqual(before);
  });

  it('a shape error inside timeDistributed names the wrapper and the shape the user gave, not only the per-timestep one', () => {
    const td = layers.timeDistributed({ name: 'td', layer: layers.maxPooling2d({ name: 'pool' }) });
    expect(() => td.apply(ones([2, 3, 4, 4]))).toThrow('td: input [2, 3, 4, 4] reaches the wrapped layer as one input per timestep, [6, 4, 4]; pool: expected input of rank 4 [batch, height, width, channels], received [6, 4, 4]');
    expect(() => sequential({ layers: [layers.timeDistributed({ name: 'td2', layer: layers.maxPooling2d({ name: 'pool2' }), inputShape: [3, 4, 4] })] })).toThrow('td2: input [null, 3, 4, 4] reaches the wrapped layer as one input per timestep, [null, 4, 4]; pool2: expected input of rank 4');
  });
});

describe('bidirectional initial states (TF.js / Keras: the first half forward, the second backward)', () => {
  it('agrees with real TF.js on the same weights', async () => {
    await tf.setBackend('cpu');
    setRandomSeed(7);
    const ours = layers.bidirectional({ layer: layers.lstm({ units: 2, recurrentActivation: 'sigmoid', returnSequences: true }) });
    const theirs = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 2, recurrentActivation: 'sigmoid', returnSequences: true }) as tf.layers.RNN });
    const values = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => Math.sin(i * 0.9));
    const states = [0.5, -0.25, 0.75, -1].map((v, k) => Float32Array.from({ length: 4 }, (_, i) => v * (i + 1 + k) * 0.3));
    ours.apply(ones([2, 3, 4]));
    theirs.apply(tf.ones([2, 3, 4]));
    theirs.setWeights(ours.getWeights().map((w) => tf.tensor(w.dataSync(), w.shape)));
    const y = ours.apply(tensor3d(values, [2, 3, 4]), { initialState: states.map((s) => tensor(s, [2, 2])) }) as Tensor;
    const want = theirs.apply(tf.tensor3d(values, [2, 3, 4]), { initialState: states.map((s) => tf.tensor2d(s, [2, 2])) }) as tf.Tensor;
    const got = Array.from(y.dataSync());
    const expected = Array.from(want.dataSync());
    expect(y.shape).toEqual(want.shape);
    expect(Math.max(...got.map((v, i) => Math.abs(v - (expected[i] as number))))).toBeLessThanOrEqual(1e-6);
    expect(bytesOf(y)).not.toEqual(bytesOf(ours.apply(tensor3d(values, [2, 3, 4])) as Tensor));
  });

  it('a wrong number of states is refused, naming the layer', () => {
    const bi = layers.bidirectional({ name: 'bi', layer: layers.gru({ units: 2 }) });
    expect(() => bi.apply(ones([2, 3, 2]), { initialState: [ones([2, 2])] })).toThrow("bi: expected the forward layer's initial states, then as many for the backward one (an even number), received 1");
    const lstm = layers.bidirectional({ layer: layers.lstm({ name: 'l', units: 2 }) });
    expect(() => lstm.apply(ones([2, 3, 2]), { initialState: [ones([2, 2]), ones([2, 2])] })).toThrow('forward_l: expected 2 initial state(s) of shape [2, 2], received 1: [2, 2]');
  });
});
