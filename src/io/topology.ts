/**
 * The model JSON (`modelTopology`): a Sequential model to the object TF.js writes, and back from
 * what TF.js, Keras 2 (`tensorflowjs_converter`) and Keras 3 write.
 */

import type { ConfigDict } from '../initializers/initializer.js';
import { describeValue } from '../initializers/validate.js';
import type { Layer, SymbolicShape } from '../layers/index.js';
import { InputLayer, singleOutputShape } from '../layers/index.js';
import { layerFactory } from '../layers/registry.js';
import { Sequential } from '../models/index.js';
import { ModelFileError, explain } from './errors.js';
import type { LoadLimits } from './limits.js';
import { DEFAULT_LOAD_LIMITS, checkLimit } from './limits.js';
import { MAX_CONFIG_DEPTH, assertDepth, fromPythonic, toPythonic } from './pythonic.js';

/** The layer list entry of a model JSON. */
export interface LayerJSON {
  class_name: string;
  config: ConfigDict;
}

/** What `modelToJSON` returns: the TF.js `modelTopology` of a model. */
export interface ModelTopologyJSON {
  class_name: string;
  config: { name: string; layers: LayerJSON[] };
  keras_version: string;
  backend: string;
}

/** Weight values a topology may ask for when no weights come with it (2²⁸ floats, 1 GiB). */
export const TOPOLOGY_ONLY_WEIGHT_LIMIT = 268_435_456;

/**
 * The model's `modelTopology` as TF.js 4.22 writes it: layer configs in the file's
 * snake_case spelling, the input shape on the first layer (`batch_input_shape`, `dtype`).
 * @example sequentialToJSON(model).config.layers[0].class_name // 'Dense'
 */
export function sequentialToJSON(model: Sequential): ModelTopologyJSON {
  if (!(model instanceof Sequential)) throw new Error(`modelToJSON: expected a Sequential or functional model, received ${describeValue(model)}`);
  if (model.layers.length === 0) throw new Error(`modelToJSON: model '${model.name}' has no layers; add layers before saving`);
  const layers = model.layers.map((layer, i) => {
    // A functional model inside a Sequential has no layer config of its own to write.
    if (layer.className === 'Model') throw new Error(`${model.name}.save: layer '${layer.name}' is a functional model; saving one inside a Sequential model is not supported, build the outer model with model({inputs, outputs}) instead`);
    const config = layer.getConfig();
    if (i === 0 && config['batch_input_shape'] === undefined && model.inputShape) {
      // An inputLayer (or the first fit) declared the shape: TF.js keeps it on the first layer.
      config['batch_input_shape'] = model.inputShape.slice();
      config['dtype'] = layer.dtype;
    }
    return { class_name: layer.className, config: toPythonic(config) };
  });
  return { class_name: 'Sequential', config: { name: model.name, layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' };
}

/** A topology read into layers, before any weight is allocated. */
export interface ParsedTopology {
  name: string | undefined;
  /** The layers, an InputLayer first if the file has one. */
  layers: Layer[];
  /** Input shape with batch axis, if the file declares one anywhere. */
  inputShape: SymbolicShape | undefined;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeOf(value: unknown): SymbolicShape | undefined {
  const ok = Array.isArray(value) && value.every((d) => d === null || (typeof d === 'number' && Number.isSafeInteger(d) && d >= 0));
  return ok ? (value as SymbolicShape) : undefined;
}

/** Layer `i` of a topology from its `{class_name, config}` entry, through the class registry. */
export function layerOf(file: string, entry: unknown, i: number): Layer {
  if (!isObject(entry) || typeof entry['class_name'] !== 'string') {
    throw new ModelFileError(file, `layer ${i} must be {class_name, config}, received ${describeValue(entry)}`);
  }
  const className = entry['class_name'];
  const config = entry['config'] ?? {};
  if (!isObject(config)) throw new ModelFileError(file, `layer ${i} (${className}): config must be an object, received ${describeValue(config)}`);
  const label = `layer ${i} (${className}${typeof config['name'] === 'string' ? ` '${config['name']}'` : ''}): `;
  const factory = explain(file, label, () => layerFactory(className));
  const layer = explain(file, label, () => factory.fromConfig(factory.configStyle === 'tfjs' ? fromPythonic(config as ConfigDict) : (config as ConfigDict)));
  if (!(layer instanceof Object) || typeof (layer as Partial<Layer>).invoke !== 'function') {
    throw new ModelFileError(file, `${label}fromConfig returned ${describeValue(layer)}, not a layer`);
  }
  return layer;
}

/**
 * Reads a model JSON into layers. Accepts the TF.js form, the Keras converter's
 * `{model_config, …}` wrapper, Keras 2 (`batch_input_shape`, a bare layer list) and Keras 3
 * (`{module, class_name, config, registered_name}`, `batch_shape`, `build_config`). Only
 * Sequential models; `file` names the source in errors; more layers than `limits.maxLayers`
 * are refused before any is built.
 */
export function parseTopology(topology: unknown, file = 'modelTopology', limits: Readonly<LoadLimits> = DEFAULT_LOAD_LIMITS): ParsedTopology {
  const top = unwrapTopology(topology, file);
  const className = top['class_name'];
  if (className !== 'Sequential') {
    const why = className === 'Model' || className === 'Functional' ? 'a functional model (load it with modelFromJSON or loadLayersModel)' : 'expected a Sequential or functional model (Model, Functional)';
    throw new ModelFileError(file, `modelTopology.class_name is ${describeValue(className)}; ${why}`);
  }
  const config = top['config'];
  const list = Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined;
  if (!Array.isArray(list)) throw new ModelFileError(file, `modelTopology.config.layers must be an array of layers, received ${describeValue(list)}`);
  checkLimit(file, limits, 'maxLayers', list.length, 'the topology lists too many layers');
  const layers = list.map((entry: unknown, i) => layerOf(file, entry, i));
  const misplaced = layers.findIndex((l, i) => i > 0 && l instanceof InputLayer);
  if (misplaced > 0) throw new ModelFileError(file, `layer ${misplaced} is an InputLayer; only the first layer may be one`);
  const first = list[0] as unknown;
  const buildConfig = isObject(first) && isObject(first['build_config']) ? first['build_config'] : {};
  const inputShape = layers[0]?.batchInputShape ?? shapeOf(isObject(config) ? config['build_input_shape'] : undefined) ?? shapeOf(buildConfig['input_shape']);
  const name = isObject(config) && typeof config['name'] === 'string' ? config['name'] : undefined;
  return { name, layers, inputShape };
}

/**
 * The topology object itself: depth-checked, unwrapped from the Keras converter's
 * `{model_config, …}`, and an object.
 */
export function unwrapTopology(topology: unknown, file: string): { [key: string]: unknown } {
  explain(file, '', () => assertDepth(topology, MAX_CONFIG_DEPTH, 'modelTopology'));
  let top = topology;
  if (isObject(top) && isObject(top['model_config'])) top = top['model_config'];
  if (!isObject(top)) throw new ModelFileError(file, `modelTopology must be an object {class_name, config}, received ${describeValue(top)}`);
  return top;
}

/** Weight values the layers' `weightShapes` plan for `inputShape` (user layers count 0 unless they declare theirs). */
function plannedWeights(file: string, parsed: ParsedTopology): { total: number; largest: string } {
  let shape = parsed.inputShape as SymbolicShape;
  let total = 0;
  let largest = '';
  let most = -1;
  for (const layer of parsed.layers) {
    const planned = explain(file, `layer '${layer.name}': `, () => (typeof layer.weightShapes === 'function' ? layer.weightShapes(shape) : []));
    const n = planned.reduce((sum, w) => sum + w.shape.reduce((p, d) => p * d, 1), 0);
    total += n;
    if (n > most) [most, largest] = [n, `'${layer.name}' needs ${n}`];
    shape = explain(file, `layer '${layer.name}': `, () => singleOutputShape(layer, shape));
  }
  return { total, largest };
}

/**
 * Builds the model of a parsed topology. `weightLimit` bounds the weight values the built-in
 * layers may allocate: the count the weight data really holds, when it comes with the file.
 */
export function buildModel(parsed: ParsedTopology, weightLimit: number, file = 'modelTopology'): Sequential {
  if (parsed.inputShape !== undefined) {
    const { total, largest } = plannedWeights(file, parsed);
    if (total > weightLimit) {
      throw new ModelFileError(file, `the topology needs ${total} weight values (layer ${largest}) but ${weightLimit === TOPOLOGY_ONLY_WEIGHT_LIMIT ? `at most ${weightLimit} are allowed without weight data` : `the weight data holds ${weightLimit}`}`);
    }
  }
  return explain(file, '', () => {
    const model = new Sequential({ ...(parsed.name !== undefined ? { name: parsed.name } : {}), layers: parsed.layers });
    if (!model.built && parsed.inputShape) model.build(parsed.inputShape);
    return model;
  });
}
