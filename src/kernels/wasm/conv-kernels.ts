import { isPointwise } from '../conv-geometry.js';
import type { KernelSet } from '../kernel-set.js';
import type { ConvGeometry } from '../reference/conv.js';
import { referenceKernels as ref } from '../reference/index.js';
import type { WasmModule } from './module.js';
import type { ThreadPool } from './threads.js';

/** The convolution kernels this file implements natively. */
export type ConvKernels = Pick<KernelSet, 'im2col' | 'col2im' | 'conv2d' | 'conv2dBackward' | 'biasAdd' | 'biasGradient' | 'reluBackward' | 'depthwiseConv2d' | 'depthwiseBackpropInput' | 'depthwiseBackpropFilter' | 'conv2dBackpropInput' | 'conv2dBackpropFilter'>;

/** Below this much work (moved elements, or multiply-adds) a call into the module costs more than the work: the reference runs. */
const NATIVE_CONV_FROM = 4096;

/** Convolution jobs with at least this many multiply-adds run on every thread; smaller ones on the calling thread (measured on the CNN bench rows: the first conv's 3.1M multiply-adds ran no faster on two threads, the second's 8.9M about 1.5× faster). */
const THREADED_CONV_WORK = 1 << 22;

/** Floats of one thread's scratch, rounded up to 64 bytes. */
const scratchFloats = (floats: number): number => (floats + 15) & ~15;

/** One thread's scratch for the input-gradient job: W with its last two axes swapped, then kH·kW tap numbers and kH·kW row pointers (native/conv.c). */
const inputGradientScratch = (g: ConvGeometry, outC: number): number => scratchFloats(g.kH * g.kW * g.inC * outC + 2 * g.kH * g.kW);

/**
 * The convolution kernels over native/conv.c and the native matmul (depthwise convolution too). Each conv2d kernel runs whole
 * in the module's memory: operands copied in once (unless resident), the work done there by a
 * native job that reads x directly (no patch matrix) and splits whole outputs over the threads
 * (`conv_job`: output rows for conv, input pixels for the input gradient, patch columns for the
 * filter gradient), the result copied out once. Work smaller than `nativeFrom` runs the
 * reference, with the same bits.
 */
export function convKernels(mod: WasmModule, pool: ThreadPool, nativeFrom: number = NATIVE_CONV_FROM): ConvKernels {
  const { exports: x, arena, heap } = mod;
  /** Tests pass nativeFrom 0 to run the native code at every size: then every job is threaded too. */
  const threadedFrom = nativeFrom === 0 ? 0 : THREADED_CONV_WORK;
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

  function product(pa: number, pb: number, po: number, m: number, k: number, n: number, aRow: number, aCol: number, transposeB: boolean): void {
    const packStride = (8 * k * 4 + 63) & ~63;
    pool.matmul(pa, pb, po, m, k, n, aRow, aCol, transposeB, (threads) => ({ base: arena.alloc((packStride / 4) * threads), stride: packStride }));
  }

  function copyOut(out: Float32Array, po: number, count: number): void {
    out.subarray(0, count).set(arena.view(po, count));
  }

  /** Threads for a convolution job of `work` multiply-adds: all of the pool's, or 1 for small work. */
  const jobThreads = (work: number): number => (work < threadedFrom ? 1 : pool.threads);

  /** Writes a job block (native/conv.c `conv_job`) into the arena and runs it on up to `threads` threads. */
  function runJob(fields: number[], threads: number): void {
    const at = arena.alloc(16);
    const block = new Int32Array(heap.buffer(), at, 16);
    block.set(fields);
    block[15] = 0; // the chunk counter (native/conv.c conv_job)
    pool.convJob(at, threads);
  }

  /**
   * Arena floats `filterGradientAt` and `inputGradientAt` take at most (the result, the threads'
   * scratch or the product's patch-matrix gradient, the geometry and job blocks, 16 spare): the
   * callers' `begin` adds these to the operands they place, so each size is stated once.
   */
  const filterGradientFloats = (g: ConvGeometry, outC: number): number => size.k(g) * outC + 48;
  const inputGradientFloats = (g: ConvGeometry, outC: number): number => size.rows(g) * size.k(g) + size.input(g) + pool.threads * inputGradientScratch(g, outC) + 48;

  /** The filter gradient of placed x and dz, into the arena: read straight from x (no patch matrix), threads splitting the patch columns. */
  function filterGradientAt(px: number, pdz: number, g: ConvGeometry, outC: number): number {
    const [m, k] = [size.rows(g), size.k(g)];
    const po = arena.alloc(k * outC);
    runJob([3, px, pdz, geometry(g), outC, po], jobThreads(m * k * outC));
    return po;
  }

  /** The input gradient of placed dz and w, into the arena: the bits of col2im(dz·wᵀ), computed per input pixel (dz·wᵀ alone for a 1×1 window). */
  function inputGradientAt(pdz: number, pw: number, g: ConvGeometry, outC: number): number {
    const [m, k] = [size.rows(g), size.k(g)];
    if (isPointwise(g) || g.inC % 4 !== 0) {
      // The product then col2im: the direct job vectorizes across channels, four at a time.
      const pd = arena.alloc(m * k);
      product(pdz, pw, pd, m, outC, k, outC, 1, true);
      if (isPointwise(g)) return pd;
      const po = arena.alloc(size.input(g));
      x.col2im(pd, geometry(g), po);
      return po;
    }
    const threads = jobThreads(m * k * outC);
    const stride = inputGradientScratch(g, outC);
    const po = arena.alloc(size.input(g));
    const scratch = arena.alloc(threads * stride);
    runJob([2, pdz, pw, geometry(g), outC, po, scratch, stride * 4], threads);
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
  /** im2col or col2im (`kernel`) from placed `src` of `srcSize` floats to `out` of `outSize`: one is the input's size, the other the patch matrix's. */
  function patchMove(kernel: (src: number, pg: number, po: number) => void, src: Float32Array, srcSize: number, g: ConvGeometry, out: Float32Array, outSize: number): void {
    arena.begin(size.input(g) + size.cols(g) + 16, 3);
    const ps = place(src, srcSize);
    const po = arena.alloc(outSize);
    kernel(ps, geometry(g), po);
    copyOut(out, po, outSize);
  }
  const depthwiseWork = (g: ConvGeometry, m: number): number => size.rows(g) * g.inC * m * g.kH * g.kW;

  return {
    depthwiseConv2d(input, f, g, m, out) {
      if (depthwiseWork(g, m) < nativeFrom) return ref.depthwiseConv2d(input, f, g, m, out);
      depthwise(x.depthwise_forward, input, size.input(g), f, g.kH * g.kW * g.inC * m, g, m, out, size.rows(g) * g.inC * m);
    },
    depthwiseBackpropInput(dy, f, g, m, out) {
      if (depthwiseWork(g, m) < nativeFrom) return ref.depthwiseBackpropInput(dy, f, g, m, out);
      depthwise(x.depthwise_backprop_input, dy, size.rows(g) * g.inC * m, f, g.kH * g.kW * g.inC * m, g, m, out, size.input(g));
    },
    depthwiseBackpropFilter(input, dy, g, m, out) {
      if (depthwiseWork(g, m) < nativeFrom) return ref.depthwiseBackpropFilter(input, dy, g, m, out);
      depthwise(x.depthwise_backprop_filter, input, size.input(g), dy, size.rows(g) * g.inC * m, g, m, out, g.kH * g.kW * g.inC * m);
    },
    im2col(input, g, out) {
      if (size.cols(g) < nativeFrom) return ref.im2col(input, g, out);
      patchMove(x.im2col, input, size.input(g), g, out, size.cols(g));
    },
    col2im(cols, g, out) {
      if (size.cols(g) < nativeFrom) return ref.col2im(cols, g, out);
      patchMove(x.col2im, cols, size.cols(g), g, out, size.input(g));
    },
    conv2d(input, w, bias, activation, g, outC, out) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2d(input, w, bias, activation, g, outC, out);
      const relu = activation === 'relu' ? 1 : 0;
      if (isPointwise(g)) {
        begin(size.input(g) + k * outC + m * outC + outC, k);
        const px = place(input, size.input(g));
        const pw = place(w, k * outC);
        const pb = bias ? place(bias, outC) : 0;
        const po = arena.alloc(m * outC);
        product(px, pw, po, m, k, outC, k, 1, false);
        if (bias || relu) x.bias_act(po, pb, m, outC, relu);
        copyOut(out, po, m * outC);
        return;
      }
      // No patch matrix: the job reads x through an offset table (patch rows only at the borders).
      const threads = jobThreads(m * k * outC);
      const stride = scratchFloats(k * ((outC + 7) & ~7) + 2 * k); // packed W, offsets, one patch row (forward_rows)
      arena.begin(size.input(g) + k * outC + m * outC + outC + threads * stride + 32, 8);
      const px = place(input, size.input(g));
      const pw = place(w, k * outC);
      const pb = bias ? place(bias, outC) : 0;
      const pg = geometry(g);
      const po = arena.alloc(m * outC);
      const scratch = arena.alloc(threads * stride);
      runJob([1, px, pw, pb, relu, pg, outC, po, scratch, stride * 4], threads);
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
      begin(m * outC + k * outC + inputGradientFloats(g, outC), outC);
      copyOut(out, inputGradientAt(place(dy, m * outC), place(w, k * outC), g, outC), size.input(g));
    },
    conv2dBackpropFilter(input, dy, g, outC, out) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2dBackpropFilter(input, dy, g, outC, out);
      begin(size.input(g) + m * outC + filterGradientFloats(g, outC), m);
      copyOut(out, filterGradientAt(place(input, size.input(g)), place(dy, m * outC), g, outC), k * outC);
    },
    conv2dBackward(input, w, dy, reluOutput, g, outC, grads) {
      const [m, k] = [size.rows(g), size.k(g)];
      if (m * k * outC < nativeFrom) return ref.conv2dBackward(input, w, dy, reluOutput, g, outC, grads);
      // Everything in one session: dy (and y) copied in once, dz never leaves the module.
      // x, dy, y, the masked dz, w and the bias gradient, then both gradients' own pieces.
      begin(size.input(g) + 3 * m * outC + k * outC + outC + filterGradientFloats(g, outC) + inputGradientFloats(g, outC), m, outC);
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
