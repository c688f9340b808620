import { describe, expect, it } from 'vitest';
import { getActivation, getInitializer, getLoss, getMetric, getOptimizer, layers, sequential } from '../../src/node.js';
import { fromMemory, loadLayersModel, ModelFileError } from '../../src/io/index.js';
import { optimizerFromConfig } from '../../src/optimizers/get-optimizer.js';
import { layerFactory } from '../../src/layers/registry.js';

/**
 * Names that every plain object inherits from Object.prototype. An id table that looks names up
 * with `in` or `table[name]` finds these; each must instead be an unknown id.
 */
const PROTO_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

/** A one-Dense model file whose Dense layer config is `dense` and whose trainingConfig is `training`. */
function modelFile(dense: Record<string, unknown>, training?: Record<string, unknown>, className = 'Dense'): Parameters<typeof fromMemory>[0] {
  const layer = { class_name: className, config: { name: 'd', units: 2, batch_input_shape: [null, 3], ...dense } };
  return {
    modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: [layer] } },
    ...(training ? { trainingConfig: { loss: 'mse', metrics: [], optimizer_config: { class_name: 'Adam', config: {} }, ...training } } : {}),
  } as Parameters<typeof fromMemory>[0];
}

async function loadError(artifacts: Parameters<typeof fromMemory>[0]): Promise<unknown> {
  return loadLayersModel(fromMemory(artifacts)).then(() => undefined, (e: unknown) => e);
}

describe.each(PROTO_NAMES)("the Object.prototype name '%s' is an unknown id in every table", (name) => {
  const unknown = (kind: string): RegExp => new RegExp(`Unknown ${kind} '${name.replace(/[$]/g, '\\$&')}'`);

  it('activation: getActivation, dense({activation}), activation layer', () => {
    expect(() => getActivation(name)).toThrow(unknown('activation'));
    expect(() => layers.dense({ units: 1, activation: name as 'relu' })).toThrow(unknown('activation'));
    expect(() => layers.activation({ activation: name as 'relu' })).toThrow(unknown('activation'));
  });

  it('activation from a model file (Dense and Activation layers)', async () => {
    for (const file of [modelFile({ activation: name }), modelFile({ activation: name }, undefined, 'Activation')]) {
      const error = await loadError(file);
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as Error).message).toMatch(unknown('activation'));
    }
  });

  it('initializer: getInitializer, dense({kernelInitializer}), model file', async () => {
    expect(() => getInitializer(name)).toThrow(unknown('initializer'));
    expect(() => getInitializer({ className: name, config: {} })).toThrow(unknown('initializer'));
    expect(() => layers.dense({ units: 1, kernelInitializer: name })).toThrow(unknown('initializer'));
    for (const init of [name, { class_name: name, config: {} }]) {
      const error = await loadError(modelFile({ kernel_initializer: init }));
      expect(error).toBeInstanceOf(ModelFileError);
      expect((error as Error).message).toMatch(unknown('initializer'));
    }
  });

  it('loss: getLoss, compile, trainingConfig', async () => {
    expect(() => getLoss(name)).toThrow(unknown('loss'));
    expect(() => getLoss({ name })).toThrow(unknown('loss'));
    const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => model.compile({ optimizer: 'sgd', loss: name })).toThrow(unknown('loss'));
    const error = await loadError(modelFile({}, { loss: name }));
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(unknown('loss'));
  });

  it('metric: getMetric, compile, trainingConfig', async () => {
    expect(() => getMetric(name)).toThrow(unknown('metric'));
    const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [name] })).toThrow(unknown('metric'));
    const error = await loadError(modelFile({}, { metrics: [name] }));
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(unknown('metric'));
  });

  it('optimizer: getOptimizer, optimizerFromConfig, compile, trainingConfig', async () => {
    expect(() => getOptimizer(name)).toThrow(unknown('optimizer'));
    expect(() => optimizerFromConfig(name, {})).toThrow(unknown('optimizer class'));
    const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    expect(() => model.compile({ optimizer: name, loss: 'mse' })).toThrow(unknown('optimizer'));
    const error = await loadError(modelFile({}, { optimizer_config: { class_name: name, config: {} } }));
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(unknown('optimizer class'));
  });

  it('layer class: layerFactory and a model file', async () => {
    expect(() => layerFactory(name)).toThrow(new RegExp(`Unknown layer class '${name.replace(/[$]/g, '\\$&')}'`));
    const error = await loadError(modelFile({}, undefined, name));
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(`Unknown layer class '${name}'`);
  });
});
