// Optimizer kernel speed, wasm against reference, in GB/s (arrays read + written, × 4 bytes × n,
// best of several runs): npx tsx scripts/optimizer-kernel-speed.ts [n]
// Variables and slots live in the wasm module's memory as in training; the gradient does not
// (it is copied in per call, as fit's gradients are), and that copy counts in the time.
import { loadavg } from 'node:os';
import type { KernelSet } from '../src/kernels/kernel-set.js';
import { referenceKernels } from '../src/kernels/reference/index.js';
import { loadWasm } from '../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../src/kernels/wasm/set.js';
import { ThreadPool } from '../src/kernels/wasm/threads.js';

const n = Number(process.argv[2] ?? 1 << 20);
const mod = loadWasm();
if (!mod) throw new Error('wasm unavailable');
const sets: KernelSet[] = [referenceKernels, wasmKernelSet(mod, new ThreadPool(mod))];
const f = Math.fround;

function filled(set: KernelSet, seed: number): Float32Array {
  const a = set.allocFloat32(n);
  for (let i = 0; i < n; i++) a[i] = f(Math.sin(i * 0.37 + seed) * 0.01);
  return a;
}

function best(run: () => void, budgetMs = 600): number {
  let fastest = Infinity;
  const stop = performance.now() + budgetMs;
  for (let runs = 0; runs < 5 || performance.now() < stop; runs++) {
    const t = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest / 1000;
}

/** [name, arrays moved per element, the call on a set]. */
const kernels: [string, number, (k: KernelSet) => () => void][] = [
  ['SGD', 3, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); return () => k.sgdUpdate(w, g, null, { lr: f(0.01), momentum: 0, nesterov: false }); }],
  ['SGD momentum', 5, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); const m = filled(k, 3); return () => k.sgdUpdate(w, g, m, { lr: f(0.01), momentum: f(0.9), nesterov: false }); }],
  ['RMSprop', 5, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); const v = filled(k, 3); return () => k.rmspropUpdate(w, g, v, null, null, { lr: f(0.001), rho: f(0.9), c: f(0.1), momentum: 0, eps: f(1e-7) }); }],
  ['RMSprop centered momentum', 9, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); const v = filled(k, 3); const mom = filled(k, 4); const mg = filled(k, 5); return () => k.rmspropUpdate(w, g, v, mom, mg, { lr: f(0.001), rho: f(0.9), c: f(0.1), momentum: f(0.5), eps: f(1e-7) }); }],
  ['Adagrad', 5, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); const a = filled(k, 3); return () => k.adagradUpdate(w, g, a, f(0.01), f(1e-7)); }],
  ['Adadelta', 7, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); const a = filled(k, 3); const b = filled(k, 4); return () => k.adadeltaUpdate(w, g, a, b, { lr: 1, rho: f(0.95), c: f(0.05), eps: f(1e-7) }); }],
  ['Adamax', 7, (k) => { const w = filled(k, 1); const g = new Float32Array(filled(k, 2)); const m = filled(k, 3); const u = filled(k, 4); return () => k.adamaxUpdate(w, g, m, u, { lr: f(0.002), correction: f(0.1), c1: f(0.1), beta2: f(0.999), eps: f(1e-7) }); }],
  ['decayWeights', 2, (k) => { const w = filled(k, 1); return () => k.decayWeights(w, f(0.004), f(0.001)); }],
  ['sumOfSquares', 1, (k) => { const g = new Float32Array(filled(k, 2)); return () => { k.sumOfSquares(g, 0); }; }],
  ['clipByValue', 2, (k) => { const g = new Float32Array(filled(k, 2)); const out = new Float32Array(n); return () => k.clipByValue(g, out, f(0.005)); }],
];

console.log(`n = ${n}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('kernel'.padEnd(28) + 'reference GB/s'.padStart(16) + 'wasm GB/s'.padStart(12) + 'ratio'.padStart(8));
for (const [name, arrays, make] of kernels) {
  const gbps = sets.map((s) => (arrays * 4 * n) / best(make(s)) / 1e9);
  console.log(name.padEnd(28) + gbps[0]!.toFixed(2).padStart(16) + gbps[1]!.toFixed(2).padStart(12) + (gbps[1]! / gbps[0]!).toFixed(2).padStart(8));
}
console.log(`load average after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
