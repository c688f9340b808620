import type { BackendName, KernelSet } from './kernel-set.js';
import { referenceKernels } from './reference/index.js';
import { loadWasm, wasmUnavailableReason } from './wasm/module.js';
import { wasmKernelSet } from './wasm/set.js';

let active: KernelSet | undefined;
let wasmSet: KernelSet | null | undefined;

function wasmKernels(): KernelSet | null {
  if (wasmSet === undefined) {
    const mod = loadWasm();
    wasmSet = mod ? wasmKernelSet(mod) : null;
  }
  return wasmSet;
}

/**
 * The kernel set ops run on. Chosen on first use: `wasm` wherever WebAssembly SIMD and shared
 * memory are available, else `reference`; the bits are the same either way.
 */
export function activeKernels(): KernelSet {
  active ??= wasmKernels() ?? referenceKernels;
  return active;
}

/**
 * Selects the kernel set: `'wasm'` (WebAssembly SIMD) or `'reference'` (plain JavaScript loops,
 * the specification). Both give identical bits; only speed differs. Returns true on success,
 * false (as TF.js does) when the set cannot run here; `getBackend()` then names the one in use.
 * @example setBackend('reference'); // e.g. to compare speed
 */
export function setBackend(name: BackendName): boolean {
  if (name === 'reference') {
    active = referenceKernels;
    return true;
  }
  if (name === 'wasm') {
    const set = wasmKernels();
    if (!set) return false;
    active = set;
    return true;
  }
  throw new Error(`setBackend: unknown backend ${JSON.stringify(name)}; expected 'wasm' or 'reference'`);
}

/** The name of the kernel set in use: `'wasm'` or `'reference'`. @example getBackend() // 'wasm' */
export function getBackend(): BackendName {
  return activeKernels().name;
}

/**
 * Resolves when the backend is ready (TF.js `tf.ready()`); the kernels compile synchronously on
 * first use, so this only makes that happen now.
 * @example await ready();
 */
export function ready(): Promise<void> {
  activeKernels();
  return Promise.resolve();
}

/** Why the wasm kernel set is unavailable here ('' when it is available or not yet tried). */
export function wasmUnavailable(): string {
  wasmKernels();
  return wasmUnavailableReason();
}
