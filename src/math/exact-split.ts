/**
 * The loops of the block path (exact-blocks.ts): error-free splitting of a block of values
 * against sigma = 1.5 * 2^k, summing the pieces in plain float64. Each loop leaves its sums in
 * `splitSums`; whether they are exact is for the caller to decide from the statistics there.
 *
 * With |x| <= 2^(k-1), q = (x + sigma) - sigma is x rounded to a multiple of 2^(k-52) and
 * r = x - q is exact, |r| <= 2^(k-53) (the ExtractScalar step of Rump, Ogita and Oishi,
 * "Accurate floating-point summation part I: faithful rounding", SIAM J. Sci. Comput. 31(1),
 * 2008; the 1.5 factor as in Demmel and Nguyen, "Fast reproducible floating-point summation",
 * ARITH 2013).
 *
 * NOTE: the loops take four values per step with two accumulators per kind, so that
 * the float adds overlap instead of waiting on one another; the exactness arguments hold for
 * any grouping. Lengths are multiples of 4: a remainder loop inside slows V8's code by a fifth.
 */

import { notANumber } from './exact-slots.js';

/**
 * Results of the last pass: [0] sum of q, [1] sum of r (or of the second-level q),
 * [2] sum of |x|, [3] minimum |x| (quick pass) or distance off the final grid (grid passes),
 * [4] sum of the second-level r (two-level pass).
 */
export const splitSums: Float64Array = new Float64Array(5);

/** One level: sums of q and r, sum and minimum of |x|. */
export function splitQuick(values: ArrayLike<number>, start: number, end: number, sigma: number): void {
  let q0 = 0, q1 = 0, r0 = 0, r1 = 0, sumAbs = 0, minAbs = Infinity;
  for (let i = start; i < end; i += 4) {
    const a = values[i], b = values[i + 1], c = values[i + 2], d = values[i + 3];
    if (typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'number' || typeof d !== 'number') {
      throw firstNotANumber(values, i);
    }
    const aa = Math.abs(a), ab = Math.abs(b), ac = Math.abs(c), ad = Math.abs(d);
    sumAbs += (aa + ab) + (ac + ad);
    // NOTE: not Math.min, which V8 slows down badly on runs of equal values such as zeros;
    // these branches are almost never taken once the block's first few values are seen.
    if (aa < minAbs) minAbs = aa;
    if (ab < minAbs) minAbs = ab;
    if (ac < minAbs) minAbs = ac;
    if (ad < minAbs) minAbs = ad;
    const qa = (a + sigma) - sigma, qb = (b + sigma) - sigma;
    const qc = (c + sigma) - sigma, qd = (d + sigma) - sigma;
    q0 += qa + qb;
    q1 += qc + qd;
    r0 += (a - qa) + (b - qb);
    r1 += (c - qc) + (d - qd);
  }
  splitSums[0] = q0 + q1;
  splitSums[1] = r0 + r1;
  splitSums[2] = sumAbs;
  splitSums[3] = minAbs;
}

/**
 * One level, and each r rounded to the grid of `grid` (grid = 1.5 * 2^g rounds to multiples of
 * 2^(g-52); 0 rounds nothing): [3] is the total distance of the r's from that grid.
 */
export function splitOnGrid(
  values: ArrayLike<number>, start: number, end: number, sigma: number, grid: number,
): void {
  let q0 = 0, q1 = 0, r0 = 0, r1 = 0, sumAbs = 0, miss = 0;
  for (let i = start; i < end; i += 4) {
    const a = values[i], b = values[i + 1], c = values[i + 2], d = values[i + 3];
    if (typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'number' || typeof d !== 'number') {
      throw firstNotANumber(values, i);
    }
    sumAbs += (Math.abs(a) + Math.abs(b)) + (Math.abs(c) + Math.abs(d));
    const qa = (a + sigma) - sigma, qb = (b + sigma) - sigma;
    const qc = (c + sigma) - sigma, qd = (d + sigma) - sigma;
    const ra = a - qa, rb = b - qb, rc = c - qc, rd = d - qd;
    miss += (Math.abs(ra - ((ra + grid) - grid)) + Math.abs(rb - ((rb + grid) - grid)))
      + (Math.abs(rc - ((rc + grid) - grid)) + Math.abs(rd - ((rd + grid) - grid)));
    q0 += qa + qb;
    q1 += qc + qd;
    r0 += ra + rb;
    r1 += rc + rd;
  }
  splitSums[0] = q0 + q1;
  splitSums[1] = r0 + r1;
  splitSums[2] = sumAbs;
  splitSums[3] = miss;
}

/**
 * Two levels: x = q + p + t with q split at sigma, p the split of r = x - q at sigma2, and
 * t = r - p; [3] is the total distance of the t's from the grid of `grid`.
 */
export function splitTwice(
  values: ArrayLike<number>, start: number, end: number, sigma: number, sigma2: number, grid: number,
): void {
  let q0 = 0, q1 = 0, p0 = 0, p1 = 0, t0 = 0, t1 = 0, sumAbs = 0, miss = 0;
  for (let i = start; i < end; i += 4) {
    const a = values[i], b = values[i + 1], c = values[i + 2], d = values[i + 3];
    if (typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'number' || typeof d !== 'number') {
      throw firstNotANumber(values, i);
    }
    sumAbs += (Math.abs(a) + Math.abs(b)) + (Math.abs(c) + Math.abs(d));
    const qa = (a + sigma) - sigma, qb = (b + sigma) - sigma;
    const qc = (c + sigma) - sigma, qd = (d + sigma) - sigma;
    const ra = a - qa, rb = b - qb, rc = c - qc, rd = d - qd;
    const pa = (ra + sigma2) - sigma2, pb = (rb + sigma2) - sigma2;
    const pc = (rc + sigma2) - sigma2, pd = (rd + sigma2) - sigma2;
    const ta = ra - pa, tb = rb - pb, tc = rc - pc, td = rd - pd;
    miss += (Math.abs(ta - ((ta + grid) - grid)) + Math.abs(tb - ((tb + grid) - grid)))
      + (Math.abs(tc - ((tc + grid) - grid)) + Math.abs(td - ((td + grid) - grid)));
    q0 += qa + qb;
    q1 += qc + qd;
    p0 += pa + pb;
    p1 += pc + pd;
    t0 += ta + tb;
    t1 += tc + td;
  }
  splitSums[0] = q0 + q1;
  splitSums[1] = p0 + p1;
  splitSums[2] = sumAbs;
  splitSums[3] = miss;
  splitSums[4] = t0 + t1;
}

/** The TypeError for the first non-number at or after index i. */
function firstNotANumber(values: ArrayLike<number>, i: number): TypeError {
  while (typeof values[i] === 'number') i++;
  return notANumber(values[i], i);
}
