import { environmentVariable } from '../util/environment.js';
import type { BackendName, KernelSet } from './kernel-set.js';
import { referenceKernels } from './reference/index.js';
import { MAX_THREADS } from './wasm/limits.js';
import { loadWasm, wasmUnavailableReason } from './wasm/module.js';
import { wasmKernelSet } from './wasm/set.js';
import { ThreadPool, workerFactory } from './wasm/threads.js';

let active: KernelSet | undefined;
let wasmSet: KernelSet | null | undefined;
let pool: ThreadPool | undefined;
let starting: Promise<void> | undefined;
let requestedThreads: number | undefined;

function wasmKernels(): KernelSet | null {
  if (wasmSet === undefined) {
    const mod = loadWasm();
    if (mod) {
      pool = new ThreadPool(mod);
      pool.resize(requestedThreads ?? environmentThreads() ?? 1); // the core count comes later
      wasmSet = wasmKernelSet(mod, pool);
      startThreads(pool);
    } else {
      wasmSet = null;
    }
  }
  return wasmSet;
}

/** Starts the worker threads in the background: the count set, else SAMEBITS_THREADS, else the cores. */
function startThreads(p: ThreadPool): void {
  starting = (async () => {
    const cores = await coreCount();
    const factory = await workerFactory();
    p.resize(requestedThreads ?? environmentThreads() ?? cores); // setThreads may have run meanwhile
    p.attach(factory);
  })().catch(() => {
    // No workers here (a restricted engine): everything runs on the calling thread, same bits.
  });
}

let environmentRead: { value: number | undefined } | undefined;

/**
 * SAMEBITS_THREADS, read once, only where the engine allows it without asking (see
 * environmentVariable); a value that is not an integer from 1 to 16 is named in one warning.
 */
function environmentThreads(): number | undefined {
  if (environmentRead) return environmentRead.value;
  const raw = environmentVariable('SAMEBITS_THREADS');
  let value: number | undefined;
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1) value = Math.min(n, MAX_THREADS);
    if (value !== n) console.warn(`samebits: SAMEBITS_THREADS=${JSON.stringify(raw)} is not an integer from 1 to ${MAX_THREADS}; ${value === undefined ? 'using the number of cores' : `using ${value}`}`);
  }
  environmentRead = { value };
  return value;
}

async function coreCount(): Promise<number> {
  const fromNavigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  if (fromNavigator) return fromNavigator;
  try {
    const specifier = 'node:os';
    const os = (await import(/* @vite-ignore */ specifier)) as { availableParallelism?: () => number; cpus: () => unknown[] };
    return os.availableParallelism?.() ?? os.cpus().length;
  } catch {
    return 1;
  }
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
 * Selects the kernel set: `'wasm'` (WebAssembly SIMD, threads) or `'reference'` (plain JavaScript
 * loops, the specification). Both give identical bits; only speed differs. Returns true on
 * success, false (as TF.js does) when the set cannot run here; `getBackend()` names the one in use.
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
 * Resolves when the backend and its worker threads are ready (TF.js `tf.ready()`). Optional:
 * kernels compile on first use, and work runs on fewer threads until workers have started,
 * with the same bits.
 * @example await ready();
 */
export async function ready(): Promise<void> {
  activeKernels();
  await starting;
  await pool?.whenReady();
}

/**
 * Sets how many threads the wasm kernels use, the calling thread included (1 to 16; default:
 * SAMEBITS_THREADS, else the number of cores). The bits do not depend on it.
 * @example setThreads(1);
 */
export function setThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new Error(`setThreads: expected an integer from 1 to ${MAX_THREADS}. Received: ${String(n)}`);
  requestedThreads = n;
  pool?.resize(n);
}

/** Threads the wasm kernels use (requested; workers may still be starting). @example getThreads() // 2 */
export function getThreads(): number {
  wasmKernels();
  return pool?.threads ?? requestedThreads ?? 1;
}

/** Why the wasm kernel set is unavailable here ('' when it is available). */
export function wasmUnavailable(): string {
  wasmKernels();
  return wasmUnavailableReason();
}
