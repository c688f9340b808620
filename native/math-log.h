/*
 * The port of src/math's log64, log1p64 and softplus64 (log-kernel.ts, log.ts, log1p.ts,
 * softplus.ts), operation for operation, as math.h ports exp: the same constants, the same order,
 * the same branches; the exponent split reads and writes the float64's bits as bits.ts does.
 */
#ifndef SAMEBITS_MATH_LOG_H
#define SAMEBITS_MATH_LOG_H
#include "math.h"

/* log-kernel.ts logSeriesTail: 2/5 + 2z/7 + … + 2z^9/23, the nested expression. */
static inline double log_series_tail(double z) {
  return 0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * (0.18181818181818182 + z * (0.15384615384615385
    + z * (0.13333333333333333 + z * (0.11764705882352941 + z * (0.10526315789473684 + z * (0.09523809523809523
    + z * 0.08695652173913043))))))));
}

/* log-kernel.ts logOnePlusReduced: k ln2 + log(1 + f) + c for f in [sqrt(2)/2 - 1, sqrt(2) - 1]. */
static inline double log_one_plus_reduced(double k, double f, double c) {
  double s = f / (2 + f);
  double z = s * s;
  double r = z * (0.6666666666666666 + z * log_series_tail(z));
  double halfSquare = 0.5 * f * f;
  return k * LN2_HI + (f - (halfSquare - (s * (halfSquare + r) + (k * LN2_LO + c))));
}

/* log-kernel.ts splitExponent: x = 2^k (1 + *f) with 1 + *f in [sqrt(2)/2, sqrt(2)), for finite x > 0. */
static inline double split_exponent(double x, double *f) {
  double k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984.0;
    k = -54;
  }
  math_bits b;
  b.d = x;
  uint32_t high = (uint32_t)(b.u >> 32);
  k += (double)(int32_t)(high >> 20) - 1023;
  b.u = ((uint64_t)(0x3ff00000u | (high & 0xfffffu)) << 32) | (b.u & 0xffffffffu);
  double m = b.d;
  if (m > 1.4142135623730951) {
    m *= 0.5;
    k += 1;
  }
  *f = m - 1;
  return k;
}

/* log.ts log64. */
static inline double log64(double x) {
  if (!(x > 0)) return x == 0 ? -__builtin_inf() : __builtin_nan("");
  if (x == __builtin_inf()) return __builtin_inf();
  double f;
  double k = split_exponent(x, &f);
  return log_one_plus_reduced(k, f, 0);
}

/* log1p.ts log1pPlus: log(1 + x) + c for finite x > -1, rounded once. */
static inline double log1p_plus(double x, double c) {
  if (x > -0.2928932188134524 && x < 0.41421356237309503) return log_one_plus_reduced(0, x, c);
  double u = 1 + x;
  double uErr = two_sum_error(1, x, u);
  double f;
  double k = split_exponent(u, &f);
  return log_one_plus_reduced(k, f, uErr / u + c);
}

/* log1p.ts log1p64. */
static inline double log1p64(double x) {
  if (!(x > -1)) return x == -1 ? -__builtin_inf() : __builtin_nan("");
  if (x == __builtin_inf()) return __builtin_inf();
  if (__builtin_fabs(x) < 5.551115123125783e-17) return x;
  return log1p_plus(x, 0);
}

/* softplus.ts log1pExpNegative: log(1 + e^-a) for a in [0, 37]. */
static inline double log1p_exp_negative(double a) {
  double e, eLo;
  exp_double_double(-a, &e, &eLo);
  return log1p_plus(e, eLo / (1 + e));
}

/* softplus.ts softplus64. */
static inline double softplus64(double x) {
  if (x != x) return __builtin_nan("");
  if (x > 37) return x;
  if (x < -37) return exp64(x);
  if (x <= 0) return log1p_exp_negative(-x);
  return x + log1p_exp_negative(x);
}

#endif
