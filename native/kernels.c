/*
 * SameBits WebAssembly SIMD kernels. Each kernel reproduces the bits of its twin in
 * src/kernels/reference: the same operations in the same order for every output element,
 * vectorized across outputs only (never by reassociating a sum). Built with -ffp-contract=off
 * and no fast-math, and WebAssembly has no fused multiply-add outside relaxed-SIMD (not enabled),
 * so every product and every sum is rounded on its own. Freestanding: no libc, no static data.
 */
#include <wasm_simd128.h>
#include <stdint.h>
#include "matmul.h"

#define EXPORT(name) __attribute__((export_name(#name)))

typedef float f32;

/* Packs columns [j0, j0 + 8) of op(B) into pack[p*8 + c]; lanes past n are zero. */
void pack_panel(const f32 *b, f32 *pack, int k, int n, int j0, int transposeB) {
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
void panel_rows(const f32 *a, const f32 *pack, f32 *out, int i0, int i1, int k, int n, int aRow, int aCol, int j0, int width) {
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

/*
 * Optimizer updates, weight decay and gradient clipping (src/kernels/reference/optimizer-updates.ts
 * and gradient-clip.ts). Each kernel's arithmetic is written once, on four lanes, in an
 * always-inline `*_at` function: the main loop runs it on four elements at a time, the tail on
 * one element splatted into every lane (lane 0 stored). Lanes never interact, so each element
 * gets exactly the reference's float32 operations in the reference's order.
 */
#define INLINE static inline __attribute__((always_inline))

INLINE v128_t ld(const f32 *p, int one) { return one ? wasm_f32x4_splat(*p) : wasm_v128_load(p); }
INLINE void st(f32 *p, v128_t v, int one) {
  if (one) *p = wasm_f32x4_extract_lane(v, 0);
  else wasm_v128_store(p, v);
}
#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul
#define DIV wasm_f32x4_div
#define SPLAT wasm_f32x4_splat
/* Runs AT(i, one) over [0, size): vectors of four, then single elements. */
#define EACH(size, AT) do { int i_ = 0; for (; i_ + 4 <= (size); i_ += 4) AT(i_, 0); for (; i_ < (size); i_++) AT(i_, 1); } while (0)

/* SGD: w ← w − g·lr; momentum: m ← m·μ − g·lr, w ← w + m (Nesterov: w ← w + (m·μ − g·lr)). */
INLINE void sgd_at(f32 *w, const f32 *g, f32 *m, int i, int one, v128_t lr, v128_t mu, int nesterov) {
  v128_t gLr = MUL(ld(g + i, one), lr);
  if (!m) {
    st(w + i, SUB(ld(w + i, one), gLr), one);
    return;
  }
  v128_t mi = SUB(MUL(ld(m + i, one), mu), gLr);
  st(m + i, mi, one);
  v128_t step = nesterov ? SUB(MUL(mi, mu), gLr) : mi;
  st(w + i, ADD(ld(w + i, one), step), one);
}

EXPORT(sgd)
void sgd(f32 *w, const f32 *g, f32 *m, int size, f32 lr, f32 mu, int nesterov) {
  v128_t vl = SPLAT(lr), vm = SPLAT(mu);
#define AT(i, one) sgd_at(w, g, m, i, one, vl, vm, nesterov)
  EACH(size, AT);
#undef AT
}

/*
 * RMSprop: v ← ρ·v + c·(g·g); centered a ← ρ·a + c·g, d = (v − a·a) + ε, else d = v + ε;
 * inc = (lr·g)/√d; momentum: mom ← μ·mom + inc, w ← w − mom; else w ← w − inc.
 */
INLINE void rmsprop_at(f32 *w, const f32 *g, f32 *v, f32 *mom, f32 *mg, int i, int one, v128_t lr, v128_t rho, v128_t c, v128_t mu, v128_t eps) {
  v128_t gi = ld(g + i, one);
  v128_t vi = ADD(MUL(rho, ld(v + i, one)), MUL(c, MUL(gi, gi)));
  st(v + i, vi, one);
  v128_t d;
  if (mg) {
    v128_t ai = ADD(MUL(rho, ld(mg + i, one)), MUL(c, gi));
    st(mg + i, ai, one);
    d = ADD(SUB(vi, MUL(ai, ai)), eps);
  } else {
    d = ADD(vi, eps);
  }
  v128_t inc = DIV(MUL(lr, gi), wasm_f32x4_sqrt(d));
  if (mom) {
    inc = ADD(MUL(mu, ld(mom + i, one)), inc);
    st(mom + i, inc, one);
  }
  st(w + i, SUB(ld(w + i, one), inc), one);
}

EXPORT(rmsprop)
void rmsprop(f32 *w, const f32 *g, f32 *v, f32 *mom, f32 *mg, int size, f32 lr, f32 rho, f32 c, f32 mu, f32 eps) {
  v128_t vl = SPLAT(lr), vr = SPLAT(rho), vc = SPLAT(c), vm = SPLAT(mu), ve = SPLAT(eps);
#define AT(i, one) rmsprop_at(w, g, v, mom, mg, i, one, vl, vr, vc, vm, ve)
  EACH(size, AT);
#undef AT
}

/* Adagrad: acc ← acc + g·g; w ← w − (lr·g)/√(acc + ε). */
INLINE void adagrad_at(f32 *w, const f32 *g, f32 *acc, int i, int one, v128_t lr, v128_t eps) {
  v128_t gi = ld(g + i, one);
  v128_t ai = ADD(ld(acc + i, one), MUL(gi, gi));
  st(acc + i, ai, one);
  st(w + i, SUB(ld(w + i, one), DIV(MUL(lr, gi), wasm_f32x4_sqrt(ADD(ai, eps)))), one);
}

EXPORT(adagrad)
void adagrad(f32 *w, const f32 *g, f32 *acc, int size, f32 lr, f32 eps) {
  v128_t vl = SPLAT(lr), ve = SPLAT(eps);
#define AT(i, one) adagrad_at(w, g, acc, i, one, vl, ve)
  EACH(size, AT);
#undef AT
}

/*
 * Adadelta: Eg ← ρ·Eg + c·(g·g); Δ = −((√(Edx + ε)·g)/√(Eg + ε)) with the previous Edx;
 * Edx ← ρ·Edx + c·(Δ·Δ); w ← w + lr·Δ.
 */
INLINE void adadelta_at(f32 *w, const f32 *g, f32 *eg, f32 *edx, int i, int one, v128_t lr, v128_t rho, v128_t c, v128_t eps) {
  v128_t gi = ld(g + i, one);
  v128_t egi = ADD(MUL(rho, ld(eg + i, one)), MUL(c, MUL(gi, gi)));
  st(eg + i, egi, one);
  v128_t edxi = ld(edx + i, one);
  v128_t delta = wasm_f32x4_neg(DIV(MUL(wasm_f32x4_sqrt(ADD(edxi, eps)), gi), wasm_f32x4_sqrt(ADD(egi, eps))));
  st(edx + i, ADD(MUL(rho, edxi), MUL(c, MUL(delta, delta))), one);
  st(w + i, ADD(ld(w + i, one), MUL(lr, delta)), one);
}

EXPORT(adadelta)
void adadelta(f32 *w, const f32 *g, f32 *eg, f32 *edx, int size, f32 lr, f32 rho, f32 c, f32 eps) {
  v128_t vl = SPLAT(lr), vr = SPLAT(rho), vc = SPLAT(c), ve = SPLAT(eps);
#define AT(i, one) adadelta_at(w, g, eg, edx, i, one, vl, vr, vc, ve)
  EACH(size, AT);
#undef AT
}

/*
 * Adamax: m ← m + (g − m)·c1; u ← max(β2·u, |g|) (f32x4.max: NaN wins, max(−0, +0) = +0, as
 * Math.max); w ← w − (lr·m)/(correction·(u + ε)).
 */
INLINE void adamax_at(f32 *w, const f32 *g, f32 *m, f32 *u, int i, int one, v128_t lr, v128_t corr, v128_t c1, v128_t beta2, v128_t eps) {
  v128_t gi = ld(g + i, one);
  v128_t mi = ld(m + i, one);
  mi = ADD(mi, MUL(SUB(gi, mi), c1));
  st(m + i, mi, one);
  v128_t ui = wasm_f32x4_max(MUL(beta2, ld(u + i, one)), wasm_f32x4_abs(gi));
  st(u + i, ui, one);
  st(w + i, SUB(ld(w + i, one), DIV(MUL(lr, mi), MUL(corr, ADD(ui, eps)))), one);
}

EXPORT(adamax)
void adamax(f32 *w, const f32 *g, f32 *m, f32 *u, int size, f32 lr, f32 correction, f32 c1, f32 beta2, f32 eps) {
  v128_t vl = SPLAT(lr), vk = SPLAT(correction), v1 = SPLAT(c1), v2 = SPLAT(beta2), ve = SPLAT(eps);
#define AT(i, one) adamax_at(w, g, m, u, i, one, vl, vk, v1, v2, ve)
  EACH(size, AT);
#undef AT
}

/* Weight decay: w ← w − (w·wd)·lr. */
EXPORT(decay_weights)
void decay_weights(f32 *w, int size, f32 wd, f32 lr) {
  v128_t vd = SPLAT(wd), vl = SPLAT(lr);
#define AT(i, one) st(w + (i), SUB(ld(w + (i), one), MUL(MUL(ld(w + (i), one), vd), vl)), one)
  EACH(size, AT);
#undef AT
}

/*
 * acc + Σ x[i]² in float64, strictly in increasing index: one float64 addition per element
 * (each square is exact in float64). Not vectorized: that would reassociate the sum.
 */
EXPORT(sum_of_squares)
double sum_of_squares(const f32 *x, int size, double acc) {
  for (int i = 0; i < size; i++) acc += (double)x[i] * (double)x[i];
  return acc;
}

/* clipnorm: out ← (g·c)/max(norm, c) (f32.max: a NaN norm wins, as Math.max). */
EXPORT(clip_by_norm)
void clip_by_norm(const f32 *g, f32 *out, int size, f32 c, f32 norm) {
  v128_t vc = SPLAT(c), vd = SPLAT(__builtin_wasm_max_f32(norm, c));
#define AT(i, one) st(out + (i), DIV(MUL(ld(g + (i), one), vc), vd), one)
  EACH(size, AT);
#undef AT
}

/* global_clipnorm: out ← g·scale. */
EXPORT(clip_by_global_norm)
void clip_by_global_norm(const f32 *g, f32 *out, int size, f32 scale) {
  v128_t vs = SPLAT(scale);
#define AT(i, one) st(out + (i), MUL(ld(g + (i), one), vs), one)
  EACH(size, AT);
#undef AT
}

/* clipvalue: out ← min(max(g, −c), c) (f32x4.min/max: NaN stays NaN, as Math.min/max). */
EXPORT(clip_by_value)
void clip_by_value(const f32 *g, f32 *out, int size, f32 c) {
  v128_t hi = SPLAT(c), lo = SPLAT(-c);
#define AT(i, one) st(out + (i), wasm_f32x4_min(wasm_f32x4_max(ld(g + (i), one), lo), hi), one)
  EACH(size, AT);
#undef AT
}
