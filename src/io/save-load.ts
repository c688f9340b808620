/**
 * `saveModel` and `loadLayersModel`: a Sequential model to TF.js Layers artifacts and back,
 * through any IOHandler, with the weights restored bit for bit and, when the file holds them,
 * the training config and optimizer state.
 */

import { describeValue } from '../initializers/validate.js';
import { LayersModel, Sequential } from '../models/index.js';
import type { SavableModel } from '../models/index.js';
import type { Variable } from '../ops/tensor.js';
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../ops/tensor.js';
import { ModelFileError, explain } from './errors.js';
import type { LoadLimits } from './limits.js';
import { checkLimit, resolveLimits } from './limits.js';
import { getLoadHandler, getSaveHandler } from './router.js';
import { modelFromTopology, modelToJSON } from './functional-topology.js';
import { TOPOLOGY_ONLY_WEIGHT_LIMIT } from './topology.js';
import { compileFromTrainingConfig, trainingConfigOf } from './training-config.js';
import type { IOHandler, ModelArtifacts, NamedWeight, SaveResult } from './types.js';
import { SAMEBITS_VERSION } from './version.js';
import { concatBuffers, decodeWeights, encodeWeights } from './weights.js';
import type { TrainingCallState } from '../models/training-calls.js';
import { setTrainingCallState, trainingCallState } from '../models/training-calls.js';

import type { SaveConfig, SaveDestination } from '../models/saving.js';

export type { SaveConfig } from '../models/saving.js';

/**
 * The artifacts of `model`, in the order TF.js's `save` builds them: topology, format,
 * generatedBy, convertedBy, [trainingConfig], weightData, weightSpecs. With `includeOptimizer`
 * and a compiled model, the optimizer's weights follow the model's, in group `'optimizer'`.
 */
export function modelToArtifacts(model: SavableModel, config: SaveConfig = {}): ModelArtifacts {
  if (!(model instanceof Sequential) && !(model instanceof LayersModel)) throw new Error(`saveModel: expected a Sequential or functional model, received ${describeValue(model)}`);
  if (model instanceof Sequential && !model.built) {
    if (!model.inputShape) throw new Error(`${model.name}.save: the model has no weights yet; give the first layer inputShape, or call fit or predict first`);
    model.build();
  }
  const modelTopology = modelToJSON(model);
  const weights = encodeWeights(model.weights.map((v) => ({ name: v.name, tensor: v })));
  const artifacts: ModelArtifacts = { modelTopology, format: 'layers-model', generatedBy: `SameBits ${SAMEBITS_VERSION}`, convertedBy: null };
  // As TF.js: includeOptimizer on a model that was never compiled saves no optimizer.
  if (config.includeOptimizer === true && model.compiled) {
    artifacts.trainingConfig = trainingConfigOf(model);
    const state = encodeWeights(model.compiled.optimizer.getWeights(), 'optimizer');
    weights.specs.push(...state.specs);
    weights.data = concatBuffers([weights.data, state.data]);
    // The count of training calls (which keys fit's randomness) goes with the optimizer state, as
    // Keras's iterations do, in TF.js's userDefinedMetadata (which TF.js loads and leaves alone).
    const calls = trainingCallState(model);
    if (calls.calls > 0) artifacts.userDefinedMetadata = { samebits: calls };
  }
  artifacts.weightData = weights.data;
  artifacts.weightSpecs = weights.specs;
  return artifacts;
}

/**
 * Saves `model` through a handler or URL (`file://dir` in Node, `indexeddb://name`,
 * `downloads://name` in browsers); the model's `save` forwards here (TF.js `model.save`).
 * @example await saveModel(model, 'file:///tmp/my-model', { includeOptimizer: true });
 */
export async function saveModel(model: SavableModel, handlerOrUrl: IOHandler | SaveDestination, config: SaveConfig = {}): Promise<SaveResult> {
  const handler = typeof handlerOrUrl === 'string' ? getSaveHandler(handlerOrUrl) : (handlerOrUrl as IOHandler);
  if (typeof handler?.save !== 'function') throw new Error(`saveModel: the IOHandler has no save method; received ${describeValue(handler)}`);
  return handler.save(modelToArtifacts(model, config));
}

/** Options of `loadLayersModel`. */
export interface LoadOptions {
  /**
   * Bounds on what the model file may declare (layers, weight elements and bytes, size of
   * model.json); the defaults are `DEFAULT_LOAD_LIMITS`. Raise one for a trusted, larger model.
   */
  limits?: Partial<LoadLimits>;
}

/** Elements the weight specs declare, before any is decoded (malformed specs count 0 here). */
function declaredElements(specs: unknown): number {
  if (!Array.isArray(specs)) return 0;
  let total = 0;
  for (const spec of specs as unknown[]) {
    const shape = typeof spec === 'object' && spec !== null ? (spec as { shape?: unknown }).shape : undefined;
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && d >= 0)) continue;
    if (!shape.includes(0)) total += (shape as number[]).reduce((n, d) => n * d, 1);
  }
  return total;
}

/** Pairs each model weight with the file's weight of the same name, checking shapes and dtypes. */
function assignWeights(model: { name: string; weights: Variable[] }, stored: NamedWeight<Tensor>[], file: string): void {
  const byName = new Map(stored.map((w) => [w.name, w]));
  // Other writers' spellings of the same weight: with the model name in front (Keras 3), or
  // with a cell name inside (TF 2.2: layer/cell/weight), as TF.js's loadWeights accepts.
  for (const w of stored) {
    const parts = w.name.split('/');
    const aliases = [parts[0] === model.name ? parts.slice(1).join('/') : '', parts.length > 2 ? [...parts.slice(0, -2), parts[parts.length - 1]].join('/') : ''];
    for (const alias of aliases) if (alias !== '' && !byName.has(alias)) byName.set(alias, w);
  }
  const used = new Set<NamedWeight<Tensor>>();
  const missing: string[] = [];
  const pairs = model.weights.map((v) => {
    const w = byName.get(v.name);
    if (!w) {
      missing.push(v.name);
      return null;
    }
    if (used.has(w)) throw new ModelFileError(file, `weight '${w.name}' would fill two of the model's weights`);
    used.add(w);
    if (w.tensor.dtype !== v.dtype || formatShape(w.tensor.shape) !== formatShape(v.shape)) {
      throw new ModelFileError(file, `weight '${w.name}' is ${w.tensor.dtype} ${formatShape(w.tensor.shape)} in the file, but the model's weight '${v.name}' is ${v.dtype} ${formatShape(v.shape)}`);
    }
    return { v, w };
  });
  const extra = stored.filter((w) => !used.has(w)).map((w) => w.name);
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `${missing.length} of the model's ${model.weights.length} weights are not in the file (${missing.join(', ')})` : '', extra.length > 0 ? `the file has weights the model lacks (${extra.join(', ')})` : ''];
    throw new ModelFileError(file, `the weights do not match the model: ${parts.filter((p) => p !== '').join('; ')}`);
  }
  for (const pair of pairs) pair?.v.assign(pair.w.tensor);
}

/** The count of training calls a file saved with its optimizer holds (`userDefinedMetadata.samebits`), checked; undefined when none. */
function savedTrainingCalls(metadata: ModelArtifacts['userDefinedMetadata'], file: string): TrainingCallState | undefined {
  const saved: unknown = metadata?.['samebits'];
  if (saved === undefined) return undefined;
  const { calls, lastFit, batchRun } = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof TrainingCallState, unknown>>;
  const below = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < (calls as number);
  const run = (typeof batchRun === 'object' && batchRun !== null ? batchRun : {}) as Partial<Record<'call' | 'steps', unknown>>;
  const runOk = batchRun === undefined || (below(run.call) && Number.isSafeInteger(run.steps) && (run.steps as number) >= 1);
  if (!Number.isSafeInteger(calls) || (calls as number) < 0 || !(lastFit === null || below(lastFit)) || !runOk) {
    throw new ModelFileError(file, `userDefinedMetadata.samebits must be {calls, lastFit}: a count of training calls (an integer >= 0) and the last fit's ordinal (an integer below it, or null), and optionally batchRun, the trainOnBatch run in progress ({call: an integer below the count, steps: an integer >= 1}), received ${describeValue(saved)}`);
  }
  return { calls: calls as number, lastFit: lastFit as number | null, ...(batchRun === undefined ? {} : { batchRun: { call: run.call as number, steps: run.steps as number } }) };
}

/**
 * A model from artifacts: topology, weights (bit for bit), then, if the artifacts hold a
 * training config, compiled with it and its optimizer state and count of training calls restored. `file` names the
 * source in errors. Memory is bounded by the weight data actually present.
 */
export function modelFromArtifacts<M extends SavableModel = Sequential>(artifacts: ModelArtifacts, file = 'model artifacts', options: LoadOptions = {}): M {
  const limits = resolveLimits(options.limits);
  if (typeof artifacts !== 'object' || artifacts === null) throw new ModelFileError(file, `expected model artifacts, received ${describeValue(artifacts)}`);
  const { format, modelTopology, weightData, weightSpecs, trainingConfig } = artifacts;
  if (format !== undefined && format !== null && format !== 'layers-model') {
    throw new ModelFileError(file, `format is ${describeValue(format)}; SameBits loads Layers models ('layers-model') only`);
  }
  if (modelTopology === undefined || modelTopology === null) throw new ModelFileError(file, "missing key 'modelTopology': the file holds no model");
  if (modelTopology instanceof ArrayBuffer) throw new ModelFileError(file, 'modelTopology is binary (a GraphDef); SameBits loads Layers models only');
  if ((weightData === undefined || weightData === null) !== (weightSpecs === undefined || weightSpecs === null)) {
    throw new ModelFileError(file, `the artifacts have ${weightData ? 'weightData but no weightSpecs' : 'weightSpecs but no weightData'}`);
  }
  checkLimit(file, limits, 'maxWeightElements', declaredElements(weightSpecs), 'the weight specs declare too many elements');
  const stored = weightData ? decodeWeights(weightData, weightSpecs as NonNullable<typeof weightSpecs>, file) : [];
  const modelWeights = stored.filter((w) => w.group !== 'optimizer');
  const limit = weightData ? modelWeights.reduce((n, w) => n + w.tensor.size, 0) : TOPOLOGY_ONLY_WEIGHT_LIMIT;
  const model = modelFromTopology(modelTopology, file, limits, limit);
  if (weightData) {
    if (!model.built && modelWeights.length > 0) throw new ModelFileError(file, 'the topology declares no input shape, so the model has no weights to load the file into');
    assignWeights(model, modelWeights, file);
  }
  if (trainingConfig !== undefined && trainingConfig !== null) {
    compileFromTrainingConfig(model, trainingConfig, file);
    const state = stored.filter((w) => w.group === 'optimizer');
    const optimizer = model.compiled?.optimizer;
    if (optimizer && state.length > 0) explain(file, 'optimizer weights: ', () => optimizer.setWeights(state.map(({ name, tensor }) => ({ name, tensor }))));
    const calls = savedTrainingCalls(artifacts.userDefinedMetadata, file);
    if (calls) setTrainingCallState(model, calls);
  }
  return model as M;
}

/**
 * Loads a model saved by SameBits, TF.js or `tensorflowjs_converter` (TF.js
 * `tf.loadLayersModel`): from `file://dir` or `file://dir/model.json` in Node,
 * `indexeddb://name` in browsers, or any IOHandler such as `io.fromMemory(artifacts)`.
 * `options.limits` bound what the file may declare (see `DEFAULT_LOAD_LIMITS`). A file of a
 * functional model (`Model`, `Functional`) gives a `LayersModel`: say so in the type argument
 * (the default, `Sequential`, keeps existing code unchanged), or test with `instanceof`.
 * @example const model = await loadLayersModel('file:///tmp/my-model', { limits: { maxLayers: 200_000 } });
 * @example const graph = await loadLayersModel<LayersModel>('file:///tmp/two-inputs');
 */
export async function loadLayersModel<M extends SavableModel = Sequential>(handlerOrUrl: IOHandler | string, options: LoadOptions = {}): Promise<M> {
  resolveLimits(options.limits);
  const handler = typeof handlerOrUrl === 'string' ? getLoadHandler(handlerOrUrl, options.limits) : handlerOrUrl;
  if (typeof handler?.load !== 'function') throw new Error(`loadLayersModel: the IOHandler has no load method; received ${describeValue(handler)}`);
  const artifacts = await handler.load();
  return modelFromArtifacts<M>(artifacts, handler.source ?? 'model artifacts', options);
}
