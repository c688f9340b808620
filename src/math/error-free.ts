/**
 * Error-free transformations (Knuth's TwoSum, Dekker's product with Veltkamp splitting): the
 * rounding error of one float64 operation, computed exactly with + - * only.
 * References: Knuth, TAOCP vol. 2, 4.2.2; Dekker, "A floating-point technique for extending the
 * available precision", Numer. Math. 18 (1971).
 */

const SPLITTER = 134217729; // 2^27 + 1

/**
 * The exact error of `s = a + b` (s must be the float64 sum): a + b = s + twoSumError(a, b, s).
 * @example twoSumError(1, 1e-20, 1 + 1e-20) // 1e-20
 */
export function twoSumError(a: number, b: number, s: number): number {
  const bVirtual = s - a;
  const aVirtual = s - bVirtual;
  return (a - aVirtual) + (b - bVirtual);
}

/** The high half (26 significant bits) of Veltkamp's split of `a`; the low half is a - high. */
export function splitHigh(a: number): number {
  const t = SPLITTER * a;
  return t - (t - a);
}

/**
 * The exact error of `p = a * b` (p must be the float64 product, |a|,|b| < 2^996, no
 * underflow): a * b = p + twoProductError(a, b, p).
 */
export function twoProductError(a: number, b: number, p: number): number {
  const aHi = splitHigh(a);
  const aLo = a - aHi;
  const bHi = splitHigh(b);
  const bLo = b - bHi;
  return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
}
