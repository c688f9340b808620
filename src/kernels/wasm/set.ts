import type { KernelSet } from '../kernel-set.js';
import { referenceKernels } from '../reference/index.js';
import type { MatMulDims } from '../reference/matmul.js';
import type { AdamConstants } from '../reference/optimizer-updates.js';
import type { WasmModule } from './module.js';
import type { ThreadPool } from './threads.js';

/**
 * The WebAssembly SIMD kernel set over `mod`: native matMul and adamUpdate (native/kernels.c),
 * the reference loops for the rest. Every native kernel gives the reference's bits exactly.
 */
export function wasmKernelSet(mod: WasmModule, pool: ThreadPool): KernelSet {
  const { exports: x, arena } = mod;

  function matMul(a: Float32Array, b: Float32Array, out: Float32Array, dims: MatMulDims): void {
    const { batch, m, k, n, transposeA, transposeB, aBatchStride, bBatchStride } = dims;
    const aSize = m * k;
    const bSize = k * n;
    for (let t = 0; t < batch; t++) {
      arena.reset();
      let pa = arena.copyIn(a.subarray(t * aBatchStride, t * aBatchStride + aSize));
      if (transposeA) {
        // A is stored [k, m]: lay it out as [m, k] once, so each row of op(A) is contiguous.
        const rows = arena.alloc(aSize);
        x.transpose(pa, rows, k, m);
        pa = rows;
      }
      const pb = arena.copyIn(b.subarray(t * bBatchStride, t * bBatchStride + bSize));
      const po = arena.alloc(m * n);
      pool.matmul(pa, pb, po, m, k, n, k, 1, transposeB, (threads) => {
        const stride = (8 * k * 4 + 63) & ~63;
        return { base: arena.alloc((stride / 4) * threads), stride };
      });
      out.set(arena.view(po, m * n), t * m * n);
    }
  }

  function adamUpdate(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vHat: Float32Array | null, c: AdamConstants): void {
    arena.reset();
    const size = w.length;
    const pw = arena.copyIn(w);
    const pg = arena.copyIn(g);
    const pm = arena.copyIn(m);
    const pv = arena.copyIn(v);
    const ph = vHat ? arena.copyIn(vHat) : 0;
    x.adam(pw, pg, pm, pv, ph, size, c.alpha, c.c1, c.c2, c.eps);
    w.set(arena.view(pw, size));
    m.set(arena.view(pm, size));
    v.set(arena.view(pv, size));
    if (vHat) vHat.set(arena.view(ph, size));
  }

  return { ...referenceKernels, name: 'wasm', matMul, adamUpdate };
}
