import { isPointwise } from '../conv-geometry.js';
import { matMul } from './matmul.js';

/**
 * The geometry of a 2-D convolution over NHWC data: input [batch, inH, inW, inC], windows of
 * kH × kW taps `dilation` apart, placed every `stride` pixels, starting `padTop` / `padLeft`
 * pixels before the input's first row / column (the padding is zeros); output [batch, outH, outW, …].
 */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

/**
 * The patch matrix of x: out[(n, oh, ow), (kh, kw, c)] = x[n, oh·sH − padTop + kh·dH,
 * ow·sW − padLeft + kw·dW, c], +0 where that pixel lies in the padding. Rows [batch·outH·outW],
 * columns [kH·kW·inC] ordered (kh, kw, c), so conv2d is `matMul(im2col(x), W[kH·kW·inC, outC])`
 * and each output sums (kh, kw, c) in increasing order. Pure data movement.
 */
export function im2col(x: Float32Array, g: ConvGeometry, out: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let kh = 0; kh < kH; kh++) {
          const h = oh * strideH - padTop + kh * dilationH;
          for (let kw = 0; kw < kW; kw++) {
            const w = ow * strideW - padLeft + kw * dilationW;
            if (h < 0 || h >= inH || w < 0 || w >= inW) {
              out.fill(0, o, o + inC);
            } else {
              const src = ((n * inH + h) * inW + w) * inC;
              for (let c = 0; c < inC; c++) out[o + c] = x[src + c] as number;
            }
            o += inC;
          }
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: out[n, h, w, c] = the sum of every patch-matrix entry that im2col copies
 * from (n, h, w, c). Reference order: each output element starts at +0 and adds its entries one
 * float32 rounding at a time, in increasing (kh, kw) order (a pixel appears at most once per
 * tap, since the tap fixes its output position); a pixel no window reaches stays +0.
 */
export function col2im(cols: Float32Array, g: ConvGeometry, out: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const rowSize = kH * kW * inC;
  out.fill(0, 0, batch * inH * inW * inC);
  for (let n = 0; n < batch; n++) {
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        const tap = (kh * kW + kw) * inC;
        for (let oh = 0; oh < outH; oh++) {
          const h = oh * strideH - padTop + kh * dilationH;
          if (h < 0 || h >= inH) continue;
          for (let ow = 0; ow < outW; ow++) {
            const w = ow * strideW - padLeft + kw * dilationW;
            if (w < 0 || w >= inW) continue;
            const dst = ((n * inH + h) * inW + w) * inC;
            const src = ((n * outH + oh) * outW + ow) * rowSize + tap;
            for (let c = 0; c < inC; c++) out[dst + c] = Math.fround((out[dst + c] as number) + (cols[src + c] as number));
          }
        }
      }
    }
  }
}

/**
 * Depthwise convolution: out[n, oh, ow, c·M + m] = Σ over taps (kh, kw) of x[n, h, w, c] ·
 * f[kh, kw, c, m] (M = depth multiplier, f [kH, kW, inC, M]). Reference order: acc = +0, then for
 * (kh, kw) in increasing order acc = f32(acc + f32(x · f)), a padding pixel counting as +0 (as in
 * im2col, so 0 · ∞ gives NaN there).
 */
export function depthwiseConv2d(x: Float32Array, f: Float32Array, g: ConvGeometry, multiplier: number, out: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const outC = inC * multiplier;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const o = ((n * outH + oh) * outW + ow) * outC;
        for (let q = 0; q < outC; q++) {
          const c = Math.floor(q / multiplier);
          let acc = 0;
          for (let kh = 0; kh < kH; kh++) {
            const h = oh * strideH - padTop + kh * dilationH;
            for (let kw = 0; kw < kW; kw++) {
              const w = ow * strideW - padLeft + kw * dilationW;
              const v = h < 0 || h >= inH || w < 0 || w >= inW ? 0 : (x[((n * inH + h) * inW + w) * inC + c] as number);
              acc = Math.fround(acc + Math.fround(v * (f[(kh * kW + kw) * outC + q] as number)));
            }
          }
          out[o + q] = acc;
        }
      }
    }
  }
}

/**
 * The input gradient of depthwiseConv2d: dx[n, h, w, c] = Σ over the taps (kh, kw) whose window
 * covers (h, w), then over m, of dy[n, oh, ow, c·M + m] · f[kh, kw, c, m]. Reference order:
 * acc = +0, taps in increasing (kh, kw) order, within a tap m increasing, acc = f32(acc + f32(dy · f)).
 */
export function depthwiseBackpropInput(dy: Float32Array, f: Float32Array, g: ConvGeometry, multiplier: number, out: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const outC = inC * multiplier;
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < inH; h++) {
      for (let w = 0; w < inW; w++) {
        for (let c = 0; c < inC; c++) {
          let acc = 0;
          for (let kh = 0; kh < kH; kh++) {
            const th = h + padTop - kh * dilationH;
            if (th < 0 || th % strideH !== 0 || th / strideH >= outH) continue;
            for (let kw = 0; kw < kW; kw++) {
              const tw = w + padLeft - kw * dilationW;
              if (tw < 0 || tw % strideW !== 0 || tw / strideW >= outW) continue;
              const d = ((n * outH + th / strideH) * outW + tw / strideW) * outC + c * multiplier;
              const t = (kh * kW + kw) * outC + c * multiplier;
              for (let m = 0; m < multiplier; m++) acc = Math.fround(acc + Math.fround((dy[d + m] as number) * (f[t + m] as number)));
            }
          }
          out[((n * inH + h) * inW + w) * inC + c] = acc;
        }
      }
    }
  }
}

/**
 * The filter gradient of depthwiseConv2d: df[kh, kw, c, m] = Σ over (n, oh, ow) of
 * x[n, h, w, c] · dy[n, oh, ow, c·M + m]. Reference order: acc = +0, then (n, oh, ow) in
 * increasing order, acc = f32(acc + f32(x · dy)), a padding pixel counting as +0.
 */
export function depthwiseBackpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry, multiplier: number, out: Float32Array): void {
  const { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const outC = inC * multiplier;
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      for (let q = 0; q < outC; q++) {
        const c = Math.floor(q / multiplier);
        let acc = 0;
        for (let n = 0; n < batch; n++) {
          for (let oh = 0; oh < outH; oh++) {
            const h = oh * strideH - padTop + kh * dilationH;
            for (let ow = 0; ow < outW; ow++) {
              const w = ow * strideW - padLeft + kw * dilationW;
              const v = h < 0 || h >= inH || w < 0 || w >= inW ? 0 : (x[((n * inH + h) * inW + w) * inC + c] as number);
              acc = Math.fround(acc + Math.fround(v * (dy[((n * outH + oh) * outW + ow) * outC + q] as number)));
            }
          }
        }
        out[(kh * kW + kw) * outC + q] = acc;
      }
    }
  }
}

function patchMatrix(x: Float32Array, g: ConvGeometry): Float32Array {
  if (isPointwise(g)) return x;
  const cols = new Float32Array(g.batch * g.outH * g.outW * g.kH * g.kW * g.inC);
  im2col(x, g, cols);
  return cols;
}

/** An activation a conv kernel can apply in its own pass. */
export type FusedActivation = 'linear' | 'relu';

/** relu as the `relu` unary kernel: NaN stays NaN, −0 becomes +0. */
const relu = (v: number): number => (v > 0 ? v : v === v ? 0 : NaN);

/**
 * conv2d: out [batch·outH·outW, outC] = act(im2col(x) · w + bias), w [kH·kW·inC, outC].
 * Reference order: matMul's over the patch matrix, so each output sums (kh, kw, c) in increasing
 * order from +0, one float32 rounding per product and per sum (a padding pixel is a +0 term);
 * then `biasAdd`'s: one float32 addition of bias[c] (if any), then the activation.
 */
export function conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, activation: FusedActivation, g: ConvGeometry, outC: number, out: Float32Array): void {
  const k = g.kH * g.kW * g.inC;
  const rows = g.batch * g.outH * g.outW;
  matMul(patchMatrix(x, g), w, out, { batch: 1, m: rows, k, n: outC, transposeA: false, transposeB: false, aBatchStride: 0, bBatchStride: 0 });
  if (bias || activation === 'relu') biasAdd(out, bias, activation, rows, outC, out);
}

/**
 * out[r, c] = act(y[r, c] + bias[c]) for rows [rows, cols] (no addition when bias is null).
 * Reference order: one float32 addition per element (the bits of a broadcasting `add`), then the
 * activation as its unary kernel (the bits of `relu`). `out` may be `y`.
 */
export function biasAdd(y: Float32Array, bias: Float32Array | null, activation: FusedActivation, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let v = y[r * cols + c] as number;
      if (bias) v = Math.fround(v + (bias[c] as number));
      out[r * cols + c] = activation === 'relu' ? relu(v) : v;
    }
  }
}

/**
 * The relu gradient from the relu's output: out[i] = dy[i] · (y[i] > 0 ? 1 : 0). Reference order:
 * one exact multiplication per element (the bits of `mul(dy, cast(greater(x, 0)))`, since
 * relu(x) > 0 exactly when x > 0).
 */
export function reluBackward(dy: Float32Array, y: Float32Array, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = (dy[i] as number) * ((y[i] as number) > 0 ? 1 : 0);
}

/**
 * The bias gradient of a layer whose output rows are [rows, cols]: out[c] = Σ_r dy[r, c].
 * Reference order: the `sum` kernel's: a float64 accumulator from +0 per column, rows in
 * increasing order, one rounding to float32.
 */
export function biasGradient(dy: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const acc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) acc[c] = (acc[c] as number) + (dy[r * cols + c] as number);
  }
  out.set(acc);
}

/**
 * The input gradient of conv2d: out [batch, inH, inW, inC] = col2im(dy · wᵀ). Reference order:
 * each entry of dy·wᵀ sums outC in increasing order (matMul), then each pixel adds its entries in
 * increasing (kh, kw) order (col2im).
 */
export function conv2dBackpropInput(dy: Float32Array, w: Float32Array, g: ConvGeometry, outC: number, out: Float32Array): void {
  const k = g.kH * g.kW * g.inC;
  const rows = g.batch * g.outH * g.outW;
  const dims = { batch: 1, m: rows, k: outC, n: k, transposeA: false, transposeB: true, aBatchStride: 0, bBatchStride: 0 };
  if (isPointwise(g)) {
    matMul(dy, w, out, dims);
    return;
  }
  const dCols = new Float32Array(rows * k);
  matMul(dy, w, dCols, dims);
  col2im(dCols, g, out);
}

/**
 * The filter gradient of conv2d: out [kH·kW·inC, outC] = im2col(x)ᵀ · dy. Reference order: each
 * output sums the patch rows (n, oh, ow) in increasing order (matMul).
 */
export function conv2dBackpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry, outC: number, out: Float32Array): void {
  const k = g.kH * g.kW * g.inC;
  matMul(patchMatrix(x, g), dy, out, { batch: 1, m: k, k: g.batch * g.outH * g.outW, n: outC, transposeA: true, transposeB: false, aBatchStride: 0, bBatchStride: 0 });
}

/** Where conv2dBackward writes each gradient (null: not wanted). */
export interface ConvGradients {
  input: Float32Array | null;
  filter: Float32Array | null;
  bias: Float32Array | null;
}

/**
 * The whole backward pass of act(conv2d(x, w) + bias) in one call: dz = reluBackward(dy, y) when
 * `reluOutput` y is given (else dz = dy), then bias = biasGradient(dz), filter =
 * conv2dBackpropFilter(x, dz), input = conv2dBackpropInput(dz, w), each wanted one written.
 * Reference order: exactly those kernels', so the bits of the separate calls.
 */
export function conv2dBackward(x: Float32Array, w: Float32Array, dy: Float32Array, reluOutput: Float32Array | null, g: ConvGeometry, outC: number, grads: ConvGradients): void {
  const rows = g.batch * g.outH * g.outW;
  let dz = dy;
  if (reluOutput) {
    dz = new Float32Array(rows * outC);
    reluBackward(dy, reluOutput, dz);
  }
  if (grads.bias) biasGradient(dz, rows, outC, grads.bias);
  if (grads.filter) conv2dBackpropFilter(x, dz, g, outC, grads.filter);
  if (grads.input) conv2dBackpropInput(dz, w, g, outC, grads.input);
}
