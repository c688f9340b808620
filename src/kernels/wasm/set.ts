import type { KernelSet } from '../kernel-set.js';
import { referenceKernels } from '../reference/index.js';
import type { MatMulDims } from '../reference/matmul.js';
import { convKernels } from './conv-kernels.js';
import { mathKernels } from './math-kernels.js';
import type { WasmModule } from './module.js';
import { NATIVE_FROM, optimizerKernels } from './optimizer-kernels.js';
import { poolKernels } from './pool-kernels.js';
import type { ThreadPool } from './threads.js';

/**
 * Below this many multiply-adds a call into the module costs more than the work (measured on the
 * 2-3-1 network of the weights-before-after example): the reference loop runs instead, same bits.
 */
const NATIVE_MATMUL_FROM = 4096;

/**
 * The WebAssembly SIMD kernel set over `mod`: native matMul and the optimizer kernels
 * of `optimizerKernels` (native/kernels.c), the reference loops for the rest (and for optimizer
 * arrays shorter than `nativeFrom`, default NATIVE_FROM, and for products smaller than
 * NATIVE_MATMUL_FROM; tests pass 0 to run the native code at every size). Every native kernel
 * gives the reference's bits exactly.
 * Arrays that live in the module's memory (`allocFloat32`: variables, optimizer slots) are used
 * in place; others are copied into scratch for the call (and outputs copied back).
 */
export function wasmKernelSet(mod: WasmModule, pool: ThreadPool, nativeFrom: number = NATIVE_FROM): KernelSet {
  const matMulFrom = nativeFrom === 0 ? 0 : NATIVE_MATMUL_FROM;
  const { exports: x, arena, heap } = mod;
  const resident = (v: Float32Array): boolean => heap.isResident(v);
  /** The byte offset of `v` in the memory: in place if resident, else a scratch copy. */
  const place = (v: Float32Array): number => (resident(v) ? v.byteOffset : arena.copyIn(v));

  function matMul(a: Float32Array, b: Float32Array, out: Float32Array, dims: MatMulDims): void {
    const { batch, m, k, n, transposeA, transposeB, aBatchStride, bBatchStride } = dims;
    if (m * k * n < matMulFrom) {
      referenceKernels.matMul(a, b, out, dims);
      return;
    }
    const aSize = m * k;
    const bSize = k * n;
    const packStride = (8 * k * 4 + 63) & ~63;
    for (let t = 0; t < batch; t++) {
      const aPart = a.subarray(t * aBatchStride, t * aBatchStride + aSize);
      const bPart = b.subarray(t * bBatchStride, t * bBatchStride + bSize);
      const oPart = out.subarray(t * m * n, (t + 1) * m * n);
      const copies = (resident(aPart) ? 0 : aSize) + (transposeA ? aSize : 0) + (resident(bPart) ? 0 : bSize) + (resident(oPart) ? 0 : m * n);
      arena.begin(copies + (packStride / 4) * pool.threads, 4 + pool.threads);
      let pa = place(aPart);
      if (transposeA) {
        // A is stored [k, m]: lay it out as [m, k] once, so each row of op(A) is contiguous.
        const rows = arena.alloc(aSize);
        x.transpose(pa, rows, k, m);
        pa = rows;
      }
      const pb = place(bPart);
      const po = resident(oPart) ? oPart.byteOffset : arena.alloc(m * n);
      pool.matmul(pa, pb, po, m, k, n, k, 1, transposeB, (threads) => ({ base: arena.alloc((packStride / 4) * threads), stride: packStride }));
      if (!resident(oPart)) oPart.set(arena.view(po, m * n));
    }
  }

  function allocFloat32(size: number): Float32Array {
    return heap.allocView(size) ?? new Float32Array(size);
  }

  return {
    ...referenceKernels, name: 'wasm', matMul, allocFloat32,
    ...optimizerKernels(mod, nativeFrom),
    ...poolKernels(mod, nativeFrom),
    ...convKernels(mod, pool, nativeFrom === 0 ? 0 : undefined),
    ...(nativeFrom === 0 ? mathKernels(mod, 0, 0) : mathKernels(mod)),
  };
}
