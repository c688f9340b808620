/**
 * Unbiased bounded integers by rejection, position-pure: the candidate for position w in
 * attempt j is word w of stream j (bits.ts numbering), so a redraw never shifts any other
 * position's bits.
 */

import { wordAt } from './bits.js';
import type { RandomKey } from './key.js';

const TWO_POW_32 = 4294967296;

/**
 * Candidates at or above this are rejected for `range` (1 ≤ range ≤ 2^32): the largest multiple
 * of `range` not above 2^32, so `word mod range` is exactly uniform on the accepted words.
 */
export function acceptLimit(range: number): number {
  return TWO_POW_32 - (TWO_POW_32 % range);
}

/**
 * The integer in [0, range) for position `word`: `w mod range` for the first word w of
 * position `word` in streams 0, 1, 2, … that is below `limit = acceptLimit(range)`.
 * `first` is the stream-0 word, already drawn in bulk by the caller.
 */
export function boundedAt(
  k: RandomKey,
  word: number,
  range: number,
  limit: number,
  first: number,
  scratch: Uint32Array,
): number {
  let candidate = first;
  for (let stream = 1; candidate >= limit; stream++) {
    candidate = wordAt(k, stream, word, scratch);
  }
  return candidate % range;
}
