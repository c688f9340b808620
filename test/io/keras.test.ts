import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tensor2d } from '../../src/node.js';
import { encodeWeights, io, loadLayersModel, modelFromJSON } from '../../src/io/index.js';
import { bytesOf } from './helpers.js';

/**
 * Model files from Keras: the committed converter fixture (tf.keras 2.15 → tensorflowjs_converter,
 * written by test/fixtures/keras-converter/make-fixture.ts from the format's documentation) and
 * Keras 3 configs (`keras/src` get_config output for these layers, REFERENCE.md §1).
 */

const fixture = fileURLToPath(new URL('../fixtures/keras-converter/', import.meta.url));
const INDICES = [[0, 1, 2, 3, 4, 5], [9, 8, 7, 6, 5, 4]];

describe('the tensorflowjs_converter fixture (Keras 2, two shards)', () => {
  it('loads with every weight equal to its bytes in the shards, matched by name', async () => {
    const model = await loadLayersModel(`file://${fixture}`);
    expect(model.name).toBe('sequential');
    expect(model.layers.map((l) => l.name)).toEqual(['embedding', 'permute', 'flatten', 'dense', 'dropout', 'dense_1', 'activation']);
    const json = JSON.parse(readFileSync(`${fixture}model.json`, 'utf8')) as { weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[] };
    const group = json.weightsManifest[0] as { paths: string[]; weights: { name: string; shape: number[] }[] };
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(`${fixture}${p}`)));
    let at = 0;
    for (const spec of group.weights) {
      const n = 4 * spec.shape.reduce((p, d) => p * d, 1);
      const weight = model.weights.find((w) => w.name === spec.name);
      expect(weight, spec.name).toBeDefined();
      expect(bytesOf(weight as NonNullable<typeof weight>)).toEqual(Array.from(bytes.subarray(at, at + n)));
      at += n;
    }
  });

  it('predicts what TF.js predicts from the same files, within float32 tolerance', async () => {
    if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
    const json = JSON.parse(readFileSync(`${fixture}model.json`, 'utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    const group = json.weightsManifest[0] as { paths: string[]; weights: tf.io.WeightsManifestEntry[] };
    const data = Buffer.concat(group.paths.map((p) => readFileSync(`${fixture}${p}`)));
    const theirs = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.length) }));
    const expected = (theirs.predict(tf.tensor2d(INDICES)) as tf.Tensor).dataSync();
    const actual = (await loadLayersModel(`file://${fixture}model.json`)).predict(tensor2d(INDICES)).dataSync();
    for (let i = 0; i < expected.length; i++) expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(1e-6);
  });

  it('ignores the training_config nested in modelTopology, as TF.js does', async () => {
    expect((await loadLayersModel(`file://${fixture}`)).compiled).toBeUndefined();
  });
});

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const init = (className: string, config: object): object => ({ module: 'keras.initializers', class_name: className, config, registered_name: null });

/** A Keras 3 Sequential config: embedding → flatten → dense(softmax), as `model.get_config()` gives it. */
function keras3Topology(withInputLayer: boolean): object {
  const layer = (className: string, config: object, inputShape: (number | null)[]): object => ({
    module: 'keras.layers', class_name: className, config: { trainable: true, dtype: policy, ...config }, registered_name: null, build_config: { input_shape: inputShape },
  });
  return {
    module: 'keras', class_name: 'Sequential', registered_name: null, build_config: { input_shape: [null, 6] },
    config: {
      name: 'sequential', trainable: true, dtype: policy, build_input_shape: [null, 6],
      layers: [
        ...(withInputLayer ? [{ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 6], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer', optional: false }, registered_name: null }] : []),
        layer('Embedding', { name: 'embedding', input_dim: 10, output_dim: 4, embeddings_initializer: init('RandomUniform', { seed: null, minval: -0.05, maxval: 0.05 }), embeddings_regularizer: null, activity_regularizer: null, embeddings_constraint: null, mask_zero: false }, [null, 6]),
        layer('Flatten', { name: 'flatten', data_format: 'channels_last' }, [null, 6, 4]),
        layer('Dense', { name: 'dense', units: 3, activation: 'softmax', use_bias: true, kernel_initializer: init('GlorotUniform', { seed: null }), bias_initializer: init('Zeros', {}), kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, quantization_config: null }, [null, 24]),
      ],
    },
  };
}

describe('Keras 3 configs', () => {
  for (const withInputLayer of [true, false]) {
    it(`build the model${withInputLayer ? ' (InputLayer with batch_shape)' : ' (input shape from build_input_shape)'}`, () => {
      const model = modelFromJSON(keras3Topology(withInputLayer));
      expect(model.layers.map((l) => l.className)).toEqual(['Embedding', 'Flatten', 'Dense']);
      expect(model.inputShape).toEqual([null, 6]);
      expect(model.weights.map((w) => [w.name, w.shape])).toEqual([['embedding/embeddings', [10, 4]], ['dense/kernel', [24, 3]], ['dense/bias', [3]]]);
    });
  }

  it('load weights named by Keras 3 paths (sequential/dense/kernel)', async () => {
    const template = modelFromJSON(keras3Topology(true));
    const { data, specs } = encodeWeights(template.weights.map((w) => ({ name: `sequential/${w.name}`, tensor: w })));
    const model = await loadLayersModel(io.fromMemory({ modelTopology: keras3Topology(true), weightSpecs: specs, weightData: data }));
    expect(model.getWeights().map(bytesOf)).toEqual(template.getWeights().map(bytesOf));
  });

  it('refuse a dtype policy other than float32', () => {
    const topology = keras3Topology(true) as { config: { layers: { config: { dtype?: unknown } }[] } };
    (topology.config.layers[3] as { config: { dtype?: unknown } }).config.dtype = { ...policy, config: { name: 'mixed_float16' } };
    expect(() => modelFromJSON(topology)).toThrow(/layer 3 \(Dense 'dense'\): Dense config: dtype must be 'float32'/);
  });
});
