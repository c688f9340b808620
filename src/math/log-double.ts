import { twoProductError, twoSumError } from './error-free.js';
import { L1 as TWO_THIRDS_HI, LN2_HI, LN2_LO, logSeriesTail, splitExponent } from './log-kernel.js';

// TWO_THIRDS_LO: 2/3 - L1, rounded (section "double-double log for pow" of
// scripts/math/fit-coefficients.py); ln 2 and the series come from log-kernel.ts.
const TWO_THIRDS_LO = 3.700743415417188e-17;

const scratch = new Float64Array(1);

/**
 * log(x) as a double-double for finite x > 0: writes hi to out[0] and lo to out[1], with
 * |hi + lo - log x| below about 2^-66 |log x|. This is what pow needs: y log x up to ~745
 * must be known to far better than 2^-53 absolute.
 *
 * Same reduction as log64: x = 2^k (1 + f), s = f/(2+f), log(1+f) = 2s + s^3 q(s^2) with
 * q(z) = 2/3 + 2z/5 + 2z^2/7 + ...; s, s^3 and q are carried as double-double where their
 * rounding would show (error-free transformations, Dekker 1971).
 */
export function logDoubleDouble(x: number, out: Float64Array): void {
  const k = splitExponent(x, scratch);
  const f = scratch[0];
  // s = f / (2 + f) as sHi + sLo.
  const u = 2 + f;
  const uErr = twoSumError(2, f, u);
  const sHi = f / u;
  const p = sHi * u;
  const sLo = ((f - p) - twoProductError(sHi, u, p) - sHi * uErr) / u;
  // s^3 as cube + cubeErr.
  const z = sHi * sHi;
  const zErr = twoProductError(sHi, sHi, z);
  const cube = sHi * z;
  const cubeErr = twoProductError(sHi, z, cube) + (sHi * zErr + 3 * z * sLo);
  // q(z) as qHi + qLo: only its leading 2/3 needs the extra word.
  const v = z * logSeriesTail(z);
  const qHi = TWO_THIRDS_HI + v;
  const qLo = twoSumError(TWO_THIRDS_HI, v, qHi) + TWO_THIRDS_LO;
  // w = s^3 q.
  const w = cube * qHi;
  const wErr = twoProductError(cube, qHi, w) + (cube * qLo + cubeErr * qHi);
  // log(1 + f) = 2s + w.
  const m = 2 * sHi + w;
  const mErr = twoSumError(2 * sHi, w, m) + (2 * sLo + wErr);
  // + k ln2, with k * LN2_HI exact.
  const kHi = k * LN2_HI;
  const h = kHi + m;
  const l = twoSumError(kHi, m, h) + (mErr + k * LN2_LO);
  const hi = h + l;
  out[0] = hi;
  out[1] = (h - hi) + l;
}
