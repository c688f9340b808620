/**
 * The model JSON of a functional model: to the object TF.js writes (`class_name: 'Model'`,
 * layers with `inbound_nodes`, `input_layers`, `output_layers`), and back from what TF.js,
 * Keras 2 (`Model` / `Functional`, nodes as lists) and Keras 3 (`Functional`, nodes as
 * `{args, kwargs}` dicts holding `__keras_tensor__` entries) write.
 */

import type { ConfigDict } from '../initializers/initializer.js';
import { describeValue } from '../initializers/validate.js';
import type { Layer, SymbolicShape, SymbolicTensor } from '../layers/index.js';
import { InputLayer, isSymbolic } from '../layers/index.js';
import { LayersModel } from '../models/index.js';
import { ModelFileError, explain } from './errors.js';
import type { Sequential } from '../models/index.js';
import type { LoadLimits } from './limits.js';
import { DEFAULT_LOAD_LIMITS, checkLimit } from './limits.js';
import { toPythonic } from './pythonic.js';
import { TOPOLOGY_ONLY_WEIGHT_LIMIT, buildModel, layerOf, parseTopology, sequentialToJSON, unwrapTopology } from './topology.js';
import type { ModelTopologyJSON } from './topology.js';

/** One input of a node as TF.js writes it: [layer name, node index, tensor index, kwargs]. */
type NodeInputJSON = [string, number, number, ConfigDict];

/** A layer entry of a functional model JSON. */
interface FunctionalLayerJSON {
  name: string;
  class_name: string;
  config: ConfigDict;
  inbound_nodes: NodeInputJSON[][];
}

/**
 * The `modelTopology` of a functional model as TF.js 4.22 writes it. A layer's node indices
 * count only its calls inside this model (a layer called before in another graph starts at 0
 * here), as TF.js and Keras number them.
 * @example functionalToJSON(m).config.input_layers // [['in_a', 0, 0]]
 */
export function functionalToJSON(model: LayersModel): ModelTopologyJSON {
  const relevant = new Set(model.graphNodes);
  // NOTE: TF.js (and Keras 2) give a model its own node 0, the one linking its inputs to its
  // outputs, so its calls as a layer count from 1; Keras 3 counts them from 0.
  const offset = (layer: Layer): number => (layer instanceof LayersModel ? 1 : 0);
  const index = (t: SymbolicTensor): number => t.sourceLayer.inboundNodes.filter((n) => relevant.has(n)).indexOf(t.node) + offset(t.sourceLayer);
  const ref = (t: SymbolicTensor): [string, number, number] => [t.sourceLayer.name, index(t), t.tensorIndex];
  const layers: FunctionalLayerJSON[] = model.layers.map((layer) => {
    const nodes = layer instanceof InputLayer ? [] : layer.inboundNodes.filter((n) => relevant.has(n)).map((n) => n.inputs.map((t) => [...ref(t), {}] as NodeInputJSON));
    // A nested model is written as TF.js writes it: class 'Model', its own topology as config.
    const config = layer instanceof InputLayer
      ? { batch_input_shape: layer.batchInputShape ?? null, dtype: layer.dtype, sparse: false, name: layer.name }
      : layer instanceof LayersModel ? (functionalToJSON(layer).config as unknown as ConfigDict) : toPythonic(layer.getConfig());
    return { name: layer.name, class_name: layer.className, config, inbound_nodes: nodes };
  });
  const config = { name: model.name, layers, input_layers: model.inputs.map(ref), output_layers: model.outputs.map(ref) };
  return { class_name: 'Model', config: config as unknown as ModelTopologyJSON['config'], keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' };
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A tensor reference [layer, node, tensor] from either spelling (TF.js list or Keras 3 `keras_history`). */
function tensorRef(file: string, value: unknown, where: string): [string, number, number] {
  let v = value;
  if (isObject(v) && v['class_name'] === '__keras_tensor__' && isObject(v['config'])) v = v['config']['keras_history'];
  const a = Array.isArray(v) ? (v as unknown[]) : [];
  const ok = typeof a[0] === 'string' && Number.isInteger(a[1]) && (a[1] as number) >= 0 && Number.isInteger(a[2]) && (a[2] as number) >= 0;
  if (!ok) throw new ModelFileError(file, `${where} must be [layer name, node index, tensor index], received ${describeValue(value)}`);
  return [a[0], a[1], a[2]] as [string, number, number];
}

/** A node's inputs and whether they were a list, from a TF.js / Keras 2 list or a Keras 3 `{args}` dict. */
function nodeInputs(file: string, node: unknown, where: string): { refs: [string, number, number][]; list: boolean } {
  if (isObject(node) && Array.isArray(node['args'])) {
    const first: unknown = node['args'][0];
    if (Array.isArray(first)) return { refs: first.map((t, i) => tensorRef(file, t, `${where}.args[0][${i}]`)), list: true };
    return { refs: [tensorRef(file, first, `${where}.args[0]`)], list: false };
  }
  if (!Array.isArray(node) || node.length === 0) throw new ModelFileError(file, `${where} must be a list of inputs or {args, kwargs}, received ${describeValue(node)}`);
  return { refs: node.map((t, i) => tensorRef(file, t, `${where}[${i}]`)), list: node.length > 1 };
}

/** `input_layers` / `output_layers`: a list of refs, or (Keras 3, one tensor) a single ref. */
function refList(file: string, value: unknown, what: string): [string, number, number][] {
  if (Array.isArray(value) && typeof value[0] === 'string') return [tensorRef(file, value, what)];
  if (!Array.isArray(value) || value.length === 0) throw new ModelFileError(file, `${what} must be a non-empty list of [layer name, node index, tensor index], received ${describeValue(value)}`);
  return value.map((v, i) => tensorRef(file, v, `${what}[${i}]`));
}

/**
 * A functional model from its topology object (`{class_name: 'Model' | 'Functional', config}`):
 * the layers from their configs, then their calls replayed on symbolic tensors until every node
 * is made (a node waits for the nodes it reads), then the model; every layer is built from its
 * first call's shapes. `weightLimit` bounds the weight values the layers plan, before any is
 * allocated.
 */
export function functionalFromTopology(top: { [key: string]: unknown }, file: string, limits: Readonly<LoadLimits>, weightLimit: number): LayersModel {
  const config = top['config'];
  if (!isObject(config) || !Array.isArray(config['layers'])) throw new ModelFileError(file, `modelTopology.config.layers must be an array of layers, received ${describeValue(isObject(config) ? config['layers'] : config)}`);
  const list = config['layers'] as unknown[];
  checkLimit(file, limits, 'maxLayers', list.length, 'the topology lists too many layers');
  const byName = new Map<string, Layer>();
  const pending: { layer: Layer; index: number; node: unknown; where: string }[] = [];
  list.forEach((entry, i) => {
    const className = isObject(entry) ? entry['class_name'] : undefined;
    const layer = className === 'Model' || className === 'Functional' ? functionalFromTopology(entry as { [key: string]: unknown }, file, limits, weightLimit) : layerOf(file, entry, i);
    if (byName.has(layer.name)) throw new ModelFileError(file, `layer ${i}: the name '${layer.name}' is used by two layers; layer names must be unique`);
    byName.set(layer.name, layer);
    const nodes = isObject(entry) ? entry['inbound_nodes'] ?? [] : [];
    if (!Array.isArray(nodes)) throw new ModelFileError(file, `layer ${i} ('${layer.name}'): inbound_nodes must be a list, received ${describeValue(nodes)}`);
    if (!(layer instanceof InputLayer)) nodes.forEach((node: unknown, k) => pending.push({ layer, index: k, node, where: `layer '${layer.name}' inbound_nodes[${k}]` }));
  });
  // Keras 3 writes nodes as {args, kwargs}; TF.js and Keras 2 as lists and count a nested model's calls from 1.
  const dictForm = list.some((entry) => isObject(entry) && Array.isArray(entry['inbound_nodes']) && entry['inbound_nodes'].some(isObject));
  const tensorOf = (ref: [string, number, number], where: string): SymbolicTensor | undefined => {
    const source = byName.get(ref[0]);
    if (!source) throw new ModelFileError(file, `${where} names layer '${ref[0]}', which the model does not have`);
    const node = source instanceof LayersModel && !dictForm ? ref[1] - 1 : ref[1];
    if (node < 0) throw new ModelFileError(file, `${where} names node 0 of the nested model '${ref[0]}', its own inner graph; its calls in this model count from 1`);
    return source.inboundNodes[node]?.outputs[ref[2]];
  };
  // Replay calls in passes: each pass makes every node whose inputs exist (TF.js and Keras do the same).
  let queue = pending;
  while (queue.length > 0) {
    const waiting: typeof queue = [];
    for (const p of queue) {
      const { refs, list: isList } = nodeInputs(file, p.node, p.where);
      const inputs = refs.map((r) => tensorOf(r, p.where));
      const ready = inputs.every((t) => t !== undefined) && waiting.every((w) => w.layer !== p.layer);
      if (!ready) {
        waiting.push(p);
        continue;
      }
      const args = isList ? (inputs as SymbolicTensor[]) : (inputs[0] as SymbolicTensor);
      const out = explain(file, `${p.where}: `, () => p.layer.apply(args));
      if (!isSymbolic(out)) throw new ModelFileError(file, `${p.where}: the layer did not return symbolic tensors`);
    }
    if (waiting.length === queue.length) {
      throw new ModelFileError(file, `${waiting[0]?.where ?? 'a node'} reads tensors that no layer makes (a missing node index, or a cycle)`);
    }
    queue = waiting;
  }
  const inputs = refList(file, config['input_layers'], 'modelTopology.config.input_layers').map((r, i) => tensorOf(r, `input_layers[${i}]`));
  const outputs = refList(file, config['output_layers'], 'modelTopology.config.output_layers').map((r, i) => tensorOf(r, `output_layers[${i}]`));
  const missing = [...inputs, ...outputs].findIndex((t) => t === undefined);
  if (missing >= 0) throw new ModelFileError(file, `${missing < inputs.length ? `input_layers[${missing}]` : `output_layers[${missing - inputs.length}]`} names a call that does not exist`);
  checkPlannedWeights(file, [...byName.values()], weightLimit);
  const name = typeof config['name'] === 'string' ? config['name'] : undefined;
  return explain(file, '', () => new LayersModel({ inputs: inputs as SymbolicTensor[], outputs: outputs as SymbolicTensor[], ...(name !== undefined ? { name } : {}) }));
}

/** Refuses a topology whose layers plan more weight values than `limit`, before any is allocated. */
function checkPlannedWeights(file: string, layers: readonly Layer[], limit: number): void {
  let total = 0;
  for (const layer of layers) {
    const node = layer.inboundNodes[0];
    if (!node || layer.built || layer instanceof InputLayer) continue;
    const shapes = node.inputs.map((t) => t.shape);
    const shape: SymbolicShape | SymbolicShape[] = node.listInput ? shapes : (shapes[0] as SymbolicShape);
    const planned = explain(file, `layer '${layer.name}': `, () => (typeof layer.weightShapes === 'function' ? layer.weightShapes(shape) : []));
    total += planned.reduce((sum, w) => sum + w.shape.reduce((p, d) => p * d, 1), 0);
    if (total > limit) throw new ModelFileError(file, `the topology needs more than ${limit} weight values (reached at layer '${layer.name}'); the weight data holds ${limit}`);
  }
}

/**
 * A Sequential or functional model from a topology (any spelling `parseTopology` and
 * `functionalFromTopology` read), with fresh weights; `weightLimit` bounds what the layers plan.
 */
export function modelFromTopology(topology: unknown, file: string, limits: Readonly<LoadLimits>, weightLimit: number): Sequential | LayersModel {
  const top = unwrapTopology(topology, file);
  if (top['class_name'] === 'Model' || top['class_name'] === 'Functional') return functionalFromTopology(top, file, limits, weightLimit);
  return buildModel(parseTopology(top, file, limits), weightLimit, file);
}

/**
 * A model from its model JSON (TF.js `models.modelFromJSON`), Sequential or functional, with
 * fresh weights; a Sequential model's declared input shape builds it. The type argument says
 * which kind the JSON holds (default Sequential, as `loadLayersModel`).
 * @example const copy = modelFromJSON(modelToJSON(model));
 */
export function modelFromJSON<M extends Sequential | LayersModel = Sequential>(topology: unknown): M {
  return modelFromTopology(topology, 'modelTopology', DEFAULT_LOAD_LIMITS, TOPOLOGY_ONLY_WEIGHT_LIMIT) as M;
}

/**
 * The model's `modelTopology` as TF.js 4.22 writes it: `Sequential` with its layer list, or
 * `Model` with layers, their inbound nodes, input and output layers.
 * @example modelToJSON(model).class_name // 'Sequential'
 */
export function modelToJSON(model: Sequential | LayersModel): ModelTopologyJSON {
  return model instanceof LayersModel ? functionalToJSON(model) : sequentialToJSON(model);
}
