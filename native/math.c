/*
 * The unary elementwise kernels exp, expm1, sigmoid and tanh over float32 arrays: the twins of
 * `unary` in src/kernels/reference/elementwise.ts with src/math's functions, through the port in
 * math.h (σ and tanh two lanes at a time, math-simd.h). Reference order: elements are independent;
 * each is the float64 function rounded once.
 */
#include "math-simd.h"

#define EXPORT(name) __attribute__((export_name(#name)))

/* Function codes, as src/kernels/wasm/math-kernels.ts passes them. */
enum { UNARY_EXP = 0, UNARY_EXPM1 = 1, UNARY_SIGMOID = 2, UNARY_TANH = 3 };

/* out[i] = f(x[i]) for i < n; the switch is outside the loops so each loop inlines its function. */
EXPORT(unary_math)
void unary_math(int fn, const float *x, float *out, int n) {
  switch (fn) {
    case UNARY_EXP: for (int i = 0; i < n; i++) out[i] = exp32(x[i]); break;
    case UNARY_EXPM1: for (int i = 0; i < n; i++) out[i] = expm132(x[i]); break;
    case UNARY_SIGMOID: sigmoid_array(x, out, n); break;
    case UNARY_TANH: tanh_array(x, out, n); break;
    default: break;
  }
}
