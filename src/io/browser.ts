/**
 * Browser handlers with TF.js's names and storage layout: `downloads://name` saves
 * `name.json` and `name.weights.bin` through the browser's downloads, `indexeddb://name` keeps
 * the artifacts in IndexedDB (database `tensorflowjs`, stores `models_store` and
 * `model_info_store` keyed by `modelPath`, as `@tensorflow/tfjs-core/dist/io/indexed_db.js`),
 * so models saved by either library load in the other.
 */

import { artifactsInfo, modelJSONOf } from './artifacts.js';
import type { IOHandler, ModelArtifacts } from './types.js';
import { concatBuffers } from './weights.js';

function unavailable(scheme: string, needs: string): Error {
  return new Error(`${scheme} is not available in this environment: it needs a browser (${needs}); in Node.js use file://DIR`);
}

/**
 * Saves through the browser's downloads: `<prefix>.json` and `<prefix>.weights.bin` (TF.js
 * `io.browserDownloads`).
 * @example await saveModel(model, 'downloads://my-model');
 */
export function browserDownloads(fileNamePrefix = 'model'): IOHandler {
  const prefix = fileNamePrefix === '' ? 'model' : fileNamePrefix;
  return {
    source: `downloads://${prefix}`,
    save: async (artifacts) => {
      if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') throw unavailable('downloads://', 'document and URL.createObjectURL');
      const weightsName = `${prefix}.weights.bin`;
      const json = modelJSONOf(artifacts, [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs ?? [] }]);
      const files: [string, Blob][] = [[`${prefix}.json`, new Blob([JSON.stringify(json)], { type: 'application/json' })]];
      if (artifacts.weightData) files.push([weightsName, new Blob([concatBuffers(artifacts.weightData)], { type: 'application/octet-stream' })]);
      for (const [name, blob] of files) {
        const anchor = document.createElement('a');
        anchor.download = name;
        anchor.href = URL.createObjectURL(blob);
        anchor.dispatchEvent(new MouseEvent('click'));
        // Browsers start one download per click; a pause between them keeps Firefox from dropping the first.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return { modelArtifactsInfo: artifactsInfo(artifacts) };
    },
  };
}

const DATABASE = 'tensorflowjs';
const MODELS = 'models_store';
const INFO = 'model_info_store';

function openDatabase(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(unavailable('indexeddb://', 'the IndexedDB API'));
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(MODELS, { keyPath: 'modelPath' });
      request.result.createObjectStore(INFO, { keyPath: 'modelPath' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexeddb://: could not open the database'));
  });
}

/** Runs one transaction over both stores; resolves with `result()` once it has committed. */
async function transact<T>(mode: IDBTransactionMode, body: (models: IDBObjectStore, info: IDBObjectStore) => () => T): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction([MODELS, INFO], mode);
      const result = body(tx.objectStore(MODELS), tx.objectStore(INFO));
      tx.oncomplete = () => resolve(result());
      tx.onerror = () => reject(tx.error ?? new Error('indexeddb://: the transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('indexeddb://: the transaction was aborted'));
    });
  } finally {
    db.close();
  }
}

/**
 * Saves to and loads from IndexedDB under `modelPath` (TF.js `io.browserIndexedDB`). Both
 * records are written in one transaction: a failed save leaves the previous model.
 * @example await saveModel(model, 'indexeddb://my-model'); await loadLayersModel('indexeddb://my-model');
 */
export function browserIndexedDB(modelPath: string): IOHandler {
  if (typeof modelPath !== 'string' || modelPath === '') throw new Error(`indexeddb://: expected a model path, received ${JSON.stringify(modelPath)}`);
  return {
    source: `indexeddb://${modelPath}`,
    save: async (artifacts) => {
      const stored: ModelArtifacts = { ...artifacts };
      if (artifacts.weightData) stored.weightData = concatBuffers(artifacts.weightData);
      const modelArtifactsInfo = artifactsInfo(stored);
      await transact('readwrite', (models, info) => {
        info.put({ modelPath, modelArtifactsInfo });
        models.put({ modelPath, modelArtifacts: stored, modelArtifactsInfo });
        return () => undefined;
      });
      return { modelArtifactsInfo };
    },
    load: async () => {
      const record = await transact('readonly', (models) => {
        const request = models.get(modelPath);
        return () => request.result as { modelArtifacts?: ModelArtifacts } | undefined;
      });
      if (!record?.modelArtifacts) throw new Error(`indexeddb://${modelPath}: no model with this path in IndexedDB`);
      return record.modelArtifacts;
    },
  };
}
