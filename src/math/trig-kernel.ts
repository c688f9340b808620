import { twoProductError } from './error-free.js';
import { reduceHalfPi } from './trig-reduce.js';

// Taylor coefficients (-1)^n/(2n+1)!, n = 1..8, section "sin kernel" of
// scripts/math/fit-coefficients.py; the first omitted term is below 1e-19 on |y| <= pi/4.
const S1 = -0.16666666666666666;
const S2 = 0.008333333333333333;
const S3 = -0.0001984126984126984;
const S4 = 2.7557319223985893e-6;
const S5 = -2.505210838544172e-8;
const S6 = 1.6059043836821613e-10;
const S7 = -7.647163731819816e-13;
const S8 = 2.8114572543455206e-15;

// (-1)^n/(2n)!, n = 2..9, section "cos kernel"; first omitted term below 4e-21.
const C2 = 0.041666666666666664;
const C3 = -0.001388888888888889;
const C4 = 2.48015873015873e-5;
const C5 = -2.755731922398589e-7;
const C6 = 2.08767569878681e-9;
const C7 = -1.1470745597729725e-11;
const C8 = 4.779477332387385e-14;
const C9 = -1.5619206968586225e-16;

/**
 * sin(y + yy) for |y| <= ~pi/4 and |yy| <= ulp(y): y + y^3 S(y^2) + yy cos(y), the small
 * terms summed first so that only the last addition rounds at the scale of the result.
 */
export function sinKernel(y: number, yy: number): number {
  const z = y * y;
  const s = S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * (S6 + z * (S7 + z * S8))))));
  return y + (y * z * s + yy * (1 - 0.5 * z));
}

/**
 * cos(y + yy) for |y| <= ~pi/4 and |yy| <= ulp(y): 1 - y^2/2 + y^4 C(y^2) - yy sin(y).
 * NOTE: 1 - y^2/2 is formed with the exact errors of y*y and of the subtraction carried along:
 * near |y| = pi/4 a plain rounding of y^2/2 alone would cost a quarter ulp of the result.
 */
export function cosKernel(y: number, yy: number): number {
  const z = y * y;
  const zErr = twoProductError(y, y, z);
  const half = 0.5 * z;
  const w = 1 - half;
  const c = C2 + z * (C3 + z * (C4 + z * (C5 + z * (C6 + z * (C7 + z * (C8 + z * C9))))));
  const tail = ((1 - w) - half) + (z * z * c - (0.5 * zErr + y * yy));
  return w + tail;
}

const reduced = new Float64Array(2);

/**
 * sin(x + q·π/2) for finite x and q ≥ 0, by exact argument reduction (trig-reduce.ts): x is
 * n·π/2 + y + yy, and quadrant n + q picks ±sin or ±cos of y + yy. sin64 and cos64 (q = 1,
 * since cos x = sin(x + π/2)) use it beyond π/4.
 */
export function sinShifted(x: number, q: number): number {
  const n = reduceHalfPi(x, reduced) + q;
  const y = reduced[0];
  const yy = reduced[1];
  switch (n & 3) {
    case 0: return sinKernel(y, yy);
    case 1: return cosKernel(y, yy);
    case 2: return -sinKernel(y, yy);
    default: return -cosKernel(y, yy);
  }
}
