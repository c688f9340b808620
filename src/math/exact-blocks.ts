/**
 * The fast path of exact summation: blocks of up to 512 values are split error-free against
 * one constant and summed exactly in plain float64, so only two exact partial sums per block
 * reach the slots of exact-slots.ts.
 *
 * Splitting: with sigma = 1.5 * 2^k and |x| <= 2^(k-1), q = (x + sigma) - sigma is x rounded to
 * a multiple of 2^(k-52), and r = x - q is exact with |r| <= 2^(k-53) (the ExtractScalar step of
 * Rump, Ogita and Oishi, "Accurate floating-point summation part I: faithful rounding", SIAM J.
 * Sci. Comput. 31(1), 2008; the 1.5 factor as in Demmel and Nguyen's reproducible summation).
 * - Every partial sum of the q's is a multiple of 2^(k-52) below 2^(k+1) when sum|x| <= 2^(k-2):
 *   all exact.
 * - Every partial sum of the r's is below 512 * 2^(k-53) = 2^(k-44); all exact when every r (so
 *   every x) is a multiple of U = 2^(k-97). That holds when each nonzero |x| >= 2^(k-45) (the
 *   quick test, from the block's minimum |x|), or is checked exactly by rounding each r to the
 *   grid of U (the second chance, for blocks holding zeros or a wider range).
 * A block that fails both (NaN, Infinity, huge values, a range too wide) goes value by value
 * into the slots.
 */

import {
  addRangeToSlots, addToSlots, exponentOf, notANumber, pow2, type SlotFlags,
} from './exact-slots.js';

const BLOCK = 512;
/** Below this k the grid 2^(k-97) is finer than 2^-1074 and every double lies on it. */
const K_FINE_GRID = -977;

/** Carried from block to block: the exponent k likely to fit the next block, and how many
 * blocks in a row could not be split. */
export interface BlockState extends SlotFlags {
  guess: number;
  misses: number;
}

// One pass's results: sum of q, sum of r, sum of |x|, minimum |x| (or the grid miss).
const sums = new Float64Array(4);

/**
 * The split-and-sum pass over values[start..end) (a multiple of 4 long) with sigma = 1.5 * 2^k,
 * into `sums`.
 */
function splitBlock(values: ArrayLike<number>, start: number, end: number, sigma: number): void {
  let q0 = 0, q1 = 0, r0 = 0, r1 = 0, sumAbs = 0, minAbs = Infinity;
  // NOTE: four values per step, two accumulators per kind: the float adds then overlap
  // instead of waiting on one another (the exactness argument holds for any grouping). A
  // remainder loop here would slow the whole loop down by a fifth in V8: callers pass
  // multiples of 4.
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
  sums[0] = q0 + q1;
  sums[1] = r0 + r1;
  sums[2] = sumAbs;
  sums[3] = minAbs;
}

/**
 * The same split, checking exactly that every r lies on the grid of gridSigma / 1.5 / 2^52
 * (gridSigma 0: no check); sums[3] is then the total distance off the grid (0 when exact).
 * Values were checked to be numbers by the first pass.
 */
function splitBlockOnGrid(
  values: ArrayLike<number>, start: number, end: number, sigma: number, gridSigma: number,
): void {
  let q = 0, r = 0, miss = 0;
  for (let i = start; i < end; i++) {
    const a = values[i];
    const qa = (a + sigma) - sigma;
    const ra = a - qa;
    q += qa;
    r += ra;
    miss += Math.abs(ra - ((ra + gridSigma) - gridSigma));
  }
  sums[0] = q;
  sums[1] = r;
  sums[3] = miss;
}

function firstNotANumber(values: ArrayLike<number>, i: number): TypeError {
  while (typeof values[i] === 'number') i++;
  return notANumber(values[i], i);
}

/** The constants for splitting at sigma = 1.5 * 2^k, and the bounds that make it exact. */
class Split {
  k = 0;
  sigma = 0;
  /** Largest sum of |x| for which every partial sum of the q's is exact. */
  upper = 0;
  /** Smallest nonzero |x| sure to lie on the grid U = 2^(k-97) of exact r sums. */
  lower = 0;
  /** Rounds an r to the grid U (0 when every double is on it). */
  grid = 0;

  constructor(k: number) {
    this.set(k);
  }

  set(k: number): void {
    this.k = k;
    this.sigma = 1.5 * pow2(k);
    this.upper = pow2(k - 2);
    this.lower = pow2(k - 45);
    this.grid = k >= K_FINE_GRID ? 1.5 * pow2(k - 45) : 0;
  }
}

/**
 * Adds values[start..end) exactly into `slots`, block by block. Uses at most end - start
 * slot additions of the carry budget.
 */
export function addBlocks(
  slots: Float64Array, values: ArrayLike<number>, start: number, end: number, state: BlockState,
): void {
  const split = new Split(state.guess);
  for (let s = start; s < end; s += BLOCK) {
    let e = Math.min(end, s + BLOCK);
    if ((e - s) % 4 !== 0) {
      addRangeToSlots(slots, values, e - (e - s) % 4, e, state);
      e -= (e - s) % 4;
    }
    if (e === s) continue;
    // After two blocks in a row went to the slots, try splitting only on every 8th block.
    const skip = state.misses >= 2 && state.misses % 8 !== 0;
    if (skip || !splitExactly(values, s, e, split)) {
      const zeros = !skip && sums[2] === 0;
      // Only ±0 adds nothing, unless "every input so far was -0" is still open.
      if (!zeros || state.signAnd < 0) addRangeToSlots(slots, values, s, e, state);
      if (!zeros) state.misses++;
      continue;
    }
    state.misses = 0;
    if (sums[0] !== 0) addToSlots(slots, sums[0], state);
    if (sums[1] !== 0) addToSlots(slots, sums[1], state);
    // A block that splits holds a nonzero value, so the inputs are not all -0.
    state.signAnd = 0;
    const sumAbs = sums[2];
    if (sumAbs > split.upper * 0.5 || sumAbs < split.upper * (1 / 64)) {
      // Re-centre the guess one spare bit above the block's own exponent (a guess far too
      // high would tighten the smallest |x| the quick test accepts).
      split.set(Math.min(Math.max(exponentOf(sumAbs), -1022) + 4, 1022));
    }
  }
  state.guess = split.k;
}

/**
 * Splits values[start..end) and leaves its exact q and r sums in sums[0] and sums[1], or
 * returns false when the block cannot be split exactly (or holds only zeros). May move
 * `split` to the block's own exponent.
 */
function splitExactly(values: ArrayLike<number>, start: number, end: number, split: Split): boolean {
  splitBlock(values, start, end, split.sigma);
  const sumAbs = sums[2];
  if (sumAbs <= split.upper && sums[3] >= split.lower) return true;
  if (!(sumAbs > 0 && sumAbs < Infinity)) return false; // zeros, NaN or Infinity
  if (!(sumAbs <= split.upper)) {
    const own = Math.max(exponentOf(sumAbs), -1022) + 3;
    if (own > 1022) return false;
    split.set(own);
  }
  // Second chance, for zeros or a wide range: check exactly that every r is on the grid.
  splitBlockOnGrid(values, start, end, split.sigma, split.grid);
  return sums[3] === 0;
}
