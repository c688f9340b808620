import { isPointwise } from '../conv-geometry.js';
import type { KernelSet } from '../kernel-set.js';
import type { ConvGeometry } from '../reference/conv.js';
import { referenceKernels as ref } from '../reference/index.js';
import type { Arena, WasmModule } from './module.js';
import type { ThreadPool } from './threads.js';

/** The convolution kernels this file implements natively. */
export type ConvKernels = Pick<KernelSet, 'im2col' | 'col2im' | 'conv2d' | 'conv2dBackward' | 'biasAdd' | 'biasGradient' | 'reluBackward' | 'depthwiseConv2d' | 'depthwiseBackpropInput' | 'depthwiseBackpropFilter' | 'conv2dBackpropInput' | 'conv2dBackpropFilter'>;

/** Filter gradients smaller than this (multiply-adds) run the direct kernel; larger ones the patch matrix and the threaded product (same bits). */
const DIRECT_FILTER_GRADIENT_BELOW = 1 << 22;

/** Below this much work (moved elements, or multiply-adds) a call into the module costs more than the work: the reference runs. */
const NATIVE_CONV_FROM = 4096;

/**
 * The convolution kernels over native/conv.c and the native matmul (depthwise convolution too). Each conv2d kernel runs whole
 * in the module's memory: operands copied in once (unless resident), the patch matrix built and
 * multiplied there (the product split over threads by output columns, as matMul), the result
 * copied out once. Work smaller than `nativeFrom` runs the reference, with the same bits.
 */
export function convKernels(mod: WasmModule, pool: ThreadPool, nativeFrom: number = NATIVE_CONV_FROM): ConvKernels {
  const { exports: x, arena, heap } = mod;
  const size = {
    input: (g: ConvGeometry): number => g.batch * g.inH * g.inW * g.inC,
    cols: (g: ConvGeometry): number => g.batch * g.outH * g.outW * g.kH * g.kW * g.inC,
    rows: (g: ConvGeometry): number => g.batch * g.outH * g.outW,
    k: (g: ConvGeometry): number => g.kH * g.kW * g.inC,
  };

  /** Byte offset of the first `count` elements of `v` in the memory (in place if resident). */
  function place(v: Float32Array, count: number): number {
    const part = v.subarray(0, count);
    return heap.isResident(part) ? part.byteOffset : arena.copyIn(part);
  }

  function geometry(g: ConvGeometry): number {
    const at = arena.alloc(16);
    new Int32Array(heap.buffer(), at, 14).set([g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.kH, g.kW, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft]);
    return at;
  }

  /**
   * Room for a call: `floats` of operands and scratch, plus the threads' packing panels for each
   * product of the call (one reduction length each), and alignment slack for up to 24 pieces.
   */
  function begin(floats: number, ...reductions: number[]): void {
    const packs = reductions.reduce((sum, k) => sum + ((8 * k * 4 + 63) >> 2) * pool.threads, 0);
    arena.begin(floats + 16 + packs, 24);
  }

  function product(pa: number, pb: number, po: number, m: number, k: number, n: number, aRow: number, aCol: number, transposeB: boolean, a: Arena): void {
    const packStride = (8 * k * 4 + 63) & ~63;
    pool.matmul(pa, pb, po, m, k, n, aRow, aCol, transposeB, (threads) => ({ base: a.alloc((packStride / 4) * threads), stride: packStride }));
  }

  function copyOut(out: Float32Array, po: number, count: number): void {
    out.subarray(0, count).set(arena.view(po, count));
  }

  /** The patch matrix of the placed input at `px`, in the arena (or the input itself for a 1×1 window). */
  function patches(px: number, g: ConvGeometry): number {
    if (isPointwise(g)) return px;
    const pc = arena.alloc(size.cols(g));
    x.im2col(px, geometry(g), pc);
    return pc;
  }

  /** The filter gradient of placed x and dz, into the arena: read straight from x below the threaded sizes, else patches and the threaded product. */
  function filterGradientAt(px: number, pdz: number, g: ConvGeometry, outC: number): number {
    const [m, k] = [size.rows(g), size.k(g)];
    const po = arena.alloc(k * outC);
    if (m * k * outC < DIRECT_FILTER_GRADIENT_BELOW) {
      x.conv_filter_grad(px, pdz, geometry(g), outC, po);
    } else {
      // op(A) = patchesᵀ, read in place: A[i, p] = patches[p·k + i] (rows 1 apart, columns k apart).
      product(patches(px, g), pdz, po, k, m, outC, 1, k, false, arena);
    }
    return po;
  }

  /** The input gradient of placed dz and w, into the arena: dz·wᵀ, then col2im. */
  function inputGradientAt(pdz: number, pw: number, g: ConvGeometry, outC: number): number {
    const [m, k] = [size.rows(g), size.k(g)];
    const pd = arena.alloc(m * k);
    product(pdz, pw, pd, m, outC, k, outC, 1, true, arena);
    if (isPointwise(g)) return pd;
    const po = arena.alloc(size.input(g));
    x.col2im(pd, geometry(g), po);
    return po;
  }

  /** A depthwise kernel on placed operands of `aSize` and `bSize` floats, writing `outSize`. */
  function depthwise(kernel: (pa: number, pb: number, pg: number, m: number, po: number) => void, a: Float32Array, aSize: number, b: Float32Array, bSize: number, g: ConvGeometry, m: number, out: Float32Array, outSize: number): void {
    arena.begin(aSize + bSize + outSize + 16, 4);
    const pa = place(a, aSize);
    const pb = place(b, bSize);
    const pg = geometry(g);
    const po = arena.alloc(outSize);
    kernel(pa, pb, pg, m, po);
    copyOut(out, po, outSize);
  }
  const depthwiseWork = (g: ConvGeometry, m: number): number => size.rows(g) * g.inC * m * g.kH * g.kW;

  return {
    depthwiseConv2d(input, f, g, m, out) {
      if (depthwiseWork(g, m) < nativeFrom) return ref.depthwiseConv2d(input, f, g, m, out);
      depthwise((a, b, pg, mm, po) => x.depthwise_forward(a, b, pg, mm, po), input, size.input(g), f, g.kH * g.kW * g.inC * m, g, m, out, size.rows(g) * g.inC * m);
    },
    depthwiseBackpropInput(dy, f, g, m, out) {
      if (depthwiseWork(g, m) < nativeFrom) return ref.depthwiseBackpropInput(dy, f, g, m, out);
      depthwise((a, b, pg, mm, po) => x.depthwise_backprop_input(a, b, pg, mm, po), dy, size.rows(g) * g.inC * m, f, g.kH * g.kW * g.inC * m, g, m, out, size.input(g));
    },
    depthwiseBackpropFilter(input, dy, g, m, out) {
      if (depthwiseWork(g, m) < nativeFrom) return ref.depthwiseBackpropFilter(input, dy, g, m, out);
      depthwise((a, b, pg, mm, po) => x.depthwise_backprop_filter(a, b, pg, mm, po), input, size.input(g), dy, size.rows(g) * g.inC * m, g, m, out, g.kH * g.kW * g.inC * m);
    },
    im2col(input, g, out) {
      if (size.cols(g) < nativeFrom) return ref.im2col(input, g, out);
      arena.begin(size.input(g) + size.cols(g) + 16, 3);
      const px = place(input, size.input(g));
      const po = arena.alloc(size.cols(g));
      x.im2col(px, geometry(g), po);
      copyOut(out, po, size.cols(g));
    },
    col2im(cols, g, out) {
      if (size.cols(g) < nativeFrom) return ref.col2im(cols, g, out);
      arena.begin(size.input(g) + size.cols(g) + 16, 3);
      const pc = place(cols, size.cols(g));
      const po = arena.alloc(size.input(g));
      x.col2im(pc, geometry(g), po);
      copyOut(out, po, size.input(g));
    },
    conv2d(input, w, bias, activation, g, outC, out) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2d(input, w, bias, activation, g, outC, out);
      begin(size.input(g) + size.cols(g) + k * outC + m * outC + outC, k);
      const px = place(input, size.input(g));
      const pw = place(w, k * outC);
      const pb = bias ? place(bias, outC) : 0;
      const pc = patches(px, g);
      const po = arena.alloc(m * outC);
      product(pc, pw, po, m, k, outC, k, 1, false, arena);
      if (bias || activation === 'relu') x.bias_act(po, pb, m, outC, activation === 'relu' ? 1 : 0);
      copyOut(out, po, m * outC);
    },
    biasAdd(y, bias, activation, rows, cols, out) {
      if (rows * cols < nativeFrom) return ref.biasAdd(y, bias, activation, rows, cols, out);
      arena.begin(rows * cols + cols, 2);
      const py = arena.copyIn(y.subarray(0, rows * cols)); // written in place, so always a copy
      const pb = bias ? place(bias, cols) : 0;
      x.bias_act(py, pb, rows, cols, activation === 'relu' ? 1 : 0);
      copyOut(out, py, rows * cols);
    },
    reluBackward(dy, y, out) {
      const n = out.length;
      if (n < nativeFrom) return ref.reluBackward(dy, y, out);
      arena.begin(3 * n, 3);
      const [pdy, py, po] = [place(dy, n), place(y, n), arena.alloc(n)];
      x.relu_backward(pdy, py, po, n);
      copyOut(out, po, n);
    },
    biasGradient(dy, rows, cols, out) {
      if (rows * cols < nativeFrom) return ref.biasGradient(dy, rows, cols, out);
      arena.begin(rows * cols + cols, 2);
      const pdy = place(dy, rows * cols);
      const po = arena.alloc(cols);
      x.bias_grad(pdy, rows, cols, po);
      copyOut(out, po, cols);
    },
    conv2dBackpropInput(dy, w, g, outC, out) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2dBackpropInput(dy, w, g, outC, out);
      begin(m * outC + k * outC + size.cols(g) + size.input(g) + 16, outC);
      copyOut(out, inputGradientAt(place(dy, m * outC), place(w, k * outC), g, outC), size.input(g));
    },
    conv2dBackpropFilter(input, dy, g, outC, out) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2dBackpropFilter(input, dy, g, outC, out);
      begin(size.input(g) + size.cols(g) + m * outC + k * outC + 16, m);
      copyOut(out, filterGradientAt(place(input, size.input(g)), place(dy, m * outC), g, outC), k * outC);
    },
    conv2dBackward(input, w, dy, reluOutput, g, outC, grads) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2dBackward(input, w, dy, reluOutput, g, outC, grads);
      // Everything in one session: dy (and y) copied in once, dz never leaves the module.
      begin(size.input(g) * 2 + size.cols(g) + m * k + 3 * m * outC + 2 * k * outC + outC + 32, m, outC);
      let pdz = place(dy, m * outC);
      if (reluOutput) {
        const masked = arena.alloc(m * outC);
        x.relu_backward(pdz, place(reluOutput, m * outC), masked, m * outC);
        pdz = masked;
      }
      if (grads.bias) {
        const pb = arena.alloc(outC);
        x.bias_grad(pdz, m, outC, pb);
        copyOut(grads.bias, pb, outC);
      }
      if (grads.filter) copyOut(grads.filter, filterGradientAt(place(input, size.input(g)), pdz, g, outC), k * outC);
      if (grads.input) copyOut(grads.input, inputGradientAt(pdz, place(w, k * outC), g, outC), size.input(g));
    },
  };
}
