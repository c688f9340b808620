/*
 * SameBits WebAssembly SIMD kernels. Each kernel reproduces the bits of its twin in
 * src/kernels/reference: the same operations in the same order for every output element,
 * vectorized across outputs only (never by reassociating a sum). Built with -ffp-contract=off
 * and no fast-math, and WebAssembly has no fused multiply-add outside relaxed-SIMD (not enabled),
 * so every product and every sum is rounded on its own. Freestanding: no libc, no static data.
 */
#include <wasm_simd128.h>
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name)))

typedef float f32;

/* Packs columns [j0, j0 + 8) of op(B) into pack[p*8 + c]; lanes past n are zero. */
static void pack_panel(const f32 *b, f32 *pack, int k, int n, int j0, int transposeB) {
  int width = n - j0 < 8 ? n - j0 : 8;
  for (int p = 0; p < k; p++) {
    f32 *dst = pack + p * 8;
    if (!transposeB && width == 8) {
      wasm_v128_store(dst, wasm_v128_load(b + p * n + j0));
      wasm_v128_store(dst + 4, wasm_v128_load(b + p * n + j0 + 4));
      continue;
    }
    for (int c = 0; c < 8; c++) {
      int j = j0 + c;
      dst[c] = c < width ? (transposeB ? b[j * k + p] : b[p * n + j]) : 0.0f;
    }
  }
}

static void store_row(f32 *o, v128_t lo, v128_t hi, int width) {
  if (width == 8) {
    wasm_v128_store(o, lo);
    wasm_v128_store(o + 4, hi);
    return;
  }
  f32 tmp[8];
  wasm_v128_store(tmp, lo);
  wasm_v128_store(tmp + 4, hi);
  for (int c = 0; c < width; c++) o[c] = tmp[c];
}

/*
 * out[i, j] for i in [i0, i1), j in [j0, j0 + width) from a packed panel of op(B).
 * Reference order per output: acc = +0; for p = 0 … k−1: acc = f32(acc + f32(a[i,p]·b[p,j])).
 */
static void panel_rows(const f32 *a, const f32 *pack, f32 *out, int i0, int i1, int k, int n, int aRow, int aCol, int j0, int width) {
  int i = i0;
  for (; i + 4 <= i1; i += 4) {
    v128_t c00 = wasm_f32x4_splat(0.0f), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    const f32 *a0 = a + i * aRow;
    const f32 *a1 = a0 + aRow;
    const f32 *a2 = a1 + aRow;
    const f32 *a3 = a2 + aRow;
    for (int p = 0; p < k; p++) {
      v128_t b0 = wasm_v128_load(pack + p * 8);
      v128_t b1 = wasm_v128_load(pack + p * 8 + 4);
      int ap = p * aCol;
      v128_t x0 = wasm_f32x4_splat(a0[ap]);
      v128_t x1 = wasm_f32x4_splat(a1[ap]);
      v128_t x2 = wasm_f32x4_splat(a2[ap]);
      v128_t x3 = wasm_f32x4_splat(a3[ap]);
      c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(x0, b0));
      c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(x0, b1));
      c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(x1, b0));
      c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(x1, b1));
      c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(x2, b0));
      c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(x2, b1));
      c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(x3, b0));
      c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(x3, b1));
    }
    f32 *o = out + i * n + j0;
    store_row(o, c00, c01, width);
    store_row(o + n, c10, c11, width);
    store_row(o + 2 * n, c20, c21, width);
    store_row(o + 3 * n, c30, c31, width);
  }
  for (; i < i1; i++) {
    v128_t c0 = wasm_f32x4_splat(0.0f), c1 = c0;
    const f32 *ai = a + i * aRow;
    for (int p = 0; p < k; p++) {
      v128_t x = wasm_f32x4_splat(ai[p * aCol]);
      c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(x, wasm_v128_load(pack + p * 8)));
      c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(x, wasm_v128_load(pack + p * 8 + 4)));
    }
    store_row(out + i * n + j0, c0, c1, width);
  }
}

/*
 * One matrix product out[m, n] = op(A)·op(B), op(A)[i, p] = a[i·aRow + p·aCol],
 * op(B)[p, j] = transposeB ? b[j·k + p] : b[p·n + j]. Computes the output columns
 * [jBegin, jEnd) (a multiple-of-8 start): threads split the columns, never k.
 * `pack` is scratch of 8·k floats, 16-byte aligned.
 */
EXPORT(matmul)
void matmul(const f32 *a, const f32 *b, f32 *out, int m, int k, int n, int aRow, int aCol, int transposeB, int jBegin, int jEnd, f32 *pack) {
  for (int j0 = jBegin; j0 < jEnd; j0 += 8) {
    int width = jEnd - j0 < 8 ? jEnd - j0 : 8;
    pack_panel(b, pack, k, n, j0, transposeB);
    panel_rows(a, pack, out, 0, m, k, n, aRow, aCol, j0, width);
  }
}

/*
 * Adam with Keras numerics, in place, elements [0, size): m ← m + (g − m)·c1;
 * v ← v + (g·g − v)·c2; AMSGrad v̂ ← max(v̂, v); w ← w − (m·α)/(√v̂ + ε). Every operation is
 * one float32 operation, in this order (the reference `Adam.update`).
 */
EXPORT(adam)
void adam(f32 *w, const f32 *g, f32 *m, f32 *v, f32 *vhat, int size, f32 alpha, f32 c1, f32 c2, f32 eps) {
  v128_t va = wasm_f32x4_splat(alpha), v1 = wasm_f32x4_splat(c1), v2 = wasm_f32x4_splat(c2), ve = wasm_f32x4_splat(eps);
  int i = 0;
  for (; i + 4 <= size; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_v128_load(m + i);
    v128_t vi = wasm_v128_load(v + i);
    mi = wasm_f32x4_add(mi, wasm_f32x4_mul(wasm_f32x4_sub(gi, mi), v1));
    vi = wasm_f32x4_add(vi, wasm_f32x4_mul(wasm_f32x4_sub(wasm_f32x4_mul(gi, gi), vi), v2));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    v128_t vh = vi;
    if (vhat) {
      vh = wasm_f32x4_max(wasm_v128_load(vhat + i), vi);
      wasm_v128_store(vhat + i, vh);
    }
    v128_t wi = wasm_v128_load(w + i);
    wi = wasm_f32x4_sub(wi, wasm_f32x4_div(wasm_f32x4_mul(mi, va), wasm_f32x4_add(wasm_f32x4_sqrt(vh), ve)));
    wasm_v128_store(w + i, wi);
  }
  for (; i < size; i++) {
    f32 gi = g[i];
    f32 mi = m[i] + (gi - m[i]) * c1;
    f32 vi = v[i] + (gi * gi - v[i]) * c2;
    m[i] = mi;
    v[i] = vi;
    f32 vh = vi;
    if (vhat) {
      vh = __builtin_wasm_max_f32(vhat[i], vi); /* f32.max: NaN wins, max(−0, +0) = +0, as Math.max */
      vhat[i] = vh;
    }
    w[i] = w[i] - (mi * alpha) / (__builtin_sqrtf(vh) + eps);
  }
}

/* dst[c·rows + r] = src[r·cols + c]: a transpose in 8×8 tiles (pure data movement). */
EXPORT(transpose)
void transpose(const f32 *src, f32 *dst, int rows, int cols) {
  for (int r0 = 0; r0 < rows; r0 += 8) {
    int r1 = r0 + 8 < rows ? r0 + 8 : rows;
    for (int c0 = 0; c0 < cols; c0 += 8) {
      int c1 = c0 + 8 < cols ? c0 + 8 : cols;
      for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c];
    }
  }
}
