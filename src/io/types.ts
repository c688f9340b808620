/**
 * The TF.js model-artifact types (`@tensorflow/tfjs-core/dist/io/types.d.ts`), so that handlers
 * written for TF.js work with SameBits and back.
 */

import type { ConfigDict } from '../initializers/initializer.js';
import type { SaveResult } from '../models/saving.js';

export type { ModelArtifactsInfo, SaveResult } from '../models/saving.js';

/** Element types a weight file may declare; SameBits reads float32, int32 and bool. */
export type WeightDataType = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';

/** Which part of the saved state a weight belongs to. */
export type WeightGroup = 'model' | 'optimizer';

/** How a quantized weight is stored: value = q·scale + min (float16: decoded by table). */
export interface WeightQuantization {
  dtype: 'uint8' | 'uint16' | 'float16';
  scale?: number;
  min?: number;
}

/** One weight in a manifest: its name, shape and dtype, in the order of the bytes. */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: WeightDataType;
  group?: WeightGroup;
  quantization?: WeightQuantization;
}

/** One group of weights stored in the files `paths`, concatenated in order. */
export interface WeightsManifestGroupConfig {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** The `trainingConfig` of model.json: loss and metric names, the optimizer's class and config. */
export interface TrainingConfig {
  loss: string | string[] | { [outputName: string]: string };
  metrics?: string[] | { [outputName: string]: string | string[] };
  optimizer_config: { class_name: string; config: ConfigDict };
  weighted_metrics?: string[];
  sample_weight_mode?: string;
  loss_weights?: number[] | { [key: string]: number };
  /** SameBits: the options of a configured loss (`{from_logits: true}`); TF.js ignores the key. */
  loss_options?: ConfigDict;
  /** SameBits: the options of each metric (null for none), parallel to `metrics`. */
  metric_options?: (ConfigDict | null)[];
}

/** Everything a model file holds, in memory (TF.js `ModelArtifacts`). */
export interface ModelArtifacts {
  /** The Keras-style model JSON (`{class_name: 'Sequential', config, …}`). */
  modelTopology?: object | ArrayBuffer;
  trainingConfig?: TrainingConfig;
  /** Specs of the weights in `weightData`, in byte order. */
  weightSpecs?: WeightsManifestEntry[];
  /** The weights' bytes, one buffer or several to concatenate. */
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: { [key: string]: object };
  modelInitializer?: object;
  initializerSignature?: object;
}

/** The model.json file: artifacts with a weights manifest instead of specs and bytes. */
export interface ModelJSON {
  modelTopology: object;
  weightsManifest?: WeightsManifestGroupConfig[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: TrainingConfig;
  signature?: object;
  userDefinedMetadata?: { [key: string]: object };
}

/** Saves artifacts somewhere. */
export type SaveHandler = (artifacts: ModelArtifacts) => Promise<SaveResult>;
/** Loads artifacts from somewhere. */
export type LoadHandler = () => Promise<ModelArtifacts>;

/**
 * Where a model goes or comes from (TF.js `IOHandler`): `save`, `load` or both. `source` is a
 * SameBits addition: what error messages call the files (e.g. the path of model.json).
 */
export interface IOHandler {
  save?: SaveHandler;
  load?: LoadHandler;
  source?: string;
}

/** A weight's name and value, with the group it was stored in. */
export interface NamedWeight<T> {
  name: string;
  tensor: T;
  group?: WeightGroup;
}
