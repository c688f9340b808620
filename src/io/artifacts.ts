/** Helpers shared by the handlers: the save report and the model.json object. */

import { utf8Bytes } from '../util/utf8.js';
import type { ModelArtifacts, ModelArtifactsInfo, ModelJSON, WeightsManifestGroupConfig } from './types.js';

function byteLength(data: ArrayBuffer | readonly ArrayBuffer[] | undefined): number {
  if (data === undefined) return 0;
  return data instanceof ArrayBuffer ? data.byteLength : data.reduce((n, b) => n + b.byteLength, 0);
}

/**
 * What `save` reports about `artifacts` (TF.js `getModelArtifactsInfoForJSON`): the date, and
 * the UTF-8 bytes of the JSON topology and specs, and the bytes of the weight data.
 */
export function artifactsInfo(artifacts: ModelArtifacts): ModelArtifactsInfo {
  if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('artifactsInfo: binary (GraphDef) topologies are not supported');
  return {
    dateSaved: new Date(), // determinism-ok: TF.js SaveResult metadata, not part of any numeric result
    modelTopologyType: 'JSON',
    modelTopologyBytes: artifacts.modelTopology === undefined ? 0 : utf8Bytes(JSON.stringify(artifacts.modelTopology)).length,
    weightSpecsBytes: artifacts.weightSpecs === undefined ? 0 : utf8Bytes(JSON.stringify(artifacts.weightSpecs)).length,
    weightDataBytes: byteLength(artifacts.weightData),
  };
}

/**
 * The model.json object for `artifacts` whose weights are stored as `manifest` says, keys in the
 * order tfjs-node writes them: modelTopology, weightsManifest, format, generatedBy, convertedBy,
 * then trainingConfig, signature, userDefinedMetadata when present.
 */
export function modelJSONOf(artifacts: ModelArtifacts, manifest: WeightsManifestGroupConfig[]): ModelJSON {
  if (artifacts.modelTopology === undefined || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('save: the artifacts need a JSON modelTopology');
  }
  const json: ModelJSON = {
    modelTopology: artifacts.modelTopology,
    weightsManifest: manifest,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? 'SameBits',
    convertedBy: artifacts.convertedBy ?? null,
  };
  if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.signature) json.signature = artifacts.signature;
  if (artifacts.userDefinedMetadata) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  return json;
}
