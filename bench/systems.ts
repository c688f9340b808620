/**
 * The four systems the training workloads compare: SameBits on each of its kernel sets and
 * TF.js on its cpu and wasm backends, all in one process. Switching between them is cheap, so
 * the workloads alternate systems between repetitions.
 */

import * as tf from '@tensorflow/tfjs';
import { getBackend, getThreads, ready, setBackend, wasmUnavailable } from '../src/kernels/index.js';
import { useBackend, type BackendStatus, type TfBackendName } from './tfjs-backends.js';

/** A system's name, also its column in the tables and its key in latest.json. */
export type SystemName = 'samebits-wasm' | 'samebits-reference' | 'tfjs-cpu' | 'tfjs-wasm';

/** Every system in table order. */
export const SYSTEM_NAMES: readonly SystemName[] = ['samebits-wasm', 'samebits-reference', 'tfjs-cpu', 'tfjs-wasm'];

/** A system that started: which library runs and how to make it the active one. */
export interface System {
  name: SystemName;
  library: 'samebits' | 'tfjs';
  /** Makes this system's kernel set (SameBits) or backend (TF.js) the active one. */
  activate(): Promise<void>;
}

/** Whether a system could start, and what it reported (SIMD, threads, the reason it failed). */
export interface SystemStatus {
  name: SystemName;
  error: string | null;
  details: string;
}

/**
 * Starts every system once. Never throws: one that cannot start is left out of `systems` and
 * reported with its error in `statuses`.
 * @example const { systems } = await startSystems(); for (const s of systems) await s.activate();
 */
export async function startSystems(): Promise<{ systems: System[]; statuses: SystemStatus[] }> {
  const systems: System[] = [];
  const statuses: SystemStatus[] = [];
  for (const kernels of ['wasm', 'reference'] as const) {
    const name: SystemName = `samebits-${kernels}`;
    const activate = (): Promise<void> => {
      if (!setBackend(kernels)) throw new Error(`setBackend('${kernels}') returned false`);
      return Promise.resolve();
    };
    if (setBackend(kernels) && getBackend() === kernels) {
      await ready(); // the wasm set's worker threads, so that no workload runs before they start
      systems.push({ name, library: 'samebits', activate });
      statuses.push({ name, error: null, details: kernels === 'wasm' ? `WebAssembly SIMD matMul and adamUpdate on ${getThreads()} thread(s) (SAMEBITS_THREADS or setThreads), the reference loops for the rest` : 'plain JavaScript loops, 1 thread' });
    } else {
      statuses.push({ name, error: wasmUnavailable() || `setBackend('${kernels}') returned false`, details: '' });
    }
  }
  for (const backend of ['cpu', 'wasm'] as const) {
    const status: BackendStatus = await useBackend(backend);
    const name: SystemName = `tfjs-${backend}`;
    statuses.push({ name, error: status.error, details: status.details });
    if (status.error === null) systems.push({ name, library: 'tfjs', activate: () => activateTf(backend) });
  }
  return { systems, statuses };
}

/** Switches to a backend that useBackend already started (no set-up, no feature queries). */
async function activateTf(backend: TfBackendName): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') returned false`);
}
