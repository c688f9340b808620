#!/usr/bin/env python3
"""Derive every constant and polynomial coefficient used by src/math/ (offline, mpmath).

Run: python3 scripts/math/fit-coefficients.py > /tmp/coefficients.txt
The printed values were pasted into the TypeScript sources (each file names the section it
took). Every float is printed with Python's repr, the shortest decimal that round-trips, so the
TypeScript literal parses to the same float64 (ECMAScript numeric literals round to nearest).

Methods:
- Cody-Waite split constants (Cody & Waite, "Software Manual for the Elementary Functions",
  1980): a constant C is written C1 + C2 (+ C3) where C1, C2 have few significant bits, so that
  k*C1 and k*C2 are exact products for the |k| that occur.
- Taylor series with exact rational coefficients (exp, sin, cos, atanh): the truncation bound
  printed next to each series is the first omitted term at the end of the interval.
- Chebyshev fits (mpmath.chebyfit, near-minimax) for erf/erfc, then the coefficients are
  rounded to float64 and the error of the *rounded* polynomial is measured on a dense grid.
- The bits of 2/pi for Payne-Hanek argument reduction (Payne & Hanek, "Radian reduction for
  trigonometric functions", SIGNUM Newsletter 18(1), 1983).
"""
from mpmath import mp, mpf, log, pi, factorial, frexp, nint, chebyfit, erf, erfc, exp, sqrt

mp.prec = 400


def round_bits(x, bits):
    """x rounded to `bits` significant bits (then exactly a float64 when bits <= 53)."""
    m, e = frexp(x)
    return float(nint(m * 2**bits) / 2**bits * mpf(2) ** e)


def show(name, value):
    print(f"  {name} = {float(value)!r}  // {float(value).hex()}")


def section(title):
    print(f"\n## {title}")


section("ln 2 (exp.ts reduction, log.ts reconstruction): LN2_HI has 42 bits, so k*LN2_HI is exact for |k| < 2^11")
ln2 = log(2)
ln2_hi = round_bits(ln2, 42)
ln2_lo = float(ln2 - ln2_hi)
show("LN2_HI", ln2_hi)
show("LN2_LO", ln2_lo)
show("INV_LN2", 1 / ln2)
print(f"  residual |ln2 - HI - LO| = {float(abs(ln2 - ln2_hi - ln2_lo)):.3e}")

section("pi/2 (trig-reduce.ts Cody-Waite): P1, P2 have 33 bits, so k*P1, k*P2 are exact for |k| < 2^20")
pio2 = pi / 2
p1 = round_bits(pio2, 33)
p2 = round_bits(pio2 - p1, 33)
p3 = float(pio2 - p1 - p2)
show("PIO2_1", p1)
show("PIO2_2", p2)
show("PIO2_3", p3)
print(f"  residual |pi/2 - P1 - P2 - P3| = {float(abs(pio2 - p1 - p2 - p3)):.3e}")
show("TWO_OVER_PI", 2 / pi)
pio2_hi = float(pio2)
show("PIO2_HI (double-double, Payne-Hanek)", pio2_hi)
show("PIO2_LO", pio2 - pio2_hi)

section("2/pi bits (two-over-pi.ts): floor(2/pi * 2^1280) as hex")
mp.prec = 1600
bits = int(mp.floor(2 / mp.pi * mpf(2) ** 1280))
print(f"  TWO_OVER_PI_BITS = 0x{bits:x}")
mp.prec = 400

section("exp kernel (exp-kernel.ts): expm1(r) = r + r^2 * sum_{n=2..14} r^(n-2)/n!, |r| <= ln2/2")
for n in range(2, 15):
    show(f"1/{n}!", 1 / factorial(n))
r = ln2 / 2
print(f"  first omitted term r^15/15! = {float(r**15 / factorial(15)):.3e} (relative to exp(r) >= 0.7)")

section("sin kernel (trig-kernel.ts): sin(y) = y + y^3 * sum_{n=1..8} (-1)^n y^(2n-2)/(2n+1)!, |y| <= pi/4")
for n in range(1, 9):
    show(f"(-1)^{n}/{2*n+1}!", (-1) ** n / factorial(2 * n + 1))
y = pi / 4
print(f"  first omitted term y^19/19! = {float(y**19 / factorial(19)):.3e}")

section("cos kernel (trig-kernel.ts): cos(y) = 1 - y^2/2 + y^4 * sum_{n=2..9} (-1)^n y^(2n-4)/(2n)!")
for n in range(2, 10):
    show(f"(-1)^{n}/{2*n}!", (-1) ** n / factorial(2 * n))
print(f"  first omitted term y^20/20! = {float(y**20 / factorial(20)):.3e}")

section("log kernel (log-kernel.ts): log(1+f) = 2 atanh(s), s = f/(2+f), |s| <= (sqrt2-1)/(sqrt2+1); R(z) = sum_{n=1..11} 2 z^n/(2n+1), z = s^2")
for n in range(1, 12):
    show(f"2/{2*n+1}", mpf(2) / (2 * n + 1))
s = (sqrt(2) - 1) / (sqrt(2) + 1)
print(f"  |s| <= {float(s)!r}; first omitted term relative to 2s: z^12/25 = {float(s**24 / 25):.3e}")

section("double-double log for pow (log-double.ts): 2/3 = TWO_THIRDS_HI + TWO_THIRDS_LO")
th = float(mpf(2) / 3)
show("TWO_THIRDS_HI", th)
show("TWO_THIRDS_LO", mpf(2) / 3 - th)


def fit(f, a, b, n, center):
    """chebyfit of f(center + t) on [a - center, b - center] with n coefficients, rounded to
    float64; returns the float coefficients, highest degree first (Horner order)."""
    poly = chebyfit(lambda t: f(center + t), [a - center, b - center], n)
    return [float(c) for c in poly]


def horner(coeffs, t):
    acc = mpf(0)
    for c in coeffs:
        acc = acc * t + mpf(c)
    return acc


def max_error(approx, exact, a, b, relative_to, points=1201):
    worst = mpf(0)
    for i in range(points):
        x = a + (b - a) * mpf(i) / (points - 1)
        worst = max(worst, abs(approx(x) - exact(x)) / relative_to(x))
    return worst


def show_array(name, coeffs):
    print(f"  {name} = [")
    for c in coeffs:
        print(f"    {c!r},")
    print("  ]")


mp.prec = 200
section("erf (erf.ts). Errors below are of the float64-rounded polynomials, exact arithmetic, "
        "relative to erf(x) (in units of 2^-53 = 1.11e-16)")
ulp = mpf(2) ** -53

# |x| < 1: erf(x) = x + x Q(x^2), Q(z) = erf(sqrt z)/sqrt z - 1.
def q_small(z):
    if z == 0:
        return 2 / sqrt(mp.pi) - 1
    return erf(sqrt(z)) / sqrt(z) - 1
small = fit(q_small, mpf(0), mpf(1), 14, mpf(0))
show("TWO_OVER_SQRT_PI_MINUS_1", 2 / sqrt(mp.pi) - 1)
show_array("SMALL (Q(z), |x| < 1)", small)
err = max_error(lambda x: x + x * horner(small, x * x), erf, mpf(2) ** -28, mpf(1), erf)
print(f"  max error on [2^-28, 1]: {float(err / ulp):.4f} ulp")

# 1 <= |x| < 2: erf(x) = A + t P(t), t = x - 1.5, A = erf(1.5) as double-double.
a_mid = erf(mpf(1.5))
a_hi = float(a_mid)
a_lo = float(a_mid - a_hi)
def p_mid(t):
    if abs(t) < mpf(10) ** -50:
        return 2 / sqrt(mp.pi) * exp(-mpf(1.5) ** 2)
    return (erf(mpf(1.5) + t) - a_mid) / t
middle = fit(p_mid, mpf(-0.5), mpf(0.5), 18, mpf(0))
show("ERF_1_5_HI", a_hi)
show("ERF_1_5_LO", a_lo)
show_array("MIDDLE (P(t), t = x - 1.5, 1 <= x < 2)", middle)
err = max_error(lambda x: mpf(a_hi) + (mpf(a_lo) + (x - mpf(1.5)) * horner(middle, x - mpf(1.5))),
                erf, mpf(1), mpf(2), erf)
print(f"  max error on [1, 2]: {float(err / ulp):.4f} ulp")

# 2 <= |x| < 6: erf(x) = 1 - exp(-x^2) G(x), G(x) = erfc(x) exp(x^2) = erfcx(x).
def g(x):
    return erfc(x) * exp(x * x)
for name, a, b, n in [("TAIL_A (G(x), t = x - 2.75, 2 <= x < 3.5)", 2, 3.5, 16),
                      ("TAIL_B (G(x), t = x - 4.75, 3.5 <= x < 6)", 3.5, 6, 14)]:
    a, b = mpf(a), mpf(b)
    center = (a + b) / 2
    coeffs = [float(c) for c in chebyfit(lambda t: g(center + t), [a - center, b - center], n)]
    show_array(name, coeffs)
    rel = max_error(lambda x: horner(coeffs, x - center), g, a, b, g)
    err = max_error(lambda x: 1 - exp(-x * x) * horner(coeffs, x - center), erf, a, b, erf)
    print(f"  relative error of G: {float(rel):.3e}; error of erf on [{a}, {b}]: {float(err / ulp):.4f} ulp")

section("tanh (tanh.ts): tanh(x) = x + x^3 T(x^2) for |x| < 0.55, T(z) = (tanh(sqrt z) - sqrt z)/sqrt(z)^3")
from mpmath import tanh as mp_tanh


def t_small(z):
    if z == 0:
        return mpf(-1) / 3
    s = sqrt(z)
    return (mp_tanh(s) - s) / (s * s * s)


TANH_LIMIT = mpf(0.55)
for n in (10, 11, 12, 13):
    coeffs = fit(t_small, mpf(0), TANH_LIMIT**2, n, mpf(0))
    err = max_error(lambda x: x + x**3 * horner(coeffs, x * x), mp_tanh, mpf(2) ** -27, TANH_LIMIT, mp_tanh)
    print(f"  {n} coefficients: max error {float(err / ulp):.4f} ulp")
show_array("TANH_SMALL (12 coefficients)", fit(t_small, mpf(0), TANH_LIMIT**2, 12, mpf(0)))
