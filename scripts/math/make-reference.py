#!/usr/bin/env python3
"""Reference values for the src/math tests, computed once offline with mpmath.

Run: python3 scripts/math/make-reference.py   (about 20 seconds; deterministic: fixed seed)
Writes:
- test/math/testdata/reference-f32.json: per function, float32 inputs (random bit patterns over
  the whole domain plus dense samples where functions are delicate) and the exact value
  rounded to nearest float64. Entries are [inputBits, refBits] (pow: [xBits, yBits, refBits]),
  float32 bits as 8 hex digits, float64 bits as 16 hex digits, so every value round-trips.
- test/math/testdata/reference-f64.json: per function, float64 inputs and the exact value as a
  double-double (hi, lo), to measure the float64 cores to a fraction of an ulp.
  Entries are [inputBits, hiBits, loBits] (pow: [xBits, yBits, hiBits, loBits]).

Exact values use mpmath at 400 bits (sin/cos of 2^128 need ~128 bits just for the argument) and
are rounded to float64 through fractions.Fraction, whose float() is correctly rounded (mpmath's
own float() truncates). The script checks that rounding the float64 reference to float32 equals
rounding the exact value to float32 (no double-rounding trap) for every entry it keeps.
"""
import json
import math
import os
import random
import struct
from fractions import Fraction

from mpmath import mp, mpf

mp.prec = 400
rng = random.Random(20240611)

F32_MAX = struct.unpack("<f", struct.pack("<I", 0x7F7FFFFF))[0]


def f32_from_bits(b):
    return struct.unpack("<f", struct.pack("<I", b))[0]


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def to_f32(x):
    """Round a float64 to float32 (nearest even); overflow to infinity."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def exact_fraction(v):
    if v == 0:
        return Fraction(0)
    sign, man, exp, bits = v._mpf_  # NOTE: mpf.man_exp drops the sign
    # Far outside the float64 range, stand-ins that round the same way (exp(3e38) would
    # otherwise build a 10^38-bit integer).
    if exp + bits > 1100:
        value = Fraction(2) ** 1100
    elif exp + bits < -1200:
        value = Fraction(1, 2**1200)
    else:
        value = Fraction(int(man)) * (Fraction(2) ** int(exp))
    return -value if sign else value


def f64_round(fr):
    try:
        return float(fr)
    except OverflowError:  # float(Fraction) raises instead of rounding to infinity
        return math.inf if fr > 0 else -math.inf


def f32_round_exact(fr):
    """Correct float32 rounding of an exact fraction, via a float64 pre-rounding check."""
    if fr == 0:
        return 0.0
    sign = -1 if fr < 0 else 1
    a = abs(fr)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    q = max(e - 23, -149)
    scaled = a / (Fraction(2) ** q)
    n = scaled.numerator // scaled.denominator
    rem = scaled - n
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and n % 2 == 1):
        n += 1
    value = Fraction(n) * (Fraction(2) ** q)
    if value > Fraction(F32_MAX):
        return sign * math.inf
    return sign * float(value)


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return mp.log1p(mp.exp(x))


FUNCTIONS = {
    "exp": mp.exp,
    "expm1": mp.expm1,
    "log": mp.log,
    "log1p": mp.log1p,
    "tanh": mp.tanh,
    "sigmoid": sigmoid,
    "softplus": softplus,
    "erf": mp.erf,
    "sin": mp.sin,
    "cos": mp.cos,
}


def rand_bits_between(a, b):
    """A float32 drawn uniformly in bit-pattern space between a and b (same sign or zero)."""
    lo, hi = sorted((a, b))
    if lo >= 0:
        return f32_from_bits(rng.randint(f32_bits(lo), f32_bits(hi)))
    if hi <= 0:
        return -f32_from_bits(rng.randint(f32_bits(-hi), f32_bits(-lo)))
    return rand_bits_between(0.0, hi) if rng.random() < 0.5 else rand_bits_between(lo, -0.0)


def rand_uniform(a, b):
    return to_f32(rng.uniform(a, b))


def random_any():
    """Any finite float32, uniform over bit patterns."""
    while True:
        x = f32_from_bits(rng.getrandbits(32))
        if math.isfinite(x):
            return x


def neighbours(x, count):
    """x (rounded to float32) and its `count` float32 neighbours on each side."""
    x = to_f32(x)
    b = f32_bits(abs(x))
    out = []
    for d in range(-count, count + 1):
        if 0 <= b + d < 0x7F800000:
            out.append(math.copysign(f32_from_bits(b + d), x) if x != 0 else f32_from_bits(b + d))
    return out


def samples(name):
    xs = []
    many = lambda n, gen: [gen() for _ in range(n)]
    if name == "exp":
        xs += many(700, lambda: rand_bits_between(-104.0, 89.0))
        xs += many(500, lambda: rand_uniform(-104.0, 89.0))
        xs += many(300, lambda: rand_bits_between(-1e-3, 1e-3))
        xs += many(300, lambda: rand_uniform(87.5, 89.0))
        xs += many(300, lambda: rand_uniform(-104.0, -87.0))
        for k in range(-150, 129, 7):
            xs += neighbours(k * math.log(2), 2)
        xs += many(100, random_any)
    elif name == "expm1":
        xs += many(700, lambda: rand_bits_between(-20.0, 89.0))
        xs += many(500, lambda: rand_uniform(-2.0, 2.0))
        xs += many(400, lambda: rand_bits_between(-1e-3, 1e-3))
        xs += many(200, lambda: rand_uniform(87.5, 89.0))
        for k in range(-30, 129, 5):
            xs += neighbours(k * math.log(2) + 0.5 * math.log(2), 2)
        xs += many(100, random_any)
    elif name == "log":
        xs += many(1200, lambda: f32_from_bits(rng.randint(1, 0x7F7FFFFF)))
        xs += many(500, lambda: rand_uniform(0.7, 1.5))
        xs += many(200, lambda: f32_from_bits(rng.randint(1, 0x007FFFFF)))  # subnormals
        xs += neighbours(1.0, 30)
        xs += neighbours(math.sqrt(2), 5) + neighbours(math.sqrt(0.5), 5)
        xs += many(300, lambda: rand_uniform(1e-3, 100.0))
    elif name == "log1p":
        xs += many(800, lambda: f32_from_bits(rng.randint(0, 0x7F7FFFFF)))
        xs += many(400, lambda: rand_uniform(-1.0, 1.0))
        xs += many(400, lambda: rand_bits_between(-1e-3, 1e-3))
        xs += many(200, lambda: -rand_bits_between(0.9, 1.0))
        xs += neighbours(math.sqrt(2) - 1, 5) + neighbours(math.sqrt(0.5) - 1, 5)
    elif name == "tanh":
        xs += many(800, lambda: rand_uniform(-10.0, 10.0))
        xs += many(600, lambda: rand_bits_between(-10.0, 10.0))
        xs += many(300, lambda: rand_bits_between(-1e-3, 1e-3))
        xs += many(200, lambda: rand_uniform(-0.7, 0.7))
        xs += many(200, random_any)
    elif name == "sigmoid":
        xs += many(800, lambda: rand_uniform(-20.0, 20.0))
        xs += many(500, lambda: rand_bits_between(-104.0, 20.0))
        xs += many(300, lambda: rand_uniform(-104.0, -80.0))
        xs += many(300, lambda: rand_uniform(15.0, 18.0))
        xs += many(200, random_any)
    elif name == "softplus":
        xs += many(800, lambda: rand_uniform(-20.0, 20.0))
        xs += many(500, lambda: rand_bits_between(-104.0, 40.0))
        xs += many(300, lambda: rand_uniform(-104.0, -80.0))
        xs += many(300, lambda: rand_uniform(14.0, 40.0))
        xs += many(200, random_any)
    elif name == "erf":
        xs += many(800, lambda: rand_uniform(-4.5, 4.5))
        xs += many(500, lambda: rand_bits_between(-6.0, 6.0))
        xs += many(300, lambda: rand_bits_between(-1e-3, 1e-3))
        xs += many(300, lambda: rand_uniform(0.8, 2.2))
        xs += many(300, lambda: rand_uniform(3.3, 4.1))
        for edge in (1.0, 2.0, 3.5, 6.0):
            xs += neighbours(edge, 3) + neighbours(-edge, 3)
        xs += many(100, random_any)
    elif name in ("sin", "cos"):
        xs += many(900, random_any)
        xs += many(600, lambda: rand_uniform(-10.0, 10.0))
        xs += many(300, lambda: rand_bits_between(-1e-3, 1e-3))
        xs += many(300, lambda: rand_bits_between(-524288.0, 524288.0))
        for k in list(range(1, 40)) + [rng.randint(40, 600000) for _ in range(40)]:
            xs += neighbours(k * math.pi / 2, 2)
        # The float32 values closest to multiples of pi/2 (searched offline below) and huge ones.
        xs += hard_trig_cases()
        xs += many(200, lambda: rand_bits_between(1e30, 3.4e38))
    return xs


def hard_trig_cases():
    """float32 values whose distance to a multiple of pi/2 is smallest, by binade."""
    out = []
    for e in range(1, 128, 3):
        best = None
        base = 2.0**e
        for _ in range(400):
            x = to_f32(rng.uniform(base, 2 * base))
            k = round(mpf(x) / (mp.pi / 2))
            d = abs(mpf(x) - k * mp.pi / 2) / mpf(x)
            if best is None or d < best[0]:
                best = (d, x)
        out.append(best[1])
        out.append(-best[1])
    return out


def pow_samples():
    pairs = []
    for _ in range(700):
        pairs.append((rand_bits_between(1e-3, 1e3), rand_uniform(-12.0, 12.0)))
    for _ in range(500):
        x = f32_from_bits(rng.randint(1, 0x7F7FFFFF))
        lx = math.log(x)
        target = rng.uniform(-103.0, 88.7)
        pairs.append((x, to_f32(target / lx)))
    for _ in range(400):  # integer exponents, negative bases too
        x = rand_uniform(-30.0, 30.0)
        pairs.append((x, float(rng.randint(-25, 25))))
    for _ in range(300):  # x near 1, large y
        x = to_f32(1 + rng.uniform(-1e-3, 1e-3))
        pairs.append((x, to_f32(rng.choice([-1, 1]) * 10 ** rng.uniform(2, 5))))
    for _ in range(200):
        pairs.append((rand_uniform(0.0, 10.0), rng.choice([0.5, -0.5, 1.5, 2.5, 1 / 3, 0.25, 3.0])))
    out = []
    for x, y in pairs:
        y = to_f32(y)
        if x <= 0 and y != int(y):
            continue
        if x == 0:
            continue
        out.append((x, y))
    return out


def exact(name, x):
    return exact_fraction(FUNCTIONS[name](mpf(x)))


def exact_pow(x, y):
    v = mp.power(abs(mpf(x)), mpf(y))
    if x < 0 and int(y) % 2 == 1:
        v = -v
    return exact_fraction(v)


def checked_ref(fr):
    ref = f64_round(fr)
    if to_f32(ref) != f32_round_exact(fr) and not (math.isinf(to_f32(ref)) and math.isinf(f32_round_exact(fr))):
        return None
    return ref


def main():
    import sys
    sys.stdout.reconfigure(line_buffering=True)
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.join(here, "..", "..", "test", "math", "testdata")
    f32_table = {}
    dropped = 0
    for name in FUNCTIONS:
        rows = []
        seen = set()
        for x in samples(name):
            x = to_f32(x)
            if f32_bits(x) in seen:
                continue
            seen.add(f32_bits(x))
            if name in ("log",) and x <= 0:
                continue
            if name == "log1p" and x <= -1:
                continue
            ref = checked_ref(exact(name, x))
            if ref is None:
                dropped += 1
                continue
            rows.append([f"{f32_bits(x):08x}", f"{f64_bits(ref):016x}"])
        f32_table[name] = rows
        print(name, len(rows))
    rows = []
    for x, y in pow_samples():
        fr = exact_pow(x, y)
        ref = checked_ref(fr)
        if ref is None:
            dropped += 1
            continue
        rows.append([f"{f32_bits(x):08x}", f"{f32_bits(y):08x}", f"{f64_bits(ref):016x}"])
    f32_table["pow"] = rows
    print("pow", len(rows), "dropped for double rounding:", dropped)

    f64_table = {}
    for name in FUNCTIONS:
        rows = []
        for x in f64_samples(name):
            fr = exact(name, x)
            hi = f64_round(fr)
            lo = f64_round(fr - Fraction(hi))
            rows.append([f"{f64_bits(x):016x}", f"{f64_bits(hi):016x}", f"{f64_bits(lo):016x}"])
        f64_table[name] = rows
    rows = []
    for _ in range(400):
        x = math.exp(rng.uniform(-30, 30))
        y = rng.uniform(-700, 700) / math.log(x)
        if rng.random() < 0.3:
            y = rng.uniform(-10, 10)
        fr = exact_pow(x, y)
        hi = f64_round(fr)
        lo = f64_round(fr - Fraction(hi))
        rows.append([f"{f64_bits(x):016x}", f"{f64_bits(y):016x}", f"{f64_bits(hi):016x}", f"{f64_bits(lo):016x}"])
    f64_table["pow"] = rows

    with open(os.path.join(out_dir, "reference-f32.json"), "w") as fh:
        json.dump(f32_table, fh, separators=(",", ":"))
        fh.write("\n")
    with open(os.path.join(out_dir, "reference-f64.json"), "w") as fh:
        json.dump(f64_table, fh, separators=(",", ":"))
        fh.write("\n")


def f64_samples(name):
    """float64 inputs (no float32 rounding) over each function's main domain."""
    ranges = {
        "exp": [(-708.0, 709.0), (-1.0, 1.0)],
        "expm1": [(-40.0, 709.0), (-1.0, 1.0), (-1e-5, 1e-5)],
        "log": None,
        "log1p": [(-0.999, 10.0), (-0.3, 0.42), (-1e-5, 1e-5)],
        "tanh": [(-20.0, 20.0), (-1.0, 1.0)],
        "sigmoid": [(-700.0, 40.0), (-10.0, 10.0)],
        "softplus": [(-700.0, 40.0), (-10.0, 10.0)],
        "erf": [(-6.0, 6.0), (-1.0, 1.0), (0.9, 2.1)],
        "sin": [(-10.0, 10.0), (-1e5, 1e5)],
        "cos": [(-10.0, 10.0), (-1e5, 1e5)],
    }[name]
    xs = []
    if ranges is None:
        for _ in range(300):
            xs.append(struct.unpack("<d", struct.pack("<Q", rng.randint(1, 0x7FEFFFFFFFFFFFFF)))[0])
        xs += [rng.uniform(0.5, 2.0) for _ in range(100)]
        return xs
    per = 300 // len(ranges)
    for a, b in ranges:
        xs += [rng.uniform(a, b) for _ in range(per)]
    if name in ("sin", "cos"):
        xs += [math.ldexp(rng.uniform(1, 2), rng.randint(20, 1023)) for _ in range(60)]
    return xs


if __name__ == "__main__":
    main()
