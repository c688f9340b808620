/*
 * The fused recurrent cells: the twins of src/kernels/reference/recurrent.ts, which states their
 * reference order (per element, each composed op's result rounded to float32). Here every such
 * op is one float32 operation (f32 + - * of float32 operands is the correctly rounded result, the
 * reference's Math.fround of the float64 one), σ and tanh are math.h's port of src/math's, and
 * `+ 0.0f` turns −0 into +0 where the reference adds the split's zero padding. Rows are
 * [batch, k·units], row-major; u is units; a null (0) pointer is an absent optional operand.
 * Elements are independent, so a forward cell runs in passes over the whole batch: the
 * pre-activations (stored as float32, the reference's rounding), σ and tanh over whole arrays two
 * lanes at a time (math-simd.h), then the products; each element sees the reference's operations.
 */
#include "math-simd.h"

#define EXPORT(name) __attribute__((export_name(#name)))

typedef float f32;

/* carry = σ(f)·cPrev + σ(i)·tanh(g) from gates z = xz + hu [b, 4u]; saves σ(f), σ(i), tanh(g). */
EXPORT(lstm_carry)
void lstm_carry(const f32 *xz, const f32 *hu, const f32 *cPrev, int batch, int u, f32 *carry, f32 *sf, f32 *si, f32 *ag) {
  int n = batch * u;
  for (int b = 0; b < batch; b++) {
    int zr = b * 4 * u;
    for (int j = 0; j < u; j++) {
      int k = b * u + j;
      sf[k] = xz[zr + u + j] + hu[zr + u + j];
      si[k] = xz[zr + j] + hu[zr + j];
      ag[k] = xz[zr + 2 * u + j] + hu[zr + 2 * u + j];
    }
  }
  sigmoid_array(sf, sf, n);
  sigmoid_array(si, si, n);
  tanh_array(ag, ag, n);
  for (int k = 0; k < n; k++) carry[k] = sf[k] * cPrev[k] + si[k] * ag[k];
}

/* Gradients of lstm_carry: dz [b, 4u] (block o from dO, or +0) and dcPrev = dc·σ(f). */
EXPORT(lstm_carry_backward)
void lstm_carry_backward(const f32 *dc, const f32 *cPrev, const f32 *sf, const f32 *si, const f32 *ag, const f32 *dO, int batch, int u, f32 *dz, f32 *dcPrev) {
  for (int b = 0; b < batch; b++) {
    int zr = b * 4 * u;
    for (int j = 0; j < u; j++) {
      int k = b * u + j;
      f32 d = dc[k], i = si[k], g = ag[k], f = sf[k];
      f32 dsi = d * g;
      f32 dag = d * i;
      dz[zr + 2 * u + j] = dag * (1.0f - g * g) + 0.0f;
      dz[zr + j] = dsi * (i * (1.0f - i)) + 0.0f;
      f32 dsf = d * cPrev[k];
      dcPrev[k] = d * f;
      dz[zr + u + j] = dsf * (f * (1.0f - f)) + 0.0f;
      dz[zr + 3 * u + j] = dO ? dO[k] + 0.0f : 0.0f;
    }
  }
}

/* h = σ(o)·tanh(carry), o = xz + hu in block o; saves σ(o) and tanh(carry). */
EXPORT(lstm_hidden)
void lstm_hidden(const f32 *xz, const f32 *hu, const f32 *carry, int batch, int u, f32 *h, f32 *so, f32 *ac) {
  int n = batch * u;
  for (int b = 0; b < batch; b++) {
    int zr = b * 4 * u + 3 * u;
    for (int j = 0; j < u; j++) so[b * u + j] = xz[zr + j] + hu[zr + j];
  }
  sigmoid_array(so, so, n);
  tanh_array(carry, ac, n);
  for (int k = 0; k < n; k++) h[k] = so[k] * ac[k];
}

/* Gradients of lstm_hidden from dh: dO and dcarry, n = batch·units. */
EXPORT(lstm_hidden_backward)
void lstm_hidden_backward(const f32 *dh, const f32 *so, const f32 *ac, int n, f32 *dO, f32 *dcarry) {
  for (int k = 0; k < n; k++) {
    f32 d = dh[k], o = so[k], a = ac[k];
    f32 dso = d * a;
    f32 dac = d * o;
    dcarry[k] = dac * (1.0f - a * a);
    dO[k] = dso * (o * (1.0f - o));
  }
}

/* GRU (resetAfter): z, r = σ(x + inner), cand = tanh(x_h + r·inner_h), out = z·h + (1 − z)·cand. */
EXPORT(gru_cell)
void gru_cell(const f32 *x, const f32 *inner, const f32 *h, int batch, int u, f32 *out, f32 *zs, f32 *rs, f32 *cs) {
  int n = batch * u;
  for (int b = 0; b < batch; b++) {
    int row = b * 3 * u;
    for (int j = 0; j < u; j++) {
      zs[b * u + j] = x[row + j] + inner[row + j];
      rs[b * u + j] = x[row + u + j] + inner[row + u + j];
    }
  }
  sigmoid_array(zs, zs, n);
  sigmoid_array(rs, rs, n);
  for (int b = 0; b < batch; b++) {
    int row = b * 3 * u;
    for (int j = 0; j < u; j++) cs[b * u + j] = x[row + 2 * u + j] + rs[b * u + j] * inner[row + 2 * u + j];
  }
  tanh_array(cs, cs, n);
  for (int k = 0; k < n; k++) out[k] = zs[k] * h[k] + (1.0f - zs[k]) * cs[k];
}

/* Gradients of gru_cell from dy: dx, dinner (blocks z, r, h) and dh = dy·z. */
EXPORT(gru_cell_backward)
void gru_cell_backward(const f32 *dy, const f32 *inner, const f32 *h, const f32 *zs, const f32 *rs, const f32 *cs, int batch, int u, f32 *dx, f32 *dinner, f32 *dh) {
  for (int b = 0; b < batch; b++) {
    int row = b * 3 * u;
    for (int j = 0; j < u; j++) {
      int k = b * u + j;
      f32 d = dy[k], z = zs[k], r = rs[k], c = cs[k], rh = inner[row + 2 * u + j];
      f32 ds1 = d * c;
      f32 dc = d * (1.0f - z);
      f32 dzTotal = -ds1 + d * h[k];
      dh[k] = d * z;
      f32 da3 = dc * (1.0f - c * c);
      f32 dr = da3 * rh;
      f32 drh = da3 * r;
      f32 da2 = dr * (r * (1.0f - r));
      f32 da1 = dzTotal * (z * (1.0f - z));
      dx[row + j] = da1 + 0.0f;
      dinner[row + j] = da1 + 0.0f;
      dx[row + u + j] = da2 + 0.0f;
      dinner[row + u + j] = da2 + 0.0f;
      dx[row + 2 * u + j] = da3 + 0.0f;
      dinner[row + 2 * u + j] = drh + 0.0f;
    }
  }
}

/* GRU (reset before the product) first half: z, r = σ(x + hzr), out = r·hr; saves z, r. */
EXPORT(gru_reset)
void gru_reset(const f32 *x, const f32 *hzr, const f32 *hr, int batch, int u, f32 *out, f32 *zs, f32 *rs) {
  int n = batch * u;
  for (int b = 0; b < batch; b++) {
    for (int j = 0; j < u; j++) {
      zs[b * u + j] = x[b * 3 * u + j] + hzr[b * 2 * u + j];
      rs[b * u + j] = x[b * 3 * u + u + j] + hzr[b * 2 * u + u + j];
    }
  }
  sigmoid_array(zs, zs, n);
  sigmoid_array(rs, rs, n);
  for (int k = 0; k < n; k++) out[k] = rs[k] * hr[k];
}

/* Gradients of gru_reset from dm: dhr = dm·r, dhzr (blocks z, r), dx (blocks z, r, h). */
EXPORT(gru_reset_backward)
void gru_reset_backward(const f32 *dm, const f32 *hr, const f32 *rs, const f32 *da1, const f32 *da3, int batch, int u, f32 *dx, f32 *dhzr, f32 *dhr) {
  for (int b = 0; b < batch; b++) {
    for (int j = 0; j < u; j++) {
      int k = b * u + j;
      f32 d = dm[k], r = rs[k];
      f32 dr = d * hr[k];
      dhr[k] = d * r;
      f32 da2 = dr * (r * (1.0f - r));
      f32 a1 = da1 ? da1[k] + 0.0f : 0.0f;
      dx[b * 3 * u + j] = a1;
      dx[b * 3 * u + u + j] = da2 + 0.0f;
      dx[b * 3 * u + 2 * u + j] = da3 ? da3[k] + 0.0f : 0.0f;
      dhzr[b * 2 * u + j] = a1;
      dhzr[b * 2 * u + u + j] = da2 + 0.0f;
    }
  }
}

/* GRU (reset before the product) second half: out = z·h + (1 − z)·tanh(x_h + mu); saves the candidate. */
EXPORT(gru_update)
void gru_update(const f32 *x, const f32 *mu, const f32 *h, const f32 *zs, int batch, int u, f32 *out, f32 *cs) {
  int n = batch * u;
  for (int b = 0; b < batch; b++) {
    for (int j = 0; j < u; j++) cs[b * u + j] = x[b * 3 * u + 2 * u + j] + mu[b * u + j];
  }
  tanh_array(cs, cs, n);
  for (int k = 0; k < n; k++) out[k] = zs[k] * h[k] + (1.0f - zs[k]) * cs[k];
}

/* Gradients of gru_update from dy: dh = dy·z, da1 (z's pre-activation) and da3 (the candidate's). */
EXPORT(gru_update_backward)
void gru_update_backward(const f32 *dy, const f32 *h, const f32 *zs, const f32 *cs, int n, f32 *dh, f32 *da1, f32 *da3) {
  for (int k = 0; k < n; k++) {
    f32 d = dy[k], z = zs[k], c = cs[k];
    f32 ds1 = d * c;
    f32 dc = d * (1.0f - z);
    f32 dzTotal = -ds1 + d * h[k];
    dh[k] = d * z;
    da3[k] = dc * (1.0f - c * c);
    da1[k] = dzTotal * (z * (1.0f - z));
  }
}

/* SimpleRNN (tanh): h = tanh(xz + hu). */
EXPORT(simple_tanh)
void simple_tanh(const f32 *xz, const f32 *hu, f32 *h, int n) {
  for (int k = 0; k < n; k++) h[k] = xz[k] + hu[k];
  tanh_array(h, h, n);
}

/* Gradient of simple_tanh: dy·(1 − h·h). */
EXPORT(simple_tanh_backward)
void simple_tanh_backward(const f32 *dy, const f32 *h, f32 *dx, int n) {
  for (int k = 0; k < n; k++) dx[k] = dy[k] * (1.0f - h[k] * h[k]);
}
