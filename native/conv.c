/*
 * Convolution kernels (twins of src/kernels/reference/conv.ts). im2col is pure data movement;
 * col2im adds each pixel's patch entries in the reference's order: taps (kh, kw) outermost, so
 * every pixel receives its contributions in increasing (kh, kw) order, one float32 addition each.
 * The threaded convolution job (conv_job, at the end) computes the forward pass and both
 * gradients without a patch matrix, reading x through offsets, with the bits of the reference's
 * products over the patch matrix. Vectorized only across independent outputs (channels, output
 * columns), never across a sum.
 */
#include <wasm_simd128.h>
#include "matmul.h"

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

/* Patch row (n, oh, ow) of x: kH·kW·inC values in (kh, kw, c) order, +0 for padding pixels. */
static void patch_row(const f32 *x, const int *g, int n, int oh, int ow, f32 *o) {
  int inH = g[G_INH], inW = g[G_INW], inC = g[G_INC];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int run = kW * inC; /* one window row: contiguous in x when dW = 1 and it lies inside */
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
      if (w < 0 || w >= inW) zero_channels(o, inC);
      else if (inC == 1) *o = x[(n * inH + h) * inW + w];
      else copy_channels(o, x + ((n * inH + h) * inW + w) * inC, inC);
      o += inC;
    }
  }
}

EXPORT(im2col)
void im2col(const f32 *x, const int *g, f32 *out) {
  int size = g[G_KH] * g[G_KW] * g[G_INC];
  for (int n = 0; n < g[G_BATCH]; n++)
    for (int oh = 0; oh < g[G_OUTH]; oh++)
      for (int ow = 0; ow < g[G_OUTW]; ow++, out += size) patch_row(x, g, n, oh, ow, out);
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
 * one float32 rounding per product and per sum, from +0: the bits of matmul(im2col(x)ᵀ, dy).
 * Blocks of FG_BLOCK patch columns × 8 output columns are accumulated in registers over one pass
 * of the rows each; a row whose window lies inside x reads each column at its offset from the
 * window's corner. Threads take ranges [kBegin, kEnd) of patch columns (every sum stays whole on
 * one thread).
 */
#ifndef FG_BLOCK
#define FG_BLOCK 4
#endif
static void filter_grad_range(const f32 *x, const f32 *dy, const int *g, int outC, f32 *out, int kBegin, int kEnd) {
  int batch = g[G_BATCH], inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int spanH = (kH - 1) * dH, spanW = (kW - 1) * dW;
  for (int j0 = 0; j0 < outC; j0 += 8) {
    int width = outC - j0 < 8 ? outC - j0 : 8;
    for (int k0 = kBegin; k0 < kEnd; k0 += FG_BLOCK) {
      int kb = kEnd - k0 < FG_BLOCK ? kEnd - k0 : FG_BLOCK;
      /* Lanes past kb repeat patch column k0 (in range) and are never stored. */
      int o[FG_BLOCK], offH[FG_BLOCK], offW[FG_BLOCK], chan[FG_BLOCK];
      for (int i = 0; i < FG_BLOCK; i++) {
        int k = k0 + (i < kb ? i : 0), tap = k / inC;
        chan[i] = k % inC;
        offH[i] = (tap / kW) * dH;
        offW[i] = (tap % kW) * dW;
        o[i] = (offH[i] * inW + offW[i]) * inC + chan[i];
      }
      v128_t acc[2 * FG_BLOCK];
#pragma clang loop unroll(full)
      for (int i = 0; i < 2 * FG_BLOCK; i++) acc[i] = wasm_f32x4_splat(0.0f);
      f32 tmp[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      /* Output columns whose window lies inside x horizontally: [owLo, owHi]. */
      int owLo = pL > 0 ? (pL + sW - 1) / sW : 0;
      int owHi = inW - 1 - spanW + pL < 0 ? -1 : (inW - 1 - spanW + pL) / sW;
      if (owHi > outW - 1) owHi = outW - 1;
#define FG_STEP(V) do { \
        _Pragma("clang loop unroll(full)") \
        for (int i = 0; i < FG_BLOCK; i++) { \
          v128_t s = wasm_f32x4_splat(V); \
          acc[2 * i] = wasm_f32x4_add(acc[2 * i], wasm_f32x4_mul(s, d0)); \
          acc[2 * i + 1] = wasm_f32x4_add(acc[2 * i + 1], wasm_f32x4_mul(s, d1)); \
        } \
      } while (0)
      for (int n = 0; n < batch; n++) {
        const f32 *xn = x + n * inH * inW * inC;
        for (int oh = 0; oh < outH; oh++) {
          int h0 = oh * sH - pT;
          int inside = h0 >= 0 && h0 + spanH < inH;
          const f32 *drow = dy + (n * outH + oh) * outW * outC + j0;
          for (int ow = 0; ow < outW; ow++) {
            const f32 *d = drow + ow * outC;
            v128_t d0, d1;
            if (width == 8) {
              d0 = wasm_v128_load(d);
              d1 = wasm_v128_load(d + 4);
            } else {
              for (int c = 0; c < width; c++) tmp[c] = d[c];
              d0 = wasm_v128_load(tmp);
              d1 = wasm_v128_load(tmp + 4);
            }
            int w0 = ow * sW - pL;
            if (inside && ow >= owLo && ow <= owHi) {
              if (width == 8) {
                /* The run of windows inside x on this output row: pointer steps only. */
                const f32 *base = xn + (h0 * inW + w0) * inC;
                int step = sW * inC;
                for (;;) {
                  FG_STEP(base[o[i]]);
                  if (ow == owHi) break;
                  ow++;
                  base += step;
                  d += outC;
                  d0 = wasm_v128_load(d);
                  d1 = wasm_v128_load(d + 4);
                }
              } else {
                const f32 *base = xn + (h0 * inW + w0) * inC;
                FG_STEP(base[o[i]]);
              }
            } else {
              f32 v[FG_BLOCK];
              for (int i = 0; i < FG_BLOCK; i++) {
                int h = h0 + offH[i], w = w0 + offW[i];
                v[i] = (h >= 0 && h < inH && w >= 0 && w < inW) ? xn[(h * inW + w) * inC + chan[i]] : 0.0f;
              }
              FG_STEP(v[i]);
            }
          }
        }
      }
#undef FG_STEP
      for (int i = 0; i < kb; i++) {
        f32 r[8];
        wasm_v128_store(r, acc[2 * i]);
        wasm_v128_store(r + 4, acc[2 * i + 1]);
        for (int c = 0; c < width; c++) out[(k0 + i) * outC + j0 + c] = r[c];
      }
    }
  }
}

/*
 * Four consecutive output rows whose windows lie inside x, for one panel of packed W: row i's
 * patch value p is base[i·step + off[p]], so no patch matrix is built. Per output, exactly
 * panel_rows's sequence: acc = +0; acc = f32(acc + f32(patch[p]·W[p, j])) for p increasing.
 */
/*
 * bias_act's operations on one 8-wide panel of an output row, in registers before the store:
 * v = f32(v + bias[c]) when bias is given, then v = max(v, +0) with relu (the same f32x4 ops).
 */
static void epilogue(v128_t *lo, v128_t *hi, const f32 *bias, int relu, int width) {
  if (bias) {
    f32 b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int c = 0; c < width; c++) b[c] = bias[c];
    *lo = wasm_f32x4_add(*lo, wasm_v128_load(b));
    *hi = wasm_f32x4_add(*hi, wasm_v128_load(b + 4));
  }
  if (relu) {
    v128_t zero = wasm_f32x4_splat(0.0f);
    *lo = wasm_f32x4_max(*lo, zero);
    *hi = wasm_f32x4_max(*hi, zero);
  }
}

static void direct_rows4(const f32 *base, int step, const int *off, const f32 *pack, f32 *o, int K, int outC, int width, const f32 *bias, int relu) {
  v128_t c00 = wasm_f32x4_splat(0.0f), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  const f32 *b1 = base + step, *b2 = b1 + step, *b3 = b2 + step;
  for (int p = 0; p < K; p++) {
    v128_t w0 = wasm_v128_load(pack + p * 8);
    v128_t w1 = wasm_v128_load(pack + p * 8 + 4);
    int q = off[p];
    v128_t x0 = wasm_f32x4_splat(base[q]);
    v128_t x1 = wasm_f32x4_splat(b1[q]);
    v128_t x2 = wasm_f32x4_splat(b2[q]);
    v128_t x3 = wasm_f32x4_splat(b3[q]);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(x0, w0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(x0, w1));
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(x1, w0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(x1, w1));
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(x2, w0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(x2, w1));
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(x3, w0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(x3, w1));
  }
  f32 tmp[8];
  v128_t lo[4] = {c00, c10, c20, c30}, hi[4] = {c01, c11, c21, c31};
  for (int i = 0; i < 4; i++) {
    f32 *d = o + i * outC;
    if (bias || relu) epilogue(&lo[i], &hi[i], bias, relu, width);
    if (width == 8) {
      wasm_v128_store(d, lo[i]);
      wasm_v128_store(d + 4, hi[i]);
    } else {
      wasm_v128_store(tmp, lo[i]);
      wasm_v128_store(tmp + 4, hi[i]);
      for (int c = 0; c < width; c++) d[c] = tmp[c];
    }
  }
}

/* One output row whose window lies inside x, for one panel: direct_rows4's sequence for a single row. */
static void direct_row1(const f32 *base, const int *off, const f32 *pack, f32 *o, int K, int width, const f32 *bias, int relu) {
  v128_t c0 = wasm_f32x4_splat(0.0f), c1 = c0;
  for (int p = 0; p < K; p++) {
    v128_t x0 = wasm_f32x4_splat(base[off[p]]);
    c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(x0, wasm_v128_load(pack + p * 8)));
    c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(x0, wasm_v128_load(pack + p * 8 + 4)));
  }
  if (bias || relu) epilogue(&c0, &c1, bias, relu, width);
  f32 tmp[8];
  wasm_v128_store(tmp, c0);
  wasm_v128_store(tmp + 4, c1);
  for (int c = 0; c < width; c++) o[c] = tmp[c];
}

/*
 * Forward rows [r0, r1) of act(conv(x, W) + bias): every output has the bits of
 * matmul(im2col(x), W) followed by bias_act. Runs of four rows along an output row whose windows
 * lie inside x read x directly (direct_rows4); other rows (padding, row ends) build their patch
 * row and use matmul's panel loop. scratch: packed W (K·panels·8 floats), K int32 offsets, K floats.
 */
static void forward_rows(const f32 *x, const f32 *w, const f32 *bias, int relu, const int *g, int outC, f32 *out, int r0, int r1, f32 *scratch) {
  int inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int K = kH * kW * inC, panels = (outC + 7) >> 3;
  f32 *pack = scratch;
  int *off = (int *)(scratch + K * panels * 8);
  f32 *row = (f32 *)(off + K);
  for (int p = 0; p < panels; p++) pack_panel(w, pack + p * K * 8, K, outC, p * 8, 0);
  for (int kh = 0, p = 0; kh < kH; kh++)
    for (int kw = 0; kw < kW; kw++)
      for (int c = 0; c < inC; c++) off[p++] = (kh * dH * inW + kw * dW) * inC + c;
  int spanH = (kH - 1) * dH, spanW = (kW - 1) * dW;
  int ow = r0 % outW, oh = (r0 / outW) % outH, n = r0 / (outW * outH);
  for (int r = r0; r < r1;) {
    int h0 = oh * sH - pT, w0 = ow * sW - pL;
    int inside = h0 >= 0 && h0 + spanH < inH && w0 >= 0 && w0 + spanW < inW;
    int rowsInside = inside && ow + 3 < outW && r + 3 < r1 && w0 + 3 * sW + spanW < inW;
    int count = rowsInside ? 4 : 1;
    f32 *o = out + r * outC;
    if (rowsInside) {
      const f32 *base = x + ((n * inH + h0) * inW + w0) * inC;
      for (int p = 0; p < panels; p++) direct_rows4(base, sW * inC, off, pack + p * K * 8, o + p * 8, K, outC, outC - p * 8 < 8 ? outC - p * 8 : 8, bias ? bias + p * 8 : 0, relu);
    } else if (inside) {
      const f32 *base = x + ((n * inH + h0) * inW + w0) * inC;
      for (int p = 0; p < panels; p++) direct_row1(base, off, pack + p * K * 8, o + p * 8, K, outC - p * 8 < 8 ? outC - p * 8 : 8, bias ? bias + p * 8 : 0, relu);
    } else {
      patch_row(x, g, n, oh, ow, row);
      for (int p = 0; p < panels; p++) panel_rows(row, pack + p * K * 8, o, 0, 1, K, outC, K, 1, p * 8, outC - p * 8 < 8 ? outC - p * 8 : 8);
      if (bias || relu) bias_act(o, bias, 1, outC, relu);
    }
    r += count;
    ow += count;
    if (ow == outW) {
      ow = 0;
      if (++oh == outH) { oh = 0; n++; }
    }
  }
}

/*
 * Input gradients of four adjacent pixels (stride 1) that every tap (kh, kw) covers, inC a
 * multiple of 8: input_grad_pixels's sums exactly (out = +0, then for each tap in increasing
 * order out = f32(out + entry), entry = +0 + Σ over o increasing of f32(dz·W)), with each entry's
 * W loads shared by the four pixels. d is dz's row of the output the first pixel's (0, 0) tap
 * reads; the running sums live in out, one load and store per tap.
 */
static void input_grad_quad(const f32 *d, const f32 *wt, const int *g, int outC, f32 *out) {
  int inC = g[G_INC], outW = g[G_OUTW], kH = g[G_KH], kW = g[G_KW], dH = g[G_DH], dW = g[G_DW];
  for (int i = 0; i < 4 * inC; i += 4) wasm_v128_store(out + i, wasm_f32x4_splat(0.0f));
  for (int kh = 0; kh < kH; kh++)
    for (int kw = 0; kw < kW; kw++) {
      const f32 *d0 = d - (kh * dH * outW + kw * dW) * outC, *d1 = d0 + outC, *d2 = d1 + outC, *d3 = d2 + outC;
      const f32 *t = wt + (kh * kW + kw) * outC * inC;
      for (int c = 0; c < inC; c += 8) {
        v128_t e00 = wasm_f32x4_splat(0.0f), e01 = e00, e10 = e00, e11 = e00, e20 = e00, e21 = e00, e30 = e00, e31 = e00;
        for (int q = 0; q < outC; q++) {
          v128_t w0 = wasm_v128_load(t + q * inC + c), w1 = wasm_v128_load(t + q * inC + c + 4);
          v128_t s0 = wasm_f32x4_splat(d0[q]), s1 = wasm_f32x4_splat(d1[q]), s2 = wasm_f32x4_splat(d2[q]), s3 = wasm_f32x4_splat(d3[q]);
          e00 = wasm_f32x4_add(e00, wasm_f32x4_mul(s0, w0));
          e01 = wasm_f32x4_add(e01, wasm_f32x4_mul(s0, w1));
          e10 = wasm_f32x4_add(e10, wasm_f32x4_mul(s1, w0));
          e11 = wasm_f32x4_add(e11, wasm_f32x4_mul(s1, w1));
          e20 = wasm_f32x4_add(e20, wasm_f32x4_mul(s2, w0));
          e21 = wasm_f32x4_add(e21, wasm_f32x4_mul(s2, w1));
          e30 = wasm_f32x4_add(e30, wasm_f32x4_mul(s3, w0));
          e31 = wasm_f32x4_add(e31, wasm_f32x4_mul(s3, w1));
        }
        f32 *o0 = out + c, *o1 = o0 + inC, *o2 = o1 + inC, *o3 = o2 + inC;
        wasm_v128_store(o0, wasm_f32x4_add(wasm_v128_load(o0), e00));
        wasm_v128_store(o0 + 4, wasm_f32x4_add(wasm_v128_load(o0 + 4), e01));
        wasm_v128_store(o1, wasm_f32x4_add(wasm_v128_load(o1), e10));
        wasm_v128_store(o1 + 4, wasm_f32x4_add(wasm_v128_load(o1 + 4), e11));
        wasm_v128_store(o2, wasm_f32x4_add(wasm_v128_load(o2), e20));
        wasm_v128_store(o2 + 4, wasm_f32x4_add(wasm_v128_load(o2 + 4), e21));
        wasm_v128_store(o3, wasm_f32x4_add(wasm_v128_load(o3), e30));
        wasm_v128_store(o3 + 4, wasm_f32x4_add(wasm_v128_load(o3 + 4), e31));
      }
    }
}

/*
 * One input-gradient pixel from its `count` covering taps (increasing (kh, kw) order) and their
 * dz rows: o[c] = +0, then + each tap's entry +0 + Σ over q increasing of f32(d[q] · wt[tap, q, c]).
 * Eight, then four channels at a time, then one.
 */
static void input_grad_pixel(const int *taps, const f32 *const *rows, int count, const f32 *wt, int outC, int inC, f32 *o) {
  int c = 0;
  for (; c + 8 <= inC; c += 8) {
    v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0;
    for (int i = 0; i < count; i++) {
      const f32 *d = rows[i], *t = wt + taps[i] * outC * inC + c;
      v128_t e0 = wasm_f32x4_splat(0.0f), e1 = e0;
      for (int q = 0; q < outC; q++) {
        v128_t s = wasm_f32x4_splat(d[q]);
        e0 = wasm_f32x4_add(e0, wasm_f32x4_mul(s, wasm_v128_load(t + q * inC)));
        e1 = wasm_f32x4_add(e1, wasm_f32x4_mul(s, wasm_v128_load(t + q * inC + 4)));
      }
      a0 = wasm_f32x4_add(a0, e0);
      a1 = wasm_f32x4_add(a1, e1);
    }
    wasm_v128_store(o + c, a0);
    wasm_v128_store(o + c + 4, a1);
  }
  for (; c + 4 <= inC; c += 4) {
    v128_t a0 = wasm_f32x4_splat(0.0f);
    for (int i = 0; i < count; i++) {
      const f32 *d = rows[i], *t = wt + taps[i] * outC * inC + c;
      v128_t e0 = wasm_f32x4_splat(0.0f);
      for (int q = 0; q < outC; q++) e0 = wasm_f32x4_add(e0, wasm_f32x4_mul(wasm_f32x4_splat(d[q]), wasm_v128_load(t + q * inC)));
      a0 = wasm_f32x4_add(a0, e0);
    }
    wasm_v128_store(o + c, a0);
  }
  for (; c < inC; c++) {
    f32 a = 0.0f;
    for (int i = 0; i < count; i++) {
      const f32 *d = rows[i], *t = wt + taps[i] * outC * inC + c;
      f32 e = 0.0f;
      for (int q = 0; q < outC; q++) e = e + d[q] * t[q * inC];
      a = a + e;
    }
    o[c] = a;
  }
}

/*
 * Input-gradient pixels [p0, p1) (pixel = (n·inH + h)·inW + w) of conv for output gradient dz:
 * out[pixel, c] = +0, then for each tap (kh, kw) in increasing order whose window covers the
 * pixel, + entry, where entry = +0 + Σ over o increasing of f32(dz[oh, ow, o] · W[kh, kw, c, o]):
 * exactly the bits of col2im(dz · Wᵀ), computed without the patch-sized intermediate. wt is W
 * with its last two axes swapped ([kH·kW, outC, inC]), so channels are adjacent lanes; taps and
 * rows are scratch for kH·kW entries each (the covering taps of one pixel and their dz rows).
 */
static void input_grad_pixels(const f32 *dz, const f32 *wt, const int *g, int outC, f32 *out, int p0, int p1, int *taps, const f32 **rows) {
  int inH = g[G_INH], inW = g[G_INW], inC = g[G_INC], outH = g[G_OUTH], outW = g[G_OUTW];
  int kH = g[G_KH], kW = g[G_KW], sH = g[G_SH], sW = g[G_SW], dH = g[G_DH], dW = g[G_DW], pT = g[G_PT], pL = g[G_PL];
  int w = p0 % inW, h = (p0 / inW) % inH, n = p0 / (inW * inH);
  int spanH = (kH - 1) * dH, spanW = (kW - 1) * dW;
  for (int pix = p0; pix < p1; pix++) {
    if (sH == 1 && sW == 1 && inC % 8 == 0 && pix + 3 < p1 && w + 3 < inW &&
        h + pT - spanH >= 0 && h + pT < outH && w + pL - spanW >= 0 && w + 3 + pL < outW) {
      /* Four pixels along a row that every tap covers: their entries share W's loads. */
      input_grad_quad(dz + ((n * outH + h + pT) * outW + w + pL) * outC, wt, g, outC, out + pix * inC);
      pix += 3;
      w += 3;
    } else {
      /* The taps whose window covers (h, w), in increasing (kh, kw) order, and their dz rows. */
      int count = 0;
      for (int kh = 0; kh < kH; kh++) {
        int th = h + pT - kh * dH;
        if (th < 0 || th % sH != 0 || th / sH >= outH) continue;
        for (int kw = 0; kw < kW; kw++) {
          int tw = w + pL - kw * dW;
          if (tw < 0 || tw % sW != 0 || tw / sW >= outW) continue;
          taps[count] = kh * kW + kw;
          rows[count] = dz + ((n * outH + th / sH) * outW + tw / sW) * outC;
          count++;
        }
      }
      input_grad_pixel(taps, rows, count, wt, outC, inC, out + pix * inC);
    }
    if (++w == inW) {
      w = 0;
      if (++h == inH) { h = 0; n++; }
    }
  }
}

/* wt[tap, o, c] = w[tap, c, o]: W [kH·kW, inC, outC] with its last two axes swapped. */
static void swap_last_axes(const f32 *w, f32 *wt, int taps, int inC, int outC) {
  for (int t = 0; t < taps; t++)
    for (int c = 0; c < inC; c++)
      for (int o = 0; o < outC; o++) wt[(t * outC + o) * inC + c] = w[(t * inC + c) * outC + o];
}

/* Thread `index` of `threads`'s share [lo, hi) of `total` items (contiguous, in order). */
static void share(int total, int index, int threads, int *lo, int *hi) {
  *lo = (int)((long long)total * index / threads);
  *hi = (int)((long long)total * (index + 1) / threads);
}

/* Chunks of a job's outputs per thread: threads take chunks in turn, so one woken late or slowed by its core's other work leaves its share to the rest. */
#define CHUNKS_PER_THREAD 8

/* The next unclaimed chunk of a job (an atomic counter in the job block, zeroed by the caller). */
static int next_chunk(int *counter) {
  return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

/*
 * One thread's part of a threaded convolution job. Job block (int32): [0] kind, then its
 * arguments (byte offsets and sizes), [15] the chunk counter (0 when the job starts). The outputs
 * are cut into chunks of whole outputs (output rows, input pixels, or blocks of FG_BLOCK patch
 * columns), never into parts of a sum, and each thread computes the chunks it claims, so the bits
 * depend neither on the number of threads nor on which thread took which chunk.
 *   kind 1, forward:        x, w, bias (0: none), relu, geometry, outC, out, scratch, scratchStride
 *   kind 2, input gradient: dz, w, geometry, outC, out, scratch, scratchStride
 *   kind 3, filter gradient: x, dz, geometry, outC, out
 * scratch + index·scratchStride (bytes) is this thread's scratch: for the forward pass, packed W,
 * K offsets and one patch row; for the input gradient, W with its last two axes swapped then
 * kH·kW tap numbers and kH·kW row pointers.
 */
EXPORT(conv_job)
void conv_job(int *job, int index, int threads) {
  const int *g;
  int lo, hi, c;
  int *counter = job + 15;
  if (job[0] == 1) {
    g = (const int *)job[5];
    int total = g[G_BATCH] * g[G_OUTH] * g[G_OUTW], chunks = threads * CHUNKS_PER_THREAD;
    while ((c = next_chunk(counter)) < chunks) {
      share(total, c, chunks, &lo, &hi);
      if (hi > lo) forward_rows((const f32 *)job[1], (const f32 *)job[2], (const f32 *)job[3], job[4], g, job[6], (f32 *)job[7], lo, hi, (f32 *)(job[8] + index * job[9]));
    }
  } else if (job[0] == 2) {
    g = (const int *)job[3];
    int taps = g[G_KH] * g[G_KW], outC = job[4];
    int total = g[G_BATCH] * g[G_INH] * g[G_INW], chunks = threads * CHUNKS_PER_THREAD;
    f32 *wt = (f32 *)(job[6] + index * job[7]);
    int *tapList = (int *)(wt + taps * outC * g[G_INC]);
    const f32 **rowList = (const f32 **)(tapList + taps);
    swap_last_axes((const f32 *)job[2], wt, taps, g[G_INC], outC);
    while ((c = next_chunk(counter)) < chunks) {
      share(total, c, chunks, &lo, &hi);
      if (hi > lo) input_grad_pixels((const f32 *)job[1], wt, g, outC, (f32 *)job[5], lo, hi, tapList, rowList);
    }
  } else if (job[0] == 3) {
    g = (const int *)job[3];
    int K = g[G_KH] * g[G_KW] * g[G_INC], chunks = (K + FG_BLOCK - 1) / FG_BLOCK;
    while ((c = next_chunk(counter)) < chunks) {
      lo = c * FG_BLOCK;
      hi = lo + FG_BLOCK < K ? lo + FG_BLOCK : K;
      filter_grad_range((const f32 *)job[1], (const f32 *)job[2], g, job[4], (f32 *)job[5], lo, hi);
    }
  }
}
