/*
 * 2-D pooling over NHWC inputs and the average's gradient: the twins of src/kernels/reference/pool.ts,
 * which states each order of arithmetic. SIMD runs across channels (four outputs at a time, each
 * computed whole in the reference order); comparisons and selects are exact, so the lanes give the
 * scalar loop's bits. Geometry g: batch, inH, inW, channels, filterH, filterW, strideH, strideW,
 * padTop, padLeft, outH, outW (int32). Max pooling's gradient is a scatter with no arithmetic to
 * vectorize: the wasm set runs the reference loop for it (copying its operands here cost more).
 */
#include <wasm_simd128.h>
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name)))

typedef float f32;

typedef struct {
  int batch, inH, inW, c, fH, fW, sH, sW, padTop, padLeft, outH, outW;
} geometry;

static geometry read_geometry(const int32_t *g) {
  geometry r = { g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11] };
  return r;
}

/* The input rows [*h0, *h1) and columns [*w0, *w1) that output (oh, ow)'s window covers. */
static void window_of(const geometry *g, int oh, int ow, int *h0, int *h1, int *w0, int *w1) {
  int top = oh * g->sH - g->padTop;
  int left = ow * g->sW - g->padLeft;
  *h0 = top < 0 ? 0 : top;
  *h1 = top + g->fH < g->inH ? top + g->fH : g->inH;
  *w0 = left < 0 ? 0 : left;
  *w1 = left + g->fW < g->inW ? left + g->fW : g->inW;
}

/* Max pooling: from best = −∞, an element replaces the best only when x > best (first maximum wins, NaN never). */
EXPORT(max_pool)
void max_pool(const f32 *x, const int32_t *gp, f32 *out, int32_t *pos) {
  geometry g = read_geometry(gp);
  const v128_t lanes = wasm_i32x4_make(0, 1, 2, 3);
  for (int b = 0; b < g.batch; b++) {
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++) {
        int o = ((b * g.outH + oh) * g.outW + ow) * g.c;
        int h0, h1, w0, w1;
        window_of(&g, oh, ow, &h0, &h1, &w0, &w1);
        int rowStride = g.inW * g.c;
        const f32 *corner = x + ((b * g.inH + h0) * g.inW + w0) * g.c;
        int ch = 0;
        for (; ch + 8 <= g.c; ch += 8) { /* two vectors per window element: half the loop overhead */
          v128_t best0 = wasm_f32x4_splat(-__builtin_inff()), best1 = best0;
          v128_t at0 = wasm_i32x4_splat(-1), at1 = at0;
          const f32 *row = corner + ch;
          for (int h = h0; h < h1; h++, row += rowStride) {
            const f32 *p = row;
            for (int w = w0; w < w1; w++, p += g.c) {
              v128_t v0 = wasm_v128_load(p), v1 = wasm_v128_load(p + 4);
              v128_t i0 = wasm_i32x4_add(wasm_i32x4_splat((int)(p - x)), lanes);
              v128_t gt0 = wasm_f32x4_gt(v0, best0), gt1 = wasm_f32x4_gt(v1, best1);
              best0 = wasm_v128_bitselect(v0, best0, gt0);
              best1 = wasm_v128_bitselect(v1, best1, gt1);
              at0 = wasm_v128_bitselect(i0, at0, gt0);
              at1 = wasm_v128_bitselect(wasm_i32x4_add(i0, wasm_i32x4_splat(4)), at1, gt1);
            }
          }
          wasm_v128_store(out + o + ch, best0);
          wasm_v128_store(out + o + ch + 4, best1);
          wasm_v128_store(pos + o + ch, at0);
          wasm_v128_store(pos + o + ch + 4, at1);
        }
        for (; ch + 4 <= g.c; ch += 4) {
          v128_t best = wasm_f32x4_splat(-__builtin_inff());
          v128_t at = wasm_i32x4_splat(-1);
          const f32 *row = corner + ch;
          for (int h = h0; h < h1; h++, row += rowStride) {
            const f32 *p = row;
            for (int w = w0; w < w1; w++, p += g.c) {
              v128_t v = wasm_v128_load(p);
              v128_t gt = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, gt);
              at = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat((int)(p - x)), lanes), at, gt);
            }
          }
          wasm_v128_store(out + o + ch, best);
          wasm_v128_store(pos + o + ch, at);
        }
        for (; ch < g.c; ch++) {
          f32 best = -__builtin_inff();
          int32_t at = -1;
          const f32 *row = corner + ch;
          for (int h = h0; h < h1; h++, row += rowStride) {
            const f32 *p = row;
            for (int w = w0; w < w1; w++, p += g.c) {
              if (*p > best) {
                best = *p;
                at = (int32_t)(p - x);
              }
            }
          }
          out[o + ch] = best;
          pos[o + ch] = at;
        }
      }
    }
  }
}

/* Average pooling: acc = +0, acc += x over the window in (row, column) order, then acc / count. */
EXPORT(avg_pool)
void avg_pool(const f32 *x, const int32_t *gp, f32 *out) {
  geometry g = read_geometry(gp);
  for (int b = 0; b < g.batch; b++) {
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++) {
        int o = ((b * g.outH + oh) * g.outW + ow) * g.c;
        int h0, h1, w0, w1;
        window_of(&g, oh, ow, &h0, &h1, &w0, &w1);
        f32 count = (f32)((h1 - h0) * (w1 - w0));
        int rowStride = g.inW * g.c;
        const f32 *corner = x + ((b * g.inH + h0) * g.inW + w0) * g.c;
        int ch = 0;
        for (; ch + 4 <= g.c; ch += 4) {
          v128_t acc = wasm_f32x4_splat(0.0f);
          const f32 *row = corner + ch;
          for (int h = h0; h < h1; h++, row += rowStride) {
            const f32 *p = row;
            for (int w = w0; w < w1; w++, p += g.c) acc = wasm_f32x4_add(acc, wasm_v128_load(p));
          }
          wasm_v128_store(out + o + ch, wasm_f32x4_div(acc, wasm_f32x4_splat(count)));
        }
        for (; ch < g.c; ch++) {
          f32 acc = 0.0f;
          const f32 *row = corner + ch;
          for (int h = h0; h < h1; h++, row += rowStride) {
            const f32 *p = row;
            for (int w = w0; w < w1; w++, p += g.c) acc = acc + *p;
          }
          out[o + ch] = acc / count;
        }
      }
    }
  }
}

/* dx = +0; for outputs in (batch, row, column) order: share = dy / count, added to each window element. */
EXPORT(avg_pool_backward)
void avg_pool_backward(const f32 *dy, const int32_t *gp, f32 *dx) {
  geometry g = read_geometry(gp);
  int dxSize = g.batch * g.inH * g.inW * g.c;
  for (int i = 0; i < dxSize; i++) dx[i] = 0.0f;
  for (int b = 0; b < g.batch; b++) {
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++) {
        int o = ((b * g.outH + oh) * g.outW + ow) * g.c;
        int h0, h1, w0, w1;
        window_of(&g, oh, ow, &h0, &h1, &w0, &w1);
        f32 count = (f32)((h1 - h0) * (w1 - w0));
        int ch = 0;
        for (; ch + 4 <= g.c; ch += 4) {
          v128_t share = wasm_f32x4_div(wasm_v128_load(dy + o + ch), wasm_f32x4_splat(count));
          for (int h = h0; h < h1; h++) {
            for (int w = w0; w < w1; w++) {
              f32 *d = dx + ((b * g.inH + h) * g.inW + w) * g.c + ch;
              wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), share));
            }
          }
        }
        for (; ch < g.c; ch++) {
          f32 share = dy[o + ch] / count;
          for (int h = h0; h < h1; h++) {
            for (int w = w0; w < w1; w++) {
              f32 *d = dx + ((b * g.inH + h) * g.inW + w) * g.c + ch;
              *d = *d + share;
            }
          }
        }
      }
    }
  }
}
