import { expOfSum } from './exp-kernel.js';
import { twoProductError } from './error-free.js';
import { logDoubleDouble } from './log-double.js';

const TWO_POW_53 = 9007199254740992;
// NOTE: for float64 x != 1, |log x| >= ~2^-53, so |y| > 2^64 puts |y log x| beyond 2^11:
// certain overflow or underflow, decided before y is split (Dekker's split needs |y| < 2^996).
const HUGE_Y = 18446744073709551616; // 2^64
const logScratch = new Float64Array(2);

/**
 * x^y in float64, error about 1 ulp, with the special cases of C99 Annex F.9.4.4:
 * pow64(x, ±0) = 1 for any x (even NaN); pow64(1, y) = 1 for any y (even NaN); a negative x
 * needs an integer y (else NaN) and an odd y keeps its sign; ±0 and ±Infinity bases follow the
 * parity and sign of y; pow64(-1, ±Infinity) = 1.
 * Method: exp(y log x) with log x as a double-double and y log x formed exactly (Dekker).
 * @example pow64(2, 0.5) // 1.4142135623730951
 */
export function pow64(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x !== x || y !== y) return NaN;
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ay === Infinity) {
    if (ax === 1) return 1;
    return (ax < 1) === (y > 0) ? 0 : Infinity;
  }
  const yIsInteger = Math.floor(y) === y;
  const yIsOdd = yIsInteger && ay < TWO_POW_53 && Math.floor(0.5 * y) * 2 !== y;
  if (x === 0) {
    if (y > 0) return yIsOdd ? x : 0;
    return yIsOdd ? 1 / x : Infinity;
  }
  if (ax === Infinity) {
    if (x > 0) return y > 0 ? Infinity : 0;
    if (y > 0) return yIsOdd ? -Infinity : Infinity;
    return yIsOdd ? -0 : 0;
  }
  if (x < 0 && !yIsInteger) return NaN;
  const magnitude = powPositive(ax, y);
  return x < 0 && yIsOdd ? -magnitude : magnitude;
}

/** x^y for finite x > 0, x != 1, finite y != 0. */
function powPositive(x: number, y: number): number {
  if (Math.abs(y) > HUGE_Y) return (x < 1) === (y > 0) ? 0 : Infinity;
  logDoubleDouble(x, logScratch);
  const logHi = logScratch[0];
  const p = y * logHi;
  if (p > 710) return Infinity;
  if (p < -746) return 0;
  const pErr = twoProductError(y, logHi, p) + y * logScratch[1];
  return expOfSum(p, pErr);
}

/**
 * x^y rounded once to float32 (returned as a number), same special cases as pow64.
 * @example pow(2, 0.5) // 1.4142135381698608
 */
export function pow(x: number, y: number): number {
  return Math.fround(pow64(x, y));
}
