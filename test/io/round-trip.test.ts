import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Optimizer } from '../../src/node.js';
import { layers, sequential, setRandomSeed, tensor2d, train } from '../../src/node.js';
import { SAMEBITS_VERSION, loadLayersModel, saveModel } from '../../src/io/index.js';
import { fileSystem, io } from '../../src/io/node.js';
import { bytesOf, captureArtifacts, fullModel, fullModelInput, fullModelTargets, tempDir, weightBytes } from './helpers.js';

describe('save and load round trips', () => {
  const root = tempDir();

  it('file:// save then load gives identical weight bytes and identical prediction bits', async () => {
    const model = fullModel();
    await saveModel(model, `file://${root}/plain`);
    const loaded = await loadLayersModel(`file://${root}/plain`);
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
    expect(bytesOf(loaded.predict(fullModelInput()))).toEqual(bytesOf(model.predict(fullModelInput())));
  });

  it('loads from the directory or from its model.json alike', async () => {
    const a = await loadLayersModel(`file://${root}/plain/model.json`);
    const b = await loadLayersModel(fileSystem(`${root}/plain`));
    expect(weightBytes(a)).toEqual(weightBytes(b));
  });

  it('writes model.json (keys in tfjs-node order) and weights.bin, and nothing else', async () => {
    const model = fullModel();
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await saveModel(model, `file://${root}/keys`, { includeOptimizer: true });
    expect(readdirSync(`${root}/keys`).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(readFileSync(`${root}/keys/model.json`, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['modelTopology', 'weightsManifest', 'format', 'generatedBy', 'convertedBy', 'trainingConfig']);
    expect(json['format']).toBe('layers-model');
    expect(json['generatedBy']).toBe(`SameBits ${SAMEBITS_VERSION}`);
    expect(json['convertedBy']).toBeNull();
    const manifest = json['weightsManifest'] as { paths: string[]; weights: { name: string; group?: string }[] }[];
    expect(manifest).toHaveLength(1);
    expect(manifest[0]?.paths).toEqual(['weights.bin']);
    expect(manifest[0]?.weights.map((w) => w.name)).toEqual([...model.weights.map((v) => v.name), 'iter']);
    expect(manifest[0]?.weights.at(-1)?.group).toBe('optimizer');
    expect(json['trainingConfig']).toEqual({
      loss: 'categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer_config: { class_name: 'Adam', config: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
    });
  });

  it('SAMEBITS_VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SAMEBITS_VERSION).toBe(pkg.version);
  });

  it('saveModel reports the sizes TF.js reports', async () => {
    const model = fullModel();
    const result = await saveModel(model, `file://${root}/info`);
    const artifacts = await captureArtifacts(model);
    const info = result.modelArtifactsInfo;
    expect(info.modelTopologyType).toBe('JSON');
    expect(info.dateSaved).toBeInstanceOf(Date);
    expect(info.weightDataBytes).toBe((artifacts.weightData as ArrayBuffer).byteLength);
    expect(info.modelTopologyBytes).toBe(Buffer.byteLength(JSON.stringify(artifacts.modelTopology)));
    expect(info.weightSpecsBytes).toBe(Buffer.byteLength(JSON.stringify(artifacts.weightSpecs)));
  });

  it('io.fromMemory of the saved artifacts loads the same model', async () => {
    const model = fullModel(3);
    const loaded = await loadLayersModel(io.fromMemory(await captureArtifacts(model)));
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
  });

  it('a model declared with an inputLayer saves its input shape on the first layer', async () => {
    setRandomSeed(2);
    const model = sequential({ layers: [layers.inputLayer({ inputShape: [3] }), layers.dense({ units: 2 })] });
    const artifacts = await captureArtifacts(model);
    const first = (artifacts.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0]?.config;
    expect(first?.['batch_input_shape']).toEqual([null, 3]);
    const loaded = await loadLayersModel(io.fromMemory(artifacts));
    expect(loaded.inputShape).toEqual([null, 3]);
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
  });

  it('with includeOptimizer, training continues to the same bits as the original model', async () => {
    const x = fullModelInput(12);
    const y = fullModelTargets(12);
    const original = fullModel(11);
    original.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await original.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    await saveModel(original, `file://${root}/resume`, { includeOptimizer: true });
    const loaded = await loadLayersModel(`file://${root}/resume`);
    expect(loaded.optimizer?.getWeights().map((w) => [w.name, bytesOf(w.tensor)])).toEqual(original.optimizer?.getWeights().map((w) => [w.name, bytesOf(w.tensor)]));
    const more = { epochs: 2, initialEpoch: 1, batchSize: 4, verbose: 0 } as const;
    const h1 = await original.fit(x, y, more);
    const h2 = await loaded.fit(x, y, more);
    expect(weightBytes(loaded)).toEqual(weightBytes(original));
    expect(h2.history).toEqual(h1.history);
  });

  it('a configured loss keeps its options (fromLogits) through the file', async () => {
    const x = fullModelInput(8);
    const y = tensor2d([[0], [1], [2], [0], [1], [2], [0], [1]]);
    setRandomSeed(5);
    const model = sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 2, inputLength: 6 }), layers.flatten(), layers.dense({ units: 3 })] });
    model.compile({ optimizer: 'sgd', loss: { name: 'sparseCategoricalCrossentropy', fromLogits: true }, metrics: [{ name: 'accuracy' }] });
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const artifacts = await captureArtifacts(model, true);
    expect(artifacts.trainingConfig?.loss_options).toEqual({ from_logits: true });
    const loaded = await loadLayersModel(io.fromMemory(artifacts));
    const a = await model.fit(x, y, { epochs: 2, initialEpoch: 1, batchSize: 4, verbose: 0 });
    const b = await loaded.fit(x, y, { epochs: 2, initialEpoch: 1, batchSize: 4, verbose: 0 });
    expect(b.history).toEqual(a.history);
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
  });

  it('loads a manifest whose group is split over several files (shards)', async () => {
    const model = fullModel(4);
    await saveModel(model, `file://${root}/shards`);
    const dir = `${root}/shards`;
    const bytes = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'part-a.bin'), bytes.subarray(0, 100));
    writeFileSync(join(dir, 'sub-b.bin'), bytes.subarray(100));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    (json.weightsManifest[0] as { paths: string[] }).paths = ['part-a.bin', './sub-b.bin'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    expect(weightBytes(await loadLayersModel(`file://${dir}`))).toEqual(weightBytes(model));
  });

  it('loads a manifest with several groups, in manifest order', async () => {
    const model = fullModel(6);
    const artifacts = await captureArtifacts(model);
    const dir = `${root}/groups`;
    await saveModel(model, `file://${dir}`);
    const specs = artifacts.weightSpecs ?? [];
    const bytes = readFileSync(join(dir, 'weights.bin'));
    const firstBytes = 10 * 4 * 4; // the embedding's [10, 4] float32
    writeFileSync(join(dir, 'g1.bin'), bytes.subarray(0, firstBytes));
    writeFileSync(join(dir, 'g2.bin'), bytes.subarray(firstBytes));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: unknown[] };
    json.weightsManifest = [{ paths: ['g1.bin'], weights: specs.slice(0, 1) }, { paths: ['g2.bin'], weights: specs.slice(1) }];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    expect(weightBytes(await loadLayersModel(`file://${dir}/model.json`))).toEqual(weightBytes(model));
  });

  const optimizers: [string, () => Optimizer][] = [
    ['SGD', () => train.sgd(0.1)], ['Momentum', () => train.momentum(0.1, 0.9, true)], ['RMSProp', () => train.rmsprop(0.01, 0.9, 0.5, 1e-7, true)],
    ['Adagrad', () => train.adagrad(0.1)], ['Adadelta', () => train.adadelta(1)], ['Adamax', () => train.adamax(0.01)], ['AdamW', () => train.adamw(0.01)],
  ];
  for (const [name, make] of optimizers) {
    it(`${name}: config and state survive the file, and training continues to the same bits`, async () => {
      const x = tensor2d([[1, 2, 3], [0, -1, 2], [3, 1, 0], [2, 2, -2]]);
      const y = tensor2d([[1], [0], [1], [0]]);
      setRandomSeed(8);
      const model = sequential({ layers: [layers.dense({ units: 4, activation: 'tanh', inputShape: [3] }), layers.dense({ units: 1 })] });
      model.compile({ optimizer: make(), loss: 'meanSquaredError' });
      await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
      const loaded = await loadLayersModel(io.fromMemory(await captureArtifacts(model, true)));
      expect(loaded.optimizer?.getClassName()).toBe(name);
      expect(loaded.optimizer?.getConfig()).toEqual(model.optimizer?.getConfig());
      const more = { epochs: 4, initialEpoch: 2, batchSize: 2, verbose: 0 } as const;
      await model.fit(x, y, more);
      await loaded.fit(x, y, more);
      expect(weightBytes(loaded)).toEqual(weightBytes(model));
    });
  }

  it('a model built by its first predict (no declared input shape) saves and loads', async () => {
    setRandomSeed(9);
    const model = sequential({ layers: [layers.dense({ units: 2 }), layers.dense({ units: 1 })] });
    model.predict(tensor2d([[1, 2, 3]]));
    const loaded = await loadLayersModel(io.fromMemory(await captureArtifacts(model)));
    expect(loaded.inputShape).toEqual([null, 3]);
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
  });

  it('includeOptimizer on a model never compiled saves the model alone, as TF.js does', async () => {
    const artifacts = await captureArtifacts(fullModel(), true);
    expect(artifacts.trainingConfig).toBeUndefined();
    expect(artifacts.weightSpecs?.every((s) => s.group === undefined)).toBe(true);
  });

  it('includeOptimizer with a custom loss function is refused with a clear error', async () => {
    const model = fullModel();
    model.compile({ optimizer: 'sgd', loss: (_yTrue, yPred) => yPred });
    await expect(captureArtifacts(model, true)).rejects.toThrow(/includeOptimizer: the loss is a custom function, which a model file cannot name/);
  });
});
