import { twoProductError, twoSumError } from './error-free.js';
import { splitExponent } from './log-kernel.js';

// Sections "ln 2", "log kernel" and "double-double log for pow" of
// scripts/math/fit-coefficients.py.
const LN2_HI = 0.6931471805598903;
const LN2_LO = 5.497923018708371e-14;
const TWO_THIRDS_HI = 0.6666666666666666;
const TWO_THIRDS_LO = 3.700743415417188e-17;
const L2 = 0.4;
const L3 = 0.2857142857142857;
const L4 = 0.2222222222222222;
const L5 = 0.18181818181818182;
const L6 = 0.15384615384615385;
const L7 = 0.13333333333333333;
const L8 = 0.11764705882352941;
const L9 = 0.10526315789473684;
const L10 = 0.09523809523809523;
const L11 = 0.08695652173913043;

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
  const v = z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * (L7 + z * (L8 + z * (L9
    + z * (L10 + z * L11)))))))));
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
