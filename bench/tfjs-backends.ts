/** TensorFlow.js backends for the comparison, set up for Node. */

import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
// Importing the package registers the 'wasm' backend (a TF.js import side effect).
import { getThreadsCount, setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';

/** The TF.js backends compared against. */
export type TfBackendName = 'cpu' | 'wasm';

/** What a backend reported when it was switched on: null error when it works. */
export interface BackendStatus {
  name: TfBackendName;
  error: string | null;
  /** Features of the backend worth reporting beside its figures (e.g. SIMD, threads). */
  details: string;
}

let wasmPathsSet = false;

/**
 * Makes `name` the active TF.js backend. Never throws: a backend that cannot start returns its
 * error so the run can go on without it.
 * @example const status = await useBackend('wasm'); if (status.error) console.log(status.error);
 */
export async function useBackend(name: TfBackendName): Promise<BackendStatus> {
  try {
    if (name === 'wasm' && !wasmPathsSet) {
      // NOTE: in Node the wasm backend cannot fetch its binaries from a URL; a plain directory
      // path ending in a separator, pointing at the package's dist folder, is what works.
      const require = createRequire(import.meta.url);
      const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      setWasmPaths(dist + sep);
      wasmPathsSet = true;
    }
    if (!(await tf.setBackend(name))) return { name, error: `tf.setBackend('${name}') returned false`, details: '' };
    await tf.ready();
    return { name, error: null, details: await describe(name) };
  } catch (error) {
    return { name, error: error instanceof Error ? error.message : String(error), details: '' };
  }
}

/** The TF.js versions in use. */
export function tfVersions(): { core: string; wasm: string } {
  return { core: tf.version_core, wasm: version_wasm };
}

async function describe(name: TfBackendName): Promise<string> {
  if (name === 'cpu') return 'plain JavaScript kernels';
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `SIMD ${simd ? 'on' : 'off'}, multithread ${threads ? 'on' : 'off'}, ${getThreadsCount()} thread(s)`;
}
