import type { KernelSet } from '../kernel-set.js';
import type { ConvGeometry } from '../reference/conv.js';
import { referenceKernels as ref } from '../reference/index.js';
import type { WasmModule } from './module.js';

/** The convolution kernels this file implements natively. */
export type ConvKernels = Pick<KernelSet, 'im2col' | 'col2im'>;

/** Below this many moved elements the reference loop is faster than a call into the module. */
const NATIVE_CONV_FROM = 1024;

/**
 * im2col and col2im of native/conv.c. Operands not in the module's memory are copied into the
 * arena, and the output copied back; calls moving fewer than `nativeFrom` elements run the
 * reference loop, with the same bits.
 */
export function convKernels(mod: WasmModule, nativeFrom: number = NATIVE_CONV_FROM): ConvKernels {
  const { exports: x, arena, heap } = mod;

  /** Runs `call(pIn, pGeometry, pOut)` with `input` placed and `out` written back. */
  function run(input: Float32Array, inSize: number, g: ConvGeometry, out: Float32Array, outSize: number, call: (pi: number, pg: number, po: number) => void): void {
    const inPart = input.subarray(0, inSize);
    const outPart = out.subarray(0, outSize);
    const inResident = heap.isResident(inPart);
    const outResident = heap.isResident(outPart);
    arena.begin((inResident ? 0 : inSize) + (outResident ? 0 : outSize) + 16, 3);
    const pi = inResident ? inPart.byteOffset : arena.copyIn(inPart);
    const pg = arena.alloc(16);
    new Int32Array(heap.buffer(), pg, 14).set([g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.kH, g.kW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft]);
    const po = outResident ? outPart.byteOffset : arena.alloc(outSize);
    call(pi, pg, po);
    if (!outResident) outPart.set(arena.view(po, outSize));
  }

  return {
    im2col(input, g, out) {
      const inSize = g.batch * g.inH * g.inW * g.inC;
      const outSize = g.batch * g.outH * g.outW * g.kH * g.kW * g.inC;
      if (outSize < nativeFrom) return ref.im2col(input, g, out);
      run(input, inSize, g, out, outSize, (pi, pg, po) => x.im2col(pi, pg, po));
    },
    col2im(cols, g, out) {
      const colSize = g.batch * g.outH * g.outW * g.kH * g.kW * g.inC;
      const outSize = g.batch * g.inH * g.inW * g.inC;
      if (colSize < nativeFrom) return ref.col2im(cols, g, out);
      run(cols, colSize, g, out, outSize, (pi, pg, po) => x.col2im(pi, pg, po));
    },
  };
}
