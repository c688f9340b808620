/*
 * Convolution patch kernels (twins of src/kernels/reference/conv.ts). im2col is pure data
 * movement; col2im adds each pixel's patch entries in the reference's order: taps (kh, kw)
 * outermost, so every pixel receives its contributions in increasing (kh, kw) order, one float32
 * addition each. Vectorized only across channels (independent elements), never across a sum.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

typedef float f32;

/* Geometry block (int32): batch, inH, inW, inC, outH, outW, kH, kW, sH, sW, dH, dW, padTop, padLeft. */
enum { G_BATCH, G_INH, G_INW, G_INC, G_OUTH, G_OUTW, G_KH, G_KW, G_SH, G_SW, G_DH, G_DW, G_PT, G_PL };

static void copy_channels(f32 *dst, const f32 *src, int c) {
  int i = 0;
  for (; i + 4 <= c; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  for (; i < c; i++) dst[i] = src[i];
}

static void zero_channels(f32 *dst, int c) {
  int i = 0;
  for (; i + 4 <= c; i += 4) wasm_v128_store(dst + i, wasm_f32x4_splat(0.0f));
  for (; i < c; i++) dst[i] = 0.0f;
}

EXPORT(im2col)
void im2col(const f32 *x, const int *g, f32 *out) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  f32 *o = out;
  int run = kW * inC; /* one window row: contiguous in x when dW = 1 and it lies inside */
  for (int n = 0; n < batch; n++)
    for (int oh = 0; oh < outH; oh++)
      for (int ow = 0; ow < outW; ow++)
        for (int kh = 0; kh < kH; kh++) {
          int h = oh * sH - pT + kh * dH;
          int w0 = ow * sW - pL;
          if (h < 0 || h >= inH) {
            zero_channels(o, run);
            o += run;
            continue;
          }
          if (dW == 1 && w0 >= 0 && w0 + kW <= inW) {
            copy_channels(o, x + ((n * inH + h) * inW + w0) * inC, run);
            o += run;
            continue;
          }
          for (int kw = 0; kw < kW; kw++) {
            int w = ow * sW - pL + kw * dW;
            if (h < 0 || h >= inH || w < 0 || w >= inW) zero_channels(o, inC);
            else if (inC == 1) *o = x[(n * inH + h) * inW + w];
            else copy_channels(o, x + ((n * inH + h) * inW + w) * inC, inC);
            o += inC;
          }
        }
}

EXPORT(col2im)
void col2im(const f32 *cols, const int *g, f32 *out) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int rowSize = kH * kW * inC;
  zero_channels(out, batch * inH * inW * inC);
  for (int n = 0; n < batch; n++)
    for (int kh = 0; kh < kH; kh++)
      for (int kw = 0; kw < kW; kw++) {
        int tap = (kh * kW + kw) * inC;
        for (int oh = 0; oh < outH; oh++) {
          int h = oh * sH - pT + kh * dH;
          if (h < 0 || h >= inH) continue;
          for (int ow = 0; ow < outW; ow++) {
            int w = ow * sW - pL + kw * dW;
            if (w < 0 || w >= inW) continue;
            f32 *dst = out + ((n * inH + h) * inW + w) * inC;
            const f32 *src = cols + ((n * outH + oh) * outW + ow) * rowSize + tap;
            int c = 0;
            for (; c + 4 <= inC; c += 4) wasm_v128_store(dst + c, wasm_f32x4_add(wasm_v128_load(dst + c), wasm_v128_load(src + c)));
            for (; c < inC; c++) dst[c] = dst[c] + src[c];
          }
        }
      }
}

/*
 * In place over rows [rows, cols]: v = v + bias[c] (one float32 addition; skipped when bias is
 * null), then with relu v = max(v, +0) (f32x4.max: NaN stays NaN, −0 becomes +0, as the reference
 * relu). Lanes run across columns.
 */
EXPORT(bias_act)
void bias_act(f32 *out, const f32 *bias, int rows, int cols, int relu) {
  v128_t zero = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; r++) {
    f32 *o = out + r * cols;
    int c = 0;
    for (; c + 4 <= cols; c += 4) {
      v128_t v = wasm_v128_load(o + c);
      if (bias) v = wasm_f32x4_add(v, wasm_v128_load(bias + c));
      if (relu) v = wasm_f32x4_max(v, zero);
      wasm_v128_store(o + c, v);
    }
    for (; c < cols; c++) {
      f32 v = o[c];
      if (bias) v = v + bias[c];
      if (relu) v = __builtin_wasm_max_f32(v, 0.0f);
      o[c] = v;
    }
  }
}

/* out[i] = dy[i] · (y[i] > 0 ? 1 : 0): the relu gradient masked by the relu's output. */
EXPORT(relu_backward)
void relu_backward(const f32 *dy, const f32 *y, f32 *out, int size) {
  v128_t zero = wasm_f32x4_splat(0.0f), one = wasm_f32x4_splat(1.0f);
  int i = 0;
  for (; i + 4 <= size; i += 4) {
    v128_t mask = wasm_v128_and(wasm_f32x4_gt(wasm_v128_load(y + i), zero), one);
    wasm_v128_store(out + i, wasm_f32x4_mul(wasm_v128_load(dy + i), mask));
  }
  for (; i < size; i++) out[i] = dy[i] * (y[i] > 0.0f ? 1.0f : 0.0f);
}

/*
 * out[c] = Σ_r dy[r, c]: per column a float64 accumulator from +0, rows in increasing order, one
 * rounding to float32 at the end (the reference `sum` order). Lanes run across columns only.
 */
EXPORT(bias_grad)
void bias_grad(const f32 *dy, int rows, int cols, f32 *out) {
  int c0 = 0;
  for (; c0 + 4 <= cols; c0 += 4) {
    v128_t lo = wasm_f64x2_splat(0.0), hi = lo;
    for (int r = 0; r < rows; r++) {
      v128_t v = wasm_v128_load(dy + r * cols + c0);
      lo = wasm_f64x2_add(lo, wasm_f64x2_promote_low_f32x4(v));
      hi = wasm_f64x2_add(hi, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)));
    }
    out[c0] = (f32)wasm_f64x2_extract_lane(lo, 0);
    out[c0 + 1] = (f32)wasm_f64x2_extract_lane(lo, 1);
    out[c0 + 2] = (f32)wasm_f64x2_extract_lane(hi, 0);
    out[c0 + 3] = (f32)wasm_f64x2_extract_lane(hi, 1);
  }
  for (; c0 < cols; c0++) {
    double acc = 0.0;
    for (int r = 0; r < rows; r++) acc += (double)dy[r * cols + c0];
    out[c0] = (f32)acc;
  }
}

/*
 * Depthwise convolution (twins of depthwiseConv2d, depthwiseBackpropInput, depthwiseBackpropFilter
 * in src/kernels/reference/conv.ts): every output element is one scalar accumulator, summed in
 * the reference's order (taps in increasing (kh, kw) order; for the input gradient, m increasing
 * within a tap; for the filter gradient, (n, oh, ow) increasing), one float32 rounding per product
 * and per sum. A padding pixel is a +0 term where the reference has one.
 */
EXPORT(depthwise_forward)
void depthwise_forward(const f32 *x, const f32 *f, const int *g, int mult, f32 *out) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int outC = inC * mult;
  for (int n = 0; n < batch; n++)
    for (int oh = 0; oh < outH; oh++)
      for (int ow = 0; ow < outW; ow++) {
        f32 *o = out + ((n * outH + oh) * outW + ow) * outC;
        for (int q = 0; q < outC; q++) o[q] = 0.0f;
        for (int kh = 0; kh < kH; kh++) {
          int h = oh * sH - pT + kh * dH;
          for (int kw = 0; kw < kW; kw++) {
            int w = ow * sW - pL + kw * dW;
            int inside = h >= 0 && h < inH && w >= 0 && w < inW;
            const f32 *xp = x + ((n * inH + h) * inW + w) * inC;
            const f32 *fp = f + (kh * kW + kw) * outC;
            for (int q = 0; q < outC; q++) {
              f32 v = inside ? xp[q / mult] : 0.0f;
              o[q] = o[q] + v * fp[q];
            }
          }
        }
      }
}

EXPORT(depthwise_backprop_input)
void depthwise_backprop_input(const f32 *dy, const f32 *f, const int *g, int mult, f32 *out) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int outC = inC * mult;
  for (int n = 0; n < batch; n++)
    for (int h = 0; h < inH; h++)
      for (int w = 0; w < inW; w++) {
        f32 *o = out + ((n * inH + h) * inW + w) * inC;
        for (int c = 0; c < inC; c++) o[c] = 0.0f;
        for (int kh = 0; kh < kH; kh++) {
          int th = h + pT - kh * dH;
          if (th < 0 || th % sH != 0 || th / sH >= outH) continue;
          for (int kw = 0; kw < kW; kw++) {
            int tw = w + pL - kw * dW;
            if (tw < 0 || tw % sW != 0 || tw / sW >= outW) continue;
            const f32 *d = dy + ((n * outH + th / sH) * outW + tw / sW) * outC;
            const f32 *t = f + (kh * kW + kw) * outC;
            for (int c = 0; c < inC; c++) {
              f32 acc = o[c];
              for (int m = 0; m < mult; m++) acc = acc + d[c * mult + m] * t[c * mult + m];
              o[c] = acc;
            }
          }
        }
      }
}

EXPORT(depthwise_backprop_filter)
void depthwise_backprop_filter(const f32 *x, const f32 *dy, const int *g, int mult, f32 *out) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int outC = inC * mult;
  for (int kh = 0; kh < kH; kh++)
    for (int kw = 0; kw < kW; kw++) {
      f32 *o = out + (kh * kW + kw) * outC;
      for (int q = 0; q < outC; q++) o[q] = 0.0f;
      for (int n = 0; n < batch; n++)
        for (int oh = 0; oh < outH; oh++) {
          int h = oh * sH - pT + kh * dH;
          for (int ow = 0; ow < outW; ow++) {
            int w = ow * sW - pL + kw * dW;
            int inside = h >= 0 && h < inH && w >= 0 && w < inW;
            const f32 *xp = x + ((n * inH + h) * inW + w) * inC;
            const f32 *d = dy + ((n * outH + oh) * outW + ow) * outC;
            for (int q = 0; q < outC; q++) {
              f32 v = inside ? xp[q / mult] : 0.0f;
              o[q] = o[q] + v * d[q];
            }
          }
        }
    }
}

/*
 * The filter gradient of conv2d read straight from x, without a patch matrix: out[k, j] =
 * Σ over patch rows r = (n, oh, ow) in increasing order of patch[r, k] · dy[r, j], k = (kh, kw, c),
 * one float32 rounding per product and per sum: the bits of matmul(im2col(x)ᵀ, dy). Blocks of
 * 16 patch columns × 8 output columns are accumulated over one pass of the rows each.
 */
EXPORT(conv_filter_grad)
void conv_filter_grad(const f32 *x, const f32 *dy, const int *g, int outC, f32 *out) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int K = g[G_KH] * kW * inC;
  for (int j0 = 0; j0 < outC; j0 += 8) {
    int width = outC - j0 < 8 ? outC - j0 : 8;
    for (int k0 = 0; k0 < K; k0 += 16) {
      int kb = K - k0 < 16 ? K - k0 : 16;
      int offH[16], offW[16], chan[16];
      for (int i = 0; i < kb; i++) {
        int k = k0 + i, tap = k / inC;
        chan[i] = k % inC;
        offH[i] = (tap / kW) * dH;
        offW[i] = (tap % kW) * dW;
      }
      v128_t acc[32];
      for (int i = 0; i < 32; i++) acc[i] = wasm_f32x4_splat(0.0f);
      for (int n = 0; n < batch; n++)
        for (int oh = 0; oh < outH; oh++)
          for (int ow = 0; ow < outW; ow++) {
            const f32 *d = dy + ((n * outH + oh) * outW + ow) * outC + j0;
            v128_t d0, d1;
            if (width == 8) {
              d0 = wasm_v128_load(d);
              d1 = wasm_v128_load(d + 4);
            } else {
              f32 tmp[8] = {0, 0, 0, 0, 0, 0, 0, 0};
              for (int c = 0; c < width; c++) tmp[c] = d[c];
              d0 = wasm_v128_load(tmp);
              d1 = wasm_v128_load(tmp + 4);
            }
            int h0 = oh * sH - pT, w0 = ow * sW - pL;
            const f32 *xn = x + n * inH * inW * inC;
            for (int i = 0; i < kb; i++) {
              int h = h0 + offH[i], w = w0 + offW[i];
              f32 v = (h >= 0 && h < inH && w >= 0 && w < inW) ? xn[(h * inW + w) * inC + chan[i]] : 0.0f;
              v128_t s = wasm_f32x4_splat(v);
              acc[2 * i] = wasm_f32x4_add(acc[2 * i], wasm_f32x4_mul(s, d0));
              acc[2 * i + 1] = wasm_f32x4_add(acc[2 * i + 1], wasm_f32x4_mul(s, d1));
            }
          }
      for (int i = 0; i < kb; i++) {
        f32 tmp[8];
        wasm_v128_store(tmp, acc[2 * i]);
        wasm_v128_store(tmp + 4, acc[2 * i + 1]);
        for (int c = 0; c < width; c++) out[(k0 + i) * outC + j0 + c] = tmp[c];
      }
    }
  }
}
