// Save and load in the TF.js Layers format (model.json + weights.bin), through TF.js-style
// IOHandlers: indexeddb:// and downloads:// in browsers, in memory anywhere. file:// (Node's file
// system) is not exported here but from ./node.ts, so this index stays browser-clean.
import { artifactsInfo } from './artifacts.js';
import { browserDownloads, browserIndexedDB } from './browser.js';
import { fromMemory, withSaveHandler } from './memory.js';
import { getLoadHandler, getSaveHandler } from './router.js';
import { decodeWeights, encodeWeights } from './weights.js';

export { ModelFileError } from './errors.js';
export { saveModel, loadLayersModel, modelToArtifacts, modelFromArtifacts } from './save-load.js';
export type { SaveConfig, LoadOptions } from './save-load.js';
export { DEFAULT_LOAD_LIMITS, resolveLimits } from './limits.js';
export type { LoadLimits } from './limits.js';
export { parseTopology, buildModel, TOPOLOGY_ONLY_WEIGHT_LIMIT } from './topology.js';
export { modelToJSON, modelFromJSON, functionalToJSON } from './functional-topology.js';
export type { LayerJSON, ModelTopologyJSON, ParsedTopology } from './topology.js';
export { trainingConfigOf, compileFromTrainingConfig } from './training-config.js';
export { encodeWeights, decodeWeights, concatBuffers, float16ToNumber } from './weights.js';
export type { EncodedWeights } from './weights.js';
export { fromMemory, withSaveHandler } from './memory.js';
export { browserDownloads, browserIndexedDB } from './browser.js';
export { getLoadHandler, getSaveHandler, registerRoute } from './router.js';
export type { Route } from './router.js';
export { artifactsInfo, modelJSONOf } from './artifacts.js';
export { toSnakeCase, toCamelCase, toPythonic, fromPythonic } from './pythonic.js';
export { SAMEBITS_VERSION } from './version.js';
export { serialization, registerClass, layerFactory, builtInLayerClassNames } from '../layers/registry.js';
export type { LayerClass, LayerFactory } from '../layers/registry.js';
export type {
  IOHandler, LoadHandler, ModelArtifacts, ModelArtifactsInfo, ModelJSON, NamedWeight, SaveHandler, SaveResult,
  TrainingConfig, WeightDataType, WeightGroup, WeightQuantization, WeightsManifestEntry, WeightsManifestGroupConfig,
} from './types.js';

/**
 * The handlers and weight codecs under one name, as TF.js `tf.io`.
 * @example await model.save(io.withSaveHandler(async (a) => ({ modelArtifactsInfo: io.getModelArtifactsInfoForJSON(a) })));
 */
export const io: Readonly<{
  fromMemory: typeof fromMemory;
  withSaveHandler: typeof withSaveHandler;
  browserDownloads: typeof browserDownloads;
  browserIndexedDB: typeof browserIndexedDB;
  encodeWeights: typeof encodeWeights;
  decodeWeights: typeof decodeWeights;
  getSaveHandlers: (url: string) => ReturnType<typeof getSaveHandler>[];
  getLoadHandlers: (url: string) => ReturnType<typeof getLoadHandler>[];
  getModelArtifactsInfoForJSON: typeof artifactsInfo;
}> = Object.freeze({
  fromMemory, withSaveHandler, browserDownloads, browserIndexedDB, encodeWeights, decodeWeights,
  getSaveHandlers: (url: string) => [getSaveHandler(url)],
  getLoadHandlers: (url: string) => [getLoadHandler(url)],
  getModelArtifactsInfoForJSON: artifactsInfo,
});
