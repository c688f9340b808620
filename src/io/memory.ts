/** In-memory handlers: TF.js `io.fromMemory` and `io.withSaveHandler`. */

import { describeValue } from '../initializers/validate.js';
import type { IOHandler, ModelArtifacts, SaveResult, TrainingConfig, WeightsManifestEntry } from './types.js';

/**
 * A handler whose `load` returns `artifacts` (TF.js `io.fromMemory`). The older four-argument
 * form `(modelTopology, weightSpecs, weightData, trainingConfig)` is accepted too.
 * @example const model = await loadLayersModel(io.fromMemory(artifacts));
 */
export function fromMemory(
  artifactsOrTopology: ModelArtifacts | object,
  weightSpecs?: WeightsManifestEntry[],
  weightData?: ArrayBuffer | ArrayBuffer[],
  trainingConfig?: TrainingConfig,
): IOHandler {
  if (typeof artifactsOrTopology !== 'object' || artifactsOrTopology === null) {
    throw new Error(`io.fromMemory: expected model artifacts {modelTopology, weightSpecs, weightData, …}, received ${describeValue(artifactsOrTopology)}`);
  }
  const isArtifacts = 'modelTopology' in artifactsOrTopology || 'weightData' in artifactsOrTopology || 'weightSpecs' in artifactsOrTopology;
  let artifacts: ModelArtifacts;
  if (isArtifacts && weightSpecs === undefined) {
    artifacts = artifactsOrTopology as ModelArtifacts;
  } else {
    artifacts = { modelTopology: artifactsOrTopology };
    if (weightSpecs !== undefined) artifacts.weightSpecs = weightSpecs;
    if (weightData !== undefined) artifacts.weightData = weightData;
    if (trainingConfig !== undefined) artifacts.trainingConfig = trainingConfig;
  }
  return { load: () => Promise.resolve(artifacts), source: 'model artifacts (io.fromMemory)' };
}

/**
 * A handler whose `save` calls `saveHandler` with the artifacts (TF.js `io.withSaveHandler`).
 * @example await saveModel(model, io.withSaveHandler(async (a) => { kept = a; return { modelArtifactsInfo: artifactsInfo(a) }; }));
 */
export function withSaveHandler(saveHandler: (artifacts: ModelArtifacts) => Promise<SaveResult>): IOHandler {
  if (typeof saveHandler !== 'function') throw new Error(`io.withSaveHandler: expected a function (artifacts) => Promise<SaveResult>, received ${describeValue(saveHandler)}`);
  return { save: saveHandler };
}
