/**
 * The fast path of exact summation: values go in blocks of up to 512 through the splitting
 * loops of exact-split.ts, so that only two or three exact partial sums per block reach the
 * slots of exact-slots.ts. With sigma = 1.5 * 2^k and S = sum of |x| over the block:
 * - q sums: every partial sum is a multiple of 2^(k-52) below 2^(k+1) when S <= 2^(k-2), so
 *   all are exact (and every |x| <= 2^(k-1), as the split needs).
 * - r sums: every partial sum is below 512 * 2^(k-53) = 2^(k-44), so all are exact when every r
 *   is a multiple of U = 2^(k-97). The quick pass knows this from the block's minimum: each
 *   nonzero |x| >= 2^(k-45) has an ulp >= U (a range of about 34 bits below the largest
 *   values). The grid pass checks it exactly instead (blocks holding zeros, or values with
 *   short mantissas over a wider range).
 * - The two-level pass splits r again at sigma2 = 1.5 * 2^k2, k2 = k - 42 (the r's sum to at
 *   most 2^(k-44) = 2^(k2-2): the same argument one level down) and checks the remainders on
 *   the grid 2^(k2-97) = 2^(k-139): full mantissas down to 2^(k-87), a range of about 75 bits,
 *   and wider for shorter mantissas (float32 data spread over 2^±40, say).
 * A block none of them can take (NaN, Infinity, values near 2^1024, a range too wide) goes
 * value by value into the slots. The pass that worked is tried first on the next block.
 */

import { addRangeToSlots, addToSlots, exponentOf, pow2, type SlotState } from './exact-slots.js';
import { splitOnGrid, splitQuick, splitSums, splitTwice } from './exact-split.js';

const BLOCK = 512;
/** Below this k the grid 2^(k-97) is finer than 2^-1074 and every double lies on it. */
const K_FINE_GRID = -977;
/** The passes, cheapest first. */
const QUICK = 0, GRID = 1, TWICE = 2, SLOTS = 3;
/** Every this many blocks the quick pass is tried first again, in case the data changed. */
const PROBE_EVERY = 16;

/** Carried from block to block. */
export interface BlockState extends SlotState {
  /** The exponent k likely to fit the next block. */
  guess: number;
  /** The cheapest pass that worked on the last block (QUICK, GRID, TWICE or SLOTS). */
  mode: number;
  /** Blocks seen so far. */
  blocks: number;
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
  /** The second level's sigma, and its grid rounding for the final remainders. */
  sigma2 = 0;
  grid2 = 0;

  constructor(k: number) {
    this.set(k);
  }

  set(k: number): void {
    this.k = k;
    this.sigma = 1.5 * pow2(k);
    this.upper = pow2(k - 2);
    this.lower = pow2(k - 45);
    this.grid = k >= K_FINE_GRID ? 1.5 * pow2(k - 45) : 0;
    const k2 = Math.max(k - 42, -1022);
    this.sigma2 = 1.5 * pow2(k2);
    this.grid2 = k2 >= K_FINE_GRID ? 1.5 * pow2(k2 - 45) : 0;
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
    // No guess yet: a light pass for the first block's scale saves a failed split.
    if (state.blocks === 0) split.set(guessFor(sumOfAbs(values, s, e)));
    const probe = state.blocks % PROBE_EVERY === 0;
    state.blocks++;
    const parts = splitExactly(values, s, e, split, state, probe ? QUICK : state.mode);
    if (parts <= 0) {
      // Only ±0 (parts -1) adds nothing, unless "every input so far was -0" is still open.
      if (parts === 0 || state.signAnd < 0) addRangeToSlots(slots, values, s, e, state);
      continue;
    }
    if (splitSums[0] !== 0) addToSlots(slots, splitSums[0], state);
    if (splitSums[1] !== 0) addToSlots(slots, splitSums[1], state);
    if (parts === 3 && splitSums[4] !== 0) addToSlots(slots, splitSums[4], state);
    // A block that splits holds a nonzero value, so the inputs are not all -0.
    state.signAnd = 0;
    const sumAbs = splitSums[2];
    if (sumAbs > split.upper * 0.5 || sumAbs < split.upper * (1 / 64)) split.set(guessFor(sumAbs));
  }
  state.guess = split.k;
}

/**
 * Splits values[start..end) with the cheapest pass that is exact, from `mode` up, and returns
 * how many of splitSums[0], [1], [4] hold its exact sums (2 or 3); 0 when no pass can take the
 * block, -1 when it holds only zeros. Records the pass in state.mode; may move `split` to the
 * block's own k.
 */
function splitExactly(
  values: ArrayLike<number>, start: number, end: number, split: Split, state: BlockState, mode: number,
): number {
  while (mode !== SLOTS) {
    if (mode === QUICK) splitQuick(values, start, end, split.sigma);
    else if (mode === GRID) splitOnGrid(values, start, end, split.sigma, split.grid);
    else splitTwice(values, start, end, split.sigma, split.sigma2, split.grid2);
    const sumAbs = splitSums[2];
    if (!(sumAbs > 0 && sumAbs < Infinity)) return sumAbs === 0 ? -1 : 0; // zeros, NaN, ±Infinity
    const own = Math.max(exponentOf(sumAbs), -1022) + 3; // the smallest k with sumAbs <= 2^(k-2)
    if (own > 1022) break;
    if (sumAbs <= split.upper && (mode === QUICK ? splitSums[3] >= split.lower : splitSums[3] === 0)) {
      state.mode = mode;
      return mode === TWICE ? 3 : 2;
    }
    // The guess was too small (same pass again) or the pass cannot take the block: then a
    // costlier one, the grid pass only for zeros (over a wide range of full mantissas it
    // would fail like the quick one). Either way at the block's own k, the smallest, whose
    // grids are the finest.
    if (sumAbs <= split.upper) mode = mode === QUICK && splitSums[3] !== 0 ? TWICE : mode + 1;
    split.set(own);
  }
  state.mode = SLOTS;
  return 0;
}

/**
 * The guess for blocks like one with this sum of |x|: one spare bit above the smallest k that
 * fits, so that a slightly larger block still fits (a guess far too high would tighten the
 * smallest |x| the quick pass accepts).
 */
function guessFor(sumAbs: number): number {
  return sumAbs > 0 && sumAbs < Infinity ? Math.min(Math.max(exponentOf(sumAbs), -1022) + 4, 1022) : 0;
}

function sumOfAbs(values: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += Math.abs(values[i]);
  return sum;
}
