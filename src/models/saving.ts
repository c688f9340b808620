/**
 * How `model.save` (TF.js's API, a method on the model) reaches io/ without importing it
 * (DESIGN.md: lower layers never reach up): models/ defines what a saver is, io/ provides one,
 * and each package entry installs it (`installModelSaver(saveModel)` in src/index.ts).
 */

import type { LayersModel } from './functional.js';
import type { Sequential } from './sequential.js';

/** A model `save` can write: Sequential or functional. */
export type SavableModel = Sequential | LayersModel;

/** Options of `model.save` (TF.js `SaveConfig`). */
export interface SaveConfig {
  /** Also save the training config and the optimizer's state (default false). */
  includeOptimizer?: boolean;
}

/** What `save` reports (TF.js `ModelArtifactsInfo`). */
export interface ModelArtifactsInfo {
  dateSaved: Date;
  modelTopologyType: 'JSON' | 'GraphDef';
  modelTopologyBytes?: number;
  weightSpecsBytes?: number;
  weightDataBytes?: number;
}

/** The result of a save (TF.js `SaveResult`). */
export interface SaveResult {
  modelArtifactsInfo: ModelArtifactsInfo;
  responses?: Response[];
  errors?: (object | string)[];
}

/**
 * Where `model.save` writes, as models/ sees it: a URL such as `'file://dir'`, or a TF.js
 * `IOHandler` (io/ defines its full type; here only that it may have a save method).
 */
export type SaveDestination = string | { save?: (artifacts: never) => Promise<SaveResult> };

/** Saves a model to a destination: io/'s `saveModel`. */
export type ModelSaver = (model: SavableModel, destination: SaveDestination, config: SaveConfig) => Promise<SaveResult>;

let installed: ModelSaver | undefined;

/**
 * Installs the function `model.save` calls. The package entries do this once; a custom build
 * that leaves io/ out can install its own.
 * @example installModelSaver(saveModel)
 */
export function installModelSaver(saver: ModelSaver): void {
  installed = saver;
}

/** Saves `model` through the installed saver; a clear error when none is. */
export function saveThroughSaver(model: SavableModel, destination: SaveDestination, config: SaveConfig): Promise<SaveResult> {
  if (installed === undefined) {
    return Promise.reject(new Error(`${model.name}.save: no model saver is installed; import from 'samebits' (its entry installs io's), or call installModelSaver(saveModel)`));
  }
  return installed(model, destination, config);
}
