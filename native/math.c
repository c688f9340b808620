/*
 * The unary elementwise kernels exp, expm1, sigmoid, tanh, log, log1p and softplus over float32 arrays: the twins of
 * `unary` in src/kernels/reference/elementwise.ts with src/math's functions, through the ports in
 * math.h and math-log.h (σ and tanh two lanes at a time, math-simd.h). Reference order: elements are independent;
 * each is the float64 function rounded once.
 */
#include "math-log.h"
#include "math-simd.h"

#define EXPORT(name) __attribute__((export_name(#name)))

/* Function codes, as src/kernels/wasm/math-kernels.ts passes them. */
enum { UNARY_EXP = 0, UNARY_EXPM1 = 1, UNARY_SIGMOID = 2, UNARY_TANH = 3, UNARY_LOG = 4, UNARY_LOG1P = 5, UNARY_SOFTPLUS = 6 };

/* out[i] = f(x[i]) for i < n; the switch is outside the loops so each loop inlines its function. */
EXPORT(unary_math)
void unary_math(int fn, const float *x, float *out, int n) {
  switch (fn) {
    case UNARY_EXP: for (int i = 0; i < n; i++) out[i] = exp32(x[i]); break;
    case UNARY_EXPM1: for (int i = 0; i < n; i++) out[i] = expm132(x[i]); break;
    case UNARY_SIGMOID: sigmoid_array(x, out, n); break;
    case UNARY_TANH: tanh_array(x, out, n); break;
    case UNARY_LOG: for (int i = 0; i < n; i++) out[i] = (float)log64(x[i]); break;
    case UNARY_LOG1P: for (int i = 0; i < n; i++) out[i] = (float)log1p64(x[i]); break;
    case UNARY_SOFTPLUS: for (int i = 0; i < n; i++) out[i] = (float)softplus64(x[i]); break;
    default: break;
  }
}
