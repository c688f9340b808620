/*
 * sigmoid64 and tanh64 of math.h on two lanes at once (f64x2): the same operations in the same
 * order on each lane, so each lane gives the scalar bits. Branches become lane selects: every path
 * a lane might take is computed for both lanes (a path computed for a lane that does not take it
 * yields a discarded value: float arithmetic does not trap, and trunc_sat saturates), and the
 * reference's branch picks the lane's result. sigmoid's rare x < −700 path (exp64 with its own
 * cutoffs) runs the scalar code for the pair.
 */
#ifndef SAMEBITS_MATH_SIMD_H
#define SAMEBITS_MATH_SIMD_H
#include <wasm_simd128.h>
#include "math.h"

#define V(x) wasm_f64x2_splat(x)
#define ADD wasm_f64x2_add
#define SUB wasm_f64x2_sub
#define MUL wasm_f64x2_mul
/* The lanes of a where mask is set, of b elsewhere. */
#define SELECT(a, b, mask) wasm_v128_bitselect(a, b, mask)

static inline v128_t two_sum_error2(v128_t a, v128_t b, v128_t s) {
  v128_t bVirtual = SUB(s, a);
  v128_t aVirtual = SUB(s, bVirtual);
  return ADD(SUB(a, aVirtual), SUB(b, bVirtual));
}

static inline v128_t split_high2(v128_t a) {
  v128_t t = MUL(V(134217729.0), a);
  return SUB(t, SUB(t, a));
}

static inline v128_t two_product_error2(v128_t a, v128_t b, v128_t p) {
  v128_t aHi = split_high2(a);
  v128_t aLo = SUB(a, aHi);
  v128_t bHi = split_high2(b);
  v128_t bLo = SUB(b, bHi);
  return ADD(ADD(ADD(SUB(MUL(aHi, bHi), p), MUL(aHi, bLo)), MUL(aLo, bHi)), MUL(aLo, bLo));
}

/* js_round per lane: floor, plus one when the fraction is at least 1/2, a zero with v's sign. */
static inline v128_t js_round2(v128_t v) {
  v128_t r = wasm_f64x2_floor(v);
  r = SELECT(ADD(r, V(1.0)), r, wasm_f64x2_ge(SUB(v, r), V(0.5)));
  return SELECT(wasm_v128_and(v, V(-0.0)), r, wasm_f64x2_eq(r, V(0.0)));
}

/* math_pow2 per lane (k + 1023 into the exponent field). */
static inline v128_t pow2_2(v128_t k) {
  v128_t e = wasm_i64x2_extend_low_i32x4(wasm_i32x4_trunc_sat_f64x2_zero(k));
  return wasm_i64x2_shl(wasm_i64x2_add(e, wasm_i64x2_splat(1023)), 52);
}

/* expm1_tail per lane, Horner from the innermost term out, as the nested expression. */
static inline v128_t expm1_tail2(v128_t r, v128_t c) {
  v128_t p = V(1.1470745597729725e-11);
  p = ADD(V(1.6059043836821613e-10), MUL(r, p));
  p = ADD(V(2.08767569878681e-9), MUL(r, p));
  p = ADD(V(2.505210838544172e-8), MUL(r, p));
  p = ADD(V(2.755731922398589e-7), MUL(r, p));
  p = ADD(V(2.7557319223985893e-6), MUL(r, p));
  p = ADD(V(2.48015873015873e-5), MUL(r, p));
  p = ADD(V(0.0001984126984126984), MUL(r, p));
  p = ADD(V(0.001388888888888889), MUL(r, p));
  p = ADD(V(0.008333333333333333), MUL(r, p));
  p = ADD(V(0.041666666666666664), MUL(r, p));
  p = ADD(V(0.16666666666666666), MUL(r, p));
  p = ADD(V(0.5), MUL(r, p));
  return ADD(MUL(MUL(r, r), p), MUL(c, ADD(V(1.0), r)));
}

static inline void exp_double_double2(v128_t x, v128_t *hiOut, v128_t *loOut) {
  v128_t k = js_round2(MUL(x, V(INV_LN2)));
  v128_t hi = SUB(x, MUL(k, V(LN2_HI)));
  v128_t lo = MUL(k, V(LN2_LO));
  v128_t r = SUB(hi, lo);
  v128_t c = two_sum_error2(hi, wasm_f64x2_neg(lo), r);
  v128_t q = expm1_tail2(r, c);
  v128_t a = ADD(V(1.0), r);
  v128_t tail = ADD(two_sum_error2(V(1.0), r, a), q);
  v128_t sum = ADD(a, tail);
  v128_t scale = pow2_2(k);
  *hiOut = MUL(sum, scale);
  *loOut = MUL(ADD(SUB(a, sum), tail), scale);
}

/* sigmoid64 per lane for lanes that are NaN or at least −700 (the caller checks). */
static inline v128_t sigmoid2(v128_t x) {
  v128_t e, eLo;
  exp_double_double2(wasm_f64x2_neg(wasm_f64x2_abs(x)), &e, &eLo);
  v128_t d = ADD(V(1.0), e);
  v128_t dLo = ADD(two_sum_error2(V(1.0), e, d), eLo);
  v128_t positive = wasm_f64x2_ge(x, V(0.0));
  v128_t n = SELECT(V(1.0), e, positive);
  v128_t nLo = SELECT(V(0.0), eLo, positive);
  v128_t q = wasm_f64x2_div(n, d);
  v128_t p = MUL(q, d);
  v128_t r = ADD(q, wasm_f64x2_div(SUB(ADD(SUB(SUB(n, p), two_product_error2(q, d, p)), nLo), MUL(q, dLo)), d));
  return SELECT(V(1.0), r, wasm_f64x2_gt(x, V(38.0)));
}

static inline v128_t tanh_large2(v128_t a) {
  v128_t e, eLo;
  exp_double_double2(MUL(V(2.0), a), &e, &eLo);
  v128_t d = ADD(V(1.0), e);
  v128_t dLo = ADD(two_sum_error2(V(1.0), e, d), eLo);
  v128_t q = wasm_f64x2_div(V(2.0), d);
  v128_t p = MUL(q, d);
  v128_t qLo = wasm_f64x2_div(SUB(SUB(SUB(V(2.0), p), two_product_error2(q, d, p)), MUL(q, dLo)), d);
  v128_t s = SUB(V(1.0), q);
  return ADD(s, SUB(two_sum_error2(V(1.0), wasm_f64x2_neg(q), s), qLo));
}

/* tanh64 per lane: both the polynomial and the large path, then the reference's branches as selects. */
static inline v128_t tanh2(v128_t x) {
  v128_t a = wasm_f64x2_abs(x);
  v128_t z = MUL(x, x);
  v128_t t = V(0.0);
  t = ADD(MUL(t, z), V(7.874274345344419e-6));
  t = ADD(MUL(t, z), V(-3.372080112046316e-5));
  t = ADD(MUL(t, z), V(9.455133052924858e-5));
  t = ADD(MUL(t, z), V(-0.0002384727248015252));
  t = ADD(MUL(t, z), V(0.0005899052969492733));
  t = ADD(MUL(t, z), V(-0.001455819097151351));
  t = ADD(MUL(t, z), V(0.0035921267699626346));
  t = ADD(MUL(t, z), V(-0.0088632354631468));
  t = ADD(MUL(t, z), V(0.021869488534073906));
  t = ADD(MUL(t, z), V(-0.05396825396822037));
  t = ADD(MUL(t, z), V(0.1333333333333331));
  t = ADD(MUL(t, z), V(-0.3333333333333333));
  v128_t small = ADD(x, MUL(MUL(x, z), t));
  v128_t r = SELECT(V(1.0), tanh_large2(a), wasm_f64x2_gt(a, V(22.0)));
  v128_t large = SELECT(wasm_f64x2_neg(r), r, wasm_f64x2_lt(x, V(0.0)));
  v128_t result = SELECT(small, large, wasm_f64x2_lt(a, V(0.55)));
  return SELECT(x, result, wasm_f64x2_lt(a, V(7.450580596923828e-9)));
}

/* out[i] = σ(x[i]) rounded to float32, two at a time (x may be out). */
static inline void sigmoid_array(const float *x, float *out, int n) {
  int i = 0;
  for (; i + 2 <= n; i += 2) {
    float a = x[i], b = x[i + 1];
    v128_t v = wasm_f64x2_make(a, b);
    if (wasm_v128_any_true(wasm_f64x2_lt(v, V(-700.0)))) {
      out[i] = sigmoid32(a);
      out[i + 1] = sigmoid32(b);
      continue;
    }
    v128_t r = sigmoid2(v);
    out[i] = (float)wasm_f64x2_extract_lane(r, 0);
    out[i + 1] = (float)wasm_f64x2_extract_lane(r, 1);
  }
  for (; i < n; i++) out[i] = sigmoid32(x[i]);
}

/* out[i] = tanh(x[i]) rounded to float32, two at a time (x may be out). */
static inline void tanh_array(const float *x, float *out, int n) {
  int i = 0;
  for (; i + 2 <= n; i += 2) {
    v128_t r = tanh2(wasm_f64x2_make(x[i], x[i + 1]));
    out[i] = (float)wasm_f64x2_extract_lane(r, 0);
    out[i + 1] = (float)wasm_f64x2_extract_lane(r, 1);
  }
  for (; i < n; i++) out[i] = tanh32(x[i]);
}

#undef V
#undef ADD
#undef SUB
#undef MUL
#undef SELECT
#endif
