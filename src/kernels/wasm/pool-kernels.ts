import type { KernelSet } from '../kernel-set.js';
import type { PoolGeometry } from '../reference/pool.js';
import { referenceKernels as ref } from '../reference/index.js';
import type { WasmModule } from './module.js';

/** The pooling kernels of the wasm set. */
export type PoolKernels = Pick<KernelSet, 'maxPool' | 'maxPoolBackward' | 'avgPool' | 'avgPoolBackward'>;

const GEOMETRY_FIELDS = 12;

/**
 * The pooling kernels of native/pool.c (max pooling's gradient: the reference loop), on the calling thread: a pooling layer's work is small
 * next to waking workers (64×26×26×8 inputs take well under a millisecond), so it is not split.
 * Operands are copied into the arena and outputs copied back; inputs shorter than `nativeFrom`
 * run the reference loop, with the same bits.
 */
export function poolKernels(mod: WasmModule, nativeFrom: number): PoolKernels {
  const { exports: x, arena, heap } = mod;
  const ints = (at: number, n: number): Int32Array => new Int32Array(heap.buffer(), at, n);

  /** Room for the float32/int32 operands of one call plus the geometry; returns the geometry's offset. */
  function begin(g: PoolGeometry, elements: number, pieces: number): number {
    arena.begin(elements + GEOMETRY_FIELDS, pieces + 1);
    const at = arena.alloc(GEOMETRY_FIELDS);
    ints(at, GEOMETRY_FIELDS).set([g.batch, g.inH, g.inW, g.channels, g.filterH, g.filterW, g.strideH, g.strideW, g.padTop, g.padLeft, g.outH, g.outW]);
    return at;
  }

  /** Runs a native kernel of one float32 operand and one float32 result: `src` copied in, `dst` copied back. */
  function oneInOneOut(src: Float32Array, g: PoolGeometry, dst: Float32Array, kernel: (src: number, geometry: number, dst: number) => void): void {
    const pg = begin(g, src.length + dst.length, 2);
    const ps = arena.copyIn(src);
    const pd = arena.alloc(dst.length);
    kernel(ps, pg, pd);
    dst.set(arena.view(pd, dst.length));
  }

  return {
    maxPool(xs, g, out, positions) {
      if (xs.length < nativeFrom) return ref.maxPool(xs, g, out, positions);
      const pg = begin(g, xs.length + 2 * out.length, 3);
      const px = arena.copyIn(xs);
      const po = arena.alloc(out.length);
      const pp = arena.alloc(out.length);
      x.max_pool(px, pg, po, pp);
      out.set(arena.view(po, out.length));
      positions.set(ints(pp, positions.length));
    },
    // A scatter of dy with no arithmetic to vectorize: copying dy, the positions and dx through
    // the module's memory costs more than the loop (measured at 64×26×26×8), so it runs here.
    maxPoolBackward: ref.maxPoolBackward,
    avgPool(xs, g, out) {
      if (xs.length < nativeFrom) return ref.avgPool(xs, g, out);
      oneInOneOut(xs, g, out, x.avg_pool);
    },
    avgPoolBackward(dy, g, dx) {
      if (dx.length < nativeFrom) return ref.avgPoolBackward(dy, g, dx);
      oneInOneOut(dy, g, dx, x.avg_pool_backward);
    },
  };
}
