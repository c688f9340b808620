/*
 * The port of src/math's exp64, expm164, sigmoid64 and tanh64 (and what they call: exp-kernel.ts,
 * error-free.ts, bits.ts), operation for operation: the same float64 constants (written with the
 * same decimal digits, which C and JavaScript both parse to the nearest double), the same order of
 * every + - * /, the same branches. WebAssembly's f64 operations are IEEE 754 round-to-nearest like
 * JavaScript numbers, and the build has -ffp-contract=off and no fast-math, so each result is the
 * JavaScript one bit for bit (NaN payloads aside, which are not part of the contract). Where the JS
 * calls Math.round or Math.abs, the port uses an exact equivalent (js_round below, f64.abs).
 * Included by the .c files that need it: static inline, no exports, no static data.
 */
#ifndef SAMEBITS_MATH_H
#define SAMEBITS_MATH_H
#include <stdint.h>

typedef union { double d; uint64_t u; } math_bits;

/*
 * Math.round: the integer nearest v, halves toward +Infinity; v - floor(v) is exact (the fraction
 * of a double is representable). NOTE: a zero result keeps v's sign, as Math.round(-0.3) is -0.
 */
static inline double js_round(double v) {
  double r = __builtin_floor(v);
  if (v - r >= 0.5) r = r + 1.0;
  return r == 0.0 ? __builtin_copysign(0.0, v) : r;
}

/* bits.ts pow2: 2^k for an integer k in [-1022, 1023], built from its exponent bits. */
static inline double math_pow2(double k) {
  math_bits b;
  b.u = (uint64_t)(uint32_t)((int32_t)k + 1023) << 52;
  return b.d;
}

/* bits.ts scaleByPow2: y * 2^k with one rounding (only when subnormal or overflowing). */
static inline double scale_by_pow2(double y, double k) {
  if (k > 1023) return y * math_pow2(1023) * math_pow2(k - 1023);
  if (k < -1021) return y * math_pow2(k + 600) * math_pow2(-600);
  return y * math_pow2(k);
}

/* error-free.ts: Knuth's TwoSum error and Dekker's product error (Veltkamp split by 2^27 + 1). */
static inline double two_sum_error(double a, double b, double s) {
  double bVirtual = s - a;
  double aVirtual = s - bVirtual;
  return (a - aVirtual) + (b - bVirtual);
}

static inline double split_high(double a) {
  double t = 134217729.0 * a;
  return t - (t - a);
}

static inline double two_product_error(double a, double b, double p) {
  double aHi = split_high(a);
  double aLo = a - aHi;
  double bHi = split_high(b);
  double bLo = b - bHi;
  return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
}

/* exp-kernel.ts constants: ln 2 = LN2_HI + LN2_LO (Cody & Waite), 1/n! for n = 2..14. */
#define LN2_HI 0.6931471805598903
#define LN2_LO 5.497923018708371e-14
#define INV_LN2 1.4426950408889634

/* exp-kernel.ts expm1Tail: exp(r + c) - 1 - r. */
static inline double expm1_tail(double r, double c) {
  double p = 0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (0.008333333333333333
    + r * (0.001388888888888889 + r * (0.0001984126984126984 + r * (2.48015873015873e-5
    + r * (2.7557319223985893e-6 + r * (2.755731922398589e-7 + r * (2.505210838544172e-8
    + r * (2.08767569878681e-9 + r * (1.6059043836821613e-10 + r * 1.1470745597729725e-11)))))))))));
  return r * r * p + c * (1 + r);
}

/* exp-kernel.ts expm1Kernel. */
static inline double expm1_kernel(double r, double c) {
  return r + expm1_tail(r, c);
}

/* exp-kernel.ts expOfSum: exp(x + xLo) for |x| < 746. */
static inline double exp_of_sum(double x, double xLo) {
  double k = js_round(x * INV_LN2);
  double hi = x - k * LN2_HI;
  double lo = k * LN2_LO - xLo;
  double r = hi - lo;
  double c = two_sum_error(hi, -lo, r);
  double a = 1 + r;
  return scale_by_pow2(a + (two_sum_error(1, r, a) + expm1_tail(r, c)), k);
}

/* exp-kernel.ts expDoubleDouble: e^x = *hi + *lo for |x| <= 700. */
static inline void exp_double_double(double x, double *hiOut, double *loOut) {
  double k = js_round(x * INV_LN2);
  double hi = x - k * LN2_HI;
  double lo = k * LN2_LO;
  double r = hi - lo;
  double c = two_sum_error(hi, -lo, r);
  double q = expm1_tail(r, c);
  double a = 1 + r;
  double tail = two_sum_error(1, r, a) + q;
  double sum = a + tail;
  double scale = math_pow2(k);
  *hiOut = sum * scale;
  *loOut = ((a - sum) + tail) * scale;
}

/* exp.ts exp64. */
static inline double exp64(double x) {
  if (x != x) return __builtin_nan("");
  if (x > 709.79) return __builtin_inf();
  if (x < -745.2) return 0;
  return exp_of_sum(x, 0);
}

/* expm1.ts expm164. */
static inline double expm164(double x) {
  double a = __builtin_fabs(x);
  if (a < 0.34) return a < 5.551115123125783e-17 ? x : expm1_kernel(x, 0);
  if (x != x) return __builtin_nan("");
  if (x < -38) return -1;
  if (x > 700) return exp64(x);
  double hi, lo;
  exp_double_double(x, &hi, &lo);
  double s = hi - 1;
  return s + (two_sum_error(hi, -1, s) + lo);
}

/* sigmoid.ts sigmoid64: 1/(1 + e) or e/(1 + e) with e = e^-|x| in double-double. */
static inline double sigmoid64(double x) {
  if (x != x) return __builtin_nan("");
  if (x > 38) return 1;
  if (x < -700) return exp64(x);
  double e, eLo;
  exp_double_double(-__builtin_fabs(x), &e, &eLo);
  double d = 1 + e;
  double dLo = two_sum_error(1, e, d) + eLo;
  double n = x >= 0 ? 1 : e;
  double nLo = x >= 0 ? 0 : eLo;
  double q = n / d;
  double p = q * d;
  return q + ((((n - p) - two_product_error(q, d, p)) + nLo - q * dLo) / d);
}

/* tanh.ts tanhLarge: 1 - 2/(1 + e^2a) for a in [0.55, 22]. */
static inline double tanh_large(double a) {
  double e, eLo;
  exp_double_double(2 * a, &e, &eLo);
  double d = 1 + e;
  double dLo = two_sum_error(1, e, d) + eLo;
  double q = 2 / d;
  double p = q * d;
  double qLo = (((2 - p) - two_product_error(q, d, p)) - q * dLo) / d;
  double s = 1 - q;
  return s + (two_sum_error(1, -q, s) - qLo);
}

/* tanh.ts tanh64: the odd polynomial (Horner from t = 0, highest degree first) below 0.55. */
static inline double tanh64(double x) {
  double a = __builtin_fabs(x);
  if (a < 0.55) {
    if (a < 7.450580596923828e-9) return x;
    double z = x * x;
    double t = 0;
    t = t * z + 7.874274345344419e-6;
    t = t * z + -3.372080112046316e-5;
    t = t * z + 9.455133052924858e-5;
    t = t * z + -0.0002384727248015252;
    t = t * z + 0.0005899052969492733;
    t = t * z + -0.001455819097151351;
    t = t * z + 0.0035921267699626346;
    t = t * z + -0.0088632354631468;
    t = t * z + 0.021869488534073906;
    t = t * z + -0.05396825396822037;
    t = t * z + 0.1333333333333331;
    t = t * z + -0.3333333333333333;
    return x + x * z * t;
  }
  if (x != x) return __builtin_nan("");
  double r = a > 22 ? 1 : tanh_large(a);
  return x < 0 ? -r : r;
}

/* The float32 functions: the float64 result rounded once (Math.fround). */
static inline float exp32(double x) { return (float)exp64(x); }
static inline float expm132(double x) { return (float)expm164(x); }
static inline float sigmoid32(double x) { return (float)sigmoid64(x); }
static inline float tanh32(double x) { return (float)tanh64(x); }

#endif
