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
    if (!areNumbers(a, b, c, d)) throw firstNotANumber(values, i);
    const aa = Math.abs(a), ab = Math.abs(b), ac = Math.abs(c), ad = Math.abs(d);
    sumAbs += (aa + ab) + (ac + ad);
    // NOTE: not Math.min, which V8 slows down badly on runs of equal values such as zeros;
    // these branches are almost never taken once the block's first few values are seen.
    if (aa < minAbs) minAbs = aa;
    if (ab < minAbs) minAbs = ab;
    if (ac < minAbs) minAbs = ac;
    if (ad < minAbs) minAbs = ad;
    const qa = onGrid(a, sigma), qb = onGrid(b, sigma), qc = onGrid(c, sigma), qd = onGrid(d, sigma);
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
    if (!areNumbers(a, b, c, d)) throw firstNotANumber(values, i);
    sumAbs += (Math.abs(a) + Math.abs(b)) + (Math.abs(c) + Math.abs(d));
    const qa = onGrid(a, sigma), qb = onGrid(b, sigma), qc = onGrid(c, sigma), qd = onGrid(d, sigma);
    const ra = a - qa, rb = b - qb, rc = c - qc, rd = d - qd;
    miss += (offGrid(ra, grid) + offGrid(rb, grid)) + (offGrid(rc, grid) + offGrid(rd, grid));
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
    if (!areNumbers(a, b, c, d)) throw firstNotANumber(values, i);
    sumAbs += (Math.abs(a) + Math.abs(b)) + (Math.abs(c) + Math.abs(d));
    const qa = onGrid(a, sigma), qb = onGrid(b, sigma), qc = onGrid(c, sigma), qd = onGrid(d, sigma);
    const ra = a - qa, rb = b - qb, rc = c - qc, rd = d - qd;
    const pa = onGrid(ra, sigma2), pb = onGrid(rb, sigma2), pc = onGrid(rc, sigma2), pd = onGrid(rd, sigma2);
    const ta = ra - pa, tb = rb - pb, tc = rc - pc, td = rd - pd;
    miss += (offGrid(ta, grid) + offGrid(tb, grid)) + (offGrid(tc, grid) + offGrid(td, grid));
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

// The per-value steps of the loops, named once. They are small enough that V8 inlines them, so
// the loops run as fast as with the expressions written out (scripts/fsum-speed.ts).

/** x rounded to the grid of sigma = 1.5 * 2^k (multiples of 2^(k-52)): the q of the split. */
function onGrid(x: number, sigma: number): number {
  return (x + sigma) - sigma;
}

/** |x - onGrid(x, grid)|: how far x lies off the grid (0 for every finite x when grid is 0). */
function offGrid(x: number, grid: number): number {
  return Math.abs(x - onGrid(x, grid));
}

/** Whether all four are numbers (values[i] of an ArrayLike<number> may be anything at run time). */
function areNumbers(a: unknown, b: unknown, c: unknown, d: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof d === 'number';
}

/** The TypeError for the first non-number at or after index i. */
function firstNotANumber(values: ArrayLike<number>, i: number): TypeError {
  while (typeof values[i] === 'number') i++;
  return notANumber(values[i], i);
}
