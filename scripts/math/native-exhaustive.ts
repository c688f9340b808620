// Offline check of the native elementary functions (not run in CI: minutes per function):
//   npx tsx scripts/math/native-exhaustive.ts [name …]   (default: sigmoid tanh)
// Every one of the 2^32 float32 bit patterns through the wasm set's native unary kernel
// (native/math.h, math-log.h, math-simd.h) and through the reference loop (src/math), comparing
// the float32 bytes (any NaN equals any NaN: payloads are not part of the contract). Prints,
// per function, the patterns compared, the mismatches (the first few in full) and the seconds.
import type { UnaryKernel } from '../../src/kernels/reference/elementwise.js';
import { referenceKernels as ref } from '../../src/kernels/reference/index.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool } from '../../src/kernels/wasm/threads.js';

const mod = loadWasm();
if (!mod) throw new Error('native-exhaustive: the wasm kernel set did not load');
const native = wasmKernelSet(mod, new ThreadPool(mod), 0);
const names = (process.argv.length > 2 ? process.argv.slice(2) : ['sigmoid', 'tanh']) as UnaryKernel[];
const CHUNK = 1 << 20;
const bits = new Uint32Array(CHUNK);
const xs = new Float32Array(bits.buffer);
const a = new Float32Array(CHUNK);
const b = new Float32Array(CHUNK);
const ua = new Uint32Array(a.buffer);
const ub = new Uint32Array(b.buffer);

for (const name of names) {
  const start = performance.now();
  let mismatches = 0;
  for (let base = 0; base < 2 ** 32; base += CHUNK) {
    for (let i = 0; i < CHUNK; i++) bits[i] = base + i;
    native.unary(name, xs, a);
    ref.unary(name, xs, b);
    for (let i = 0; i < CHUNK; i++) {
      if (ua[i] === ub[i] || (a[i] !== a[i] && b[i] !== b[i])) continue;
      if (++mismatches <= 5) console.log(`${name}(${xs[i]} = 0x${(bits[i] as number).toString(16)}): native 0x${(ua[i] as number).toString(16)}, reference 0x${(ub[i] as number).toString(16)}`);
    }
  }
  console.log(`${name}: 2^32 patterns, ${mismatches} mismatches, ${((performance.now() - start) / 1000).toFixed(0)} s`);
}
