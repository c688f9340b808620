import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layers, sequential, setRandomSeed } from '../../src/node.js';
import { modelFromJSON, modelToJSON } from '../../src/io/index.js';
import { fullModel } from './helpers.js';

type LayerEntry = { class_name: string; config: Record<string, unknown> };

/** TF.js 4.22's modelTopology for the same architecture as `fullModel`. */
function tfjsTopology(): { layers: LayerEntry[]; top: Record<string, unknown> } {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 6 }),
      tf.layers.reshape({ targetShape: [4, 6] }),
      tf.layers.permute({ dims: [2, 1] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 8, activation: 'relu' }),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.dense({ units: 3 }),
      tf.layers.activation({ activation: 'softmax' }),
    ],
  });
  const top = model.toJSON(null, false) as unknown as Record<string, unknown>;
  return { layers: (top['config'] as { layers: LayerEntry[] }).layers, top };
}

describe('modelToJSON writes the modelTopology TF.js writes', () => {
  const ours = modelToJSON(fullModel());
  const theirs = tfjsTopology();

  it('the same top-level keys and values but the name', () => {
    expect(Object.keys(ours)).toEqual(Object.keys(theirs.top));
    expect(ours.class_name).toBe('Sequential');
    expect(ours.keras_version).toBe(theirs.top['keras_version']);
    expect(ours.backend).toBe(theirs.top['backend']);
  });

  it('every layer: the same class and the same config keys in the same order', () => {
    expect(ours.config.layers.map((l) => l.class_name)).toEqual(theirs.layers.map((l) => l.class_name));
    ours.config.layers.forEach((layer, i) => {
      const expected = Object.keys((theirs.layers[i] as LayerEntry).config);
      // TF.js omits the first Embedding's dtype (its dtype is unset); SameBits always writes it.
      expect(Object.keys(layer.config).filter((k) => expected.includes(k) || k !== 'dtype'), layer.class_name).toEqual(expected);
    });
  });

  it('the same values for what both libraries set alike', () => {
    const pick = (l: LayerEntry | undefined, keys: string[]): unknown[] => keys.map((k) => l?.config[k]);
    const keys: Record<string, string[]> = {
      Embedding: ['input_dim', 'output_dim', 'embeddings_initializer', 'input_length', 'batch_input_shape'],
      Reshape: ['target_shape'], Permute: ['dims'], Dropout: ['rate', 'noise_shape', 'seed'],
      Dense: ['units', 'activation', 'use_bias', 'bias_initializer'], Activation: ['activation'], Flatten: [],
    };
    ours.config.layers.forEach((layer, i) => {
      const k = keys[layer.class_name] as string[];
      expect(pick(layer, k), layer.class_name).toEqual(pick(theirs.layers[i], k));
    });
  });

  it('Glorot initializers are VarianceScaling in the file spelling (fan_avg)', () => {
    expect(ours.config.layers[4]?.config['kernel_initializer']).toEqual({ class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } });
  });

  it('refuses a model without layers, or one whose input shape is unknown', () => {
    expect(() => modelToJSON(sequential())).toThrow(/has no layers/);
  });
});

describe('modelFromJSON', () => {
  it('rebuilds the same architecture, and a seed gives the same initial weights', () => {
    setRandomSeed(4);
    const model = fullModel(4);
    setRandomSeed(4);
    const copy = modelFromJSON(modelToJSON(model));
    expect(modelToJSON(copy)).toEqual(modelToJSON(model));
    expect(copy.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(model.getWeights().map((w) => Array.from(w.dataSync())));
  });

  it('accepts the Keras 2 bare layer list and the converter wrapper {model_config}', () => {
    const layersList = [{ class_name: 'Dense', config: { units: 2, batch_input_shape: [null, 3], name: 'only' } }];
    const a = modelFromJSON({ class_name: 'Sequential', config: layersList });
    const b = modelFromJSON({ keras_version: '2.2.4', backend: 'tensorflow', model_config: { class_name: 'Sequential', config: { name: 'm', layers: layersList } } });
    expect(a.weights.map((w) => w.name)).toEqual(['only/kernel', 'only/bias']);
    expect(b.name).toBe('m');
  });

  it('refuses an absurd topology without weight data before allocating it', () => {
    setRandomSeed(1);
    const big = sequential({ layers: [layers.dense({ units: 4, inputShape: [3] })] });
    const json = modelToJSON(big);
    (json.config.layers[0] as LayerEntry).config['units'] = 2 ** 40;
    expect(() => modelFromJSON(json)).toThrow(/the topology needs \d+ weight values .* at most 268435456 are allowed without weight data/);
  });
});
