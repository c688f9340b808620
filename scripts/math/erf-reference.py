#!/usr/bin/env python3
"""erf reference for scripts/math/ulp-sweep.ts (offline): reads little-endian float32 values
from stdin, writes erf(x) (mpmath at 80 bits, rounded to nearest float64) as little-endian
float64 to stdout. JavaScript has no Math.erf to compare against."""
import sys
from array import array

from mpmath import mp, mpf
from mpmath.libmp import to_float

mp.prec = 80
data = sys.stdin.buffer.read()
xs = array("f")
xs.frombytes(data)
out = array("d", (to_float(mp.erf(mpf(float(x)))._mpf_, rnd="n") for x in xs))
sys.stdout.buffer.write(out.tobytes())
